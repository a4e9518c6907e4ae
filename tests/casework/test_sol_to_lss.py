"""SoL → LSS: SoL decisions with an LSS twin, for clients with an LSS or LASS decision, are listed to review."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from insatskollen.casework.sol_to_lss import lss_twin
from insatskollen.register.models import InterventionType
from insatskollen.register.services import client_get_or_create

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture
def types(db):
    rows = [("6165", "Ledsagarservice", "SoL", "tim/månad"), ("6160", "Ledsagarservice", "LSS", "tim/månad"),
            ("6185", "Boendestöd", "SoL", "tim/vecka"), ("6330", "Daglig verksamhet", "LSS", "månad"),
            ("LASS", "Assistansersättning", "LASS", "tim/vecka")]
    return {code: InterventionType.objects.create(code=code, name=name, law=law, unit=unit)
            for code, name, law, unit in rows}


@pytest.fixture
def client_c(team_a):
    return client_get_or_create(personal_number="198112189876", actor=None, team=team_a)[0]


def month_decision(make_decision, client, itype, external_id, **extra):
    return make_decision(client, intervention_type=itype, extent=Decimal(10), unit="tim/månad", price=Decimal(400),
                         external_id=external_id, **extra)


def worklist(*extra):
    out = StringIO()
    call_command("worklist", "sol_lss", "--as-of", AS_OF.isoformat(), *extra, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_picks_exactly_the_sol_decisions_with_a_twin_and_lss_evidence(client_a, client_b, client_c, bob,
                                                                      make_decision, types, home_help):
    # Client A: daily activity under LSS (evidence) and SoL companion service (twin 6160) → listed.
    make_decision(client_a, intervention_type=types["6330"], extent=Decimal(1), unit="månad", price=Decimal(9000),
                  external_id="A-DV")
    month_decision(make_decision, client_a, types["6165"], "A-LEDS")
    # … and SoL housing support, which has no LSS twin → not listed.
    make_decision(client_a, intervention_type=types["6185"], extent=Decimal(3), unit="tim/vecka",
                  price=Decimal(400), external_id="A-BOST")
    # Client B: only SoL → no personkrets evidence, not listed.
    month_decision(make_decision, client_b, types["6165"], "B-LEDS", caseworker=bob)
    # Client C: an LSS decision that ended in 2024 still counts; home help (twin 6220) → listed.
    month_decision(make_decision, client_c, types["6160"], "C-OLD", start_date=dt.date(2023, 1, 1),
                   decision_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 6, 30))
    make_decision(client_c, intervention_type=home_help, extent=Decimal(15), unit="tim/vecka", price=Decimal(420),
                  external_id="C-HEMTJ")
    # An ended SoL decision is not reviewed.
    month_decision(make_decision, client_c, types["6165"], "C-ENDED", end_date=dt.date(2025, 3, 31))
    result = worklist()
    assert [i["decision"] for i in result["items"]] == ["C-HEMTJ", "A-LEDS"]  # dearest first
    c, a = result["items"]
    assert (c["lss_code"], a["lss_code"], a["lss_name"]) == ("6220", "6160", "Ledsagarservice")
    assert a["evidence"] == ["A-DV (6330, pågående)"] and c["evidence"] == ["C-OLD (6160)"]
    days = (dt.date(2025, 12, 31) - dt.date(2025, 2, 1)).days + 1
    assert c["annual_cost"] == pytest.approx(15 * 420 * days / 7, abs=0.01)
    assert "personkrets" in result["note"]
    assert [i["decision"] for i in worklist("--team", "team-b")["items"]] == []


def test_lass_counts_as_evidence(client_a, make_decision, types):
    make_decision(client_a, intervention_type=types["LASS"], extent=Decimal(40), unit="tim/vecka",
                  price=Decimal(0), external_id="A-LASS")
    month_decision(make_decision, client_a, types["6165"], "A-LEDS")
    assert [i["decision"] for i in worklist()["items"]] == ["A-LEDS"]


def test_twins_only_for_sol():
    assert lss_twin("SoL", "6135") == "6220"
    assert lss_twin("SoL", "6525") == "6510"
    assert lss_twin("LSS", "6165") is None
    assert lss_twin("SoL", "6185") is None


def test_page_lists_only_own_team(browser_for, client_a, client_b, bob, alice, hanna, make_decision, types):
    from django.urls import reverse

    for client, who, suffix in ((client_a, alice, "A"), (client_b, bob, "B")):
        make_decision(client, intervention_type=types["6330"], extent=Decimal(1), unit="månad", price=Decimal(9000),
                      external_id=f"{suffix}-DV", caseworker=who)
        month_decision(make_decision, client, types["6165"], f"{suffix}-LEDS", caseworker=who)

    def page(user):
        return browser_for(user).get(reverse("web:worklist_sol_lss")).content.decode()

    html = page(alice)
    assert "A-LEDS" in html and "B-LEDS" not in html and "6160 Ledsagarservice" in html
    assert "B-LEDS" in page(hanna)
