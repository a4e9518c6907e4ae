"""The page Resursfördelning: Table 5 for a year and provider kind, persons largest gap first, the counts per date;
a caseworker sees only their team's cases, the controller never a full personnummer; the xlsx download is safe from
formula injection and audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.models import Provider
from insatskollen.register.services import client_get_or_create

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date
URL = reverse("web:allocation")


@pytest.fixture
def unit_2018(tmp_path, make_decision, residents, team_b, bob):
    """Team A: a level-2 resident at Solgläntan (privat, 3 000 kr/dygn). Team B: a level-4 resident at
    "=HYPERLINK(…)" (a provider name a spreadsheet would run), 5 000 kr/dygn."""
    import_rates(tmp_path, 2018)
    mine = residents[0]
    theirs = client_get_or_create(personal_number="199507042464", actor=None, team=team_b)[0]
    odd = Provider.objects.create(name='=HYPERLINK("http://x","y")', kind="privat")
    placement(make_decision, mine, level="2", start=D(2015, 1, 1))
    placement(make_decision, theirs, level="4", start=D(2015, 1, 1), price=5000, provider=odd, caseworker=bob)
    return mine, theirs


def page(browser, **params) -> str:
    response = browser.get(URL, {"year": 2018, "per": "2018-12-31", **params})
    assert response.status_code == 200
    return response.content.decode().replace("\u00a0", " ")


def test_the_unit_head_sees_table_5_and_the_largest_gap_first(browser_for, hanna, unit_2018):
    html = page(browser_for(hanna))

    # Schablon: 900 000 + 1 500 000; cost: (3 000 + 5 000) × 365 = 2 920 000; difference +520 000.
    assert "2 400 000 kr" in html and "2 920 000 kr" in html and "+520 000 kr" in html
    # Team B's resident: 5 000 × 365 − 1 500 000 = +325 000 comes before team A's 3 000 × 365 − 900 000 = +195 000.
    assert html.index("+325 000 kr") < html.index("+195 000 kr")
    assert "1995-07-04" in html.replace("19950704", "1995-07-04")  # the unit head sees the full personnummer


def test_a_caseworker_sees_only_their_team(browser_for, alice, unit_2018):
    html = page(browser_for(alice))

    assert "Du ser bara ditt teams ärenden" in html
    assert "900 000 kr" in html and "1 095 000 kr" in html  # 3 000 × 365
    assert "2 400 000 kr" not in html and "1 825 000 kr" not in html  # team B's 5 000 × 365
    assert "1995" not in html.split('id="rates"')[0]


def test_the_controller_sees_masked_personal_numbers(browser_for, carl, unit_2018):
    mine, _ = unit_2018
    html = page(browser_for(carl))
    assert mine.personal_number not in html and "19800110-5009" not in html


def test_the_provider_kind_filter(browser_for, hanna, unit_2018):
    html = page(browser_for(hanna), utforartyp="egen regi")
    assert "Inga personer har insatser med schablon 2018 (egen regi)." in html
    assert "−0 kr" not in html  # no table of zeros


def test_the_xlsx_download_neutralises_formulas_and_is_audited(browser_for, hanna, unit_2018):
    response = browser_for(hanna).get(reverse("web:allocation_xlsx"), {"year": 2018, "per": "2018-12-31"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    people = workbook["Personer"]
    providers = [row[3] for row in people.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in providers
    table = workbook["Tabell 5"]
    rows = {row[0]: row for row in table.iter_rows(min_row=5, values_only=True)}
    assert rows["Boende LSS"][4] == 2_400_000 and rows["Boende LSS"][6] == 520_000
    # Amounts grouped in thousands the reader's way (Swedish Excel: "2 400 000"), not "2400 000".
    assert {cell.number_format for cell in table[5][2:]} == {"#,##0"}
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED, object_type="allocation").count() == 1
