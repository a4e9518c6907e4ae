"""Kolada (the Council for the Promotion of Municipal Analysis, RKA): reading the JSON its public API returns,
and the unit's own figures computed the Kolada way. Pure.

Kolada's data answer (v2 `/v2/data/kpi/{kpi}/municipality/{id}/year/{year}`, v3 the same under `/v3/`):
    {"count": 1, "values": [{"kpi": "N28013", "municipality": "0180", "period": 2023,
                             "values": [{"count": 1, "gender": "T", "status": "", "value": 1234567.0}]}],
     "next_page" (v2) or "next_url"/"previous_url" (v3): a following page, absent or null on the last}
Its metadata answers (`/municipality`, `/municipality_groups`) carry {"values": [{"id", "title", ...}]}, a group
with "members": [{"id", "title"}].

Kolada's "kr/brukare" figures are the year's cost divided by the number of users on 1 October (Socialstyrelsen's
count of persons with LSS interventions). `own_cost_per_user` does the same over the register.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from insatskollen.costing.engine import DecisionArrays, day_number, monthly_costs
from insatskollen.costing.money import ore, to_units

# The Kolada KPIs (../shared/reference/kolada_kpi_lss_sol_ids.csv) that have a twin in the register's codes.
KPI_CODES: dict[str, tuple[str, ...]] = {
    "N28013": ("6510",),  # Kostnad funktionsnedsättning LSS boende, kr/brukare
    "N28015": ("6330",),  # Kostnad funktionsnedsättning LSS daglig verksamhet, kr/brukare
}
KPI_TITLES = {
    "N28013": "Kostnad funktionsnedsättning LSS boende, kr/brukare",
    "N28015": "Kostnad funktionsnedsättning LSS daglig verksamhet, kr/brukare",
}
GENDERS = {"T", "K", "M"}


class NotKolada(ValueError):
    """The text is not a Kolada API answer; the message is plain Swedish."""


@dataclass(frozen=True)
class KpiValue:
    kpi: str
    municipality: str
    year: int
    gender: str
    value: Decimal | None
    status: str


@dataclass
class KoladaAnswer:
    values: list[KpiValue] = field(default_factory=list)
    municipalities: dict[str, str] = field(default_factory=dict)  # id → name
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # group id → (title, member ids)
    next_page: str | None = None


def _fail(detail: str) -> NotKolada:
    return NotKolada(f"Filen är inte ett svar från Koladas API: {detail} Spara svaret från "
                     f"api.kolada.se/v2/data/... (eller /v3/) som det är, utan att ändra det.")


def parse_answer(text: str | bytes) -> KoladaAnswer:
    """Read a data, municipality or municipality-group answer; anything else is refused (NotKolada)."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise _fail("den går inte att läsa som JSON.") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise _fail("ett svar ska vara ett JSON-objekt med listan \"values\".")
    answer = KoladaAnswer(next_page=data.get("next_page") or data.get("next_url") or None)
    for index, item in enumerate(data["values"], start=1):
        if not isinstance(item, dict):
            raise _fail(f"post {index} i \"values\" är inget objekt.")
        if "kpi" in item:
            answer.values.extend(_data_item(item, index))
        elif "members" in item and "id" in item:
            members = [str(m.get("id")) for m in item["members"] if isinstance(m, dict) and m.get("id")]
            answer.groups[str(item["id"])] = (str(item.get("title", "")), members)
            for m in item["members"]:
                if isinstance(m, dict) and m.get("id"):
                    answer.municipalities[str(m["id"])] = str(m.get("title", m["id"]))
        elif "id" in item and "title" in item:
            answer.municipalities[str(item["id"])] = str(item["title"])
        else:
            raise _fail(f"post {index} saknar \"kpi\" (data) eller \"id\" och \"title\" (metadata).")
    return answer


def _data_item(item: dict, index: int) -> list[KpiValue]:
    try:
        kpi, municipality, year = str(item["kpi"]), str(item["municipality"]), int(item["period"])
        inner = item["values"]
    except (KeyError, TypeError, ValueError):
        raise _fail(f"post {index} saknar kpi, municipality, period eller values.") from None
    if not isinstance(inner, list):
        raise _fail(f"post {index}: \"values\" ska vara en lista.")
    result = []
    for value in inner:
        if not isinstance(value, dict) or value.get("gender") not in GENDERS:
            raise _fail(f"post {index}: varje värde ska ha gender T, K eller M.")
        raw = value.get("value")
        try:
            number = None if raw is None else Decimal(str(raw))
        except InvalidOperation:
            raise _fail(f"post {index}: värdet {raw!r} är inget tal.") from None
        result.append(KpiValue(kpi=kpi, municipality=municipality, year=year, gender=value["gender"],
                               value=number, status=str(value.get("status") or "")))
    return result


def counting_day(year: int) -> dt.date:
    return dt.date(year, 10, 1)


@dataclass(frozen=True)
class OwnFigure:
    kpi: str
    codes: tuple[str, ...]
    cost: Decimal  # the year's cost of the codes
    users: int  # persons with one of the codes active on 1 October
    per_user: Decimal | None


def own_cost_per_user(rows: list[dict], year: int, kpi: str) -> OwnFigure:
    """Kolada's way: the year's cost of the KPI's codes ÷ the persons with one of them on 1 October. `rows`: term
    periods with code, client_id and the engine's fields."""
    codes = KPI_CODES[kpi]
    mine = [r for r in rows if r["code"] in codes]
    if not mine:
        return OwnFigure(kpi=kpi, codes=codes, cost=Decimal(0), users=0, per_user=None)
    arrays = DecisionArrays.from_rows(mine)
    cost = ore(to_units(monthly_costs(arrays, dt.date(year, 1, 1), 12).cost).sum())
    day = day_number(counting_day(year))
    active = (arrays.start <= day) & (arrays.end >= day)
    users = len({r["client_id"] for r, on in zip(mine, active.tolist()) if on})
    per_user = (cost / users).quantize(Decimal(1)) if users else None
    return OwnFigure(kpi=kpi, codes=codes, cost=cost, users=users, per_user=per_user)
