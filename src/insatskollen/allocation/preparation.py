"""The worklist "Inför mättillfället": what to do before a measurement date so that the city counts the unit's
persons right. Pure: plain data in (the term periods as known today, the year's rates, the requests and claims),
rows out, each with the money at stake.

The list opens `OPENS_DAYS_BEFORE` days before each date. Its rows:
- **no level**: a person active on the date in a code with rates, whose decision has no level (or a level without
  a rate): counted at nothing. At stake: the lowest level's share of the year, at least.
- **six months**: a raised need whose six-month point falls on or before the date (the need increased on or before
  the day six months earlier) while the request is still pending, or granted but the new level is not in the
  register on the date: the request must go in (or the level be registered) now. At stake: the difference
  between the two levels' rates, the date's share.
- **claims**: a särskild redovisning being prepared for the date (double staffing recorded), a person whose claim
  was granted at the previous date with none yet for this one, and claims refused or not payable under the rule
  in force (the reason shown). At stake: the amount claimed (a granted claim is added whole to the year).
- **moves, starts and ends** within `AROUND_DAYS` of the date, which decide whether the person is counted on it.
  At stake: the counted level's share of the year.

"The date's share": the allocation is the mean over the year's dates of the rates counted, so one person counted
on one date brings the yearly rate ÷ the number of the year's dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.allocation.computation import Periods, Rates
from insatskollen.allocation.rules import six_months_before
from insatskollen.costing.engine import OPEN_END, day_number

OPENS_DAYS_BEFORE = 45
AROUND_DAYS = 30
ORE = Decimal("0.01")

NO_LEVEL, SIX_MONTHS, CLAIM, MOVE = "no_level", "six_months", "claim", "move"
SECTIONS = {
    NO_LEVEL: "Nivå saknas",
    SIX_MONTHS: "Höjt behov – sexmånadersregeln",
    CLAIM: "Särskild redovisning",
    MOVE: "Flyttar, starter och avslut kring mättillfället",
}


@dataclass(frozen=True)
class Request:
    """A level request as plain data."""

    id: int
    person: int
    code: str
    decision: int | None
    current_level: str
    requested_level: str
    need_increased_on: dt.date
    status: str  # pending, granted, refused
    applies_from: dt.date | None


@dataclass(frozen=True)
class Claim:
    """A särskild redovisning as plain data."""

    id: int
    person: int
    code: str
    date: dt.date
    kind_label: str
    status: str  # prepared, submitted, granted, refused
    amount_claimed: Decimal
    amount_granted: Decimal | None
    payable: bool
    reason: str


@dataclass(frozen=True)
class Row:
    section: str
    person: int
    code: str
    decision: int | None
    what: str  # what happens, and what to do (Swedish, for the page)
    day: dt.date | None  # the date the row turns on (need increased, start, end, …)
    at_stake: Decimal  # SEK

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]


def open_date(dates: list[dt.date], today: dt.date) -> dt.date | None:
    """The measurement date whose list is open on `today`: the first date on or after today, within
    `OPENS_DAYS_BEFORE` days."""
    upcoming = [d for d in sorted(dates) if d >= today]
    return upcoming[0] if upcoming and (upcoming[0] - today).days <= OPENS_DAYS_BEFORE else None


def _share(amount: Decimal, n_dates: int) -> Decimal:
    return (amount / max(n_dates, 1)).quantize(ORE, rounding=ROUND_HALF_UP)


def _fmt(day: dt.date) -> str:
    return day.isoformat()


def _lowest(rates: Rates, code: str) -> Decimal:
    amounts = [amount for (c, _), amount in rates.yearly.items() if c == code]
    return min(amounts) if amounts else Decimal(0)


def rows_before(date: dt.date, *, periods: Periods, rates: Rates, n_dates: int, requests: list[Request],
                claims: list[Claim], previous_date: dt.date | None) -> list[Row]:
    """Every row of the list for `date` (see the module), largest amount at stake first within each section."""
    rows: list[Row] = []
    today = day_number(date)
    rated = [i for i in range(len(periods)) if periods.code[i] in rates.groups]

    # The level each (person, code) has on the date, from the decision active then (None: not active).
    level_on: dict[tuple[int, str], tuple[str, int]] = {}
    for i in rated:
        if periods.start[i] <= today <= periods.end[i]:
            key = (int(periods.person[i]), periods.code[i])
            level = periods.level[i]
            known = level_on.get(key)
            if known is None or rates.yearly.get((key[1], level), Decimal(-1)) > \
                    rates.yearly.get((key[1], known[0]), Decimal(-1)):
                level_on[key] = (level, int(periods.decision[i]))

    for (person, code), (level, decision) in level_on.items():
        if (code, level) in rates.yearly:
            continue
        what = ("Beslutet saknar nivå: begär nivå hos bedömningskansliet och registrera den, annars räknas "
                "personen utan schablon." if not level else
                f"Nivå {level} har ingen schablon {date.year}: kontrollera nivån i beslutet.")
        rows.append(Row(NO_LEVEL, person, code, decision, what, None, _share(_lowest(rates, code), n_dates)))

    # Raised needs: the need is six months old on the date, the new level not yet in the register.
    point = six_months_before(date)
    for r in requests:
        if r.code not in rates.groups or r.need_increased_on > point or r.status == "refused":
            continue
        on_date = level_on.get((r.person, r.code))
        if on_date is None:
            continue  # not placed in the code on the date
        current = on_date[0]
        if r.status == "granted":
            if current == r.requested_level:
                continue
            what = (f"Nivå {r.requested_level} beviljad från {_fmt(r.applies_from) if r.applies_from else '–'} men "
                    f"registret har nivå {current or '–'} på mättillfället: registrera den nya nivån i beslutet.")
        else:
            what = (f"Behovet ökade {_fmt(r.need_increased_on)}, sex månader före mättillfället: begäran om nivå "
                    f"{r.requested_level} väntar på beslut – påskynda den nu.")
        gain = rates.yearly.get((r.code, r.requested_level), Decimal(0)) - rates.yearly.get((r.code, current),
                                                                                             Decimal(0))
        rows.append(Row(SIX_MONTHS, r.person, r.code, r.decision, what, r.need_increased_on,
                        _share(max(gain, Decimal(0)), n_dates)))

    # Claims for the date: to prepare, to renew, refused or not payable under the rule in force.
    this_date = {(c.person, c.code) for c in claims if c.date == date}
    for c in claims:
        if c.code not in rates.groups:
            continue
        if c.date == date and not c.payable:
            rows.append(Row(CLAIM, c.person, c.code, level_on.get((c.person, c.code), ("", None))[1],
                            f"{c.kind_label}: ej ersättningsgill. {c.reason}", c.date, c.amount_claimed))
        elif c.date == date and c.status == "prepared":
            rows.append(Row(CLAIM, c.person, c.code, level_on.get((c.person, c.code), ("", None))[1],
                            f"{c.kind_label}: förbered och skicka in särskild redovisning före mättillfället.",
                            c.date, c.amount_claimed))
        elif c.date == date and c.status == "refused":
            rows.append(Row(CLAIM, c.person, c.code, level_on.get((c.person, c.code), ("", None))[1],
                            f"{c.kind_label}: avslagen. Pröva om dubbelbemanningen kan redovisas enligt gällande "
                            f"regel.", c.date, c.amount_claimed))
        elif (previous_date is not None and c.date == previous_date and c.status == "granted"
              and (c.person, c.code) not in this_date and (c.person, c.code) in level_on):
            rows.append(Row(CLAIM, c.person, c.code, level_on[(c.person, c.code)][1],
                            f"{c.kind_label} beviljades {_fmt(previous_date)}: ingen särskild redovisning är "
                            f"registrerad för detta mättillfälle – förbered en ny.", previous_date,
                            c.amount_granted or Decimal(0)))

    # Moves, starts and ends around the date: decisions (not term periods) that start or end within the window.
    first, last = today - AROUND_DAYS, today + AROUND_DAYS
    spans: dict[int, list[int]] = defaultdict(list)  # decision → period rows
    for i in rated:
        spans[int(periods.decision[i])].append(i)
    around: dict[tuple[int, str], list[tuple[int, int, int, int]]] = defaultdict(list)
    for decision, idx in spans.items():
        start = min(int(periods.start[i]) for i in idx)
        end = max(int(periods.end[i]) for i in idx)
        starts_near = first <= start <= last
        ends_near = end != OPEN_END and first <= end <= last
        if starts_near or ends_near:
            latest = max(idx, key=lambda i: int(periods.start[i]) if periods.start[i] <= today else -1)
            around[(int(periods.person[idx[0]]), periods.code[idx[0]])].append((decision, start, end, latest))
    for (person, code), found in around.items():
        counted = (person, code) in level_on
        level = level_on[(person, code)][0] if counted else periods.level[found[0][3]]
        stake = _share(rates.yearly.get((code, level), _lowest(rates, code)), n_dates)
        found.sort(key=lambda f: f[1])
        ends = [f for f in found if f[2] != OPEN_END and first <= f[2] <= last]
        starts = [f for f in found if first <= f[1] <= last]
        if ends and starts and any(s[0] != e[0] for s in starts for e in ends):
            end_day, start_day = _day(ends[0][2]), _day(starts[-1][1])
            what = (f"Flytt: ett beslut slutar {_fmt(end_day)} och nästa börjar {_fmt(start_day)}. "
                    + ("Räknas på mättillfället." if counted else
                       "Glappet täcker mättillfället: personen räknas inte – se över datumen."))
            rows.append(Row(MOVE, person, code, starts[-1][0], what, start_day, stake))
        elif starts:
            start_day = _day(starts[-1][1])
            what = (f"Ny placering {_fmt(start_day)}: räknas på mättillfället." if counted else
                    f"Börjar {_fmt(start_day)}, efter mättillfället: räknas inte förrän nästa.")
            rows.append(Row(MOVE, person, code, starts[-1][0], what, start_day, stake))
        else:
            end_day = _day(ends[-1][2])
            what = (f"Avslutas {_fmt(end_day)}, efter mättillfället: räknas." if counted else
                    f"Avslutades {_fmt(end_day)}, före mättillfället: räknas inte.")
            rows.append(Row(MOVE, person, code, ends[-1][0], what, end_day, stake))

    order = list(SECTIONS)
    rows.sort(key=lambda r: (order.index(r.section), -r.at_stake, r.code, r.person))
    return rows


def _day(number: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(number))

