"""The demo's neighbours and users' voice: two neighbouring districts' exchange files, made from the demo unit's
own figures with a different size, level mix and price level, imported through the real importer; and a survey
round per daily-activity provider, one with enough respondents to show and one with too few."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from insatskollen.benchmarking.exchange import render_csv
from insatskollen.benchmarking.figures import MonthFigures, suppress
from insatskollen.benchmarking.selectors import own_month_figures
from insatskollen.benchmarking.services import exchange_import
from insatskollen.register.models import Decision, Provider
from insatskollen.survey.library import DEFAULT_QUESTIONS
from insatskollen.survey.services import survey_round_create, survey_submit

ORE = Decimal("0.01")


# (name, persons factor, level-mix factor (schablon per person), cost per krona of need, transfer and its reason)
NEIGHBOURS = (
    ("Östermalm (demo)", Decimal("0.80"), Decimal("0.92"), Decimal("1.06"), "Omfördelning från äldreomsorgen"),
    ("Norrmalm (demo)", Decimal("1.15"), Decimal("1.08"), Decimal("0.95"), "Tilläggsanslag för nya platser"),
)


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ORE, rounding=ROUND_HALF_UP)


def neighbour_figures(own: list[MonthFigures], persons_factor: Decimal, mix: Decimal, price: Decimal,
                      reason: str) -> list[MonthFigures]:
    """A neighbour with `persons_factor` as many persons, each `mix` times as heavy (schablon per person) and
    paying `price` times as much per krona of need; its cost = schablon × (own cost ÷ own schablon) × price."""
    result = []
    for f in own:
        if f.suppressed or f.persons is None:
            result.append(f)
            continue
        persons = int((Decimal(f.persons) * persons_factor).to_integral_value(ROUND_HALF_UP))
        scale = Decimal(persons) / f.persons if f.persons else Decimal(0)
        schablon = _money(f.schablon * scale * mix) if f.schablon is not None else None
        cost = _money(f.cost * scale * mix * price) if f.cost is not None else None
        transfers = None
        reasons: list[str] = []
        if f.budget is not None and f.month.endswith("-03"):
            transfers, reasons = _money(f.budget * Decimal("0.05")), [reason]
        result.append(suppress(replace(
            f, persons=persons, days=int((Decimal(f.days or 0) * scale).to_integral_value(ROUND_HALF_UP)), cost=cost,
            schablon=schablon, allocation=schablon if f.allocation is not None else None,
            budget=_money(f.budget * persons_factor) if f.budget is not None else None, transfers=transfers,
            transfer_reasons=reasons)))
    return result


def _survey(today: dt.date, seed: int) -> dict[str, int]:
    rng = random.Random(seed * 104729 + 15)
    providers = list(dict.fromkeys(
        Decision.objects.filter(intervention_type__code="6330", start_date__lte=today).exclude(end_date__lt=today)
        .order_by("provider__name").values_list("provider", flat=True)))[:2]
    counts = {"survey_rounds": 0, "survey_responses": 0}
    numbers = iter(range(1, 1000))
    for index, provider_id in enumerate(providers):
        provider = Provider.objects.get(pk=provider_id)
        respondents = 7 if index == 0 else 3  # the second shows "för få svar"
        _, tokens = survey_round_create(
            actor=None, title=f"Brukarenkät daglig verksamhet {today.year}", provider=provider, activity="6330",
            opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=30),
            questions=DEFAULT_QUESTIONS, links=respondents + 3,
            make_token=lambda: f"demo-{seed}-{next(numbers):04d}")
        for token in tokens[:respondents]:
            answers = {q: rng.choices(["ja", "ibland", "nej"], weights=[6, 3, 1])[0] for q in DEFAULT_QUESTIONS}
            survey_submit(token=token, answers=answers, today=today)
        counts["survey_rounds"] += 1
        counts["survey_responses"] += respondents
    return counts


def seed_benchmarking(*, today: dt.date, seed: int) -> dict[str, int]:
    year = today.year if today.month > 1 else today.year - 1
    through = today.replace(day=1) - dt.timedelta(days=1) if year == today.year else dt.date(year, 12, 31)
    own = own_month_figures(year, through=through)
    counts = {"benchmark_districts": 0}
    with tempfile.TemporaryDirectory() as folder:
        for name, persons, mix, price, reason in NEIGHBOURS:
            path = Path(folder) / f"{name.split()[0].lower()}.csv"
            path.write_bytes(render_csv(name, neighbour_figures(own, persons, mix, price, reason)))
            result = exchange_import(path=path, actor=None)
            if result.status != "imported":
                raise RuntimeError(f"demo exchange file refused: {result.errors[:3]}")
            counts["benchmark_districts"] += 1
    counts.update(_survey(today, seed))
    return counts
