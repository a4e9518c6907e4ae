"""A review that changes the extent from a date is a new decision from that date.

A decision has one extent for its whole period, so changing it in place would also rewrite the cost of the months
already given (and booked). Instead, as caseworkers do in the vårdkostnadsfil, the decision ends the day before the
change and a continuation takes over with the new extent, the same intervention, price, provider and caseworker,
decided on the review date. From the decision's first day the change is made in place.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from insatskollen.register.models import Decision
from insatskollen.register.services import decision_change, decision_create, decision_end

CARRIED_FIELDS = ("intervention_type", "unit", "price", "contract", "provider", "caseworker", "level",
                  "ifo_share_pct", "revenue_per_unit", "revenue_source")


def continuation_id(decision: Decision, reviewed_on: dt.date) -> str | None:
    """The continuation's Beslut-id: the old one with the review date, so the file and the register agree."""
    if not decision.external_id:
        return None
    candidate = f"{decision.external_id}-{reviewed_on:%Y%m%d}"[:64]
    return None if Decision.objects.filter(external_id=candidate).exists() else candidate


def extent_change_from(*, decision: Decision, extent: Decimal, effective_from: dt.date, reviewed_on: dt.date,
                       actor, source: str) -> Decision:
    """Give `decision` the new extent from `effective_from`; returns the decision that now carries it."""
    if effective_from <= decision.start_date:
        decision_change(decision=decision, actor=actor, source=source, extent=extent, last_review_date=reviewed_on)
        return decision
    decision_change(decision=decision, actor=actor, source=source, last_review_date=reviewed_on)
    decision.refresh_from_db()
    old_end = decision.end_date
    decision_end(decision=decision, end_date=effective_from - dt.timedelta(days=1), actor=actor, source=source)
    carried = {name: getattr(decision, name) for name in CARRIED_FIELDS}
    return decision_create(
        actor=actor, source=source, client=decision.client, extent=extent, external_id=continuation_id(
            decision, reviewed_on), decision_date=min(reviewed_on, effective_from), start_date=effective_from,
        end_date=old_end, last_review_date=reviewed_on, comment=f"Fortsättning på beslut {decision.label} efter "
        f"omprövning {reviewed_on:%Y-%m-%d}.", **carried)
