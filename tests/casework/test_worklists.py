"""Crafted cases for the contract, FK, threshold and plans worklists, through the command's JSON."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from insatskollen.fk.rates import fk_rate
from insatskollen.register.models import Contract, InterventionType

AS_OF = "2025-06-30"


def worklist(kind, *extra):
    out = StringIO()
    call_command("worklist", kind, "--as-of", AS_OF, *extra, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def assistance(db):
    return InterventionType.objects.create(code="6220", name="Personlig assistans", law="LSS", unit="tim/vecka")


@pytest.fixture
def sol_assistance(db):
    return InterventionType.objects.create(code="6135", name="Assistansliknande hemtjänst", law="SoL",
                                           unit="tim/månad")


def hours(make_decision, client, itype, extent, unit="tim/vecka", **extra):
    return make_decision(client, intervention_type=itype, extent=Decimal(extent), unit=unit,
                         price=Decimal(350), **extra)


def test_fk_candidates_above_twenty_hours_sorted_by_saving(client_a, make_decision, assistance, sol_assistance,
                                                           home_help):
    hours(make_decision, client_a, assistance, 30, external_id="B-30")
    hours(make_decision, client_a, assistance, 20, external_id="B-20")
    hours(make_decision, client_a, sol_assistance, 260, unit="tim/månad", external_id="B-SOL")  # 60 h/week
    hours(make_decision, client_a, home_help, 40, external_id="B-HEMTJ")  # ordinary home help: not FK
    result = worklist("fk")
    assert [i["decision"] for i in result["items"]] == ["B-SOL", "B-30"]
    rate = float(fk_rate(2025))
    assert rate == 342.60
    assert result["items"][1]["yearly_saving"] == pytest.approx(10 * 52 * rate)
    assert result["items"][0]["hours"] == 60


def test_contracts_expiring_ranked_by_cost(client_a, client_b, make_decision, provider, group_home):
    soon = Contract.objects.create(reference="IA-SOON", provider=provider, is_individual=True,
                                   valid_to=dt.date(2025, 7, 30), client=client_a)
    dear = Contract.objects.create(reference="IA-DEAR", provider=provider, is_individual=True,
                                   valid_to=dt.date(2025, 12, 1), client=client_b)
    Contract.objects.create(reference="IA-LATE", provider=provider, is_individual=True, valid_to=dt.date(2026, 6, 1))
    Contract.objects.create(reference="RAM", provider=provider, is_individual=False, valid_to=dt.date(2025, 7, 1))
    Contract.objects.create(reference="IA-GONE", provider=provider, is_individual=True, valid_to=dt.date(2025, 1, 1))
    make_decision(client_a, contract=soon, price=Decimal(2000), external_id="B-A")
    make_decision(client_b, contract=dear, price=Decimal(4000), external_id="B-B")
    items = worklist("contracts")["items"]
    assert [i["contract"] for i in items] == ["IA-DEAR", "IA-SOON"]
    assert items[1]["days_left"] == 30
    assert items[0]["annual_cost"] > items[1]["annual_cost"] > 0
    assert [i["contract"] for i in worklist("contracts", "--team", "team-a")["items"]] == ["IA-SOON"]


def test_threshold_flags_hours_just_below_a_level(client_a, make_decision, home_help):
    hours(make_decision, client_a, home_help, 38, external_id="B-38")
    hours(make_decision, client_a, home_help, 40, external_id="B-40")
    hours(make_decision, client_a, home_help, 30, external_id="B-30")
    items = worklist("threshold")["items"]
    assert [(i["decision"], i["threshold"], i["gap"]) for i in items] == [("B-38", 40.0, 2.0)]


def test_reviews_json_shape_and_team_filter(client_a, client_b, make_decision):
    make_decision(client_a, external_id="B-A", decision_date=dt.date(2024, 1, 1), start_date=dt.date(2024, 1, 1))
    make_decision(client_b, external_id="B-B", decision_date=dt.date(2024, 1, 1), start_date=dt.date(2024, 1, 1))
    result = worklist("reviews", "--until", "2025-09-30")
    assert result["as_of"] == AS_OF
    assert {i["decision"] for i in result["items"]} == {"B-A", "B-B"}
    assert set(result["items"][0]) == {"decision", "client", "code", "caseworker", "team", "due", "annual_cost",
                                       "overdue"}
    assert "198703121239" not in json.dumps(result)
    only_a = worklist("reviews", "--team", "team-a")["items"]
    assert [(i["decision"], i["team"], i["due"], i["overdue"]) for i in only_a] == [
        ("B-A", "team-a", "2025-01-01", True)]
