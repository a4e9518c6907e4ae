"""Reconciliation of the register against the ledger for one month. Pure: plain rows in, dataclasses out.

The register says what the month's decisions cost; the ledger (huvudbok) says what was booked. The gap is
ledger − register. It is split into five categories, each computed per (intervention code, provider) pair:

Pairing. A ledger cost row belongs to the pair (its intervention code, the provider whose name equals its
counterpart, compared case-insensitively with spaces trimmed and collapsed). Two fall-backs, only when they point
at exactly one pair: a row without activity code takes the code of its provider when that provider has decisions
under one code only (in the row's month or the month before); a row without counterpart takes the provider of its
code when the code has one provider only. Anything else stays unpaired.

Reading a row. Before amounts are compared, each row is one of three kinds:
- accrual: a December row reversed in January (same account, intervention code and counterpart, opposite amount;
  each row in one such pair at most), or a row on an account or voucher series the unit's Rules name as accruals;
- without decision: its text contains one of the Rules' texts saying it has no decision (e.g. "saknas i registret"),
  or its text names a client (a personnummer written with its separator, YYMMDD-NNNN or YYYYMMDD-NNNN; the
  ledger format has no client column) who has no decision of the pair in the row's month or the month before;
- regular: the rest. Only regular rows take part in timing, decision without ledger and price difference, in every
  month of the window.

1. Accrual (Periodisering): the month's accrual rows, as booked. A year-end pair shows + in December and − in
   January and nets to zero over the two.
2. Ledger without decision (positive): the rows without decision, and every other non-accrual row of a pair with no
   decision active in the month nor in the month before. Unpaired rows always land here.
3. Decision without ledger (negative): the pair has register cost in the month but no regular row in the month:
   minus its register cost, less what next month's surplus carries out as timing (so an invoice booked late is
   timing, and a month that is never invoiced is counted here even when the next month is invoiced as usual).
4. Timing: cost booked in another month than the one it belongs to, seen from both sides.
   In (positive): last month the pair was booked less than the register said (shortfall = register − ledger) and
   this month it is booked more (surplus = ledger − register). The carried-in part is the smaller of the two.
   Out (negative): this month the pair is booked less than the register says and next month more: minus the
   smaller of this month's shortfall and next month's surplus. So the timing out of one month is exactly the
   timing into the next, and a shortfall that nothing makes up later is not timing.
5. Price difference: the rest of a gap of a pair that has regular rows (regular ledger − register − timing): other
   prices than registered, extra invoices, credit notes, a year-end true-up.

Each pair's five amounts add up to its ledger − register by construction, so the month's and each code's do too,
exactly to the öre (Decimal throughout). Accrual and ledger without decision are the rows' own amounts; the third
and fifth are remainders after timing. Limits that follow from using amounts only: a steady invoice lag on a pair
whose cost rises by the same amount every month cannot be told apart from a lower price and shows as price
difference; an accrual made in another month than December, or reversed with another amount, is only found through
the Rules; one client of a pair not invoiced shows as price difference unless the pair's rows name their clients.

Data quality: the share of the month's ledger cost that matched a decision (the pair has a decision, and the row is
not without decision); None when the month has no ledger cost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal

from insatskollen.core.identity import InvalidIdentity, parse_personal_number
from insatskollen.core.months import add_months

ZERO = Decimal("0.00")
CATEGORIES = ("accrual", "timing", "ledger_without_decision", "decision_without_ledger", "price_difference")
CATEGORY_LABELS = {
    "accrual": "Periodisering",
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
NOTE_TEXT_NO_DECISION = "Bokningens text säger att beslut saknas."
NOTE_CLIENT_NO_DECISION = "Personnumret i bokningens text har inget beslut hos utföraren under insatskoden."
# A personnummer written with its separator (YYMMDD-NNNN, YYYYMMDD-NNNN, YYMMDD+NNNN) inside a booking text.
# A personnummer in a booking text, with or without its separator (12 or 10 digits): masked on the page.
_CLIENT_IN_TEXT = re.compile(r"(?<!\d)(?:\d{8}|\d{6})[-+]?\d{4}(?!\d)")
ACCRUAL_MONTHS = (12, 1)  # a booking in December reversed in January is the year-end accrual (bokslut)


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
    client_number: str = ""  # the full 12 digits, only to match a booking text's client reference; never shown


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

    @property
    def client_reference(self) -> str:
        """The personnummer (12 digits) the text names, "" when it names no valid one."""
        for match in _CLIENT_IN_TEXT.finditer(self.text):
            try:
                return parse_personal_number(match.group(0), today=self.period).digits
            except InvalidIdentity:
                continue
        return ""

    @property
    def masked_text(self) -> str:
        """The text with every valid personnummer in it masked (YYYYMMDD-****), for pages and files."""

        def mask(match: re.Match) -> str:
            try:
                return parse_personal_number(match.group(0), today=self.period).masked
            except InvalidIdentity:
                return match.group(0)

        return _CLIENT_IN_TEXT.sub(mask, self.text)


@dataclass(frozen=True)
class Rules:
    """The unit's configured reading of its ledger: accrual accounts and voucher series (prefixes) and texts that
    say a booking has no decision (case-insensitive)."""

    accrual_accounts: tuple[str, ...] = ()
    accrual_vouchers: tuple[str, ...] = ()
    no_decision_texts: tuple[str, ...] = ()

    def is_accrual(self, row: LedgerRow) -> bool:
        return (any(p and row.account.startswith(p) for p in self.accrual_accounts)
                or any(p and row.voucher.startswith(p) for p in self.accrual_vouchers))

    def says_no_decision(self, row: LedgerRow) -> bool:
        text = row.text.casefold()
        return any(t and t.casefold() in text for t in self.no_decision_texts)


@dataclass
class Categories:
    accrual: Decimal = ZERO
    timing: Decimal = ZERO
    ledger_without_decision: Decimal = ZERO
    decision_without_ledger: Decimal = ZERO
    price_difference: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return (self.accrual + self.timing + self.ledger_without_decision + self.decision_without_ledger
                + self.price_difference)

    def add(self, other: Categories) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in CATEGORIES}


@dataclass
class PairReconciliation:
    """One (code, provider) pair in the month, with the figures and rows that decide its categories.

    `ledger_rows`/`next_ledger_rows` are the pair's regular rows (not accruals, not without decision) this month and
    next; `accrual_rows` and `no_decision_rows` are this month's rows in those two categories."""

    code: str
    provider: str
    register: tuple[Decimal, Decimal, Decimal]  # previous, this, next month
    ledger: tuple[Decimal, Decimal, Decimal]  # every row of the pair
    categories: Categories
    has_decision: bool
    note: str = ""
    decisions: list[RegisterItem] = field(default_factory=list)
    previous_decisions: list[RegisterItem] = field(default_factory=list)
    ledger_rows: list[LedgerRow] = field(default_factory=list)
    next_ledger_rows: list[LedgerRow] = field(default_factory=list)
    accrual_rows: list[LedgerRow] = field(default_factory=list)
    no_decision_rows: list[LedgerRow] = field(default_factory=list)

    @property
    def register_cost(self) -> Decimal:
        return self.register[1]

    @property
    def ledger_cost(self) -> Decimal:
        return self.ledger[1]

    @property
    def matched_ledger_cost(self) -> Decimal:
        """This month's booked cost that matched a decision: none without a decision, else all but the rows
        without decision."""
        return self.ledger_cost - self.categories.ledger_without_decision if self.has_decision else ZERO

    def evidence(self, category: str) -> tuple[list[LedgerRow], list[RegisterItem]]:
        """The ledger rows and decisions behind this pair's amount in `category`."""
        if category == "accrual":
            return self.accrual_rows, []
        if category == "ledger_without_decision":
            return self.no_decision_rows, []
        if category == "decision_without_ledger":
            return self.next_ledger_rows, self.decisions
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
        self.matched_ledger_cost += pair.matched_ledger_cost
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


def _pair_categories(register: tuple, regular: tuple, accrual: Decimal, without_decision: Decimal,
                     has_decision: bool, has_register_now: bool, booked_now: bool) -> Categories:
    """`regular`: the pair's ledger sums less its accruals and rows without decision (previous, this, next)."""
    previous_r, this_r, next_r = register
    previous_l, this_l, next_l = regular
    if not has_decision:
        return Categories(accrual=accrual, ledger_without_decision=without_decision + this_l)
    carried_in = min(previous_r - previous_l, this_l - this_r)
    carried_out = min(this_r - this_l, next_l - next_r)
    timing = max(carried_in, ZERO) - max(carried_out, ZERO)
    rest = this_l - this_r - timing
    if has_register_now and not booked_now:
        return Categories(accrual=accrual, timing=timing, ledger_without_decision=without_decision,
                          decision_without_ledger=rest)
    return Categories(accrual=accrual, timing=timing, ledger_without_decision=without_decision,
                      price_difference=rest)


def year_end_reversals(ledger: list[LedgerRow]) -> set[int]:
    """Indices of the rows that are a December booking and its reversal in January: same account, intervention
    code and counterpart, opposite amount. Each row belongs to one pair at most: among equal December rows the last
    ones (an accrual is booked at the close), among equal January rows the first ones."""
    first: dict[tuple, list[int]] = defaultdict(list)
    second: dict[tuple, list[int]] = defaultdict(list)
    for index, row in enumerate(ledger):
        if not row.amount or row.period.month not in ACCRUAL_MONTHS:
            continue
        key = (row.account.strip(), row.code.strip(), provider_key(row.counterpart))
        if row.period.month == ACCRUAL_MONTHS[0]:
            first[(row.period.year, *key, row.amount)].append(index)
        else:
            second[(row.period.year - 1, *key, -row.amount)].append(index)
    found: set[int] = set()
    for key, booked in first.items():
        reversed_ = second.get(key, [])
        count = min(len(booked), len(reversed_))
        found.update(booked[len(booked) - count:])
        found.update(reversed_[:count])
    return found


def reconcile(month: dt.date, register: list[RegisterItem], ledger: list[LedgerRow],
              rules: Rules | None = None) -> Reconciliation:
    """Reconcile `month`. `register`: decisions' cost per month, at least from two months before to the month
    after; `ledger`: cost rows from two months before to two months after (the outer months only to find
    year-end reversal pairs). Other months are ignored."""
    rules = rules or Rules()
    month = month.replace(day=1)
    previous, following = add_months(month, -1), add_months(month, 1)
    window = (previous, month, following)
    pairing = _Pairing(register)
    items: dict[tuple, dict[dt.date, list[RegisterItem]]] = defaultdict(lambda: defaultdict(list))
    for item in register:
        items[(item.code, provider_key(item.provider))][item.month].append(item)
    ledger = [row for row in ledger if add_months(month, -2) <= row.period.replace(day=1) <= add_months(month, 2)]
    accruals = year_end_reversals(ledger) | {i for i, row in enumerate(ledger) if rules.is_accrual(row)}
    # rows[key][period][kind]: kind "regular", "accrual" or "none" (its text says it has no decision)
    rows: dict[tuple, dict[dt.date, dict[str, list[LedgerRow]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    notes: dict[tuple, str] = {}
    names: dict[str, str] = dict(pairing.names)
    for index, row in enumerate(ledger):
        period = row.period.replace(day=1)
        if period not in window:
            continue
        code, key, note = pairing.resolve(row)
        kind = "accrual" if index in accruals else "none" if rules.says_no_decision(row) else "regular"
        if kind == "none":
            note = note or NOTE_TEXT_NO_DECISION
        elif kind == "regular" and _client_unknown(row, items.get((code, key), {}), period):
            kind, note = "none", note or NOTE_CLIENT_NO_DECISION
        rows[(code, key)][period][kind].append(row)
        names.setdefault(key, " ".join(row.counterpart.split()))
        if period == month and note:
            notes.setdefault((code, key), note)

    total = CodeReconciliation(code="*")
    by_code: dict[str, CodeReconciliation] = {}
    keys = {k for k, v in items.items() if v.get(month)} | {k for k, v in rows.items() if v.get(month)}
    for key in sorted(keys):
        pair_items, pair_rows = items.get(key, {}), rows.get(key, {})
        now, after = pair_rows.get(month, {}), pair_rows.get(following, {})
        register_sums = tuple(_sum(pair_items.get(m, [])) for m in window)
        ledger_sums = tuple(sum((_sum(part) for part in pair_rows.get(m, {}).values()), ZERO) for m in window)
        regular_sums = tuple(_sum(pair_rows.get(m, {}).get("regular", [])) for m in window)
        has_decision = bool(pair_items.get(month) or pair_items.get(previous))
        categories = _pair_categories(
            register_sums, regular_sums, _sum(now.get("accrual", [])), _sum(now.get("none", [])), has_decision,
            bool(pair_items.get(month)), bool(now.get("regular")))
        note = notes.get(key, "" if has_decision else NOTE_NO_DECISION)
        without = list(now.get("none", [])) + ([] if has_decision else list(now.get("regular", [])))
        pair = PairReconciliation(
            code=key[0], provider=names.get(key[1], key[1]), register=register_sums, ledger=ledger_sums,
            categories=categories, has_decision=has_decision, note=note,
            decisions=list(pair_items.get(month, [])), previous_decisions=list(pair_items.get(previous, [])),
            ledger_rows=list(now.get("regular", [])) if has_decision else [],
            next_ledger_rows=list(after.get("regular", [])), accrual_rows=list(now.get("accrual", [])),
            no_decision_rows=without)
        by_code.setdefault(key[0], CodeReconciliation(code=key[0])).include(pair)
        total.include(pair)
    return Reconciliation(month=month, total=total, by_code=dict(sorted(by_code.items())))


def _client_unknown(row: LedgerRow, pair_items: dict[dt.date, list[RegisterItem]], period: dt.date) -> bool:
    """The row's text names a client, the pair's decisions carry client numbers, and none of its decisions in the
    row's month or the month before is that client's."""
    reference = row.client_reference
    if not reference:
        return False
    around = [item for m in (period, add_months(period, -1)) for item in pair_items.get(m, [])]
    known = {item.client_number for item in around if item.client_number}
    return bool(known) and reference not in known


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
