"""A renegotiation updates the contract and the decisions on it, and records its effect on the year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.contracts.models import Renegotiation
from insatskollen.contracts.selectors import renegotiation_effect
from insatskollen.contracts.services import contract_renegotiate
from insatskollen.costing.selectors import year_summary
from insatskollen.register.models import Decision


@pytest.fixture
def contract(client_a, make_contract, make_decision):
    contract = make_contract("IA-1", dt.date(2025, 8, 31), client=client_a, price=4000)
    make_decision(client_a, contract=contract, price=Decimal(4000), external_id="B-ON")
    make_decision(client_a, contract=contract, price=Decimal(4000), external_id="B-ENDED",
                  start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 3, 31))
    return contract


def test_effect_is_the_new_price_on_the_days_from_effective_from(contract):
    effect = renegotiation_effect(contract=contract, new_price=Decimal(3500), effective_from=dt.date(2025, 9, 1))
    days_from = (dt.date(2025, 12, 31) - dt.date(2025, 9, 1)).days + 1  # 122 days at −500 kr
    assert [d.label for d in effect.decisions] == ["B-ON"]  # B-ENDED ended before the new price
    assert effect.effect == Decimal(-500 * days_from)
    assert effect.cost_before == Decimal(4000 * ((dt.date(2025, 12, 31) - dt.date(2025, 2, 1)).days + 1))


def test_renegotiation_updates_contract_decisions_history_and_audit(contract, hanna):
    renegotiation = contract_renegotiate(contract=contract, actor=hanna, new_price=Decimal(3500),
                                         effective_from=dt.date(2025, 9, 1), valid_to=dt.date(2027, 8, 31),
                                         note="Nytt avtal efter förhandling")
    contract.refresh_from_db()
    assert contract.price == Decimal(3500) and contract.valid_to == dt.date(2027, 8, 31)
    on = Decision.objects.get(external_id="B-ON")
    assert on.price == Decimal(3500)
    assert Decision.objects.get(external_id="B-ENDED").price == Decimal(4000)
    assert on.versions.order_by("-number").first().changes["price"] == ["4000", "3500"]
    assert renegotiation.old_price == Decimal(4000) and renegotiation.old_valid_to == dt.date(2025, 8, 31)
    assert renegotiation.effect_this_year == Decimal(-500 * 122)
    assert renegotiation.decisions_changed == 1 and renegotiation.recorded_by == hanna
    event = AuditEvent.objects.get(action=AuditAction.CONTRACT_RENEGOTIATED)
    assert event.actor == hanna and event.detail["effect_this_year"] == str(-500 * 122)


def test_the_forecast_sees_the_new_price(contract, hanna):
    before = year_summary(Decision.objects.filter(external_id="B-ON"), 2026).total.cost
    contract_renegotiate(contract=contract, actor=hanna, new_price=Decimal(3000),
                         effective_from=dt.date(2025, 9, 1))
    after = year_summary(Decision.objects.filter(external_id="B-ON"), 2026).total.cost
    assert before - after == Decimal(1000 * 365)


def test_only_unit_head_or_admin_may_renegotiate(contract, alice, carl, ada):
    for person in (alice, carl):
        with pytest.raises(PermissionDenied):
            contract_renegotiate(contract=contract, actor=person, new_price=Decimal(1),
                                 effective_from=dt.date(2025, 9, 1))
    contract_renegotiate(contract=contract, actor=ada, new_price=Decimal(3900), effective_from=dt.date(2025, 9, 1))
    assert Renegotiation.objects.count() == 1


@pytest.mark.parametrize(("fields", "field"), [
    ({"new_price": Decimal(0)}, "new_price"),
    ({"effective_from": dt.date(2023, 1, 1)}, "effective_from"),
    ({"valid_to": dt.date(2025, 8, 1)}, "valid_to"),
])
def test_bad_input_writes_nothing(contract, hanna, fields, field):
    arguments = {"new_price": Decimal(3500), "effective_from": dt.date(2025, 9, 1), **fields}
    with pytest.raises(ValidationError) as raised:
        contract_renegotiate(contract=contract, actor=hanna, **arguments)
    assert field in raised.value.message_dict
    contract.refresh_from_db()
    assert contract.price == Decimal(4000)
    assert not Renegotiation.objects.exists()
    assert Decision.objects.get(external_id="B-ON").price == Decimal(4000)
