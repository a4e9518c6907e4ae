"""Särskild redovisning under the 2017 and 2018 rules, and the allocation projected from a mid-year as-of. The
figures are worked by hand from the 2018 rates (levels 1–4: 700 000 / 900 000 / 1 150 000 / 1 500 000 kr/år)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.allocation.models import ClaimStatus
from insatskollen.allocation.selectors import allocation_for
from insatskollen.allocation.services import special_claim_create, special_claim_decide
from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.models import Provider

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date


def test_part_of_the_day_is_payable_in_2017_and_adds_the_granted_amount(tmp_path, make_decision, residents, hanna,
                                                                          group_home):
    import_rates(tmp_path, 2017)
    person = residents[0]
    placement(make_decision, person, level="2", start=D(2015, 1, 1))
    claim = special_claim_create(actor=hanna, client=person, intervention_type=group_home,
                                 measurement_date=D(2017, 3, 31), kind="part_of_day", amount_claimed=Decimal(400_000))
    assert claim.payable and claim.not_payable_reason == ""

    special_claim_decide(actor=hanna, claim=claim, granted=True, decided_on=D(2017, 5, 15),
                         amount_granted=Decimal(300_000))
    result = allocation_for(2017, D(2017, 12, 31))

    line = result.groups["Boende LSS"]
    assert (line.schablon, line.claims, line.allocation) == (Decimal(900_000), Decimal(300_000), Decimal(1_200_000))
    assert AuditEvent.objects.filter(action=AuditAction.ALLOCATION_CHANGED, client_id=person.pk).count() == 2


def test_from_2018_part_of_the_day_is_kept_as_a_record_but_not_payable(tmp_path, make_decision, residents, hanna,
                                                                       group_home):
    import_rates(tmp_path, 2018)
    part, whole = residents[0], residents[1]
    placement(make_decision, part, level="2", start=D(2015, 1, 1))
    placement(make_decision, whole, level="4", start=D(2015, 1, 1))

    refused = special_claim_create(actor=hanna, client=part, intervention_type=group_home,
                                   measurement_date=D(2018, 3, 31), kind="part_of_day",
                                   amount_claimed=Decimal(400_000))
    kept = special_claim_create(actor=hanna, client=whole, intervention_type=group_home,
                                measurement_date=D(2018, 3, 31), kind="whole_day", amount_claimed=Decimal(600_000))

    assert not refused.payable
    assert "Från 2018" in refused.not_payable_reason and "del av dagen" in refused.not_payable_reason
    with pytest.raises(ValidationError):
        special_claim_decide(actor=hanna, claim=refused, granted=True, decided_on=D(2018, 5, 1),
                             amount_granted=Decimal(400_000))
    special_claim_decide(actor=hanna, claim=kept, granted=True, decided_on=D(2018, 5, 1),
                         amount_granted=Decimal(500_000))
    refused.refresh_from_db()
    assert refused.status == ClaimStatus.PREPARED

    result = allocation_for(2018, D(2018, 12, 31))
    # 900 000 + 1 500 000 schablon, + 500 000 granted for the whole-day claim; nothing for part of the day.
    assert result.total.allocation == Decimal(2_900_000)
    assert {p.person: p.claims for p in result.persons} == {part.pk: Decimal(0), whole.pk: Decimal(500_000)}
    assert result.provider_kinds["privat"].allocation == Decimal(2_900_000)  # both at Solgläntan AB (privat)


def test_a_claim_granted_after_the_as_of_date_is_not_yet_counted(tmp_path, make_decision, residents, hanna,
                                                                 group_home):
    import_rates(tmp_path, 2018)
    placement(make_decision, residents[0], level="2", start=D(2015, 1, 1))
    claim = special_claim_create(actor=hanna, client=residents[0], intervention_type=group_home,
                                 measurement_date=D(2018, 9, 30), kind="most_of_day", amount_claimed=Decimal(100_000))
    special_claim_decide(actor=hanna, claim=claim, granted=True, decided_on=D(2018, 11, 1),
                         amount_granted=Decimal(100_000))

    assert allocation_for(2018, D(2018, 10, 31)).total.claims == 0
    assert allocation_for(2018, D(2018, 11, 1)).total.claims == Decimal(100_000)


def test_a_caseworker_cannot_claim(residents, alice, group_home):
    with pytest.raises(PermissionDenied):
        special_claim_create(actor=alice, client=residents[0], intervention_type=group_home,
                             measurement_date=D(2018, 3, 31), kind="whole_day", amount_claimed=Decimal(1))


def test_a_mid_year_as_of_projects_september_from_the_register_known_then(tmp_path, make_decision, residents):
    """As of 30 June: a placement decided in August is not known, a level raised on 1 July (recorded in August)
    is not known either. The September date is a projection from what was known on 30 June."""
    import_rates(tmp_path, 2018, six_month_rule="nej")
    stable, raised, later = residents[0], residents[1], residents[2]
    placement(make_decision, stable, level="2", start=D(2015, 1, 1))
    placement(make_decision, raised, level="1", start=D(2015, 1, 1), changes=[(D(2018, 7, 1), "3", D(2018, 8, 10))])
    placement(make_decision, later, level="4", start=D(2018, 9, 1), decided=D(2018, 8, 15))

    june = allocation_for(2018, D(2018, 6, 30))
    year_end = allocation_for(2018, D(2018, 12, 31))

    assert [(d.date, d.projected) for d in june.dates] == [(D(2018, 3, 31), False), (D(2018, 9, 30), True)]
    assert [d.projected for d in year_end.dates] == [False, False]
    # June: both dates 900 000 + 700 000 → 1 600 000.
    assert june.total.allocation == Decimal(1_600_000)
    # Year end: March 1 600 000; September 900 000 + 1 150 000 + 1 500 000 = 3 550 000; mean 2 575 000.
    assert year_end.total.allocation == Decimal(2_575_000)
    # The cost as known on 30 June has no September placement: 2 × 3 000 kr × 365 days.
    assert june.total.cost == Decimal(2 * 3000 * 365)
    assert year_end.total.cost == Decimal(2 * 3000 * 365 + 3000 * 122)  # + 1 Sep–31 Dec


def test_provider_kind_limits_counts_and_cost(tmp_path, make_decision, residents, provider):
    import_rates(tmp_path, 2018)
    own = Provider.objects.create(name="Egen regi Boende", kind="egen regi")
    placement(make_decision, residents[0], level="2", start=D(2015, 1, 1))  # Solgläntan AB, privat
    placement(make_decision, residents[1], level="4", start=D(2015, 1, 1), provider=own)

    private = allocation_for(2018, D(2018, 12, 31), provider_kind="privat")
    everyone = allocation_for(2018, D(2018, 12, 31))

    assert [d.counts() for d in private.dates] == [[("6510", "2", 1)]] * 2
    assert private.total.allocation == Decimal(900_000) and private.total.cost == Decimal(3000 * 365)
    assert everyone.total.allocation == Decimal(2_400_000)
    assert set(everyone.provider_kinds) == {"privat", "egen regi"}
    assert everyone.providers["Egen regi Boende"].allocation == Decimal(1_500_000)
