"""Each sample register file imported into an empty database gives exactly the expected figures."""

import pytest

from insatskollen.costing.selectors import year_summary
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Client, Decision, DecisionVersion

from ..costing.reference import from_register, year_rounded_once
from .helpers import EXPECTED, FIXTURES

SAMPLES = ["register_small.xlsx", "register_small.csv", "register_small_cp1252.csv"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", SAMPLES)
def test_sample_gives_the_expected_monthly_yearly_and_per_code_figures(name):
    result = register_import(FIXTURES / name, actor=None)
    assert result.status == "imported", result.errors
    expected = EXPECTED["register_small"]
    assert result.created == expected["rows"]
    assert Client.objects.count() == expected["clients"]

    summary = year_summary(Decision.objects.all(), 2025, by="insatskod")
    for month, figures in expected["months_2025"].items():
        got = summary.months[month]
        assert float(got.cost) == pytest.approx(figures["cost"], abs=0.01), month
        assert float(got.revenue) == pytest.approx(figures["revenue"], abs=0.01), month
        assert float(got.net) == pytest.approx(figures["net"], abs=0.01), month
    # The year is rounded once from its exact sum (tests/costing/reference.py), a few öre from the sum of the
    # rounded months that expected.json's year_2025 gives.
    reference = year_rounded_once(from_register(Decision.objects.all()), 2025)
    for key in ("cost", "revenue", "net"):
        assert getattr(summary.total, key) == reference[key]
        assert float(getattr(summary.total, key)) == pytest.approx(expected["year_2025"][key], abs=0.05)
    for code, cost in expected["cost_2025_per_insatskod"].items():
        got = summary.by.get(code)
        assert float(got.cost if got else 0) == pytest.approx(cost, abs=0.01), code


@pytest.mark.django_db
def test_leap_year_february_of_2024_is_priced_for_29_days():
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    summary = year_summary(Decision.objects.filter(external_id="B-1017"), 2024)
    assert float(summary.months["2024-02"].cost) == pytest.approx(EXPECTED["register_small"]["B-1017_cost_2024_02"],
                                                                  abs=0.01)


@pytest.mark.django_db
def test_active_decisions_on_a_date():
    register_import(FIXTURES / "register_small.csv", actor=None)
    import datetime as dt

    day = dt.date(2025, 6, 30)
    active = sorted(d.external_id for d in Decision.objects.all() if d.is_active_on(day))
    assert active == EXPECTED["register_small"]["active_decisions_2025_06_30"]


@pytest.mark.django_db
def test_every_imported_decision_has_its_first_version_known_from_its_decision_date():
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    for decision in Decision.objects.all():
        version = DecisionVersion.objects.get(decision=decision)
        assert version.number == 1 and version.source == "import"
        assert version.known_at.astimezone().date() == decision.decision_date or \
            version.known_at.date() <= decision.decision_date


@pytest.mark.django_db
def test_samordningsnummer_and_ten_digit_personnummer_are_stored_as_twelve_digits():
    register_import(FIXTURES / "register_small.csv", actor=None)
    assert Client.objects.filter(personal_number="196608677347").exists()
    assert Client.objects.filter(personal_number="200909213183").exists()


@pytest.mark.django_db
def test_an_imported_decision_has_the_same_first_version_as_one_created_in_the_ui():
    register_import(FIXTURES / "register_small.csv", actor=None)
    version = DecisionVersion.objects.get(decision__external_id="B-1006")
    assert version.kind == "created"
    assert version.changes["extent"] == [None, "38"]
    assert version.changes["ifo_share_pct"] == [None, "25"]
    assert "end_date" not in version.changes
