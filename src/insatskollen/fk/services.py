"""Writes for Försäkringskassan cases: registering an application, appeal or retroactive claim, and recording
FK's decision. Each owns its transaction and writes the FK_CASE_CHANGED audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.fk.models import FkCase, FkCaseKind, FkOutcome
from insatskollen.register.models import Client, Decision
from insatskollen.register.services import ensure_may_change_client, json_value

APPEALABLE = (FkOutcome.REFUSED, FkOutcome.PARTLY)


def _amount_error(value: Decimal | None) -> str | None:
    if value is not None and value < 0:
        return "Beloppet kan inte vara negativt."
    return None


def register_errors(*, client: Client, kind: str, submitted_on, decision: Decision | None,
                    parent: FkCase | None, expected_amount: Decimal | None) -> dict[str, str]:
    """Swedish messages per field for a case that cannot be registered; empty when it can."""
    errors: dict[str, str] = {}
    if kind not in FkCaseKind.values:
        errors["kind"] = "Välj typ av ärende."
    if submitted_on is None:
        errors["submitted_on"] = "Ange när ärendet lämnades in till Försäkringskassan."
    if decision is not None and decision.client_id != client.pk:
        errors["decision"] = "Beslutet tillhör en annan klient."
    if (message := _amount_error(expected_amount)) is not None:
        errors["expected_amount"] = message
    if kind == FkCaseKind.RETROACTIVE_CLAIM and expected_amount is None:
        errors["expected_amount"] = "Ange det belopp ni räknar med att få retroaktivt."
    if parent is not None and parent.client_id != client.pk:
        errors["parent"] = "Ärendet som överklagas gäller en annan klient."
    elif kind == FkCaseKind.APPEAL:
        if parent is None:
            errors["parent"] = "Ange vilket beslut från Försäkringskassan som överklagas."
        elif parent.kind == FkCaseKind.RETROACTIVE_CLAIM or parent.outcome not in APPEALABLE:
            errors["parent"] = "Bara ett avslag eller ett delvis beviljat beslut kan överklagas."
        elif submitted_on and parent.decided_on and submitted_on < parent.decided_on:
            errors["submitted_on"] = (f"Överklagandet kan inte lämnas in före Försäkringskassans beslut "
                                      f"{parent.decided_on:%Y-%m-%d}.")
    elif kind == FkCaseKind.APPLICATION:
        if parent is not None:
            errors["parent"] = "En ny ansökan gäller inget tidigare ärende."
        elif FkCase.objects.filter(client=client, kind=FkCaseKind.APPLICATION, outcome=FkOutcome.PENDING).exists():
            errors["kind"] = "Klienten har redan en ansökan som väntar på beslut."
    return errors


def _detail(case: FkCase, **extra) -> dict:
    return {"case": case.pk, "kind": case.kind, "outcome": case.outcome,
            "submitted_on": json_value(case.submitted_on), "decided_on": json_value(case.decided_on),
            "decision": case.decision_id, "parent": case.parent_id,
            "hours_granted": json_value(case.hours_granted), "expected_amount": json_value(case.expected_amount),
            "received_amount": json_value(case.received_amount), **extra}


@transaction.atomic
def fk_case_register(*, client: Client, actor, kind: str, submitted_on: dt.date, decision: Decision | None = None,
                     parent: FkCase | None = None, expected_amount: Decimal | None = None,
                     note: str = "") -> FkCase:
    """Register an application, an appeal (of a refused or partly granted `parent`) or a retroactive claim."""
    ensure_may_change_client(actor, client)
    if parent is not None:  # as it stands now, not as the caller last read it
        parent = FkCase.objects.select_for_update().get(pk=parent.pk)
    errors = register_errors(client=client, kind=kind, submitted_on=submitted_on, decision=decision,
                             parent=parent, expected_amount=expected_amount)
    if errors:
        raise ValidationError(errors)
    case = FkCase.objects.create(
        client=client, kind=kind, submitted_on=submitted_on, decision=decision, parent=parent,
        expected_amount=expected_amount, note=note.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action=AuditAction.FK_CASE_CHANGED, object_type="fk_case", object_id=case.pk,
                 client_id=client.pk, summary=f"{case.get_kind_display()} inlämnad {submitted_on:%Y-%m-%d}",
                 detail=_detail(case, change="registered"))
    return case


def decide_errors(*, case: FkCase, outcome: str, decided_on, hours_granted: Decimal | None,
                  received_amount: Decimal | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not case.is_open:
        errors["outcome"] = "Ärendet är redan avgjort."
    elif outcome not in FkOutcome.values or outcome == FkOutcome.PENDING:
        errors["outcome"] = "Välj Försäkringskassans beslut: beviljad, delvis beviljad eller avslag."
    if decided_on is None:
        errors["decided_on"] = "Ange datum för Försäkringskassans beslut."
    elif decided_on < case.submitted_on:
        errors["decided_on"] = f"Beslutet kan inte komma före inlämningen {case.submitted_on:%Y-%m-%d}."
    if hours_granted is not None:
        if hours_granted < 0:
            errors["hours_granted"] = "Antalet timmar kan inte vara negativt."
        elif outcome == FkOutcome.REFUSED:
            errors["hours_granted"] = "Vid avslag beviljas inga timmar. Lämna fältet tomt."
        elif hours_granted > 168:
            errors["hours_granted"] = "En vecka har 168 timmar. Kontrollera antalet."
    if (message := _amount_error(received_amount)) is not None:
        errors["received_amount"] = message
    return errors


@transaction.atomic
def fk_case_decide(*, case: FkCase, actor, outcome: str, decided_on: dt.date,
                   hours_granted: Decimal | None = None, received_amount: Decimal | None = None,
                   note: str | None = None) -> FkCase:
    """Record Försäkringskassan's decision on an open case: the outcome, hours granted and any amount received."""
    case = FkCase.objects.select_for_update(of=("self",)).select_related("client").get(pk=case.pk)
    ensure_may_change_client(actor, case.client)
    errors = decide_errors(case=case, outcome=outcome, decided_on=decided_on, hours_granted=hours_granted,
                           received_amount=received_amount)
    if errors:
        raise ValidationError(errors)
    case.outcome, case.decided_on = outcome, decided_on
    case.hours_granted, case.received_amount = hours_granted, received_amount
    if note:
        case.note = f"{case.note}\n{note.strip()}".strip()
    case.save()
    audit_record(actor=actor, action=AuditAction.FK_CASE_CHANGED, object_type="fk_case", object_id=case.pk,
                 client_id=case.client_id,
                 summary=f"{case.get_kind_display()}: {case.get_outcome_display()} {decided_on:%Y-%m-%d}",
                 detail=_detail(case, change="decided"))
    return case
