"""The demo year plan: this year's and next year's defaults, once."""

import datetime as dt

from insatskollen.demo.planning import seed_planning
from insatskollen.planning.models import PlannedEvent


def test_seed_installs_this_and_next_year_once(team_a, team_b):
    counts = seed_planning(today=dt.date(2025, 6, 15), seed=7)
    assert counts["planned_events"] == PlannedEvent.objects.count() > 0
    years = {key.split(":")[0] for key in PlannedEvent.objects.values_list("default_key", flat=True)}
    assert years == {"2025", "2026"}
    assert seed_planning(today=dt.date(2025, 6, 15), seed=7) == {"planned_events": 0}
