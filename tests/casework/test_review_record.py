"""Recording a review's outcome changes the decision through the register and computes the cost effect."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.casework.models import DelegationRule, Proposal, ReviewOutcome, ReviewRecord
from insatskollen.casework.services import review_record
from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.costing.selectors import decision_monthly_costs
from insatskollen.register.models import Decision

JUNE_16_2025 = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
TODAY = dt.date(2025, 6, 16)
HOURLY = Decimal(350)
JULY_TO_DECEMBER = 184  # days


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(JUNE_16_2025, tick=False)


@pytest.fixture
def home_help_20h(make_decision, client_a, home_help):
    """20 hours a week of home help at 350 kr an hour, decided in 2024."""
    return make_decision(client_a, external_id="B-HH", intervention_type=home_help, unit="tim/vecka",
                         extent=Decimal(20), price=HOURLY, decision_date=dt.date(2024, 5, 2),
                         start_date=dt.date(2024, 5, 2))


@pytest.fixture
def ledger_this_year(db):
    """Ledger actuals January–May, so the forecast builds on the register (commitment method)."""
    batch = LedgerBatch.objects.create(file_name="ledger.csv")
    for month in range(1, 6):
        LedgerEntry.objects.create(batch=batch, period=dt.date(2025, month, 1), account="4600", amount=Decimal(10000))


def test_reduced_changes_the_extent_and_computes_the_effect(alice, home_help_20h, ledger_this_year):
    forecast_before = forecast(2025, TODAY)
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.REDUCED, reviewed_on=TODAY,
                           extent_after=Decimal(12), effective_from=dt.date(2025, 7, 1), note="Klarar mer själv")
    home_help_20h.refresh_from_db()
    # One decision: 20 hours up to the change, 12 from 1 July, and no end.
    assert (home_help_20h.extent, home_help_20h.last_review_date, home_help_20h.end_date) == (
        Decimal(12), TODAY, None)
    assert Decision.objects.count() == 1
    june, july = (decision_monthly_costs(home_help_20h, dt.date(2025, 6, 1), 2)[m].cost
                  for m in ("2025-06", "2025-07"))
    assert june == 20 * HOURLY * 30 / 7 and july == (12 * HOURLY * 31 / Decimal(7)).quantize(Decimal("0.01"))
    latest = home_help_20h.versions.order_by("-number").first()
    assert (latest.event, latest.valid_from, latest.note) == ("review", dt.date(2025, 7, 1), "Klarar mer själv")
    assert latest.changes == {"extent": ["20", "12"], "last_review_date": [None, "2025-06-16"]}
    # Hours a week × price × days / 7.
    assert review.annual_cost_before == 20 * HOURLY * 365 / 7
    assert review.annual_cost_after == 12 * HOURLY * 365 / 7
    assert review.cost_effect_this_year == (12 - 20) * HOURLY * JULY_TO_DECEMBER / 7
    # The unit's forecast, by a method built on the register, as the forecasting app gives it before and after.
    assert review.forecast_method in ("commitment", "expected_change")
    assert review.forecast_net_before == forecast_before.methods[review.forecast_method].net
    assert review.forecast_net_after == forecast(2025, TODAY).methods[review.forecast_method].net
    assert review.forecast_net_after < review.forecast_net_before
    assert home_help_20h.versions.count() == 2  # created, then the review
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_RECORDED)
    assert event.object_id == str(review.pk) and event.detail["outcome"] == "reduced"


def test_effect_defaults_to_the_review_date(alice, home_help_20h):
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.INCREASED, reviewed_on=TODAY,
                           extent_after=Decimal(27))
    assert review.effective_from == TODAY
    days_left = (dt.date(2025, 12, 31) - TODAY).days + 1
    assert review.cost_effect_this_year.quantize(Decimal(1)) == (Decimal(7) * HOURLY * days_left / 7).quantize(
        Decimal(1))


def test_unchanged_sets_only_the_last_review_date(alice, home_help_20h):
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.UNCHANGED,
                           reviewed_on=TODAY)
    home_help_20h.refresh_from_db()
    assert (home_help_20h.extent, home_help_20h.last_review_date) == (Decimal(20), TODAY)
    assert review.cost_effect_this_year == 0 and review.annual_cost_before == review.annual_cost_after


def test_ended_ends_the_decision_after_recording_the_review(alice, home_help_20h):
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.ENDED, reviewed_on=TODAY,
                           end_date=dt.date(2025, 6, 30))
    home_help_20h.refresh_from_db()
    assert (home_help_20h.end_date, home_help_20h.last_review_date) == (dt.date(2025, 6, 30), TODAY)
    assert review.annual_cost_after == 0
    assert review.cost_effect_this_year == -20 * HOURLY * JULY_TO_DECEMBER / 7
    assert list(home_help_20h.versions.order_by("number").values_list("kind", flat=True))[-1] == "ended"


@pytest.mark.parametrize(("outcome", "extra", "field", "words"), [
    (ReviewOutcome.REDUCED, {"extent_after": Decimal(25)}, "extent_after", "lägre än nuvarande 20"),
    (ReviewOutcome.REDUCED, {}, "extent_after", "Ange den nya omfattningen"),
    (ReviewOutcome.REDUCED, {"extent_after": Decimal(0)}, "extent_after", "Välj Avslutat"),
    (ReviewOutcome.INCREASED, {"extent_after": Decimal(20)}, "extent_after", "högre än nuvarande 20"),
    (ReviewOutcome.ENDED, {}, "end_date", "sista dagen"),
    (ReviewOutcome.ENDED, {"end_date": dt.date(2024, 1, 1)}, "end_date", "före startdatum"),
    (ReviewOutcome.REDUCED, {"extent_after": Decimal(10), "effective_from": dt.date(2024, 1, 1)},
     "effective_from", "före beslutets startdatum"),
])
def test_bad_input_is_refused_in_swedish_and_nothing_is_written(alice, home_help_20h, outcome, extra, field, words):
    with pytest.raises(ValidationError) as error:
        review_record(decision=home_help_20h, actor=alice, outcome=outcome, reviewed_on=TODAY, **extra)
    assert words in " ".join(error.value.message_dict[field])
    home_help_20h.refresh_from_db()
    assert home_help_20h.extent == 20 and home_help_20h.last_review_date is None
    assert ReviewRecord.objects.count() == 0


def test_review_date_in_the_future_or_before_the_decision_is_refused(alice, home_help_20h):
    for day, words in ((dt.date(2025, 6, 17), "framtiden"), (dt.date(2024, 5, 1), "före beslutsdatum")):
        with pytest.raises(ValidationError) as error:
            review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.UNCHANGED, reviewed_on=day)
        assert words in error.value.message_dict["reviewed_on"][0]


def test_beyond_delegation_the_change_becomes_a_proposal_but_the_review_counts(alice, home_help_20h):
    DelegationRule.objects.create(law="SoL", intervention_type=home_help_20h.intervention_type,
                                  description="Hemtjänst beslutas av sektionschef")
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.INCREASED, reviewed_on=TODAY,
                           extent_after=Decimal(30))
    home_help_20h.refresh_from_db()
    assert home_help_20h.extent == 20 and home_help_20h.last_review_date == TODAY
    assert review.proposal.status == Proposal.Status.PENDING
    assert review.proposal.fields == {"extent": "30", "valid_from": "2025-06-16"}


def test_another_teams_caseworker_and_the_controller_may_not_record(bob, carl, home_help_20h):
    for actor in (bob, carl):
        with pytest.raises(PermissionDenied):
            review_record(decision=home_help_20h, actor=actor, outcome=ReviewOutcome.UNCHANGED, reviewed_on=TODAY)


def test_a_change_from_a_later_date_leaves_the_months_before_it_as_they_were(alice, home_help_20h):
    from insatskollen.costing.selectors import year_summary

    last_year = year_summary(Decision.objects.all(), 2024).total.cost
    review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.REDUCED, reviewed_on=TODAY,
                  extent_after=Decimal(12), effective_from=dt.date(2025, 7, 1))
    assert year_summary(Decision.objects.all(), 2024).total.cost == last_year
    # January–June at 20 hours, July–December at 12: hours a week × price × days / 7, to the öre.
    first_half, second_half = 181, 184
    expected = (20 * HOURLY * first_half / 7).quantize(Decimal("0.01")) + (12 * HOURLY * second_half / 7).quantize(
        Decimal("0.01"))
    assert abs(year_summary(Decision.objects.all(), 2025).total.cost - expected) <= Decimal("0.12")


def test_a_change_from_the_first_day_changes_the_decision_in_place(alice, make_decision, client_a, home_help):
    decision = make_decision(client_a, external_id="B-NEW", intervention_type=home_help, unit="tim/vecka",
                             extent=Decimal(10), price=HOURLY, decision_date=dt.date(2025, 6, 1),
                             start_date=dt.date(2025, 6, 10))
    review_record(decision=decision, actor=alice, outcome=ReviewOutcome.REDUCED, reviewed_on=TODAY,
                  extent_after=Decimal(8), effective_from=dt.date(2025, 6, 10))
    decision.refresh_from_db()
    assert (decision.extent, decision.end_date) == (Decimal(8), None)
    assert not Decision.objects.filter(external_id__startswith="B-NEW-").exists()


def test_the_result_page_says_why_the_forecast_moves_differently(alice, home_help_20h, ledger_this_year, client):
    review = review_record(decision=home_help_20h, actor=alice, outcome=ReviewOutcome.REDUCED, reviewed_on=TODAY,
                           extent_after=Decimal(12), effective_from=dt.date(2025, 7, 1))
    client.force_login(alice)
    page = client.get(f"/arbetslistor/omprovningar/resultat/{review.pk}/").content.decode()
    change = review.forecast_net_after - review.forecast_net_before
    assert 'id="effect-this-year"' in page and 'id="forecast-change"' in page
    # The explanation stands exactly where the two figures differ.
    assert ('id="why-different"' in page) == (change != review.cost_effect_this_year)
    # Change the forecast method's answer by hand: the figures now differ, and the page says why.
    ReviewRecord.objects.filter(pk=review.pk).update(forecast_net_after=review.forecast_net_after - 155)
    page = client.get(f"/arbetslistor/omprovningar/resultat/{review.pk}/").content.decode()
    assert 'id="why-different"' in page and "netto (kostnad minus intäkter" in page
