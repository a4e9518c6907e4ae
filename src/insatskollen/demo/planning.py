"""Demo year plan: the unit's usual dates for this year and next, installed by the system."""

from __future__ import annotations

import datetime as dt

from insatskollen.planning.services import year_plan_defaults_install


def seed_planning(*, today: dt.date, seed: int) -> dict[str, int]:
    """The defaults (measurement dates, tertial and annual reports, review checks, workplace meetings, weekly
    case conferences per team) for `today`'s year and the next. `seed` is unused: the defaults are fixed.
    Installing again adds nothing. Counts for the report."""
    del seed
    added = sum(year_plan_defaults_install(year=year, actor=None) for year in (today.year, today.year + 1))
    return {"planned_events": added}
