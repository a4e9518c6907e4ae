"""Writes for the allocation. Every function owns its transaction and writes its audit event; the web pages,
the imports, the demo and the commands all call these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from insatskollen.accounts import access
from insatskollen.allocation.importing.service import measurement_dates_import, schablon_import  # noqa: F401
from insatskollen.allocation.models import (
    ClaimStatus,
    LevelRequest,
    RequestStatus,
    SpecialClaim,
    StaffingKind,
)
from insatskollen.allocation.rules import claim_payable
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.models import Client, Decision, InterventionType


def _check(actor) -> None:
    if getattr(actor, "is_authenticated", False) and not access.may_change_allocation(actor):
        raise PermissionDenied


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def level_request_create(*, actor, client: Client, intervention_type: InterventionType, requested_level: str,
                         need_increased_on: dt.date, requested_on: dt.date, current_level: str = "",
                         decision: Decision | None = None, note: str = "") -> LevelRequest:
    """A request to the assessment office for a new level."""
    _check(actor)
    if need_increased_on > requested_on:
        raise ValidationError("Behovet kan inte ha ökat efter att begäran skickades.")
    request = LevelRequest.objects.create(
        client=client, decision=decision, intervention_type=intervention_type, current_level=current_level,
        requested_level=requested_level, need_increased_on=need_increased_on, requested_on=requested_on, note=note,
        created_by=_user(actor))
    audit_record(actor=actor, action=AuditAction.ALLOCATION_CHANGED, object_type="level request",
                 object_id=request.pk, client_id=client.pk,
                 summary=f"Begäran om nivå {requested_level} i {intervention_type.code} ({requested_on})",
                 detail={"current_level": current_level, "requested_level": requested_level,
                         "need_increased_on": need_increased_on.isoformat()})
    return request


@transaction.atomic
def level_request_decide(*, actor, request: LevelRequest, granted: bool, decided_on: dt.date,
                         applies_from: dt.date | None = None, note: str = "") -> LevelRequest:
    """The assessment office's answer. A granted request says from which day the new level applies; the level
    itself is then a dated change of the decision (`register.services.decision_change`), never stored here."""
    _check(actor)
    if decided_on < request.requested_on:
        raise ValidationError("Beslutet kan inte komma före begäran.")
    if granted and applies_from is None:
        raise ValidationError("Ange från vilket datum den nya nivån gäller.")
    request.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
    request.decided_on = decided_on
    request.applies_from = applies_from if granted else None
    if note:
        request.note = f"{request.note}\n{note}".strip()
    request.save(update_fields=["status", "decided_on", "applies_from", "note"])
    audit_record(actor=actor, action=AuditAction.ALLOCATION_CHANGED, object_type="level request",
                 object_id=request.pk, client_id=request.client_id,
                 summary=f"Begäran om nivå {request.requested_level} {request.get_status_display().lower()}",
                 detail={"status": request.status, "decided_on": decided_on.isoformat(),
                         "applies_from": applies_from.isoformat() if applies_from else None})
    return request


@transaction.atomic
def special_claim_create(*, actor, client: Client, intervention_type: InterventionType, measurement_date: dt.date,
                         kind: str, amount_claimed: Decimal, note: str = "") -> SpecialClaim:
    """A särskild redovisning. A kind of day the year's rule does not pay is accepted as a record, marked not
    payable with the reason."""
    _check(actor)
    if kind not in StaffingKind.values:
        raise ValidationError("Okänd typ av dubbelbemanning.")
    if amount_claimed < 0:
        raise ValidationError("Beloppet får inte vara negativt.")
    payable, reason = claim_payable(kind, measurement_date.year)
    claim = SpecialClaim.objects.create(
        client=client, intervention_type=intervention_type, measurement_date=measurement_date, kind=kind,
        amount_claimed=amount_claimed, payable=payable, not_payable_reason=reason, note=note,
        created_by=_user(actor))
    audit_record(actor=actor, action=AuditAction.ALLOCATION_CHANGED, object_type="special claim",
                 object_id=claim.pk, client_id=client.pk,
                 summary=f"Särskild redovisning {measurement_date}: {claim.get_kind_display()}"
                         + ("" if payable else " (ej ersättningsgill)"),
                 detail={"kind": kind, "amount_claimed": str(amount_claimed), "payable": payable})
    return claim


@transaction.atomic
def special_claim_decide(*, actor, claim: SpecialClaim, granted: bool, decided_on: dt.date,
                         amount_granted: Decimal | None = None) -> SpecialClaim:
    """The city's answer. A claim that is not payable under its year's rule cannot be granted."""
    _check(actor)
    if granted and not claim.payable:
        raise ValidationError(claim.not_payable_reason)
    if granted and (amount_granted is None or amount_granted < 0):
        raise ValidationError("Ange det beviljade beloppet.")
    claim.status = ClaimStatus.GRANTED if granted else ClaimStatus.REFUSED
    claim.amount_granted = amount_granted if granted else Decimal(0)
    claim.decided_on = decided_on
    claim.save(update_fields=["status", "amount_granted", "decided_on"])
    audit_record(actor=actor, action=AuditAction.ALLOCATION_CHANGED, object_type="special claim",
                 object_id=claim.pk, client_id=claim.client_id,
                 summary=f"Särskild redovisning {claim.measurement_date} {claim.get_status_display().lower()}",
                 detail={"status": claim.status, "amount_granted": str(claim.amount_granted),
                         "decided_on": decided_on.isoformat()})
    return claim
