"""Reconciliation of the register against the ledger for one month. Pure: plain rows in, dataclasses out.

The register says what the month's decisions cost; the ledger (huvudbok) says what was booked. The gap is
ledger − register. It is split into four categories, each computed per (intervention code, provider) pair:

Pairing. A ledger cost row belongs to the pair (its intervention code, the provider whose name equals its
counterpart, compared case-insensitively with spaces trimmed and collapsed). Two fall-backs, only when they point
at exactly one pair: a row without activity code takes the code of its provider when that provider has decisions
under one code only (in the row's month or the month before); a row without counterpart takes the provider of its
code when the code has one provider only. Anything else stays unpaired.

1. Ledger without decision (positive): the pair has no decision active in the month nor in the month before.
   All its booked cost counts here, row by row. Unpaired rows always land here.
2. Decision without ledger (negative): the pair has register cost in the month but no ledger row in the month
   nor in the next month. Minus its register cost counts here, decision by decision.
3. Timing: cost booked in another month than the one it belongs to, seen from both sides.
   In (positive): last month the pair was booked less than the register said (shortfall = register − ledger) and
   this month it is booked more (surplus = ledger − register). The carried-in part is the smaller of the two.
   Out (negative): this month the pair is booked less than the register says and next month more: minus the
   smaller of this month's shortfall and next month's surplus. So the timing out of one month is exactly the
   timing into the next, and a shortfall that nothing makes up later is not timing.
4. Price difference: the rest of a paired gap (ledger − register − timing): other prices than registered,
   extra invoices, credit notes, a year-end true-up.

Each pair's four amounts add up to its ledger − register by construction, so the month's and each code's do too,
exactly to the öre (Decimal throughout). The first three are computed from the rows; only the fourth is a
remainder. Limits that follow from using amounts only: a steady invoice lag on a pair whose cost rises by the same
amount every month cannot be told apart from a lower price and shows as price difference.

Data quality: the share of the month's ledger cost that is paired with a decision (1 − ledger without decision /
ledger cost); None when the month has no ledger cost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.core.months import add_months

ZERO = Decimal("0.00")
CATEGORIES = ("timing", "ledger_without_decision", "decision_without_ledger", "price_difference")
CATEGORY_LABELS = {
    "timing": "Tidsförskjutning",
    "ledger_without_decision": "Bokat utan beslut",
    "decision_without_ledger": "Beslut utan bokning",
    "price_difference": "Prisskillnad",
}
NOTE_NO_DECISION = "Inget beslut för insatskoden hos utföraren i månaden eller månaden före."
NOTE_NO_CODE_UNKNOWN = "Saknar verksamhetskod, och motparten är ingen utförare med beslut."
NOTE_NO_CODE_AMBIGUOUS = "Saknar verksamhetskod, och utföraren har beslut under flera insatskoder."
NOTE_NO_COUNTERPART = "Saknar motpart, och insatskoden har flera eller inga utförare med beslut."
NOTE_NOTHING = "Saknar både verksamhetskod och motpart."


def provider_key(name: str) -> str:
    """Provider names and counterparts are compared case-insensitively, spaces trimmed and collapsed."""
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class RegisterItem:
    """One decision's register cost in one month."""

    month: dt.date
    code: str
    provider: str
    decision: str  # Beslut-id, or #pk
    client: str  # masked personnummer
    amount: Decimal


@dataclass(frozen=True)
class LedgerRow:
    """One cost booking; `code` is the intervention code its activity maps to, "" when it has none."""

    period: dt.date
    code: str
    counterpart: str
    amount: Decimal
    account: str = ""
    voucher: str = ""
    text: str = ""
    row_id: int | None = None


@dataclass
class Categories:
    timing: Decimal = ZERO
    ledger_without_decision: Decimal = ZERO
    decision_without_ledger: Decimal = ZERO
    price_difference: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.timing + self.ledger_without_decision + self.decision_without_ledger + self.price_difference

    def add(self, other: Categories) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in CATEGORIES}


@dataclass
class PairReconciliation:
    """One (code, provider) pair in the month, with the figures and rows that decide its categories."""

    code: str
    provider: str
    register: tuple[Decimal, Decimal, Decimal]  # previous, this, next month
    ledger: tuple[Decimal, Decimal, Decimal]
    categories: Categories
    has_decision: bool
    note: str = ""
    decisions: list[RegisterItem] = field(default_factory=list)
    previous_decisions: list[RegisterItem] = field(default_factory=list)
    ledger_rows: list[LedgerRow] = field(default_factory=list)
    next_ledger_rows: list[LedgerRow] = field(default_factory=list)

    @property
    def register_cost(self) -> Decimal:
        return self.register[1]

    @property
    def ledger_cost(self) -> Decimal:
        return self.ledger[1]

    def evidence(self, category: str) -> tuple[list[LedgerRow], list[RegisterItem]]:
        """The ledger rows and decisions behind this pair's amount in `category`."""
        if category == "ledger_without_decision":
            return self.ledger_rows, []
        if category == "decision_without_ledger":
            return [], self.decisions
        if category == "timing" and self.categories.timing > 0:
            return self.ledger_rows, self.previous_decisions
        if category == "timing":
            return self.next_ledger_rows, self.decisions
        return self.ledger_rows, self.decisions


@dataclass
class CodeReconciliation:
    code: str
    register_cost: Decimal = ZERO
    ledger_cost: Decimal = ZERO
    matched_ledger_cost: Decimal = ZERO
    categories: Categories = field(default_factory=Categories)
    pairs: list[PairReconciliation] = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        return self.ledger_cost - self.register_cost

    @property
    def data_quality(self) -> Decimal | None:
        return share(self.matched_ledger_cost, self.ledger_cost)

    def include(self, pair: PairReconciliation) -> None:
        self.pairs.append(pair)
        self.register_cost += pair.register_cost
        self.ledger_cost += pair.ledger_cost
        if pair.has_decision:
            self.matched_ledger_cost += pair.ledger_cost
        self.categories.add(pair.categories)


@dataclass
class Reconciliation:
    month: dt.date
    total: CodeReconciliation
    by_code: dict[str, CodeReconciliation]

    @property
    def register_cost(self) -> Decimal:
        return self.total.register_cost

    @property
    def ledger_cost(self) -> Decimal:
        return self.total.ledger_cost

    @property
    def gap(self) -> Decimal:
        return self.total.gap

    @property
    def categories(self) -> Categories:
        return self.total.categories

    @property
    def data_quality(self) -> Decimal | None:
        return self.total.data_quality

    def pairs_in(self, category: str, code: str | None = None) -> list[PairReconciliation]:
        """The pairs with an amount in `category` (of one code, or all), largest amount first."""
        scope = self.total if code is None else self.by_code.get(code, CodeReconciliation(code))
        found = [p for p in scope.pairs if getattr(p.categories, category)]
        return sorted(found, key=lambda p: (-abs(getattr(p.categories, category)), p.code, p.provider))


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


class _Pairing:
    """Decides which (code, provider key) pair a ledger row belongs to, from the decisions around its month."""

    def __init__(self, items: list[RegisterItem]) -> None:
        self.active: dict[dt.date, set[tuple[str, str]]] = defaultdict(set)
        self.names: dict[str, str] = {}
        for item in items:
            key = provider_key(item.provider)
            self.active[item.month].add((item.code, key))
            self.names.setdefault(key, item.provider)

    def pairs_around(self, month: dt.date) -> set[tuple[str, str]]:
        """Pairs with a decision active in the month or the month before."""
        return self.active.get(month, set()) | self.active.get(add_months(month, -1), set())

    def resolve(self, row: LedgerRow) -> tuple[str, str, str]:
        """(code, provider key, note on why it could not be paired, or "")."""
        code, key = row.code.strip(), provider_key(row.counterpart)
        if code and key:
            return code, key, ""
        around = self.pairs_around(row.period)
        if code:
            providers = {p for c, p in around if c == code}
            return (code, providers.pop(), "") if len(providers) == 1 else (code, "", NOTE_NO_COUNTERPART)
        if key:
            codes = {c for c, p in around if p == key}
            if len(codes) == 1:
                return codes.pop(), key, ""
            return "", key, NOTE_NO_CODE_AMBIGUOUS if codes else NOTE_NO_CODE_UNKNOWN
        return "", "", NOTE_NOTHING


def _pair_categories(register: tuple, ledger: tuple, has_decision: bool, booked_now: bool, booked_next: bool,
                     has_register_now: bool) -> Categories:
    previous_r, this_r, next_r = register
    previous_l, this_l, next_l = ledger
    if booked_now and not has_decision:
        return Categories(ledger_without_decision=this_l)
    if has_register_now and not booked_now and not booked_next:
        return Categories(decision_without_ledger=-this_r)
    carried_in = min(previous_r - previous_l, this_l - this_r)
    carried_out = min(this_r - this_l, next_l - next_r)
    timing = max(carried_in, ZERO) - max(carried_out, ZERO)
    return Categories(timing=timing, price_difference=this_l - this_r - timing)


def reconcile(month: dt.date, register: list[RegisterItem], ledger: list[LedgerRow]) -> Reconciliation:
    """Reconcile `month`. `register`: decisions' cost per month, at least from two months before to the month
    after; `ledger`: cost rows from the month before to the month after. Other months are ignored."""
    month = month.replace(day=1)
    previous, following = add_months(month, -1), add_months(month, 1)
    pairing = _Pairing(register)
    items: dict[tuple, dict[dt.date, list[RegisterItem]]] = defaultdict(lambda: defaultdict(list))
    for item in register:
        items[(item.code, provider_key(item.provider))][item.month].append(item)
    rows: dict[tuple, dict[dt.date, list[LedgerRow]]] = defaultdict(lambda: defaultdict(list))
    notes: dict[tuple, str] = {}
    names: dict[str, str] = dict(pairing.names)
    for row in ledger:
        period = row.period.replace(day=1)
        if period not in (previous, month, following):
            continue
        code, key, note = pairing.resolve(row)
        rows[(code, key)][period].append(row)
        names.setdefault(key, " ".join(row.counterpart.split()))
        if note and period == month:
            notes.setdefault((code, key), note)

    total = CodeReconciliation(code="*")
    by_code: dict[str, CodeReconciliation] = {}
    keys = {k for k, v in items.items() if v.get(month)} | {k for k, v in rows.items() if v.get(month)}
    for key in sorted(keys):
        pair_items, pair_rows = items.get(key, {}), rows.get(key, {})
        register_sums = tuple(_sum(pair_items.get(m, [])) for m in (previous, month, following))
        ledger_sums = tuple(_sum(pair_rows.get(m, [])) for m in (previous, month, following))
        has_decision = bool(pair_items.get(month) or pair_items.get(previous))
        categories = _pair_categories(register_sums, ledger_sums, has_decision, bool(pair_rows.get(month)),
                                      bool(pair_rows.get(following)), bool(pair_items.get(month)))
        note = notes.get(key, "" if has_decision else NOTE_NO_DECISION)
        pair = PairReconciliation(
            code=key[0], provider=names.get(key[1], key[1]), register=register_sums, ledger=ledger_sums,
            categories=categories, has_decision=has_decision, note=note,
            decisions=list(pair_items.get(month, [])), previous_decisions=list(pair_items.get(previous, [])),
            ledger_rows=list(pair_rows.get(month, [])), next_ledger_rows=list(pair_rows.get(following, [])))
        by_code.setdefault(key[0], CodeReconciliation(code=key[0])).include(pair)
        total.include(pair)
    return Reconciliation(month=month, total=total, by_code=dict(sorted(by_code.items())))


def _sum(values) -> Decimal:
    return sum((v.amount for v in values), ZERO)


def as_json(result: Reconciliation) -> dict:
    """The `reconcile --json` answer: money as numbers with two decimals, data quality 0–1 or None."""

    def figures(part: CodeReconciliation) -> dict:
        return {
            "register_cost": float(part.register_cost), "ledger_cost": float(part.ledger_cost),
            "gap": float(part.gap),
            "categories": {name: float(value) for name, value in part.categories.as_dict().items()},
            "data_quality": None if part.data_quality is None else float(part.data_quality),
        }

    answer = {"month": f"{result.month:%Y-%m}", **figures(result.total)}
    answer["by_code"] = {code: figures(part) for code, part in result.by_code.items()}
    return answer
