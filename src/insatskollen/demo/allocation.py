"""The demo unit's allocation: schablon, measurement dates, level requests and särskild redovisning. Deterministic.

- **Schablon, derived** (no public district schablon is at hand): 6510 at each level = the mean of Stockholm's
  provider payment for gruppbostad and servicebostad at that level, kommunal regi, kr/dygn, of the year
  (`stockholm_lss_utforarersattning_2021_2024.csv` through `demo.prices`; levels 5–7 from gruppbostad and
  servicebostad 5–7); 6330 at each level = the demo's assumed monthly price per level (catalogue.py; the reference
  files hold no daily-activity rate), kr/månad. Every row is stored with `derived=True` and its source, and the
  page says so.
- **Measurement dates**: 31 March and 30 September of every demo year, with the six-month rule.
- **Level requests**: one granted (the new level written as a dated change of the decision), one refused in June
  because the raised need "must have lasted longer" (the 2018 action plan's cause 2), one pending.
- **Särskild redovisning**: two whole-day claims granted, one part-of-day claim kept as a record but not payable
  under the rule from 2018, one most-of-day claim being prepared.
- **The budget follows the allocation**: for every demo year, the original budget of each allocation code (6510,
  6330) is replaced by the year's allocation (schablon at the counted levels and granted claims, as known today;
  later dates projected), spread evenly over the months, as the city funds the unit. The other activities keep the
  ledger's budget (`demo.ledger`).
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from insatskollen.allocation.selectors import allocation_for
from insatskollen.allocation.services import (
    level_request_create,
    level_request_decide,
    measurement_dates_import,
    schablon_import,
    special_claim_create,
    special_claim_decide,
)
from insatskollen.demo.catalogue import INTERVENTIONS
from insatskollen.demo.prices import indexed, ore, stockholm_rate
from insatskollen.ledger.models import BudgetKind, BudgetLine
from insatskollen.ledger.spreading import spread_evenly
from insatskollen.register.models import ChangeSource, Decision, DecisionTerm
from insatskollen.register.services import decision_change, start_of_day

GROUPS = {"6510": "Boende LSS", "6330": "Daglig verksamhet"}
SOURCE_6510 = ("Härledd: medel av Stockholms utförarersättning för gruppbostad och servicebostad, kommunal regi, "
               "per nivå (stockholm_lss_utforarersattning_2021_2024.csv)")
SOURCE_6330 = "Härledd: demots antagna månadspris per nivå för daglig verksamhet (ingen offentlig schablon)"


def _schablon_rows(year: int) -> list[str]:
    rows = []
    for level in range(1, 8):
        rates = [stockholm_rate(table, str(level), year, "egen regi") for table in ("gruppbostad", "servicebostad")]
        rows.append(f"{year};6510;{GROUPS['6510']};{level};{ore(sum(rates) / 2)};kr/dygn")
    spec = next(s for s in INTERVENTIONS if s.code == "6330")
    for level, amount_2024 in enumerate(spec.pricing.assumed_2024, start=1):
        rows.append(f"{year};6330;{GROUPS['6330']};{level};{ore(indexed(amount_2024, year))};kr/månad")
    return rows


def _import(rows: list[str], header: str, importer, **options) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        result = importer(path, actor=None, **options)
    if result.status != "imported":
        raise RuntimeError(f"demo allocation refused: {result.errors[:3]}")


def _active_on(code: str, day: dt.date) -> list[Decision]:
    qs = (Decision.objects.filter(intervention_type__code=code, start_date__lte=day)
          .exclude(end_date__lt=day).exclude(level="").select_related("client", "intervention_type")
          .order_by("id"))
    return list(qs)


@transaction.atomic
def _budget_follows_allocation(years: list[int], today: dt.date) -> int:
    """Replace each allocation code's original budget by its allocation for the year. Returns the years changed."""
    changed = 0
    for year in years:
        result = allocation_for(year, min(today, dt.date(year, 12, 31)))
        lines = []
        for group, line in result.groups.items():
            codes = result.group_codes.get(group, [])
            if len(codes) != 1 or not line.allocation:
                continue
            BudgetLine.objects.filter(year=year, activity=codes[0], kind=BudgetKind.ORIGINAL).delete()
            lines += [BudgetLine(year=year, month=month, activity=codes[0], amount=amount, kind=BudgetKind.ORIGINAL)
                      for month, amount in spread_evenly(line.allocation, range(1, 13)).items()]
        BudgetLine.objects.bulk_create(lines)
        changed += bool(lines)
    return changed


def seed_allocation(*, today: dt.date, seed: int) -> dict[str, int]:
    rng = random.Random(seed * 7919 + 12)
    first = Decision.objects.order_by("start_date").values_list("start_date", flat=True).first()
    counts = {"allocation_years": 0, "level_requests": 0, "special_claims": 0}
    if first is None:
        return counts
    years = list(range(max(first.year, today.year - 4), today.year + 1))
    rows = [row for year in years for row in _schablon_rows(year)]
    for code, source in (("6510", SOURCE_6510), ("6330", SOURCE_6330)):  # each code with its own source
        _import([row for row in rows if row.split(";")[1] == code], "År;Insatskod;Grupp;Nivå;Belopp;Enhet",
                schablon_import, source=source, derived=True)
    _import([f"{y};{y}-03-31;ja" for y in years] + [f"{y};{y}-09-30;ja" for y in years], "År;Datum;Sexmånadersregel",
            measurement_dates_import)
    counts["allocation_years"] = len(years)

    # The latest measurement date that has passed, and the cases around it.
    date = max(d for y in years for d in (dt.date(y, 3, 31), dt.date(y, 9, 30)) if d < today) \
        if today > dt.date(years[0], 3, 31) else None
    if date is None:
        counts["budget_years_from_allocation"] = _budget_follows_allocation(years, today)
        return counts
    housing = _active_on("6510", date)
    rng.shuffle(housing)
    need = date - dt.timedelta(days=150)
    known_at = start_of_day(need + dt.timedelta(days=50))
    low = [d for d in housing if d.level.isdigit() and int(d.level) <= 3]
    # The raised level is recorded when it was decided: only a decision with no change known after then can take it.
    later = set(DecisionTerm.objects.filter(decision__in=low, known_from__gt=known_at)
                .values_list("decision_id", flat=True))
    low.sort(key=lambda d: d.pk in later)
    if len(low) >= 3 and low[0].pk not in later:
        granted, refused, pending = low[:3]
        request = level_request_create(actor=None, client=granted.client,
                                       intervention_type=granted.intervention_type, decision=granted, current_level=granted.level,
                                       requested_level=str(int(granted.level) + 1), need_increased_on=need,
                                       requested_on=need + dt.timedelta(days=20))
        applies = (need + dt.timedelta(days=60)).replace(day=1)
        level_request_decide(actor=None, request=request, granted=True, decided_on=need + dt.timedelta(days=50),
                             applies_from=applies)
        decision_change(decision=granted, actor=None, source=ChangeSource.DEMO, valid_from=applies,
                        known_at=known_at, level=request.requested_level,
                        note="Ny nivå efter begäran till bedömningskansliet")
        june = dt.date(date.year if date.month > 6 else date.year - 1, 6, 15)
        refusal = level_request_create(
            actor=None, client=refused.client, intervention_type=refused.intervention_type, decision=refused,
            current_level=refused.level, requested_level=str(int(refused.level) + 1),
            need_increased_on=june - dt.timedelta(days=75), requested_on=june - dt.timedelta(days=45),
            note="Utförarna har utökat bemanningen efter ett mer utåtagerande beteende.")
        level_request_decide(actor=None, request=refusal, granted=False, decided_on=june,
                             note="Avslag: det ökade omvårdnadsbehovet ska ha funnits under en längre tid.")
        level_request_create(actor=None, client=pending.client, intervention_type=pending.intervention_type,
                             decision=pending, current_level=pending.level,
                             requested_level=str(int(pending.level) + 1),
                             need_increased_on=today - dt.timedelta(days=40),
                             requested_on=today - dt.timedelta(days=10))
        counts["level_requests"] = 3

    high = [d for d in housing if d.level.isdigit() and int(d.level) >= 3][:4]
    kinds = ("whole_day", "whole_day", "part_of_day", "most_of_day")
    for decision, kind in zip(high, kinds, strict=False):
        claimed = Decimal(rng.randrange(180_000, 420_000, 10_000))
        claim = special_claim_create(actor=None, client=decision.client,
                                     intervention_type=decision.intervention_type, measurement_date=date, kind=kind,
                                     amount_claimed=claimed)
        counts["special_claims"] += 1
        decided = min(today, date + dt.timedelta(days=45))
        if kind == "whole_day":
            special_claim_decide(actor=None, claim=claim, granted=True, decided_on=decided, amount_granted=claimed)
        elif kind == "part_of_day" and not claim.payable:
            special_claim_decide(actor=None, claim=claim, granted=False, decided_on=decided)
    counts["budget_years_from_allocation"] = _budget_follows_allocation(years, today)
    return counts
