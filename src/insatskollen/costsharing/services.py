"""Writes of IFO cost sharing, each in one transaction with its audit event: the IFO flag on a client, sharing
agreements (which change the register's IFO share as a dated term, through `register.services.decision_change`,
never in a closed month), and disputes with IFO."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.costsharing import recharge
from insatskollen.costsharing.models import (
    DisputeStatus,
    IfoInvolvement,
    ShareKind,
    SharingAgreement,
    SharingDispute,
)
from insatskollen.costsharing.selectors import gross_periods
from insatskollen.register import timeline as tl
from insatskollen.register.models import ChangeSource, Client, Decision
from insatskollen.register.periods import closed_through
from insatskollen.register.services import decision_change, decision_timeline

ONE_DAY = dt.timedelta(days=1)
HUNDRED = Decimal(100)


def may_change_sharing(user) -> bool:
    """Agreements, flags and disputes with IFO: the unit head (who owns the budget) and admins; the system."""
    if not getattr(user, "is_authenticated", False):
        return True
    return access.may_change_budget(user)


def _check_actor(actor) -> None:
    if not may_change_sharing(actor):
        raise PermissionDenied("Din roll får inte registrera kostnadsdelning med IFO.")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _source(actor) -> str:
    return ChangeSource.UI if _user(actor) else ChangeSource.COMMAND


@transaction.atomic
def ifo_involvement_set(*, client: Client, actor, involved: bool, note: str = "",
                        noted_on: dt.date | None = None) -> IfoInvolvement | None:
    """Flag (or unflag) the client: IFO is involved in the case."""
    _check_actor(actor)
    if involved:
        flag, _ = IfoInvolvement.objects.update_or_create(
            client=client, defaults={"noted_on": noted_on or timezone.localdate(), "note": note.strip(),
                                     "noted_by": _user(actor)})
    else:
        IfoInvolvement.objects.filter(client=client).delete()
        flag = None
    audit_record(actor=actor, action=AuditAction.IFO_SHARING_CHANGED, object_type="ifo involvement",
                 object_id=client.pk, client_id=client.pk,
                 summary="IFO involverad" if involved else "IFO inte längre involverad", detail={"note": note})
    return flag


def _overlapping(client: Client, decision: Decision | None, start: dt.date, end: dt.date | None):
    qs = SharingAgreement.objects.filter(client=client)
    if end is not None:
        qs = qs.filter(valid_from__lte=end)
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    if decision is not None:
        qs = qs.filter(Q(decision__isnull=True) | Q(decision=decision))
    return qs


def _covered(client: Client, decision: Decision | None, start: dt.date, end: dt.date | None) -> list[Decision]:
    if decision is not None:
        if decision.client_id != client.pk:
            raise ValidationError({"decision": "Beslutet gäller en annan klient."})
        qs = Decision.objects.filter(pk=decision.pk)
    else:
        qs = Decision.objects.filter(client=client)
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    return list(qs.exclude(end_date__lt=start).order_by("start_date", "pk"))


def _validate(kind: str, share_pct, amount, valid_from: dt.date, valid_to: dt.date | None, signed_on, signed_by):
    errors = {}
    if kind == ShareKind.PERCENT:
        if share_pct is None or share_pct <= 0:
            errors["share_pct"] = "Ange IFO:s andel i procent (mer än 0)."
        elif share_pct > HUNDRED:
            errors["share_pct"] = "Andelen kan inte vara över 100 %."
    elif kind == ShareKind.KRONOR:
        if amount is None or amount <= 0:
            errors["amount_per_month"] = "Ange IFO:s belopp i kronor per månad (mer än 0)."
    else:
        errors["kind"] = "Välj procent eller kronor per månad."
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = "Avtalet kan inte sluta före det börjar."
    if signed_on is None:
        errors["signed_on"] = "Ange när avtalet undertecknades."
    if not (signed_by or "").strip():
        errors["signed_by"] = "Ange vem som undertecknade för IFO."
    through = closed_through()
    if through is not None and valid_from <= through:
        errors["valid_from"] = (f"{valid_from.isoformat()} ligger i en stängd månad (t.o.m. {through.isoformat()}). "
                                "Avtalet kan gälla från första öppna dagen; det som gäller stängda månader "
                                "registreras som en tvist att reglera.")
    if errors:
        raise ValidationError(errors)


def _register_pct(kind: str, share_pct, amount, decisions: list[Decision], valid_from: dt.date) -> Decimal:
    """The share written to the register: the percent, or the amount's share of the covered decisions' gross cost
    in the agreement's first month (refused when over 100 %)."""
    if kind == ShareKind.PERCENT:
        return Decimal(share_pct).quantize(Decimal("0.01"))
    month = valid_from.replace(day=1)
    last = recharge.month_last(month)
    gross = recharge.gross_cost(gross_periods([d.pk for d in decisions], month, last), month, last)
    if gross <= 0:
        raise ValidationError({"amount_per_month": "Ärendet har ingen kostnad den första månaden att dela."})
    pct = (amount / gross * HUNDRED).quantize(Decimal("0.01"))
    if pct > HUNDRED:
        raise ValidationError({"amount_per_month": (
            f"{amount} kr i månaden är mer än hela kostnaden ({recharge.ore(gross)} kr i "
            f"{month:%Y-%m}): över 100 %.")})
    return pct


@transaction.atomic
def sharing_agreement_create(*, client: Client, actor, kind: str, valid_from: dt.date, signed_on: dt.date,
                             signed_by: str, share_pct: Decimal | None = None,
                             amount_per_month: Decimal | None = None, valid_to: dt.date | None = None,
                             decision: Decision | None = None, note: str = "", source: str | None = None
                             ) -> SharingAgreement:
    """Record a signed agreement and make the register's IFO share of each covered decision follow it: the share
    from `valid_from` (or the decision's start), and back to what it was after `valid_to`."""
    _check_actor(actor)
    source = source or _source(actor)
    _validate(kind, share_pct, amount_per_month, valid_from, valid_to, signed_on, signed_by)
    clash = _overlapping(client, decision, valid_from, valid_to).first()
    if clash is not None:
        raise ValidationError({"valid_from": (
            f"Ett annat avtal gäller redan {clash.valid_from.isoformat()} – "
            f"{clash.valid_to.isoformat() if clash.valid_to else 'tills vidare'} ({clash.share_text()}). "
            "Avtal för samma ärende får inte överlappa.")})
    decisions = _covered(client, decision, valid_from, valid_to)
    if not decisions:
        raise ValidationError({"valid_from": "Klienten har inga beslut under avtalets period."})
    pct = _register_pct(kind, share_pct, amount_per_month, decisions, valid_from)
    agreement = SharingAgreement.objects.create(
        client=client, decision=decision, kind=kind, share_pct=share_pct if kind == ShareKind.PERCENT else None,
        amount_per_month=amount_per_month if kind == ShareKind.KRONOR else None, valid_from=valid_from,
        valid_to=valid_to, signed_on=signed_on, signed_by=signed_by.strip(), register_pct=pct,
        decision_ids=[d.pk for d in decisions], note=note.strip(), recorded_by=_user(actor))
    wording = f"IFO-delningsavtal undertecknat {signed_on.isoformat()} av {signed_by.strip()}: {agreement.share_text()}"
    for d in decisions:
        start = max(valid_from, d.start_date)
        after = None
        if valid_to is not None and (d.end_date is None or valid_to < d.end_date):
            after = tl.terms_on(decision_timeline(d.pk), valid_to + ONE_DAY)
        decision_change(decision=d, actor=actor, source=source, valid_from=start, ifo_share_pct=pct,
                        note=wording, reason=wording)
        if after is not None:
            d.refresh_from_db()
            decision_change(decision=d, actor=actor, source=source, valid_from=valid_to + ONE_DAY,
                            ifo_share_pct=after["ifo_share_pct"], note=f"{wording} (avtalet slutar)",
                            reason=wording)
    audit_record(actor=actor, action=AuditAction.IFO_SHARING_CHANGED, object_type="ifo agreement",
                 object_id=agreement.pk, client_id=client.pk,
                 summary=f"Delningsavtal med IFO: {agreement.share_text()} från {valid_from.isoformat()}",
                 detail={"kind": kind, "share_pct": str(share_pct) if share_pct is not None else None,
                         "amount_per_month": str(amount_per_month) if amount_per_month is not None else None,
                         "valid_from": valid_from.isoformat(),
                         "valid_to": valid_to.isoformat() if valid_to else None, "register_pct": str(pct),
                         "decisions": agreement.decision_ids, "signed_on": signed_on.isoformat(),
                         "signed_by": signed_by})
    return agreement


@transaction.atomic
def sharing_dispute_record(*, client: Client, actor, reason: str, raised_on: dt.date | None = None,
                           agreement: SharingAgreement | None = None, month: dt.date | None = None,
                           amount: Decimal | None = None, follow_up_on: dt.date | None = None) -> SharingDispute:
    _check_actor(actor)
    if not reason.strip():
        raise ValidationError({"reason": "Skriv vad tvisten gäller."})
    dispute = SharingDispute.objects.create(
        client=client, agreement=agreement, month=month.replace(day=1) if month else None, amount=amount,
        reason=reason.strip(), raised_on=raised_on or timezone.localdate(), follow_up_on=follow_up_on,
        raised_by=_user(actor))
    audit_record(actor=actor, action=AuditAction.IFO_SHARING_CHANGED, object_type="ifo dispute",
                 object_id=dispute.pk, client_id=client.pk, summary=f"Tvist med IFO: {reason.strip()}"[:300],
                 detail={"amount": str(amount) if amount is not None else None,
                         "follow_up_on": follow_up_on.isoformat() if follow_up_on else None})
    return dispute


@transaction.atomic
def sharing_dispute_resolve(*, dispute: SharingDispute, actor, status: str, resolution: str,
                            resolved_on: dt.date | None = None, follow_up_on: dt.date | None = None
                            ) -> SharingDispute:
    """Close a dispute (agreed, or IFO declines), or keep it open with a new follow-up date."""
    _check_actor(actor)
    dispute = SharingDispute.objects.select_for_update().get(pk=dispute.pk)
    if status not in DisputeStatus.values:
        raise ValidationError({"status": "Okänd status."})
    if not resolution.strip():
        raise ValidationError({"resolution": "Skriv vad som hänt i ärendet."})
    dispute.status = status
    dispute.resolution = resolution.strip()
    dispute.resolved_on = None if status == DisputeStatus.OPEN else (resolved_on or timezone.localdate())
    if follow_up_on is not None:
        dispute.follow_up_on = follow_up_on
    dispute.save()
    audit_record(actor=actor, action=AuditAction.IFO_SHARING_CHANGED, object_type="ifo dispute",
                 object_id=dispute.pk, client_id=dispute.client_id,
                 summary=f"Tvist med IFO: {DisputeStatus(status).label}", detail={"resolution": resolution})
    return dispute
