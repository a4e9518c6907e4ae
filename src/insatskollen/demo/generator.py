"""The demo unit as plain records: users, clients, contracts, decisions and their history. Pure, no Django.

Deterministic per seed: every draw comes from one `random.Random(seed)`, in a fixed order, and nothing
depends on the clock but the `today` passed in. simulation.py decides who has which intervention when;
history.py prices the decisions and writes their events; the loader writes it all to the database.
"""

from __future__ import annotations

import datetime as dt

from insatskollen.core.months import add_years
from insatskollen.demo.history import build_history
from insatskollen.demo.records import DemoData
from insatskollen.demo.simulation import Simulation


def history_start_for(today: dt.date, years: int) -> dt.date:
    """The history covers `years` years up to today."""
    return add_years(today, -years)


def generate_demo(*, seed: int = 1, clients: int = 700, years: int = 4, today: dt.date | None = None) -> DemoData:
    """The whole demo unit: same arguments, same data. About `clients` clients are active today."""
    if clients < 1 or years < 1:
        raise ValueError("clients and years must be at least 1")
    today = today or dt.date.today()
    simulation = Simulation(seed=seed, clients=clients, today=today, history_start=history_start_for(today, years))
    simulation.run()
    simulation.add_caseworker_changes()
    return build_history(simulation)
