"""Reading the register: what a user may see, and what was known on a given date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import DecimalField, F, FloatField, Q, QuerySet, Window
from django.db.models.functions import Cast, RowNumber

from insatskollen.accounts import access
from insatskollen.core.identity import InvalidIdentity, mask_personal_number, parse_personal_number
from insatskollen.register.models import VERSIONED_FIELDS, Client, Decision, DecisionVersion
from insatskollen.register.services import start_of_day


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


def decision_states_known_on(day: dt.date, *, fields: tuple[str, ...] = VERSIONED_FIELDS,
                             floats: bool = False) -> list[dict[str, Any]]:
    """Each decision as the register knew it at the end of `day`: its latest version known by then, as a dict with
    `decision_id` and `fields`, in decision order.

    Decisions not yet known that day are absent. This is the register's "what did we know on date X". One query:
    the newest version per decision is picked by the database. `floats=True` reads the money and extent fields as
    floats instead of Decimals, which is several times faster for the cost engine, whose arithmetic is in floats.
    """
    cutoff = start_of_day(day + dt.timedelta(days=1))
    newest_first = Window(RowNumber(), partition_by=F("decision_id"), order_by=[F("known_at").desc(), F("number").desc()])
    decimals = {f for f in fields if isinstance(DecisionVersion._meta.get_field(f), DecimalField)} if floats else set()
    rows = (
        DecisionVersion.objects.filter(known_at__lt=cutoff)
        .annotate(newest=newest_first)
        .filter(newest=1)
        .order_by("decision_id")
        .values_list("decision_id", *(Cast(f, FloatField()) if f in decimals else f for f in fields))
    )
    keys = ("decision_id", *fields)
    return [dict(zip(keys, row)) for row in rows]


def decision_case_labels(ids) -> dict[int, tuple[str, str]]:
    """Decision id → (Beslut-id or "#id", masked personnummer): how a decision is named as a case in a bridge or a
    report that leaves the client's own page."""
    rows = Decision.objects.filter(pk__in=list(ids)).values_list("pk", "external_id", "client__personal_number")
    return {pk: (external_id or f"#{pk}", mask_personal_number(digits)) for pk, external_id, digits in rows}
