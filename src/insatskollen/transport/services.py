"""Writes of the transport app: carriers, transport orders and their dated terms, closed days, and the follow-up of
an invoice's disputes. Each owns its transaction and writes its audit event. The invoice import is
`importing/service.py`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.models import Client, Decision, Provider
from insatskollen.transport import terms as tt
from insatskollen.transport.models import (
    Carrier,
    ClosedDay,
    DisputeStatus,
    TransportInvoice,
    TransportOrder,
    TransportOrderTerm,
)

WEEKDAYS_DEFAULT = (0, 1, 2, 3, 4)


def may_change_transport(user) -> bool:
    """Orders, closed days and disputes: the unit head and admins (and the system: commands, the demo)."""
    if not getattr(user, "is_authenticated", False):
        return True
    return access.may_change_budget(user)


def _check_actor(actor) -> None:
    if not may_change_transport(actor):
        raise PermissionDenied("Din roll får inte ändra resebeställningar eller fakturor.")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def carrier_get_or_create(*, name: str, actor, org_number: str = "") -> tuple[Carrier, bool]:
    existing = Carrier.objects.filter(name__iexact=name.strip()).first()
    if existing:
        return existing, False
    carrier = Carrier.objects.create(name=name.strip(), org_number=org_number)
    audit_record(actor=actor, action=AuditAction.REFERENCE_CREATED, object_type="carrier", object_id=carrier.pk,
                 summary=f"Transportör {carrier.name} skapad")
    return carrier, True


def _validate_terms(values: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    price = Decimal(values["price"])
    if price < 0:
        errors["price"] = "Priset per resa kan inte vara negativt."
    trips = int(values["trips_per_week"])
    if not 1 <= trips <= 50:
        errors["trips_per_week"] = "Resor per vecka ska vara mellan 1 och 50."
    weekdays = sorted({int(d) for d in values["weekdays"]})
    if not weekdays or any(not 0 <= d <= 6 for d in weekdays):
        errors["weekdays"] = "Välj minst en veckodag."
    if errors:
        raise ValidationError(errors)
    return {**values, "price": price.quantize(Decimal("0.01")), "trips_per_week": trips, "weekdays": weekdays}


def _periods(order: TransportOrder) -> list[tt.Period]:
    return [tt.Period(t.valid_from, t.valid_to, tt.values_of({
        "carrier_id": t.carrier_id, "contract": t.contract, "price": t.price, "trips_per_week": t.trips_per_week,
        "weekdays": tuple(t.weekdays)})) for t in order.terms.order_by("valid_from")]


def _write_periods(order: TransportOrder, periods: list[tt.Period]) -> None:
    order.terms.all().delete()
    TransportOrderTerm.objects.bulk_create([
        TransportOrderTerm(order=order, valid_from=p.valid_from, valid_to=p.valid_to,
                           **{**p.terms, "weekdays": list(p.terms["weekdays"])}) for p in periods])


def _check_decision(client: Client, decision: Decision | None) -> None:
    if decision is not None and decision.client_id != client.pk:
        raise ValidationError({"activity_decision": "Beslutet om daglig verksamhet gäller en annan klient."})


@transaction.atomic
def transport_order_create(*, client: Client, actor, carrier: Carrier, price: Decimal, trips_per_week: int,
                           valid_from: dt.date, valid_to: dt.date | None = None, weekdays=WEEKDAYS_DEFAULT,
                           contract: str = "", from_place: str, to_place: str,
                           activity_decision: Decision | None = None, note: str = "") -> TransportOrder:
    """A transport order for `client` with its first terms over its whole period."""
    _check_actor(actor)
    _check_decision(client, activity_decision)
    values = _validate_terms({"carrier_id": carrier.pk, "contract": contract.strip(), "price": price,
                              "trips_per_week": trips_per_week, "weekdays": weekdays})
    try:
        periods = tt.first_periods(valid_from, valid_to, {**values, "weekdays": tuple(values["weekdays"])})
    except tt.TermsError as error:
        raise ValidationError({"valid_to": str(error)}) from None
    order = TransportOrder.objects.create(client=client, activity_decision=activity_decision,
                                          from_place=from_place.strip(), to_place=to_place.strip(),
                                          valid_from=valid_from, valid_to=valid_to, note=note,
                                          created_by=_user(actor))
    _write_periods(order, periods)
    audit_record(actor=actor, action=AuditAction.TRANSPORT_ORDER_CHANGED, object_type="transport order",
                 object_id=order.pk, client_id=client.pk,
                 summary=f"Resebeställning {order.from_place} – {order.to_place} från {valid_from.isoformat()}",
                 detail={"created": True, "price": str(values["price"]), "trips_per_week": trips_per_week,
                         "weekdays": values["weekdays"], "carrier": carrier.name, "contract": contract})
    return order


@transaction.atomic
def transport_order_change(*, order: TransportOrder, actor, valid_from: dt.date, expected_version: int | None = None,
                           **changes: Any) -> TransportOrder:
    """Change the order's terms from `valid_from` on ("tills vidare"; a later change of the same term is
    replaced). `carrier` may be given as a Carrier."""
    _check_actor(actor)
    order = TransportOrder.objects.select_for_update().get(pk=order.pk)
    if expected_version is not None and order.version != expected_version:
        raise ValidationError({"valid_from": "Beställningen har ändrats sedan du öppnade den. Inget sparades."})
    if "carrier" in changes:
        changes["carrier_id"] = changes.pop("carrier").pk
    periods = _periods(order)
    current = tt.terms_on(periods, valid_from) or periods[-1].terms
    merged = _validate_terms({**current, **changes})
    wanted = {k: (tuple(v) if k == "weekdays" else v) for k, v in merged.items() if k in changes}
    try:
        new = tt.with_change(periods, valid_from, wanted)
    except tt.TermsError as error:
        raise ValidationError({"valid_from": str(error)}) from None
    if new == periods:
        return order
    _write_periods(order, new)
    order.version += 1
    order.save(update_fields=["version"])
    audit_record(actor=actor, action=AuditAction.TRANSPORT_ORDER_CHANGED, object_type="transport order",
                 object_id=order.pk, client_id=order.client_id,
                 summary=f"Resebeställning ändrad från {valid_from.isoformat()}: {', '.join(sorted(wanted))}",
                 detail={"valid_from": valid_from.isoformat(),
                         "changes": {k: (list(v) if isinstance(v, tuple) else str(v)) for k, v in wanted.items()}})
    return order


@transaction.atomic
def transport_order_end(*, order: TransportOrder, actor, valid_to: dt.date | None) -> TransportOrder:
    _check_actor(actor)
    order = TransportOrder.objects.select_for_update().get(pk=order.pk)
    try:
        periods = tt.with_end(_periods(order), valid_to)
    except tt.TermsError as error:
        raise ValidationError({"valid_to": str(error)}) from None
    _write_periods(order, periods)
    order.valid_to = valid_to
    order.version += 1
    order.save(update_fields=["valid_to", "version"])
    audit_record(actor=actor, action=AuditAction.TRANSPORT_ORDER_CHANGED, object_type="transport order",
                 object_id=order.pk, client_id=order.client_id,
                 summary=f"Resebeställning gäller till {valid_to.isoformat() if valid_to else 'tills vidare'}",
                 detail={"valid_to": valid_to.isoformat() if valid_to else None})
    return order


@transaction.atomic
def closed_day_add(*, day: dt.date, reason: str, actor, provider: Provider | None = None) -> ClosedDay:
    _check_actor(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Skriv varför verksamheten är stängd."})
    closed, _ = ClosedDay.objects.update_or_create(day=day, provider=provider, defaults={"reason": reason.strip()})
    audit_record(actor=actor, action=AuditAction.TRANSPORT_ORDER_CHANGED, object_type="closed day",
                 object_id=closed.pk, summary=f"Stängd dag {day.isoformat()}: {reason.strip()}"[:300],
                 detail={"provider": provider.name if provider else None})
    return closed


DISPUTE_FLOW = {
    DisputeStatus.OPEN: {DisputeStatus.SENT, DisputeStatus.WITHDRAWN},
    DisputeStatus.SENT: {DisputeStatus.CREDITED, DisputeStatus.WITHDRAWN, DisputeStatus.OPEN},
    DisputeStatus.CREDITED: set(),
    DisputeStatus.WITHDRAWN: {DisputeStatus.OPEN},
    DisputeStatus.NONE: set(),
}


@transaction.atomic
def invoice_dispute_update(*, invoice: TransportInvoice, actor, status: str, note: str = "") -> TransportInvoice:
    """Follow an invoice's disputes up: open → sent to the carrier → credited (or withdrawn)."""
    _check_actor(actor)
    invoice = TransportInvoice.objects.select_for_update().get(pk=invoice.pk)
    if status not in DISPUTE_FLOW.get(invoice.dispute_status, set()):
        raise ValidationError({"status": f"Status kan inte ändras från {invoice.get_dispute_status_display()} "
                                         f"till {DisputeStatus(status).label}."})
    before = invoice.dispute_status
    invoice.dispute_status = status
    invoice.dispute_note = (note or invoice.dispute_note).strip()
    invoice.dispute_changed_at = timezone.now()
    invoice.save(update_fields=["dispute_status", "dispute_note", "dispute_changed_at"])
    audit_record(actor=actor, action=AuditAction.TRANSPORT_DISPUTE_CHANGED, object_type="transport invoice",
                 object_id=invoice.pk, summary=f"Faktura {invoice.number}: {DisputeStatus(status).label}",
                 detail={"before": before, "after": status, "disputed": str(invoice.disputed)})
    return invoice
