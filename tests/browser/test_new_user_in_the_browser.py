"""Tried as a new user would, in a real browser: log in, see the unit's costs, only one's own team's clients,
and import a register file with preview and progress."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from insatskollen.register.models import Decision

from ..conftest import FIXTURES, PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_sees_costs_and_only_the_own_teams_clients(page, alice, client_a, client_b, make_decision):
    make_decision(client_a)
    make_decision(client_b)
    log_in(page, "alice", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kostnader")
    expect(page.get_by_text("Så här gör du")).to_be_visible()

    page.get_by_role("link", name="Klienter", exact=True).first.click()
    page.get_by_label(re.compile("Sök")).fill("19870312-1239")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=re.compile("19870312-\\*{4}"))).to_be_visible()
    assert "870312" not in page.url and "sokning=" in page.url  # the search is posted: no personnummer in the URL

    page.get_by_label(re.compile("Sök")).fill("19950704-2464")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=re.compile("19950704"))).to_have_count(0)

    response = page.goto(f"/klienter/{client_b.pk}/")
    assert response.status == 404
    response = page.goto(f"/klienter/{client_a.pk}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("19870312-1239")


@pytest.fixture
def inline_imports(settings, tmp_path):
    """The import runs in the web process (no queue worker in this test; tests/web/test_import_queue.py has one)."""
    settings.IMPORT_JOBS_INLINE = True
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"


def test_the_unit_head_imports_a_register_through_preview_and_progress(page, hanna, inline_imports):
    log_in(page, "hanna", PASSWORD)
    page.goto("/import/")
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "register_small.csv"))
    page.get_by_role("button", name=re.compile("Kontrollera|Ladda upp|Förhandsgranska")).click()
    expect(page.get_by_text("Filen är kontrollerad och utan fel.")).to_be_visible(timeout=30_000)
    expect(page.locator("dt:has-text('Nya beslut') + dd")).to_have_text("17")
    assert Decision.objects.count() == 0
    page.get_by_role("button", name="Genomför importen").click()
    expect(page.get_by_text("Importen är genomförd.")).to_be_visible(timeout=30_000)
    assert Decision.objects.count() == 17


def test_a_refused_file_lists_its_errors_in_the_browser(page, hanna, inline_imports):
    log_in(page, "hanna", PASSWORD)
    page.goto("/import/")
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "register_bad.csv"))
    page.get_by_role("button", name=re.compile("Kontrollera|Ladda upp|Förhandsgranska")).click()
    expect(page.get_by_text("2025-13-01")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Genomför importen")).to_have_count(0)
    assert Decision.objects.count() == 0
