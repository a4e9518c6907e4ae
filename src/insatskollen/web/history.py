"""A decision's history made readable: each version's changes as (field, before → after) in Swedish."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from insatskollen.core.numbers import format_number
from insatskollen.core.units import ExtentUnit
from insatskollen.register.models import Contract, Decision, DecisionVersion, InterventionType, Provider

DECIMAL_FIELDS = {"extent", "price", "ifo_share_pct", "revenue_per_unit"}
RELATED = {
    "intervention_type_id": (InterventionType, lambda o: f"{o.code} {o.name}"),
    "provider_id": (Provider, lambda o: o.name),
    "caseworker_id": (get_user_model(), lambda o: o.display_name),
    "contract_id": (Contract, lambda o: o.reference),
}
EMPTY = "–"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def field_label(name: str) -> str:
    try:
        label = str(Decision._meta.get_field(name.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:
        label = name
    return label[:1].upper() + label[1:]


def plain_value(name: str, value: Any) -> str:
    """A stored value as people read it: Swedish decimals, unit labels, a dash for nothing."""
    if value in (None, ""):
        return EMPTY
    if name in DECIMAL_FIELDS:
        try:
            text = format_number(Decimal(str(value)), 4)
        except InvalidOperation:
            return str(value)
        return text.rstrip("0").rstrip(",") if "," in text else text
    if name == "unit":
        try:
            return ExtentUnit(value).label
        except ValueError:
            return str(value)
    return str(value)


def related_names(versions: Iterable[DecisionVersion]) -> dict[str, dict[int, str]]:
    """Names of every related object the versions mention by id: one query per kind."""
    wanted: dict[str, set[int]] = {name: set() for name in RELATED}
    for version in versions:
        for name, pair in (version.changes or {}).items():
            if name in wanted:
                wanted[name].update(v for v in pair if isinstance(v, int))
    names: dict[str, dict[int, str]] = {}
    for name, ids in wanted.items():
        model, describe = RELATED[name]
        names[name] = {obj.pk: describe(obj) for obj in model.objects.filter(pk__in=ids)} if ids else {}
    return names


def describe_changes(version: DecisionVersion, names: dict[str, dict[int, str]]) -> list[FieldChange]:
    rows = []
    for name, pair in (version.changes or {}).items():
        before, after = (list(pair) + [None, None])[:2]
        if name in RELATED:
            lookup = names.get(name, {})
            before_text = lookup.get(before, str(before)) if before is not None else EMPTY
            after_text = lookup.get(after, str(after)) if after is not None else EMPTY
        else:
            before_text, after_text = plain_value(name, before), plain_value(name, after)
        rows.append(FieldChange(field_label(name), before_text, after_text))
    return rows


def version_rows(versions: list[DecisionVersion], names: dict[str, dict[int, str]] | None = None) -> list[dict]:
    names = related_names(versions) if names is None else names
    return [
        {
            "version": v,
            "who": v.changed_by.display_name if v.changed_by else _("Systemet"),
            "changes": describe_changes(v, names),
        }
        for v in versions
    ]
