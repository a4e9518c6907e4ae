"""The demo generator (pure, no database): the same seed gives the same unit, and the unit looks like the
2007 report's: about 700 active clients, Table 4's counts, valid identity numbers, a history of changes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from insatskollen.core.identity import parse_org_number, parse_personal_number
from insatskollen.demo.catalogue import CASEWORKERS, PROVIDERS
from insatskollen.demo.generator import generate_demo
from insatskollen.demo.prices import fk_rate

TODAY = dt.date(2026, 11, 22)
TEAM_OF = {u.username: u.team_code for u in CASEWORKERS}


@pytest.fixture(scope="module")
def unit():
    return generate_demo(seed=1, clients=700, years=4, today=TODAY)


def active_on(data, day):
    return [d for d in data.decisions
            if d.state()["start_date"] <= day and (d.state()["end_date"] is None or d.state()["end_date"] >= day)]


def count(data, code, day):
    return sum(1 for d in active_on(data, day) if d.code == code)


def test_the_same_seed_gives_the_same_unit_and_another_seed_another():
    first = generate_demo(seed=7, clients=120, years=3, today=TODAY)
    again = generate_demo(seed=7, clients=120, years=3, today=TODAY)
    other = generate_demo(seed=8, clients=120, years=3, today=TODAY)

    assert first == again
    assert [c.personal_number for c in first.clients] == [c.personal_number for c in again.clients]
    assert {c.personal_number for c in first.clients} != {c.personal_number for c in other.clients}


def test_every_personnummer_is_valid_unique_and_some_are_coordination_numbers(unit):
    parsed = [parse_personal_number(c.personal_number, today=TODAY) for c in unit.clients]

    assert len({p.digits for p in parsed}) == len(unit.clients)
    assert 0 < sum(p.is_coordination_number for p in parsed) < len(parsed) / 10


def test_providers_have_valid_organisation_numbers_and_every_kind():
    for provider in PROVIDERS:
        assert parse_org_number(provider.org_number) == provider.org_number
    assert {p.kind for p in PROVIDERS} == {"egen regi", "privat", "LOV", "annan kommun/SDN"}


def test_about_700_clients_are_active_today_each_with_one_to_three_decisions(unit):
    per_client = Counter(d.client_key for d in active_on(unit, TODAY))

    assert 650 <= len(per_client) <= 760
    assert set(per_client.values()) <= {1, 2, 3}
    assert per_client.most_common()[-1][1] == 1 and per_client.most_common(1)[0][1] == 3


def test_monthly_counts_follow_table_4_of_the_2007_report(unit):
    start = unit.history_start
    assert 95 <= count(unit, "6510", TODAY) <= 108  # gruppbostad 103 → 102
    assert 150 <= count(unit, "6330", TODAY) <= 175  # daglig verksamhet 160 → 167
    assert 90 <= count(unit, "LASS", TODAY) <= 104  # LASS 98
    assert 85 <= count(unit, "6115", start) <= 102 and 118 <= count(unit, "6115", TODAY) <= 136  # hemhjälp 95 → 128
    assert count(unit, "6185", start) <= 6 and count(unit, "6185", TODAY) >= 15  # boendestöd 4 → 20
    assert 17 <= count(unit, "6410", TODAY) + count(unit, "6420", TODAY) <= 23  # barnboende 20


def test_each_decision_is_handled_in_its_clients_team(unit):
    team_of_client = {c.key: c.team_code for c in unit.clients}
    for decision in unit.decisions:
        caseworkers = [decision.initial["caseworker"]] + [
            e.changes["caseworker"] for e in decision.events if "caseworker" in e.changes]
        assert {TEAM_OF[u] for u in caseworkers} == {team_of_client[decision.client_key]}


def test_children_are_in_the_children_team_and_gruppbostad_residents_in_adults_lss(unit):
    team_of_client = {c.key: c.team_code for c in unit.clients}
    main_codes = {}
    for decision in sorted(unit.decisions, key=lambda d: d.known_on):
        main_codes.setdefault(decision.client_key, decision.code)
    assert {team_of_client[k] for k, code in main_codes.items() if code in ("6410", "6420", "6430")} == {
        "barn-och-unga"}
    assert {team_of_client[k] for k, code in main_codes.items() if code == "6510"} == {"vuxna-lss"}


def test_history_holds_reviews_indexation_changes_and_ends_all_known_by_today(unit):
    changed_fields = Counter(field for d in unit.decisions for e in d.events for field in e.changes)

    for field in ("last_review_date", "price", "extent", "level", "caseworker", "end_date"):
        assert changed_fields[field] > 50, field
    for decision in unit.decisions:
        days = [e.known_on for e in decision.events]
        assert days == sorted(days)
        assert all(decision.known_on <= day <= TODAY for day in days)
    januaries = Counter(e.known_on for d in unit.decisions for e in d.events if e.known_on.timetuple().tm_yday == 1)
    assert sorted(day.year for day in januaries) == [2023, 2024, 2025, 2026]


def test_a_running_decision_carries_this_years_price(unit):
    group_homes = [d.state() for d in active_on(unit, TODAY) if d.code == "6510" and d.provider.startswith("Egen")]
    # Stockholm's 2024 gruppbostad payments (kommunal regi, 1 493–5 119 kr/dygn), indexed to 2026.
    assert all(Decimal(900) <= s["price"] <= Decimal(5500) for s in group_homes)
    assert {d.state()["price"] for d in active_on(unit, TODAY) if d.code == "6220"} == {fk_rate(2026)}


def test_lass_revenue_is_fk_rate_for_the_hours_above_20_a_week(unit):
    for decision in active_on(unit, TODAY):
        if decision.code != "LASS":
            continue
        state = decision.state()
        hours = state["extent"]
        assert state["price"] == Decimal("347.70")  # FK's rate 2026
        assert state["revenue_source"] == "FK"
        assert abs(state["revenue_per_unit"] * hours - Decimal("347.70") * (hours - 20)) < hours / 100


def test_individual_contracts_of_running_placements_expire_over_the_next_18_months(unit):
    running = {(d.contract, d.client_key) for d in active_on(unit, TODAY) if d.state()["end_date"] is None}
    expiring = [c for c in unit.contracts if c.is_individual and (c.reference, c.client_key) in running]

    assert len(expiring) >= 10
    assert all(TODAY < c.valid_to <= TODAY + dt.timedelta(days=550) for c in expiring)
    assert len({(c.valid_to.year, (c.valid_to.month - 1) // 3) for c in expiring}) >= 4
    assert any(not c.is_individual and c.valid_to is None for c in unit.contracts)  # LOV: open-ended
