"""Writes for the contract watch. A renegotiation updates the contract, reprices its decisions through the
register's services (so their history and the forecast see it) and records its effect on the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.contracts.models import Renegotiation
from insatskollen.contracts.rules import may_renegotiate
from insatskollen.contracts.selectors import renegotiation_effect
from insatskollen.register.models import ChangeEvent, ChangeSource, Contract
from insatskollen.register.services import decision_change, json_value, normalise_value

MAX_PRICE = Decimal(10000000)


def renegotiation_errors(*, contract: Contract, new_price, effective_from, valid_to) -> dict[str, str]:
    """Swedish messages per field for a renegotiation that cannot be saved; empty when it can."""
    errors: dict[str, str] = {}
    if new_price is None:
        errors["new_price"] = "Ange det nya priset."
    elif new_price <= 0:
        errors["new_price"] = "Det nya priset måste vara större än 0 kr."
    elif new_price > MAX_PRICE:
        errors["new_price"] = "Det nya priset är orimligt högt. Kontrollera beloppet."
    if effective_from is None:
        errors["effective_from"] = "Ange från vilket datum det nya priset gäller."
    elif contract.valid_from and effective_from < contract.valid_from:
        errors["effective_from"] = (f"Det nya priset kan inte gälla före avtalets startdatum "
                                    f"{contract.valid_from:%Y-%m-%d}.")
    if valid_to is not None and effective_from is not None and valid_to < effective_from:
        errors["valid_to"] = "Avtalets nya slutdatum kan inte ligga före datumet då det nya priset gäller."
    return errors


@transaction.atomic
def contract_renegotiate(*, contract: Contract, actor, new_price: Decimal, effective_from: dt.date,
                         valid_to: dt.date | None = None, note: str = "",
                         source: str = ChangeSource.UI) -> Renegotiation:
    """Record a renegotiated price from `effective_from` (and a new end date when given).

    The contract's price and end date change, and so does the price of every decision on the contract that runs on
    or after `effective_from` (in the contract's unit), from that day on (`contracts.selectors.repriced`); the days
    before keep their terms. The effect is the cost engine's change of the cost in the year of `effective_from`.
    A date in a closed month makes each decision's change a correction, with the renegotiation as its reason.
    `actor=None` is the system.
    """
    if actor is not None and not may_renegotiate(actor):
        raise PermissionDenied("Endast sektionschef eller administratör får omförhandla avtal.")
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    new_price = normalise_value("price", new_price) if new_price is not None else None
    errors = renegotiation_errors(contract=contract, new_price=new_price, effective_from=effective_from,
                                  valid_to=valid_to)
    if errors:
        raise ValidationError(errors)
    effect = renegotiation_effect(contract=contract, new_price=new_price, effective_from=effective_from)
    renegotiation = Renegotiation.objects.create(
        contract=contract, old_price=contract.price, new_price=new_price, old_valid_to=contract.valid_to,
        new_valid_to=valid_to or contract.valid_to, effective_from=effective_from,
        effect_this_year=effect.effect, decisions_changed=len(effect.decisions), note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    contract.price = new_price
    if valid_to is not None:
        contract.valid_to = valid_to
    contract.save(update_fields=["price", "valid_to"])
    reason = f"Omförhandlat avtal {contract.reference}" + (f": {note.strip()}" if note.strip() else "")
    for decision in effect.decisions:
        decision_change(decision=decision, actor=actor, source=source, price=effect.prices[decision.pk][1],
                        valid_from=max(effective_from, decision.start_date), event=ChangeEvent.RENEGOTIATION,
                        note=note.strip(), reason=reason, until_next_change=True)
    audit_record(
        actor=actor, action=AuditAction.CONTRACT_RENEGOTIATED, object_type="contract", object_id=contract.pk,
        client_id=contract.client_id,
        summary=f"{contract.reference}: {json_value(renegotiation.old_price)} → {json_value(new_price)} kr "
                f"från {effective_from:%Y-%m-%d}",
        detail={"renegotiation": renegotiation.pk, "old_price": json_value(renegotiation.old_price),
                "new_price": json_value(new_price), "effective_from": effective_from.isoformat(),
                "old_valid_to": json_value(renegotiation.old_valid_to),
                "new_valid_to": json_value(renegotiation.new_valid_to),
                "effect_this_year": json_value(effect.effect), "year": effect.year,
                "decisions": [d.label for d in effect.decisions],
                "prices": {d.label: [json_value(p) for p in effect.prices[d.pk]] for d in effect.decisions}},
    )
    return renegotiation
