"""Forecast plus bridge on a city-sized unit: 20 000 clients, 60 000 decisions, 5 years of history and ledger.

Target: one `forecast` (every method, the evidence and the interval) plus one `forecast_bridge` between the two
latest month ends in under 2 s. The unit is the demo generator's at city scale (`--clients 10000 --years 5`: about
20 000 clients and 37 000 decisions with their version histories and 60 months of ledger), topped up with further
decisions for the same clients (each with one later change of extent) to 60 000 decisions. The database is built
once and kept (`BENCH_FORECAST_DB`, default /tmp/ik-bench-forecast.sqlite3); delete it to rebuild.

    uv run --frozen python bench/forecast.py [--rebuild] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DECISIONS = 60_000
CLIENTS_ACTIVE = 10_000
YEARS = 5


def build(today: dt.date) -> None:
    from django.core.management import call_command
    from django.db.models import Max

    from insatskollen.demo.generator import generate_demo
    from insatskollen.demo.ledger import demo_ledger_load
    from insatskollen.demo.loader import load_demo
    from insatskollen.ledger.services import default_mappings_install
    from insatskollen.register.bulk import DecisionChange, DecisionHistory, decisions_bulk_load
    from insatskollen.register.models import ChangeSource, Decision
    from insatskollen.register.services import start_of_day

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = generate_demo(seed=1, clients=CLIENTS_ACTIVE, years=YEARS, today=today)
    load_demo(data)
    default_mappings_install()
    demo_ledger_load(data)
    rng = random.Random(7)
    missing = DECISIONS - Decision.objects.count()
    fields = ("client_id", "intervention_type_id", "extent", "unit", "price", "provider_id", "contract_id",
              "decision_date", "start_date", "end_date", "caseworker_id", "level", "ifo_share_pct",
              "revenue_per_unit", "revenue_source")
    templates = list(Decision.objects.values(*fields))
    first = today.replace(year=today.year - YEARS, day=1)
    items = []
    for _ in range(max(0, missing)):
        template = dict(rng.choice(templates))
        start = first + dt.timedelta(days=rng.randrange((today - first).days))
        template.update(decision_date=start - dt.timedelta(days=rng.randrange(0, 20)), start_date=start,
                        end_date=start + dt.timedelta(days=rng.randrange(60, 1500)) if rng.random() < 0.5 else None,
                        contract_id=None, last_review_date=None, comment="")
        if template["end_date"] and template["end_date"] > today + dt.timedelta(days=700):
            template["end_date"] = None
        changed_on = start + dt.timedelta(days=rng.randrange(30, 400))
        changes = ()
        if changed_on < today and (template["end_date"] is None or changed_on < template["end_date"]):
            changes = (DecisionChange(known_at=start_of_day(changed_on),
                                      changes={"extent": (template["extent"] * rng.choice((8, 9, 11, 12)) / 10)
                                               .quantize(template["extent"])}),)
        client_id = template.pop("client_id")
        items.append(DecisionHistory(client_id=client_id, known_at=start_of_day(template["decision_date"]),
                                     fields=template, changes=changes))
    decisions_bulk_load(items=items, actor=None, source=ChangeSource.COMMAND, summary="Benchmark top-up")
    print(f"built in {time.perf_counter() - started:.0f} s "
          f"(latest version known {Decision.objects.aggregate(m=Max('versions__known_at'))['m']:%Y-%m-%d})")


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=1) - dt.timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db_path = Path(os.environ.get("BENCH_FORECAST_DB", "/tmp/ik-bench-forecast.sqlite3"))
    if args.rebuild and db_path.exists():
        db_path.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insatskollen.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-never-used-to-serve")
    import django

    django.setup()
    from django.utils import timezone

    from insatskollen.accounts.models import User
    from insatskollen.ledger.models import LedgerEntry
    from insatskollen.register.models import Client, Decision, DecisionVersion

    today = timezone.localdate()
    if not db_path.exists() or not Decision.objects.exists():
        build(today)
    as_of = month_end(today)
    previous = month_end(as_of)
    if as_of.month == 1:  # the bridge needs two dates in the same year
        as_of, previous = dt.date(as_of.year - 1, 12, 31), dt.date(as_of.year - 1, 11, 30)
    from insatskollen.forecasting.selectors import Forecaster, forecast, forecast_bridge, load_inputs

    counts = (f"{model.objects.count():_} {name}" for model, name in ((Client, "clients"), (Decision, "decisions"),
              (DecisionVersion, "versions"), (LedgerEntry, "ledger rows"), (User, "users")))
    print("unit: " + ", ".join(counts).replace("_", " "))
    timings: dict[str, list[float]] = {"forecast alone": [], "bridge alone": [], "forecast + bridge": []}
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = forecast(as_of.year, as_of)
        timings["forecast alone"].append(time.perf_counter() - started)
        started = time.perf_counter()
        bridge = forecast_bridge(previous, as_of)
        timings["bridge alone"].append(time.perf_counter() - started)
        # As the forecast page does: one read of the register and ledger for the forecast and the month's bridge.
        started = time.perf_counter()
        forecaster = Forecaster(load_inputs(as_of))
        forecast(as_of.year, as_of, forecaster=forecaster)
        forecast_bridge(previous, as_of, forecaster=forecaster)
        timings["forecast + bridge"].append(time.perf_counter() - started)
    print(f"forecast {as_of.year} as of {as_of}: methods {', '.join(result.methods)}; "
          f"recommended {result.recommended}")
    print(f"bridge {previous} → {as_of} ({bridge.method}): {len(bridge.drivers)} drivers, "
          f"{sum(len(d.cases) for d in bridge.drivers)} cases")
    for name, values in timings.items():
        print(f"  {name:<18} median {statistics.median(values):.2f} s, best {min(values):.2f} s "
              f"({args.repeat} runs)")
    verdict = "met" if statistics.median(timings["forecast + bridge"]) < 2 else "NOT met"
    print(f"target forecast + bridge < 2 s: {verdict}")


if __name__ == "__main__":
    main()
