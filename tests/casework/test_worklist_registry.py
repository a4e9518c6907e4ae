"""One registry of worklists: every worklist page is in it; the hub shows a list exactly to those its page lets in;
the `worklist` command prints the lists the registry can build, by the registry's keys."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from insatskollen.casework.worklists import REGISTRY, WORKLISTS

pytestmark = pytest.mark.django_db

# Pages under arbetslistor/ that are not lists: the hub itself and a form.
NOT_LISTS = {"worklists", "fk_case_create"}
PERSONAS = ["alice", "hanna", "carl", "ada"]


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def worklist_pages() -> set[str]:
    """URL names that are worklists: every `worklist_*` page, and every page under arbetslistor/ without an id."""
    found = set()
    for path, name in _routes(get_resolver().url_patterns):
        if name and (name.startswith("worklist_") or (path.startswith("arbetslistor/") and "<" not in path)):
            found.add(name)
    return found - NOT_LISTS


def test_every_worklist_page_is_in_the_registry():
    registered = {w.url_name for w in REGISTRY}
    missing = worklist_pages() - registered
    assert not missing, f"worklist pages missing from casework.worklists.REGISTRY: {sorted(missing)}"


def test_the_registry_keys_are_unique_and_every_entry_has_a_swedish_title_and_routine():
    assert len(WORKLISTS) == len(REGISTRY)
    for w in REGISTRY:
        assert w.title and len(w.routine) > 40, w.key
        reverse(f"web:{w.url_name}")


def hub_titles(browser) -> set[str]:
    page = browser.get(reverse("web:worklists")).content.decode()
    return set(re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', page))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_hub_shows_a_list_exactly_when_its_page_opens(request, browser_for, persona):
    browser = browser_for(request.getfixturevalue(persona))
    shown = hub_titles(browser)
    for w in REGISTRY:
        status = browser.get(reverse(f"web:{w.url_name}")).status_code
        assert status in (200, 403), (w.key, status)
        assert (w.title in shown) == (status == 200), (persona, w.key, status)


def test_the_controller_now_sees_the_fk_list_its_page_always_opened(browser_for, carl):
    # The old hub repeated the access rules and hid Försäkringskassan from the controller, whose page opened.
    assert "Försäkringskassan" in hub_titles(browser_for(carl))
    assert "Omprövningar" not in hub_titles(browser_for(carl))


def test_the_command_knows_every_list_the_registry_can_build():
    with pytest.raises(CommandError) as refused:
        call_command("worklist", "no-such-list", "--as-of", "2026-01-01")
    offered = set(re.findall(r"'([a-z_]+)'", str(refused.value)))
    assert offered == {w.key for w in REGISTRY if w.build is not None}
    assert {"reviews", "contracts", "fk", "plans", "threshold", "sol_lss", "measurement", "level_watch"} <= offered
