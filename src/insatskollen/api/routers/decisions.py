"""Decisions the user may see, and writes to them. Every write goes through the register's service functions.

References in request bodies are ids (client, intervention_type, provider, contract); the caseworker is named by
username, as in the register file. A client or decision the user may not see answers 404; a role that may not
change decisions answers 403. A caseworker's write beyond the delegation rules is not made: it becomes a proposal
for the unit head and the answer is 202 with the Swedish reasons (casework.services.decision_submit).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from ninja import Query, Router, Schema, Status

from insatskollen.accounts import access
from insatskollen.accounts.models import User
from insatskollen.api.schemas import (
    DecisionChangeIn,
    DecisionCreateIn,
    DecisionDetail,
    DecisionEndIn,
    DecisionFilters,
    DecisionPage,
    InvalidFields,
    Message,
)
from insatskollen.casework.models import Proposal
from insatskollen.casework.services import Submission, decision_submit
from insatskollen.register.models import (
    ChangeSource,
    Contract,
    Decision,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to

router = Router(tags=["Beslut"])
RELATED = ("client", "intervention_type", "provider", "caseworker")
REFERENCES = {
    "intervention_type": (InterventionType, "Insatstypen finns inte."),
    "provider": (Provider, "Utföraren finns inte."),
    "contract": (Contract, "Avtalet finns inte."),
}
NOT_NULL = ("intervention_type", "provider", "caseworker", "extent", "unit", "price", "decision_date",
            "start_date", "ifo_share_pct")
TEXT = ("level", "revenue_source", "comment")


class ProposalMade(Schema):
    """The write needs the unit head's approval: nothing was written, a proposal waits."""

    detail: str
    proposal: int
    reasons: list[str]


WRITE_RESPONSES = {202: ProposalMade, 403: Message, 404: Message, 422: InvalidFields}


def _proposal_made(submission: Submission):
    return Status(202, {"detail": submission.message, "proposal": submission.proposal.pk,
                        "reasons": submission.reasons})


def _visible(user) -> QuerySet[Decision]:
    return decisions_visible_to(user).select_related(*RELATED)


def _visible_decision(user, decision_id: int, *, with_versions: bool = False) -> Decision:
    qs = _visible(user)
    if with_versions:
        qs = qs.prefetch_related(Prefetch(
            "versions", queryset=DecisionVersion.objects.select_related("changed_by").order_by("number")))
    decision = qs.filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    return decision


def _ensure_may_change(user) -> None:
    if not access.may_change_decisions(user):
        raise PermissionDenied("Din roll får inte ändra beslut.")


def resolve_fields(values: dict[str, Any]) -> dict[str, Any]:
    """API values → model values: referenced rows looked up, the caseworker by username. Raises ValidationError."""
    errors: dict[str, str] = {}
    resolved: dict[str, Any] = {}
    for name, value in values.items():
        if value is None and name in NOT_NULL:
            errors[name] = "Fältet får inte vara tomt."
        elif name in TEXT:
            resolved[name] = value or ""
        elif name in REFERENCES and value is not None:
            model, missing = REFERENCES[name]
            resolved[name] = model.objects.filter(pk=value).first()
            if resolved[name] is None:
                errors[name] = missing
        elif name == "caseworker":
            resolved[name] = User.objects.filter(username=value, is_active=True).first()
            if resolved[name] is None:
                errors[name] = f"Det finns ingen aktiv användare med användarnamnet {value!r}."
        else:
            resolved[name] = value
    if errors:
        raise ValidationError(errors)
    return resolved


@router.get("/decisions", response=DecisionPage, summary="Beslut du får se")
def list_decisions(request, filters: Query[DecisionFilters]):
    decisions = _visible(request.auth)
    if filters.client is not None:
        decisions = decisions.filter(client_id=filters.client)
    if filters.active_on is not None:
        day = filters.active_on
        decisions = decisions.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
    if filters.code.strip():
        decisions = decisions.filter(intervention_type__code=filters.code.strip())
    decisions = decisions.order_by("client_id", "start_date", "id")
    page = decisions[filters.offset:filters.offset + filters.limit]
    return {"count": decisions.count(), "items": list(page)}


@router.get("/decisions/{decision_id}", response={200: DecisionDetail, 404: Message},
            summary="Ett beslut med sin historik")
def get_decision(request, decision_id: int):
    return _visible_decision(request.auth, decision_id, with_versions=True)


@router.post("/decisions", response={201: DecisionDetail, **WRITE_RESPONSES}, summary="Registrera ett beslut")
def create_decision(request, payload: DecisionCreateIn):
    """`caseworker` defaults to the token's user and `unit` to the intervention type's unit."""
    user = request.auth
    _ensure_may_change(user)
    client = clients_visible_to(user).filter(pk=payload.client).first()
    if client is None:
        raise Http404
    values = {k: v for k, v in payload.model_dump(exclude={"client"}).items() if v not in (None, "")}
    values.setdefault("caseworker", user.username)
    fields = resolve_fields(values)
    if "unit" not in fields:
        if not fields["intervention_type"].unit:
            raise ValidationError({"unit": "Ange enhet: insatstypen har ingen förvald enhet."})
        fields["unit"] = fields["intervention_type"].unit
    submission = decision_submit(actor=user, kind=Proposal.Kind.CREATE, source=ChangeSource.API,
                                 fields={"client": client, **fields})
    if submission.proposal:
        return _proposal_made(submission)
    return Status(201, _visible_decision(user, submission.decision.pk, with_versions=True))


@router.patch("/decisions/{decision_id}", response={200: DecisionDetail, **WRITE_RESPONSES},
              summary="Ändra fält i ett beslut")
def change_decision(request, decision_id: int, payload: DecisionChangeIn):
    """Send only the fields to change. A change that changes nothing records no version."""
    user = request.auth
    _ensure_may_change(user)
    decision = _visible_decision(user, decision_id)
    fields = resolve_fields(payload.model_dump(exclude_unset=True))
    changes = {(f"{name}_id" if name in REFERENCES or name == "caseworker" else name):
               (getattr(value, "pk", None) if name in REFERENCES or name == "caseworker" else value)
               for name, value in fields.items()}
    submission = decision_submit(actor=user, kind=Proposal.Kind.CHANGE, decision=decision, source=ChangeSource.API,
                                 fields=changes)
    if submission.proposal:
        return _proposal_made(submission)
    return _visible_decision(user, decision_id, with_versions=True)


@router.post("/decisions/{decision_id}/end", response={200: DecisionDetail, **WRITE_RESPONSES},
             summary="Avsluta ett beslut")
def end_decision(request, decision_id: int, payload: DecisionEndIn):
    user = request.auth
    _ensure_may_change(user)
    decision = _visible_decision(user, decision_id)
    submission = decision_submit(actor=user, kind=Proposal.Kind.END, decision=decision, source=ChangeSource.API,
                                 fields={"end_date": payload.end_date})
    if submission.proposal:
        return _proposal_made(submission)
    return _visible_decision(user, decision_id, with_versions=True)
