"""Every write names its date: a change of terms takes effect from it and never moves an earlier day; a change in a
closed month is a correction only the unit head makes, with a reason; an ended decision is read-only; a write based
on an older version is refused with nothing changed.

Time is pinned to 16 June 2025, 10:00 in Stockholm. The group home costs 3 250 kr a day from 1 February 2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.costing.selectors import decision_monthly_costs, year_summary
from insatskollen.ledger.closing import month_close, month_reopen
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.register.models import ClosedMonth, Decision, DecisionTerm
from insatskollen.register.services import DecisionChangedMeanwhile, decision_change, decision_end, start_of_day

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(NOW, tick=False)


def months(decision, first=dt.date(2025, 1, 1), count=12) -> dict[str, Decimal]:
    return {label: f.cost for label, f in decision_monthly_costs(decision, first, count).items()}


@pytest.fixture
def ledger_through_may(db):
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    for month in range(1, 6):
        LedgerEntry.objects.create(batch=batch, period=dt.date(2025, month, 1), account="4600", amount=Decimal(1))


@pytest.fixture
def closed_through_april(ledger_through_may):
    for month in range(1, 5):
        month_close(month=dt.date(2025, month, 1), actor=None,
                    closed_at=start_of_day(dt.date(2025, month + 1, 6)))


def test_a_price_change_from_july_leaves_june_and_earlier_as_they_were(decision_a, alice):
    before = months(decision_a)
    decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 7, 1))
    after = months(decision_a)
    assert {m: v for m, v in after.items() if m < "2025-07"} == {m: v for m, v in before.items() if m < "2025-07"}
    assert after["2025-07"] == Decimal(31 * 3400) and after["2025-06"] == Decimal(30 * 3250)
    decision_a.refresh_from_db()
    assert decision_a.price == Decimal(3400)  # the latest terms: from July on
    version = decision_a.versions.get(number=2)
    assert (version.valid_from, version.changes) == (dt.date(2025, 7, 1), {"price": ["3250", "3400"]})


def test_without_a_date_a_change_applies_from_the_day_it_is_made(decision_a, alice):
    decision_change(decision=decision_a, actor=alice, extent=Decimal(2))
    june = months(decision_a)["2025-06"]
    assert june == Decimal(15 * 3250 + 15 * 2 * 3250)  # 1–15 June one place, 16–30 June two


def test_a_later_change_of_another_term_keeps_an_earlier_scheduled_change(decision_a, alice):
    decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 9, 1))
    decision_change(decision=decision_a, actor=alice, extent=Decimal(2), valid_from=dt.date(2025, 8, 1))
    result = months(decision_a)
    assert result["2025-08"] == Decimal(31 * 2 * 3250) and result["2025-09"] == Decimal(30 * 2 * 3400)


def test_a_change_holds_until_further_notice_and_replaces_a_later_change_of_the_same_term(decision_a, alice):
    decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 9, 1))
    decision_change(decision=decision_a, actor=alice, price=Decimal(3300), valid_from=dt.date(2025, 8, 1))
    result = months(decision_a)
    assert result["2025-08"] == Decimal(31 * 3300) and result["2025-09"] == Decimal(30 * 3300)
    assert decision_a.versions.get(number=3).changes == {"price": ["3250", "3300"]}


def test_as_known_before_a_change_the_register_answers_the_earlier_terms(decision_a, alice):
    decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 3, 1))
    earlier = year_summary(None, 2025, cutoff=start_of_day(dt.date(2025, 6, 16))).total.cost
    now = year_summary(None, 2025).total.cost
    assert earlier == Decimal(334 * 3250)  # 1 February – 31 December
    assert now == Decimal(28 * 3250 + 306 * 3400)


def test_a_date_outside_the_decisions_period_is_refused_in_swedish(decision_a, alice):
    with pytest.raises(ValidationError) as refused:
        decision_change(decision=decision_a, actor=alice, price=Decimal(1), valid_from=dt.date(2025, 1, 15))
    assert "före startdatum (2025-02-01)" in refused.value.message_dict["valid_from"][0]
    assert decision_a.versions.count() == 1 and DecisionTerm.objects.filter(decision=decision_a).count() == 1


def test_the_terms_in_time_never_overlap_and_close_rather_than_change(decision_a, alice):
    decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 7, 1))
    decision_end(decision=decision_a, actor=alice, end_date=dt.date(2025, 10, 31))
    current = list(DecisionTerm.objects.filter(decision=decision_a, known_to__isnull=True).order_by("valid_from"))
    assert [(t.valid_from, t.valid_to, t.price) for t in current] == [
        (dt.date(2025, 2, 1), dt.date(2025, 6, 30), Decimal(3250)),
        (dt.date(2025, 7, 1), dt.date(2025, 10, 31), Decimal(3400))]
    assert DecisionTerm.objects.filter(decision=decision_a, known_to__isnull=False).count() == 2


# --- closed months -------------------------------------------------------------------------------------------

def test_a_caseworker_may_not_change_a_closed_month(decision_a, alice, closed_through_april):
    with pytest.raises(ValidationError) as refused:
        decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 4, 1))
    message = refused.value.message_dict["valid_from"][0]
    assert "stängd månad (t.o.m. 2025-04-30)" in message and "sektionschefen" in message
    assert decision_a.versions.count() == 1


def test_a_caseworker_may_change_from_the_first_open_month(decision_a, alice, closed_through_april):
    version = decision_change(decision=decision_a, actor=alice, price=Decimal(3400), valid_from=dt.date(2025, 5, 1))
    assert not version.is_correction


def test_the_unit_head_corrects_a_closed_month_with_a_reason(decision_a, hanna, closed_through_april):
    with pytest.raises(ValidationError) as refused:
        decision_change(decision=decision_a, actor=hanna, price=Decimal(3400), valid_from=dt.date(2025, 4, 1))
    assert "skälet" in refused.value.message_dict["reason"][0]
    version = decision_change(decision=decision_a, actor=hanna, price=Decimal(3400), valid_from=dt.date(2025, 4, 1),
                              reason="Fel pris i april enligt avtalet")
    assert version.is_correction and version.affects_from == dt.date(2025, 4, 1)
    assert version.note == "Fel pris i april enligt avtalet"


def test_ending_a_decision_inside_a_closed_month_is_a_correction(decision_a, alice, hanna, closed_through_april):
    with pytest.raises(ValidationError) as refused:
        decision_end(decision=decision_a, actor=alice, end_date=dt.date(2025, 3, 31))
    assert "stängd månad" in refused.value.message_dict["end_date"][0]
    version = decision_end(decision=decision_a, actor=hanna, end_date=dt.date(2025, 3, 31),
                           reason="Flyttade i mars, rapporterades sent")
    assert version.is_correction and version.affects_from == dt.date(2025, 4, 1)


def test_a_closed_year_as_known_at_its_close_does_not_move_with_later_writes(decision_a, hanna, closed_through_april):
    closing = ClosedMonth.objects.get(month=dt.date(2025, 4, 1)).closed_at
    before = year_summary(None, 2025, cutoff=closing).months
    decision_change(decision=decision_a, actor=hanna, price=Decimal(3400), valid_from=dt.date(2025, 3, 1),
                    reason="Avtalets pris gällde från mars")
    assert year_summary(None, 2025, cutoff=closing).months == before
    assert year_summary(None, 2025).months["2025-03"].cost == Decimal(31 * 3400)


def test_months_close_in_order_after_their_ledger_and_only_an_admin_reopens(ledger_through_may, carl, alice, ada):
    with pytest.raises(PermissionDenied):
        month_close(month=dt.date(2025, 4, 1), actor=alice)
    month_close(month=dt.date(2025, 2, 1), actor=carl)
    with pytest.raises(ValidationError, match="i tur och ordning: stäng först mars 2025"):
        month_close(month=dt.date(2025, 4, 1), actor=carl)
    with pytest.raises(ValidationError, match="redan stängd"):
        month_close(month=dt.date(2025, 1, 1), actor=carl)
    with pytest.raises(ValidationError, match="inte slut än"):
        month_close(month=dt.date(2025, 6, 1), actor=None, closed_at=NOW)
    with pytest.raises(PermissionDenied):
        month_reopen(actor=carl, reason="fel")
    assert month_reopen(actor=ada, reason="Huvudboken lästes in på nytt") == dt.date(2025, 2, 1)
    assert not ClosedMonth.objects.exists()


def test_a_month_without_its_ledger_cannot_be_closed(carl, ledger_through_may):
    LedgerEntry.objects.filter(period=dt.date(2025, 5, 1)).delete()
    month_close(month=dt.date(2025, 4, 1), actor=carl)
    with pytest.raises(ValidationError, match="Huvudboken för maj 2025 är inte inläst"):
        month_close(month=dt.date(2025, 5, 1), actor=carl)


# --- ended decisions -----------------------------------------------------------------------------------------

def test_an_ended_decision_is_read_only_except_for_the_unit_heads_correction(make_decision, client_a, alice, hanna):
    ended = make_decision(client_a, external_id="B-END", start_date=dt.date(2025, 2, 1), end_date=dt.date(2025, 5, 31))
    with pytest.raises(PermissionDenied, match="upphörde 2025-05-31"):
        decision_change(decision=ended, actor=alice, comment="ny kommentar")
    with pytest.raises(ValidationError):
        decision_change(decision=ended, actor=hanna, comment="ny kommentar")
    version = decision_change(decision=ended, actor=hanna, price=Decimal(3100), valid_from=dt.date(2025, 5, 1),
                              reason="Priset sänktes retroaktivt i maj")
    assert version.is_correction
    assert months(ended)["2025-05"] == Decimal(31 * 3100)


# --- no lost updates -----------------------------------------------------------------------------------------

def test_a_write_based_on_an_older_version_is_refused_and_changes_nothing(decision_a, alice, hanna):
    decision_change(decision=decision_a, actor=hanna, price=Decimal(9999), valid_from=dt.date(2025, 7, 1),
                    expected_version=1)
    with pytest.raises(DecisionChangedMeanwhile) as stale:
        decision_change(decision=decision_a, actor=alice, comment="bara en kommentar", expected_version=1)
    assert [v.number for v in stale.value.versions] == [2]
    assert "har ändrats sedan du öppnade det (version 1 → 2" in str(stale.value)
    decision = Decision.objects.get(pk=decision_a.pk)
    assert (decision.price, decision.comment, decision.version) == (Decimal(9999), "", 2)


def test_a_caseworkers_proposal_may_not_correct_a_closed_month(decision_a, alice, closed_through_april):
    from insatskollen.casework.models import DelegationRule, Proposal
    from insatskollen.casework.services import decision_submit

    DelegationRule.objects.create(law="LSS", description="Alla LSS-beslut")
    with pytest.raises(ValidationError) as refused:
        decision_submit(actor=alice, kind=Proposal.Kind.CHANGE, decision=decision_a, fields={"price": Decimal(3400)},
                        valid_from=dt.date(2025, 4, 1))
    assert "stängd månad" in refused.value.message_dict["valid_from"][0]
    assert not Proposal.objects.exists()


def test_an_indexation_keeps_a_later_registered_price(decision_a, hanna):
    from insatskollen.contracts.indexation import indexation_plan, prices_index

    decision_change(decision=decision_a, actor=hanna, price=Decimal(3500), valid_from=dt.date(2026, 3, 1))
    plan = indexation_plan(year=2026, percent=Decimal(3))
    assert [(i.price_then, i.price) for i in plan.items] == [(Decimal(3250), Decimal("3347.50"))]
    prices_index(plan=plan, actor=hanna)
    result = months(decision_a, dt.date(2025, 12, 1), 4)
    assert result["2025-12"] == Decimal(31 * 3250)
    assert result["2026-01"] == Decimal("3347.50") * 31 and result["2026-03"] == Decimal(31 * 3500)
    assert plan.effect == (Decimal("97.50") * 59).quantize(Decimal("0.01"))  # January and February only


def test_a_review_compares_with_the_extent_in_effect_on_its_date(decision_a, alice):
    from insatskollen.casework.models import ReviewOutcome
    from insatskollen.casework.services import review_record

    decision_change(decision=decision_a, actor=alice, extent=Decimal(3), valid_from=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError) as refused:
        review_record(decision=decision_a, actor=alice, outcome=ReviewOutcome.REDUCED, reviewed_on=NOW.date(),
                      extent_after=Decimal(2), effective_from=dt.date(2025, 7, 1), unit_forecast=False)
    assert "lägre än nuvarande 1" in refused.value.message_dict["extent_after"][0]
