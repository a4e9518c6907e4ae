"""Decisions the user may see, and writes to them. Every write goes through the register's service functions.

References in request bodies are ids (client, intervention_type, provider, contract); the caseworker is named by
username, as in the register file. A client or decision the user may not see answers 404; a role that may not
change decisions answers 403. A caseworker's write beyond the delegation rules is not made: it becomes a proposal
for the unit head and the answer is 202 with the Swedish reasons (casework.services.decision_submit).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from ninja import Header, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from insatskollen.accounts import access
from insatskollen.accounts.models import User
from insatskollen.api.schemas import (
    DB_INT_MAX,
    DecisionChangeIn,
    DecisionCreateIn,
    DecisionDetail,
    DecisionEndIn,
    DecisionFilters,
    DecisionPage,
    InvalidFields,
    Message,
    VersionOut,
)
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record, audit_record_reads
from insatskollen.casework.models import Proposal
from insatskollen.casework.services import Submission, decision_submit
from insatskollen.register.models import (
    ChangeSource,
    Contract,
    Decision,
    DecisionTerm,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.selectors import clients_visible_to, decisions_visible_to
from insatskollen.register.services import DecisionChangedMeanwhile

router = Router(tags=["Beslut"])
DecisionId = Annotated[int, Path(ge=1, le=DB_INT_MAX)]
RELATED = ("client", "intervention_type", "provider", "caseworker")
REFERENCES = {
    "intervention_type": (InterventionType, "Insatstypen finns inte."),
    "provider": (Provider, "Utföraren finns inte."),
    "contract": (Contract, "Avtalet finns inte."),
}
NOT_NULL = ("intervention_type", "provider", "caseworker", "extent", "unit", "price", "decision_date",
            "start_date", "ifo_share_pct")
TEXT = ("level", "revenue_source", "comment")


class Stale(Schema):
    """The write named an older version: nothing was written. `changes` are the versions made since."""

    detail: str
    version: int
    changes: list[VersionOut]


class ProposalMade(Schema):
    """The write needs the unit head's approval: nothing was written, a proposal waits."""

    detail: str
    proposal: int
    reasons: list[str]


WRITE_RESPONSES = {202: ProposalMade, 403: Message, 404: Message, 409: Stale, 422: InvalidFields}
CHANGE_RESPONSES = {**WRITE_RESPONSES, 428: Message}
NO_VERSION = ("Ange vilken version av beslutet ändringen bygger på: fältet version, eller ETag från GET i rubriken "
              "If-Match. Det skyddar mot att två ändringar skriver över varandra.")


def etag(decision: Decision) -> str:
    return f'"{decision.pk}-{decision.version}"'


def expected_version(decision: Decision, payload_version: int | None, if_match: str | None) -> int:
    """The version the write is based on: the body's `version`, else the If-Match ETag. Neither: 428."""
    if payload_version is not None:
        return payload_version
    if if_match:
        tag = if_match.strip().removeprefix("W/").strip('"')
        number = tag.rpartition("-")[2]
        if tag.startswith(f"{decision.pk}-") and number.isdigit():
            return int(number)
        return -1  # an ETag of something else: stale
    raise HttpError(428, NO_VERSION)


def _stale(error: DecisionChangedMeanwhile):
    return Status(409, {"detail": str(error), "version": error.decision.version, "changes": error.versions})


def _proposal_made(submission: Submission):
    return Status(202, {"detail": submission.message, "proposal": submission.proposal.pk,
                        "reasons": submission.reasons})


def _visible(user) -> QuerySet[Decision]:
    return decisions_visible_to(user).select_related(*RELATED)


def _visible_decision(user, decision_id: int, *, with_versions: bool = False) -> Decision:
    qs = _visible(user)
    if with_versions:
        qs = qs.prefetch_related(Prefetch(
            "versions", queryset=DecisionVersion.objects.select_related("changed_by").order_by("number")),
            Prefetch("terms", queryset=DecisionTerm.objects.filter(known_to__isnull=True).order_by("valid_from")))
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
    page = list(decisions[filters.offset:filters.offset + filters.limit])
    audit_record_reads(actor=request.auth, client_ids=[d.client_id for d in page], summary="Beslutslista via API",
                       detail={"source": "api", "endpoint": "decisions", "decisions": [d.pk for d in page]})
    return {"count": decisions.count(), "items": page}


@router.get("/decisions/{decision_id}", response={200: DecisionDetail, 404: Message},
            summary="Ett beslut med sin historik och sina villkor över tid")
def get_decision(request, decision_id: DecisionId, response: HttpResponse):
    """The ETag header names the version: send it back in If-Match when you change the decision."""
    decision = _visible_decision(request.auth, decision_id, with_versions=True)
    audit_record(actor=request.auth, action=AuditAction.DECISION_VIEWED, object_type="decision",
                 object_id=decision.pk, client_id=decision.client_id, summary=decision.label,
                 detail={"source": "api"})
    response["ETag"] = etag(decision)
    return decision


@router.post("/decisions", response={201: DecisionDetail, **WRITE_RESPONSES}, summary="Registrera ett beslut")
def create_decision(request, payload: DecisionCreateIn):
    """`caseworker` defaults to the token's user and `unit` to the intervention type's unit."""
    user = request.auth
    _ensure_may_change(user)
    client = clients_visible_to(user).filter(pk=payload.client).first()
    if client is None:
        raise Http404
    values = {k: v for k, v in payload.model_dump(exclude={"client", "reason"}).items() if v not in (None, "")}
    values.setdefault("caseworker", user.username)
    fields = resolve_fields(values)
    if "unit" not in fields:
        if not fields["intervention_type"].unit:
            raise ValidationError({"unit": "Ange enhet: insatstypen har ingen förvald enhet."})
        fields["unit"] = fields["intervention_type"].unit
    submission = decision_submit(actor=user, kind=Proposal.Kind.CREATE, source=ChangeSource.API,
                                 fields={"client": client, **fields}, reason=payload.reason or "")
    if submission.proposal:
        return _proposal_made(submission)
    return Status(201, _visible_decision(user, submission.decision.pk, with_versions=True))


@router.patch("/decisions/{decision_id}", response={200: DecisionDetail, **CHANGE_RESPONSES},
              summary="Ändra fält i ett beslut, från ett datum")
def change_decision(request, decision_id: DecisionId, payload: DecisionChangeIn, response: HttpResponse,
                    if_match: str | None = Header(None, alias="If-Match")):
    """Send only the fields to change, and the version you read (`version`, or its ETag in If-Match): a decision
    changed since answers 409 with what changed, and nothing is written. Changed terms take effect from
    `valid_from` (default today). A change that changes nothing records no version."""
    user = request.auth
    _ensure_may_change(user)
    decision = _visible_decision(user, decision_id)
    version = expected_version(decision, payload.version, if_match)
    options = {"valid_from", "version", "reason"}
    fields = resolve_fields(payload.model_dump(exclude_unset=True, exclude=options))
    changes = {(f"{name}_id" if name in REFERENCES or name == "caseworker" else name):
               (getattr(value, "pk", None) if name in REFERENCES or name == "caseworker" else value)
               for name, value in fields.items()}
    try:
        submission = decision_submit(actor=user, kind=Proposal.Kind.CHANGE, decision=decision,
                                     source=ChangeSource.API, fields=changes, valid_from=payload.valid_from,
                                     expected_version=version, reason=payload.reason or "")
    except DecisionChangedMeanwhile as error:
        return _stale(error)
    if submission.proposal:
        return _proposal_made(submission)
    changed = _visible_decision(user, decision_id, with_versions=True)
    response["ETag"] = etag(changed)
    return changed


@router.post("/decisions/{decision_id}/end", response={200: DecisionDetail, **CHANGE_RESPONSES},
             summary="Avsluta ett beslut")
def end_decision(request, decision_id: DecisionId, payload: DecisionEndIn, response: HttpResponse,
                 if_match: str | None = Header(None, alias="If-Match")):
    """Send the version you read (`version`, or its ETag in If-Match), as for a change."""
    user = request.auth
    _ensure_may_change(user)
    decision = _visible_decision(user, decision_id)
    version = expected_version(decision, payload.version, if_match)
    try:
        submission = decision_submit(actor=user, kind=Proposal.Kind.END, decision=decision,
                                     source=ChangeSource.API, fields={"end_date": payload.end_date},
                                     expected_version=version, reason=payload.reason or "")
    except DecisionChangedMeanwhile as error:
        return _stale(error)
    if submission.proposal:
        return _proposal_made(submission)
    ended = _visible_decision(user, decision_id, with_versions=True)
    response["ETag"] = etag(ended)
    return ended
