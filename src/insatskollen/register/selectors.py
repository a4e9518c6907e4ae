"""Reading the register: what a user may see, and what was known on a given date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from insatskollen.accounts import access
from insatskollen.core.identity import InvalidIdentity, mask_personal_number, parse_personal_number
from insatskollen.register.models import Client, Decision, DecisionTerm
from insatskollen.register.services import start_of_day
from insatskollen.register.timeline import TERM_FIELDS

TERM_ROOTS = {name.removesuffix("_id") for name in TERM_FIELDS} | set(TERM_FIELDS)


def known_filter(cutoff: dt.datetime | None) -> Q:
    """The term periods believed just before `cutoff` (None: the current register)."""
    if cutoff is None:
        return Q(known_to__isnull=True)
    return Q(known_from__lt=cutoff) & (Q(known_to__isnull=True) | Q(known_to__gte=cutoff))


def term_path(field: str) -> str:
    """A Decision lookup ("caseworker__username", "client_id", "provider__name") as seen from a term period: terms
    (and the intervention type) are the period's own, everything else is the decision's."""
    if field in ("start_date", "end_date"):
        return {"start_date": "valid_from", "end_date": "valid_to"}[field]
    if field in ("decision_id", "id", "pk"):
        return "decision_id"
    return field if field.split("__")[0] in TERM_ROOTS else f"decision__{field}"


def clients_visible_to(user) -> QuerySet[Client]:
    teams = access.team_ids_visible(user)
    qs = Client.objects.all()
    return qs if teams is None else qs.filter(team_id__in=teams)


def decisions_visible_to(user) -> QuerySet[Decision]:
    teams = access.team_ids_visible(user)
    qs = Decision.objects.all()
    return qs if teams is None else qs.filter(client__team_id__in=teams)


def client_search(user, query: str) -> QuerySet[Client]:
    """Search by personnummer (any form, or its first digits), by name, or by a decision's Beslut-id."""
    qs = clients_visible_to(user)
    text = (query or "").strip()
    if not text:
        return qs.none()
    digits = "".join(ch for ch in text if ch.isdigit())
    try:
        return qs.filter(personal_number=parse_personal_number(text).digits)
    except InvalidIdentity:
        pass
    condition = Q(name__icontains=text) | Q(decisions__external_id__iexact=text)
    if len(digits) >= 6:
        condition |= Q(personal_number__startswith=digits) | Q(personal_number__startswith=digits[2:] if
                                                               len(digits) == 6 else digits)
        if len(digits) == 6:  # YYMMDD: either century
            condition |= Q(personal_number__startswith="19" + digits) | Q(personal_number__startswith="20" + digits)
    return qs.filter(condition).distinct()


def term_periods_known_on(day: dt.date | None, *, fields: tuple[str, ...],
                          cutoff: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Every term period the register believed at the end of `day` (or just before `cutoff`): dicts with
    `decision_id`, `start_date` and `end_date` (the period's first and last day) and `fields` (the period's terms;
    other names are the decision's), in decision and date order."""
    cutoff = cutoff or start_of_day(day + dt.timedelta(days=1))
    names = [f for f in fields if f not in ("decision_id", "start_date", "end_date")]
    paths = [term_path(f) for f in names]
    rows = (DecisionTerm.objects.filter(known_filter(cutoff))
            .order_by("decision_id", "valid_from")
            .values_list("decision_id", "valid_from", "valid_to", *paths))
    keys = ("decision_id", "start_date", "end_date", *names)
    return [dict(zip(keys, row)) for row in rows]


def decision_states_known_on(day: dt.date | None, *, fields: tuple[str, ...] = TERM_FIELDS,
                             cutoff: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Each decision as the register knew it at the end of `day`, one dict per decision in decision order:
    `decision_id`, its first and last day (`start_date`, `end_date`: None when open), the terms of its latest period
    (`fields`), and `periods`: its term periods (dicts as `term_periods_known_on` gives), to price each month with
    the terms of its days. Decisions not yet known that day are absent: the register's "what did we know on date X".
    """
    states: dict[int, dict[str, Any]] = {}
    for period in term_periods_known_on(day, fields=fields, cutoff=cutoff):
        state = states.get(period["decision_id"])
        if state is None:
            states[period["decision_id"]] = state = {**period, "periods": []}
        else:
            state.update({k: v for k, v in period.items() if k not in ("start_date", "end_date")})
            state["end_date"] = period["end_date"]
        state["periods"].append(period)
    return list(states.values())


def decision_case_labels(ids) -> dict[int, tuple[str, str]]:
    """Decision id → (Beslut-id or "#id", masked personnummer): how a decision is named as a case in a bridge or a
    report that leaves the client's own page."""
    rows = Decision.objects.filter(pk__in=list(ids)).values_list("pk", "external_id", "client__personal_number")
    return {pk: (external_id or f"#{pk}", mask_personal_number(digits)) for pk, external_id, digits in rows}
