"""The demo unit's ongoing work on top of its register and ledger: delegation rules and recorded reviews, orders
and execution plans, renegotiated contracts and FK cases, case conferences, the year's plan, the city's allocation (schablon, measurement dates, level requests, claims), and forecast snapshots.

Each topic's module builds its part through the topic's own services; this runs them in dependency order (the case
conferences pick up the reviews and proposals made before them; the forecast snapshots come last, after everything
that changes the register).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from insatskollen.demo.allocation import seed_allocation
from insatskollen.demo.benchmarking import seed_benchmarking
from insatskollen.demo.casework import seed_casework
from insatskollen.demo.conferences import seed_conferences
from insatskollen.demo.contracts_fk import seed_contracts_fk
from insatskollen.demo.forecasts import seed_forecasts
from insatskollen.demo.orders import seed_orders
from insatskollen.demo.planning import seed_planning
from insatskollen.demo.transport import seed_transport

STEPS: tuple[tuple[str, Callable[..., dict[str, int]]], ...] = (
    ("Delegation och omprövningar", seed_casework),
    ("Beställningar och genomförandeplaner", seed_orders),
    ("Avtal och Försäkringskassan", seed_contracts_fk),
    ("Ärendedragningar", seed_conferences),
    ("Årsplanering", seed_planning),
    ("Resursfördelning", seed_allocation),
    ("Jämförelse och brukarenkät", seed_benchmarking),
    ("Resor och IFO-delning", seed_transport),
    ("Prognoser per månad", seed_forecasts),
)


def seed_work(*, today: dt.date, seed: int, progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for done, (phase, step) in enumerate(STEPS):
        if progress:
            progress("Arbete", done, len(STEPS))
        counts.update(step(today=today, seed=seed))
    if progress:
        progress("Arbete", len(STEPS), len(STEPS))
    return counts
