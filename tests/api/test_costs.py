"""Costs through the API: the same figures as the costs command, over what the user may see."""

from __future__ import annotations

import json

import pytest

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision

from ..costing.reference import from_register, year_rounded_once


@pytest.fixture
def imported_register(db, fixtures_dir):
    result = register_import(fixtures_dir / "register_small.xlsx", actor=None)
    assert result.status == "imported", result.as_dict()
    return json.loads((fixtures_dir / "expected.json").read_text())["register_small"]


def test_an_admin_sees_the_registers_months_as_expected(api, ada, imported_register):
    reply = api.get("/api/costs", user=ada, year=2025)
    assert reply.status == 200, reply
    assert reply.body["year"] == 2025
    expected = imported_register["months_2025"]
    assert set(reply.body["months"]) == set(expected)
    for month, figures in expected.items():
        for kind in ("cost", "revenue", "net"):
            assert reply.body["months"][month][kind] == pytest.approx(figures[kind], abs=0.01), (month, kind)
    reference = year_rounded_once(from_register(Decision.objects.all()), 2025)
    for kind in ("cost", "revenue", "net"):
        assert reply.body["total"][kind] == float(reference[kind])
    assert reply.body["by"] == {}


def test_costs_by_intervention_code(api, ada, imported_register):
    reply = api.get("/api/costs", user=ada, year=2025, by="insatskod")
    expected = imported_register["cost_2025_per_insatskod"]
    got = {code: f["cost"] for code, f in reply.body["by"].items()}
    for code in set(expected) | set(got):  # a code with no decision in 2025 may be absent: it costs 0
        assert got.get(code, 0.0) == pytest.approx(expected.get(code, 0.0), abs=0.01), code


def test_a_caseworker_counts_only_their_teams_decisions(api, alice, hanna, decision_a, decision_b):
    # Gruppbostad 3 250 kr per dygn from 1 February: 334 days of 2025.
    assert api.get("/api/costs", user=alice, year=2025).body["total"]["cost"] == pytest.approx(3250 * 334)
    assert api.get("/api/costs", user=hanna, year=2025).body["total"]["cost"] == pytest.approx(2 * 3250 * 334)


def test_clients_are_masked_for_every_role_outside_the_clients_own_page(api, hanna, carl, decision_a, decision_b):
    for user in (hanna, carl):
        assert set(api.get("/api/costs", user=user, year=2025, by="klient").body["by"]) == {
            "19870312-****", "19950704-****"}


def test_a_bad_grouping_or_missing_year_is_422_in_swedish(api, ada):
    reply = api.get("/api/costs", user=ada, year=2025, by="kommun")
    assert reply.status == 422
    assert reply.body["errors"]["by"].startswith("Ogiltigt värde. Tillåtna värden: 'insatskod'")
    assert api.get("/api/costs", user=ada).body["errors"]["year"] == "Fältet måste anges."


def test_costs_cost_a_fixed_number_of_queries(api, ada, imported_register, django_assert_max_num_queries):
    key = api.key_for(ada)
    with django_assert_max_num_queries(4):
        assert api.get("/api/costs", key=key, year=2025, by="utforare").status == 200
