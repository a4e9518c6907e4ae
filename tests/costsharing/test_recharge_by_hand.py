"""Sharing agreements move the register's IFO share from their dates, and the recharge statement bills IFO the
agreed part; every figure worked out by hand here."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from insatskollen.costing.selectors import decision_monthly_costs
from insatskollen.costsharing.models import IfoInvolvement, ShareKind
from insatskollen.costsharing.recharge import Agreement, TermPeriod, gross_cost, recharge_month
from insatskollen.costsharing.selectors import recharge_statement, svarte_petter
from insatskollen.costsharing.services import (
    ifo_involvement_set,
    sharing_agreement_create,
    sharing_dispute_record,
    sharing_dispute_resolve,
)
from insatskollen.register.models import ClosedMonth, DecisionVersion


@pytest.fixture
def housing(client_a, make_decision):
    """Gruppbostad, 1 dygn at 3 250 kr from 1 February 2025, open."""
    return make_decision(client_a)


@pytest.fixture
def home_help_b(client_b, make_decision, home_help):
    """Hemhjälp 10 tim/vecka at 400 kr from 1 February 2025: March costs 10 × 400 × 31 / 7 = 17 714,29 kr."""
    return make_decision(client_b, intervention_type=home_help, unit="tim/vecka", extent=D(10), price=D(400))


def percent(client, hanna, **kw):
    args = dict(client=client, actor=hanna, kind=ShareKind.PERCENT, share_pct=D(40),
                valid_from=dt.date(2025, 3, 10), valid_to=dt.date(2025, 4, 15), signed_on=dt.date(2025, 3, 1),
                signed_by="Eva Ek, IFO")
    args.update(kw)
    return sharing_agreement_create(**args)


def test_pure_recharge_percent_and_kronor():
    periods = [TermPeriod(1, dt.date(2025, 2, 1), None, "dygn", D(1), D(3250))]
    pct = Agreement(1, 10, "percent", D(40), None, dt.date(2025, 3, 10), dt.date(2025, 4, 15), (1,))
    kr = Agreement(2, 11, "kronor", None, D(5000), dt.date(2025, 3, 16), None, ())
    march = {line.agreement_id: line for line in recharge_month([pct, kr], periods, dt.date(2025, 3, 1))}
    # 22 days (10–31 March) × 3 250 = 71 500; 40 % = 28 600. Kronor: 5 000 × 16/31 = 2 580,645… → 2 580,65
    assert (march[1].days, march[1].basis, march[1].amount) == (22, D("71500.00"), D("28600.00"))
    assert (march[2].days, march[2].amount) == (16, D("2580.65"))
    april = {line.agreement_id: line for line in recharge_month([pct, kr], periods, dt.date(2025, 4, 1))}
    assert april[1].amount == D("19500.00")  # 15 days × 3 250 × 0,4
    assert april[2].amount == D("5000.00")
    assert recharge_month([pct], periods, dt.date(2025, 5, 1)) == []
    hours = [TermPeriod(2, dt.date(2025, 2, 1), None, "tim/vecka", D(10), D(400))]
    assert gross_cost(hours, dt.date(2025, 3, 1), dt.date(2025, 3, 31)).quantize(D("0.01")) == D("17714.29")


def test_the_register_follows_a_percent_agreement_and_the_statement_bills_it(housing, client_a, hanna):
    percent(client_a, hanna)
    months = decision_monthly_costs(housing, dt.date(2025, 3, 1), 3)
    # March: 9 days × 3 250 + 22 days × 3 250 × 0,6 = 29 250 + 42 900 = 72 150
    # April: 15 × 3 250 × 0,6 + 15 × 3 250 = 29 250 + 48 750 = 78 000; May: 31 × 3 250 = 100 750
    assert [f.cost for f in months.values()] == [D("72150.00"), D("78000.00"), D("100750.00")]
    march, april, may = (recharge_statement(dt.date(2025, m, 1)) for m in (3, 4, 5))
    assert (march.total, april.total, may.total) == (D("28600.00"), D("19500.00"), D("0.00"))
    assert march.lines[0].basis == D("71500.00") and march.lines[0].days == 22
    notes = list(DecisionVersion.objects.filter(decision=housing).order_by("number").values_list("valid_from",
                                                                                                  "changes"))
    assert notes[-2] == (dt.date(2025, 3, 10), {"ifo_share_pct": ["0", "40"]})
    assert notes[-1] == (dt.date(2025, 4, 16), {"ifo_share_pct": ["40", "0"]})


def test_a_kronor_agreement_writes_its_share_of_the_first_month(home_help_b, client_b, hanna):
    agreement = sharing_agreement_create(client=client_b, actor=hanna, kind=ShareKind.KRONOR,
                                         amount_per_month=D(5000), valid_from=dt.date(2025, 3, 1),
                                         signed_on=dt.date(2025, 2, 20), signed_by="Eva Ek, IFO")
    # 5 000 / 17 714,2857 = 28,2258 % → 28,23 %
    assert agreement.register_pct == D("28.23")
    home_help_b.refresh_from_db()
    assert home_help_b.ifo_share_pct == D("28.23")
    assert recharge_statement(dt.date(2025, 3, 1)).total == D("5000.00")


def test_over_100_percent_is_refused(housing, home_help_b, client_a, client_b, hanna):
    with pytest.raises(ValidationError, match="100 %"):
        percent(client_a, hanna, share_pct=D(120))
    with pytest.raises(ValidationError, match="över 100 %"):
        sharing_agreement_create(client=client_b, actor=hanna, kind=ShareKind.KRONOR, amount_per_month=D(20000),
                                 valid_from=dt.date(2025, 3, 1), signed_on=dt.date(2025, 2, 20), signed_by="IFO")


def test_an_overlapping_agreement_is_refused(housing, client_a, hanna):
    percent(client_a, hanna)
    with pytest.raises(ValidationError, match="överlappa"):
        percent(client_a, hanna, valid_from=dt.date(2025, 4, 1), valid_to=None, share_pct=D(20))
    percent(client_a, hanna, valid_from=dt.date(2025, 4, 16), valid_to=None, share_pct=D(20))  # adjoining: fine


def test_a_closed_month_is_never_rewritten(housing, client_a, hanna):
    ClosedMonth.objects.create(month=dt.date(2025, 3, 1), closed_at=timezone.now())
    with pytest.raises(ValidationError, match="stängd månad"):
        percent(client_a, hanna)
    housing.refresh_from_db()
    assert housing.ifo_share_pct == 0


def test_a_caseworker_may_not_record_agreements(housing, client_a, alice):
    from django.core.exceptions import PermissionDenied
    with pytest.raises(PermissionDenied):
        percent(client_a, alice)


def test_svarte_petter_lists_flagged_cases_without_agreement_with_the_cost_at_stake(housing, client_a, hanna):
    ifo_involvement_set(client=client_a, actor=hanna, involved=True, note="Missbruk, socialpsykiatri")
    [item] = svarte_petter(dt.date(2025, 6, 1))
    # 1 June 2025 – 31 May 2026: 365 days × 3 250 = 1 186 250
    assert item.client == client_a and item.flagged and item.year_cost == D("1186250.00")
    percent(client_a, hanna, valid_from=dt.date(2025, 6, 1), valid_to=None)
    assert svarte_petter(dt.date(2025, 6, 1)) == []
    assert IfoInvolvement.objects.filter(client=client_a).exists()


def test_a_register_share_without_agreement_is_also_svarte_petter(client_b, make_decision, home_help):
    make_decision(client_b, intervention_type=home_help, unit="tim/vecka", extent=D(7), price=D(400),
                  ifo_share_pct=D(50))
    [item] = svarte_petter(dt.date(2025, 6, 1))
    # 7 × 400 × 365 / 7 = 146 000 a year; the register already counts half as IFO's: 73 000
    assert (item.flagged, item.year_cost, item.registered_share) == (False, D("146000.00"), D("73000.00"))


def test_a_dispute_is_recorded_and_followed_up(housing, client_a, hanna):
    dispute = sharing_dispute_record(client=client_a, actor=hanna, reason="IFO bestrider marsräkningen",
                                     month=dt.date(2025, 3, 5), amount=D(28600),
                                     follow_up_on=dt.date(2025, 4, 30))
    assert dispute.month == dt.date(2025, 3, 1) and dispute.status == "open"
    sharing_dispute_resolve(dispute=dispute, actor=hanna, status="agreed", resolution="IFO betalar 50 %",
                            resolved_on=dt.date(2025, 5, 2))
    dispute.refresh_from_db()
    assert dispute.status == "agreed" and dispute.resolved_on == dt.date(2025, 5, 2)


def test_the_worklist_command_lists_svarte_petter(housing, client_a, hanna):
    import io
    import json

    from django.core.management import call_command

    ifo_involvement_set(client=client_a, actor=hanna, involved=True)
    out = io.StringIO()
    call_command("worklist", "ifo", "--as-of", "2025-06-01", "--json", stdout=out)
    [item] = json.loads(out.getvalue())["items"]
    assert item["client"] == "19870312-****" and item["year_cost"] == 1186250.0 and item["flagged"]
