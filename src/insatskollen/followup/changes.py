"""The largest changes since last month, with the cases behind them.

Last month's report priced month M−1 with the register as it was known at the end of M−1; this month's prices M
with the register known at the end of M, each day with the terms in effect that day. The difference, decision by decision, is what moved. Decisions where
nothing happened (no start, end or change) differ only by the number of days in the month; they are summed as
one line and not listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from insatskollen.core.months import add_months, month_end
from insatskollen.core.numbers import format_number, format_sek, to_ore
from insatskollen.costing.engine import monthly_costs
from insatskollen.costing.money import span_amount
from insatskollen.costing.selectors import ENGINE_FIELDS, arrays_from_values, per_decision
from insatskollen.register.models import Decision, DecisionVersion, InterventionType
from insatskollen.register.selectors import decision_states_known_on
from insatskollen.register.services import start_of_day

STATE_FIELDS = (*ENGINE_FIELDS, "intervention_type_id")
COST_FIELDS = ("extent", "price", "unit", "ifo_share_pct", "start_date", "end_date", "intervention_type_id")
KIND_LABELS = {
    "new": "Nya beslut",
    "ended": "Avslutade beslut",
    "changed": "Ändrad omfattning eller pris",
    "calendar": "Övriga (fler eller färre dagar i månaden)",
}


@dataclass(frozen=True)
class ChangeRow:
    decision_label: str
    masked_personal_number: str
    code: str
    name: str
    previous: Decimal  # cost of M−1 as last month's report knew it
    current: Decimal  # cost of M as known now
    kind: str  # new | ended | changed
    what: str  # in Swedish, for the committee
    provider: str = ""
    client_id: int = 0

    @property
    def delta(self) -> Decimal:
        return self.current - self.previous

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class ChangeSummaryRow:
    kind: str
    label: str
    count: int
    delta: Decimal


@dataclass(frozen=True)
class MonthChanges:
    previous_month: dt.date
    month: dt.date
    rows: list[ChangeRow]  # the largest, by size of the change
    summary: list[ChangeSummaryRow]  # every kind, adding up to `total`
    previous_total: Decimal
    current_total: Decimal

    @property
    def total(self) -> Decimal:
        return self.current_total - self.previous_total


def _costs(states: list[dict], month: dt.date) -> tuple[dict[int, Decimal], Decimal]:
    """Each decision's cost in `month`, its days priced with their own terms (the state's periods), and the month's
    total: the register's figure for the month, rounded once (costing.money), not the sum of the rounded rows."""
    periods = [p for s in states for p in s["periods"]]
    if not periods:
        return {}, Decimal(0)
    priced = monthly_costs(arrays_from_values(periods), month, 1)
    ids, sums = per_decision(periods, priced.cost)
    return {decision_id: to_ore(sums[i, 0]) for i, decision_id in enumerate(ids)}, span_amount(priced.cost)


def _within(day: dt.date | None, month: dt.date) -> bool:
    return day is not None and month <= day <= month_end(month)


def _value_text(field: str, value, unit: str, type_codes: dict[int, str]) -> str:
    if value in (None, ""):
        return "–" if field != "end_date" else "tills vidare"
    if field == "extent":
        text = format_number(Decimal(str(value)), 2)
        return f"{text.rstrip('0').rstrip(',') if ',' in text else text} {unit}"
    if field == "price":
        return format_sek(Decimal(str(value)))
    if field == "ifo_share_pct":
        return f"{format_number(Decimal(str(value)))} %"
    if field == "intervention_type_id":
        return type_codes.get(value, str(value))
    return str(value)


FIELD_NAMES = {"extent": "Omfattning", "price": "Pris", "unit": "Enhet", "ifo_share_pct": "IFO-andel",
               "start_date": "Startdatum", "end_date": "Slutdatum", "intervention_type_id": "Insats"}


def _describe_changes(changes: dict, unit: str, type_codes: dict[int, str]) -> str:
    parts = []
    for field in COST_FIELDS:
        if field in changes:
            old, new = changes[field]
            parts.append(f"{FIELD_NAMES[field]} {_value_text(field, old, unit, type_codes)} → "
                         f"{_value_text(field, new, unit, type_codes)}")
    return "; ".join(parts)


def _classify(before: dict | None, after: dict | None, previous: Decimal, current: Decimal, month: dt.date,
              versions: list[DecisionVersion], type_codes: dict[int, str]) -> tuple[str, str] | None:
    """(kind, what happened) for a decision where something happened, else None."""
    prior = add_months(month, -1)
    state = after or before
    if previous == 0 and current > 0:
        if _within(state["start_date"], month):
            return "new", f"Nytt beslut från {state['start_date']:%Y-%m-%d}"
        if before is None:
            known = versions[0].known_at.date() if versions else month
            return "new", f"Nytt beslut från {state['start_date']:%Y-%m-%d}, registrerat {known:%Y-%m-%d}"
        return "new", f"Nytt eller återupptaget beslut från {state['start_date']:%Y-%m-%d}"
    if previous > 0 and current == 0:
        end = after["end_date"] if after else None
        return "ended", f"Avslutat {end:%Y-%m-%d}" if end else "Avslutat"
    if after is not None and _within(after["end_date"], month):
        return "ended", f"Avslutas {after['end_date']:%Y-%m-%d}"
    if before is not None and _within(before["start_date"], prior):
        return "new", f"Nytt beslut från {before['start_date']:%Y-%m-%d}, första hela månaden"
    described = [_describe_changes(v.changes, (after or before)["unit"], type_codes)
                 + (f" från {v.valid_from:%Y-%m-%d}" if v.valid_from and v.kind != "created" else "")
                 for v in versions]
    described = [text for text in described if text and not text.startswith(" från")]
    if described:
        return "changed", "; ".join(described)
    return None


def month_changes(month: dt.date, *, limit: int = 10, known_before: dt.datetime | None = None,
                  known_after: dt.datetime | None = None) -> MonthChanges:
    """What moved the register's monthly cost between M−1 (as known at the end of M−1, or at `known_before`: its
    closing) and M (as known at the end of M, or at `known_after`: its closing)."""
    prior = add_months(month, -1)
    before = {s["decision_id"]: s for s in decision_states_known_on(month_end(prior), fields=STATE_FIELDS,
                                                                    cutoff=known_before)}
    after = {s["decision_id"]: s for s in decision_states_known_on(month_end(month), fields=STATE_FIELDS,
                                                                   cutoff=known_after)}
    previous, previous_total = _costs(list(before.values()), prior)
    current, current_total = _costs(list(after.values()), month)
    versions: dict[int, list[DecisionVersion]] = {}
    for version in DecisionVersion.objects.filter(
            known_at__gte=start_of_day(month), known_at__lt=start_of_day(add_months(month, 1))
    ).only("decision_id", "kind", "known_at", "changes", "valid_from").order_by("known_at", "number"):
        versions.setdefault(version.decision_id, []).append(version)
    type_codes = dict(InterventionType.objects.values_list("id", "code"))
    zero = Decimal(0)
    classified: list[tuple[int, str, str, Decimal, Decimal]] = []
    eventless = 0
    for decision_id in set(before) | set(after):
        was, now = previous.get(decision_id, zero), current.get(decision_id, zero)
        if was == now == 0:
            continue
        found = _classify(before.get(decision_id), after.get(decision_id), was, now, month,
                          versions.get(decision_id, []), type_codes)
        if found:
            classified.append((decision_id, *found, was, now))
        else:
            eventless += 1
    summary = []
    for kind in ("new", "ended", "changed"):
        of_kind = [c for c in classified if c[1] == kind]
        summary.append(ChangeSummaryRow(kind, KIND_LABELS[kind], len(of_kind),
                                        sum((c[4] - c[3] for c in of_kind), zero)))
    explained = sum((row.delta for row in summary), zero)
    summary.append(ChangeSummaryRow("calendar", KIND_LABELS["calendar"], eventless,
                                    current_total - previous_total - explained))
    classified.sort(key=lambda c: (-abs(c[4] - c[3]), c[0]))
    top = classified[:limit]
    decisions = Decision.objects.select_related("client", "intervention_type", "provider").in_bulk([c[0] for c in top])
    rows = [
        ChangeRow(decision_label=decisions[d].label, masked_personal_number=decisions[d].client.masked_personal_number,
                  code=decisions[d].intervention_type.code, name=decisions[d].intervention_type.name,
                  previous=was, current=now, kind=kind, what=what, provider=decisions[d].provider.name,
                  client_id=decisions[d].client_id)
        for d, kind, what, was, now in top
    ]
    return MonthChanges(previous_month=prior, month=month, rows=rows, summary=summary,
                        previous_total=previous_total, current_total=current_total)
