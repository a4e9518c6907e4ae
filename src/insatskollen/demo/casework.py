"""Demo casework: a delegation order like the 2005 one (expensive and housing decisions go to the unit head) and
the reviews caseworkers have already recorded this year, on top of the loaded demo register."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from insatskollen.casework.models import DelegationRule, ReviewOutcome
from insatskollen.casework.selectors import reviews_for
from insatskollen.casework.services import review_record
from insatskollen.register.models import ChangeSource, Decision, InterventionType

RULES = (  # (law, intervention code, annual cost above, description)
    ("LSS", "6510", None, "Nya och ändrade beslut om gruppbostad"),
    ("SoL", "6525", None, "Beslut om särskilt boende"),
    ("", "", Decimal(1_500_000), "Beslut som kostar mer än 1,5 miljoner kronor om året"),
    ("LSS", "6220", Decimal(800_000), "Personlig assistans över 800 000 kronor om året"),
)
REVIEWED_SHARE = 0.35  # of the decisions whose review is overdue
REDUCED_SHARE = 0.15  # of those reviewed: fewer hours


def seed_casework(*, today: dt.date, seed: int) -> dict[str, int]:
    """Delegation rules, and reviews recorded by the system for a deterministic share of the overdue decisions."""
    rng = random.Random(seed)
    types = {t.code: t for t in InterventionType.objects.filter(code__in=[code for _, code, _, _ in RULES if code])}
    rules = 0
    for law, code, above, description in RULES:
        if code and code not in types:
            continue
        DelegationRule.objects.update_or_create(description=description, defaults={
            "law": law, "intervention_type": types.get(code), "annual_cost_above": above, "active": True})
        rules += 1
    latest = min(today, timezone.localdate())
    overdue = reviews_for(Decision.objects.all(), latest)
    counts = {"delegation_rules": rules, "reviews_recorded": 0, "reviews_reduced": 0}
    for due in sorted(overdue, key=lambda r: r.row["decision"].pk):
        if rng.random() >= REVIEWED_SHARE:
            continue
        decision = due.row["decision"]
        reviewed_on = max(latest - dt.timedelta(days=rng.randint(1, 75)), decision.decision_date)
        hours = decision.unit.startswith("tim") and decision.extent > 2
        if hours and rng.random() < REDUCED_SHARE:
            review_record(decision=decision, actor=None, outcome=ReviewOutcome.REDUCED, reviewed_on=reviewed_on,
                          extent_after=(decision.extent * Decimal("0.8")).quantize(Decimal("0.5")),
                          note="Behovet har minskat efter uppföljning.", unit_forecast=False,
                          source=ChangeSource.DEMO)
            counts["reviews_reduced"] += 1
        else:
            review_record(decision=decision, actor=None, outcome=ReviewOutcome.UNCHANGED, reviewed_on=reviewed_on,
                          unit_forecast=False, source=ChangeSource.DEMO)
        counts["reviews_recorded"] += 1
    return counts
