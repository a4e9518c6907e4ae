"""What a change of a decision will do, before it is saved: the cost of each month before and after, whether it is a
correction of a closed month, and which later changes it replaces. Computed with the register's own plan of the
change (register.services.plan_change) and the cost engine, so the preview is what saving will write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from insatskollen.core.months import SWEDISH_MONTHS, add_months, month_label, month_start
from insatskollen.costing.selectors import summarise, timeline_rows
from insatskollen.register import timeline as tl
from insatskollen.register.models import VERSIONED_FIELDS, Decision
from insatskollen.register.periods import closed_through, has_ended, is_correction
from insatskollen.register.services import decision_timeline, plan_change
from insatskollen.web.history import field_label, plain_value

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class MonthEffect:
    label: str
    name: str
    before: Decimal
    after: Decimal
    closed: bool

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


@dataclass
class ChangePreview:
    valid_from: dt.date | None
    affects_from: dt.date | None
    closed_through: dt.date | None
    ended: bool
    months: list[MonthEffect] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # later changes of the same terms that this one replaces

    @property
    def is_correction(self) -> bool:
        return self.ended or is_correction(self.affects_from, self.closed_through)

    @property
    def touches_closed_month(self) -> bool:
        return any(m.closed and m.delta for m in self.months)

    @property
    def total(self) -> Decimal:
        return sum((m.delta for m in self.months), Decimal(0))


def _monthly(timeline: tl.Timeline, first: dt.date, count: int) -> dict[str, Decimal]:
    if not timeline:
        return {}
    return {label: f.cost for label, f in summarise(timeline_rows(timeline), first, count, None).months.items()}


def _replaced(old: tl.Timeline, valid_from: dt.date, terms: dict[str, Any]) -> list[str]:
    """Changes of the same terms already registered from a later day: a change holds "tills vidare" and replaces
    them."""
    found = []
    for previous, segment in zip(old, old[1:]):
        if segment.valid_from <= valid_from:
            continue
        before, after = previous.as_dict(), segment.as_dict()
        for name in terms:
            if name in tl.DATED_TERMS and before[name] != after[name]:
                found.append(f"{field_label(name)} {plain_value(name, after[name])} från "
                             f"{segment.valid_from:%Y-%m-%d}")
    return found


def preview_change(decision: Decision, changes: dict[str, Any], valid_from: dt.date | None) -> ChangePreview:
    """The preview of `changes` (decision_change's keyword arguments) from `valid_from`. Raises ValidationError
    (Swedish, per field) as saving would."""
    today = timezone.localdate()
    old = decision_timeline(decision.pk)
    state = {name: getattr(decision, name) for name in VERSIONED_FIELDS}
    plan = plan_change(state, old, changes, valid_from=valid_from, known_day=today)
    through = closed_through()
    ended = has_ended(decision.end_date, today)
    if plan is None:
        return ChangePreview(valid_from, None, through, ended)
    first = month_start(plan.affects_from or plan.valid_from or today)
    before, after = _monthly(old, first, MONTHS_SHOWN), _monthly(plan.timeline, first, MONTHS_SHOWN)
    months = []
    for index in range(MONTHS_SHOWN):
        month = add_months(first, index)
        label = month_label(month)
        was, now = before.get(label, Decimal(0)), after.get(label, Decimal(0))
        if was or now:
            months.append(MonthEffect(label, f"{SWEDISH_MONTHS[month.month - 1]} {month.year}", was, now,
                                      through is not None and month <= through))
    replaced = _replaced(old, plan.valid_from, plan.term_changes) if plan.valid_from else []
    return ChangePreview(plan.valid_from, plan.affects_from, through, ended, months, replaced)
