"""Pages name people by their full name and teams by their name, not by username or team code. Usernames show
only where the identifier is the point: the audit log gives "Oskar Falk (oskar.falk)"."""

import datetime as dt
import html
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.accounts.models import Role, Team
from insatskollen.casework.models import DelegationRule, Proposal
from insatskollen.casework.services import decision_submit
from insatskollen.planning.services import planned_event_create

from ..conftest import make_user

TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.DOTALL)
USERNAMES = ("oskar.falk", "eva.lind")
TEAM_CODE = "vuxna-sol"


def visible_text(response) -> str:
    assert response.status_code == 200
    return html.unescape(TAGS.sub(" ", response.content.decode())).replace("\xa0", " ")


@pytest.fixture
def unit_with_people(unit, client_a, make_decision, home_help, group_home, provider, time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    team = Team.objects.create(unit=unit, name="Team Vuxna SoL", code=TEAM_CODE)
    client_a.team = team
    client_a.save()
    oskar = make_user("oskar.falk", Role.CASEWORKER, team, first_name="Oskar", last_name="Falk")
    eva = make_user("eva.lind", Role.UNIT_HEAD, first_name="Eva", last_name="Lind")
    decided = dt.date(2024, 1, 10)  # review overdue
    make_decision(client_a, external_id="B-GB", caseworker=oskar, decision_date=decided, start_date=decided)
    # 38 hours a week: just below the 40-hour level, and a SoL home help with an LSS twin for an LSS client.
    make_decision(client_a, external_id="B-HH", intervention_type=home_help, unit="tim/vecka", extent=Decimal(38),
                  price=Decimal(350), caseworker=oskar, decision_date=decided, start_date=decided)
    DelegationRule.objects.create(law="LSS", description="Alla LSS-beslut")
    decision_submit(actor=oskar, kind=Proposal.Kind.CREATE, fields={
        "client": client_a, "intervention_type": group_home, "extent": Decimal(1), "unit": "dygn",
        "price": Decimal(3000), "provider": provider, "decision_date": dt.date(2025, 6, 16),
        "start_date": dt.date(2025, 7, 1), "caseworker": oskar})
    planned_event_create(actor=eva, title="Ärendedragning SoL", team=team, first_date=dt.date(2025, 6, 17))
    return {"oskar": oskar, "eva": eva, "client": client_a, "proposal": Proposal.objects.get()}


def pages(people) -> list[str]:
    return [reverse("web:home"), reverse("web:worklist_reviews"), reverse("web:caseload"),
            reverse("web:worklist_threshold"), reverse("web:worklist_sol_lss"), reverse("web:worklist_plans"),
            reverse("web:proposals"), reverse("web:proposal_detail", args=[people["proposal"].pk]),
            reverse("web:client", args=[people["client"].pk]), reverse("web:year_plan"),
            reverse("web:review_coverage"), reverse("web:conferences"), reverse("web:notifications")]


@pytest.mark.parametrize("persona", ["eva", "oskar"])
def test_main_pages_show_names_not_usernames(browser_for, unit_with_people, persona):
    browser = browser_for(unit_with_people[persona])
    seen_names = set()
    for url in pages(unit_with_people):
        response = browser.get(url)
        if response.status_code == 403:  # a caseworker may not open the unit head's lists
            continue
        text = visible_text(response)
        for username in USERNAMES:
            assert username not in text, f"{username} shown on {url}"
        assert not re.search(rf"(?<![\w-]){TEAM_CODE}(?![\w-])", text), f"team code shown on {url}"
        seen_names.update(name for name in ("Oskar Falk", "Team Vuxna SoL") if name in text)
    assert seen_names == {"Oskar Falk", "Team Vuxna SoL"}  # the pages do name them


def test_the_threshold_and_sol_lss_lists_name_the_caseworker_and_team(browser_for, unit_with_people):
    browser = browser_for(unit_with_people["eva"])
    threshold = visible_text(browser.get(reverse("web:worklist_threshold")))
    assert re.search(r"B-HH\s+19870312-\*{4}\s+6115\s+Oskar Falk\s+Team Vuxna SoL\s", threshold)
    assert "Oskar Falk" in visible_text(browser.get(reverse("web:worklist_sol_lss")))


def test_the_audit_log_gives_the_name_and_the_username(browser_for, ada, unit_with_people):
    text = visible_text(browser_for(ada).get(reverse("web:audit")))
    assert "Oskar Falk (oskar.falk)" in text and "Eva Lind (eva.lind)" in text
