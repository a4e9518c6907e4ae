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


HEADLINE_FIELDS = ("price", "extent", "unit", "level", "ifo_share_pct", "revenue_per_unit", "start_date",
                   "end_date")
REVIEW_WORDS = {"reduced": _("minskat"), "increased": _("utökat"), "ended": _("avslutat"),
                "unchanged": _("oförändrat")}


def _since(version: DecisionVersion) -> str:
    return f" {_('från')} {version.valid_from:%Y-%m-%d}" if version.valid_from else ""


def headline(version: DecisionVersion) -> str:
    """One line saying what the version was, as people say it: "Omprövning: minskat 10 → 6 timmar per månad från
    2026-12-04", "Indexering: pris 1 920 → 2 150 kr från 2027-01-01", "Rättelse: …"."""
    changes = version.changes or {}
    unit = plain_value("unit", version.unit)
    if version.event == "review":
        if "extent" in changes:
            before, after = (Decimal(str(v)) for v in changes["extent"])
            word = REVIEW_WORDS["reduced" if after < before else "increased"]
            text = (f"{_('Omprövning')}: {word} {plain_value('extent', before)} → {plain_value('extent', after)} "
                    f"{unit}{_since(version)}")
        elif "end_date" in changes and changes["end_date"][1]:
            text = f"{_('Omprövning')}: {REVIEW_WORDS['ended']} {changes['end_date'][1]}"
        else:
            text = f"{_('Omprövning')}: {REVIEW_WORDS['unchanged']}"
    elif version.event in ("renegotiation", "indexation") and "price" in changes:
        label = _("Omförhandlat avtal") if version.event == "renegotiation" else _("Indexering")
        before, after = changes["price"]
        text = f"{label}: {_('pris')} {plain_value('price', before)} → {plain_value('price', after)} kr{_since(version)}"
    elif version.event == "merged":
        text = _("Fortsättningsbeslut sammanslaget") + _since(version)
    elif version.kind == "created":
        text = _("Registrerat")
    elif version.kind == "ended":
        text = f"{_('Avslutat')} {changes.get('end_date', [None, ''])[1] or ''}".strip()
    else:
        shown = [name for name in HEADLINE_FIELDS if name in changes][:2]
        parts = [f"{field_label(name).lower()} {plain_value(name, changes[name][0])} → "
                 f"{plain_value(name, changes[name][1])}" for name in shown]
        text = _("Ändrat") + (": " + ", ".join(parts) if parts else "") + _since(version)
    if version.is_correction:
        text = f"{_('Rättelse')} – {text}"
    return text


def version_rows(versions: list[DecisionVersion], names: dict[str, dict[int, str]] | None = None) -> list[dict]:
    names = related_names(versions) if names is None else names
    return [
        {
            "version": v,
            "who": v.changed_by.display_name if v.changed_by else _("Systemet"),
            "headline": headline(v),
            "changes": describe_changes(v, names),
        }
        for v in versions
    ]
