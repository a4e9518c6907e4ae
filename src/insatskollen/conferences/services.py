"""Writing case conferences: preparing the agenda, recording minutes, raising policy questions, closing.

Each function owns its transaction and writes its audit event. Access (who may call them for which team) is
the caller's job: see `conferences.selectors.may_attend` and `may_lead`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.conferences.agenda import KIND_ORDER, monday_of, propose_agenda
from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion

MINUTES_MAX_LENGTH = 5000
QUESTION_MAX_LENGTH = 1000
RESOLVING_OUTCOMES = (AgendaItem.Outcome.GRANTED, AgendaItem.Outcome.REJECTED, AgendaItem.Outcome.NOTED)


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _ensure_open(conference: Conference) -> None:
    if conference.is_held:
        raise ValidationError("Ärendedragningen är avslutad; dagordning och protokoll är låsta.")


@transaction.atomic
def conference_prepare(*, team, week: dt.date, actor) -> Conference:
    """Create or refresh the team's proposed agenda for the week containing `week`.

    Idempotent: a case is never listed twice. Items with minutes or an outcome are kept even if their case no
    longer qualifies; items without minutes whose case no longer qualifies are removed.
    """
    week_start = monday_of(week)
    conference, created = Conference.objects.get_or_create(team=team, week_start=week_start)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _ensure_open(conference)
    proposal = propose_agenda(team, week_start)
    existing = {item.source_key: item for item in conference.items.select_related("intervention_type")}
    proposed_keys = {p.source_key for p in proposal.items}
    removed = [item for key, item in existing.items() if key not in proposed_keys and not item.has_minutes]
    AgendaItem.objects.filter(pk__in=[item.pk for item in removed]).delete()
    kept = [item for key, item in existing.items() if key not in proposed_keys and item.has_minutes]

    # Order: the proposed items in their order, with kept items slotted into their intervention's group.
    ordered: list[tuple[tuple, object]] = [((p.code, KIND_ORDER.index(p.kind), i), p)
                                           for i, p in enumerate(proposal.items)]
    ordered += [((item.intervention_type.code, KIND_ORDER.index(item.kind), len(ordered) + i), item)
                for i, item in enumerate(kept)]
    added = 0
    for position, (_, entry) in enumerate(sorted(ordered, key=lambda pair: pair[0]), start=1):
        if isinstance(entry, AgendaItem):
            entry.position = position
            entry.save(update_fields=["position"])
            continue
        item = existing.get(entry.source_key)
        if item is None:
            AgendaItem.objects.create(conference=conference, source_key=entry.source_key, position=position,
                                      **entry.model_fields())
            added += 1
        else:
            for name, value in {**entry.model_fields(), "position": position}.items():
                setattr(item, name, value)
            item.save()
    conference.routine_count = proposal.routine_count
    conference.prepared_at = timezone.now()
    conference.save(update_fields=["routine_count", "prepared_at"])
    total = len(proposal.items) + len(kept)
    audit_record(
        actor=actor, action=AuditAction.CONFERENCE_CHANGED, object_type="conference", object_id=conference.pk,
        summary=(f"Dagordning {'framtagen' if created else 'uppdaterad'} för {team} v. {conference.week_number}: "
                 f"{total} ärenden, {proposal.routine_count} rutinärenden utelämnade"),
        detail={"team": team.code, "week_start": week_start.isoformat(), "items": total, "added": added,
                "removed": len(removed), "kept_with_minutes": len(kept), "routine": proposal.routine_count,
                "period": [proposal.first_day.isoformat(), proposal.last_day.isoformat()],
                "threshold": str(proposal.threshold)},
    )
    return conference


@transaction.atomic
def agenda_item_minutes_record(*, item: AgendaItem, actor, minutes: str, outcome: str) -> AgendaItem:
    """Record the minutes and outcome of one agenda item (replacing what was recorded before)."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("conference__team").get(pk=item.pk)
    _ensure_open(item.conference)
    minutes = (minutes or "").strip()
    errors = {}
    if outcome and outcome not in AgendaItem.Outcome.values:
        errors["outcome"] = "Välj bifall, avslag, återremiss eller noterad."
    if len(minutes) > MINUTES_MAX_LENGTH:
        errors["minutes"] = f"Protokollet får vara högst {MINUTES_MAX_LENGTH} tecken."
    if not minutes and not outcome:
        errors["minutes"] = "Skriv protokoll eller välj ett utfall."
    if errors:
        raise ValidationError(errors)
    if item.minutes == minutes and item.outcome == outcome:
        return item
    before = {"minutes": item.minutes, "outcome": item.outcome}
    item.minutes, item.outcome = minutes, outcome
    item.recorded_by, item.recorded_at = _actor(actor), timezone.now()
    item.save(update_fields=["minutes", "outcome", "recorded_by", "recorded_at"])
    audit_record(
        actor=actor, action=AuditAction.CONFERENCE_CHANGED, object_type="agenda_item", object_id=item.pk,
        client_id=item.client_id,
        summary=f"Protokoll {item.conference}, punkt {item.position}: {item.get_outcome_display() or 'utan utfall'}",
        detail={"conference": item.conference_id, "before": before, "after": {"minutes": minutes,
                                                                             "outcome": outcome}},
    )
    return item


@transaction.atomic
def policy_question_raise(*, client, actor, text: str, decision=None) -> PolicyQuestion:
    """Flag a case as a policy question for the team's next case conference."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Beskriv principfrågan."})
    if len(text) > QUESTION_MAX_LENGTH:
        raise ValidationError({"text": f"Principfrågan får vara högst {QUESTION_MAX_LENGTH} tecken."})
    if decision is not None and decision.client_id != client.pk:
        raise ValidationError({"decision": "Beslutet hör inte till klienten."})
    if decision is None and not client.decisions.exists():
        raise ValidationError("Klienten har inga beslut att ta upp som principfråga.")
    if client.team_id is None:
        raise ValidationError("Klienten tillhör inget team och kan inte tas upp på en ärendedragning.")
    question = PolicyQuestion.objects.create(client=client, decision=decision, text=text, raised_by=_actor(actor))
    audit_record(
        actor=actor, action=AuditAction.CASE_FLAGGED, object_type="policy_question", object_id=question.pk,
        client_id=client.pk, summary=f"Principfråga väckt för {client.masked_personal_number}",
        detail={"decision": decision.label if decision else None, "text": text},
    )
    return question


@transaction.atomic
def conference_close(*, conference: Conference, actor, held_on: dt.date) -> Conference:
    """Mark the conference as held on `held_on`: agenda and minutes lock, and policy questions settled at it
    (bifall, avslag or noterad) are resolved. Items without an outcome come back at the next conference."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _ensure_open(conference)
    earliest, latest = conference.week_start - dt.timedelta(days=7), conference.week_start + dt.timedelta(days=6)
    if not earliest <= held_on <= latest or held_on > timezone.localdate():
        raise ValidationError({"held_on": "Datumet ska ligga i ärendedragningens vecka (eller veckan före) och "
                                          "får inte vara i framtiden."})
    items = list(conference.items.all())
    settled = [i.policy_question_id for i in items if i.policy_question_id and i.outcome in RESOLVING_OUTCOMES]
    now = timezone.now()
    PolicyQuestion.objects.filter(pk__in=settled, resolved=False).update(resolved=True, resolved_at=now)
    conference.status, conference.held_on, conference.closed_by = Conference.Status.HELD, held_on, _actor(actor)
    conference.save(update_fields=["status", "held_on", "closed_by"])
    untreated = sum(1 for i in items if not i.outcome)
    audit_record(
        actor=actor, action=AuditAction.CONFERENCE_CHANGED, object_type="conference", object_id=conference.pk,
        summary=f"Ärendedragning {conference} genomförd {held_on:%Y-%m-%d}: {len(items) - untreated} av "
                f"{len(items)} ärenden behandlade",
        detail={"held_on": held_on.isoformat(), "items": len(items), "untreated": untreated,
                "policy_questions_resolved": len(settled)},
    )
    return conference
