"""The January indexation: new prices from 1 January, by a percentage or a price list, for all decisions, a contract's
or an intervention code's. A plan shows each decision's price then and after, and the effect on the year's cost;
carrying it out changes each decision's price from 1 January through the register's service (its history says
"Indexering"), so December keeps last year's price; a price change already registered for a later day stays.

A price list is a .csv or .xlsx file with the columns `Pris` and `Insatskod`, `Avtal` or both, and optionally `Nivå`:
a row with `Avtal` prices that contract's decisions; otherwise `Insatskod` (with `Nivå`, that level only). The most
specific row wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import Column, RowError, header_names, map_columns
from insatskollen.core.numbers import ORE, InvalidValue, parse_decimal
from insatskollen.core.tabular import UnreadableFile, cell_text, is_blank_row, read_table
from insatskollen.costing.selectors import timeline_year_cost
from insatskollen.register.models import ChangeEvent, ChangeSource, Contract, Decision, DecisionTerm
from insatskollen.register.services import decision_change, decision_timeline, normalise_value
from insatskollen.register.timeline import terms_on, with_terms

PRICE_LIST_COLUMNS = (Column("Insatskod", "code"), Column("Nivå", "level"), Column("Avtal", "contract"),
                      Column("Pris", "price", True))
MAX_PERCENT = Decimal(50)


@dataclass(frozen=True)
class PriceList:
    """New prices by (contract), (code, level) and (code)."""

    by_contract: dict[str, Decimal] = field(default_factory=dict)
    by_level: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    by_code: dict[str, Decimal] = field(default_factory=dict)

    def price_for(self, code: str, level: str, contract: str | None) -> Decimal | None:
        if contract and contract in self.by_contract:
            return self.by_contract[contract]
        return self.by_level.get((code, level), self.by_code.get(code))

    def __len__(self) -> int:
        return len(self.by_contract) + len(self.by_level) + len(self.by_code)


def read_price_list(path: str | Path, *, file_name: str | None = None) -> tuple[PriceList, list[RowError]]:
    """The price list in a file, or its errors (row, column, value, Swedish message)."""
    name = file_name or Path(path).name
    try:
        names, required = header_names(PRICE_LIST_COLUMNS)
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names,
                           required=required)
    except UnreadableFile as exc:
        return PriceList(), [RowError(0, "", name, str(exc))]
    mapping = map_columns(table.header, PRICE_LIST_COLUMNS, header_row=table.header_row)
    if mapping.missing or mapping.duplicated:
        return PriceList(), mapping.missing_errors()
    if "code" not in mapping.positions and "contract" not in mapping.positions:
        return PriceList(), [RowError(table.header_row, "Insatskod", "", "Prislistan behöver kolumnen Insatskod eller Avtal.")]
    prices, errors = PriceList(), []

    def cell(row, name) -> str:
        position = mapping.positions.get(name)
        return cell_text(row[position]).strip() if position is not None and position < len(row) else ""

    for index, row in enumerate(table.rows, start=table.first_row):
        if is_blank_row(row):
            continue
        raw = row[mapping.positions["price"]] if mapping.positions["price"] < len(row) else ""
        try:
            price = normalise_value("price", parse_decimal(raw))
            if price <= 0:
                raise InvalidValue("Priset måste vara större än 0 kr.")
        except InvalidValue as error:
            errors.append(RowError(index, mapping.headers["price"], cell_text(raw), str(error)))
            continue
        code, level, contract = cell(row, "code").upper(), cell(row, "level"), cell(row, "contract")
        if contract:
            prices.by_contract[contract] = price
        elif code and level:
            prices.by_level[(code, level)] = price
        elif code:
            prices.by_code[code] = price
        else:
            errors.append(RowError(index, "Insatskod", "", "Ange Insatskod eller Avtal för priset."))
    return prices, errors


@dataclass(frozen=True)
class IndexedDecision:
    decision: Decision
    price_then: Decimal  # in effect on 1 January
    price: Decimal  # from 1 January
    effect: Decimal  # on the year's cost


@dataclass
class IndexationPlan:
    year: int
    description: str
    items: list[IndexedDecision]

    @property
    def valid_from(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def effect(self) -> Decimal:
        return sum((i.effect for i in self.items), Decimal(0))


def indexation_plan(*, year: int, percent: Decimal | None = None, price_list: PriceList | None = None,
                    contract: Contract | None = None, code: str = "") -> IndexationPlan:
    """Which decisions get which price from 1 January `year`: those running on 1 January (on the contract, of the
    code, or all), priced up by `percent` or set by `price_list`. Decisions whose price would not change are left
    out."""
    if (percent is None) == (price_list is None):
        raise ValidationError({"percent": "Ange antingen en procentsats eller en prislista."})
    if percent is not None and not Decimal(-MAX_PERCENT) < percent <= MAX_PERCENT:
        raise ValidationError({"percent": f"Procentsatsen ska ligga mellan −{MAX_PERCENT} och {MAX_PERCENT}."})
    january = dt.date(year, 1, 1)
    qs = Decision.objects.filter(start_date__lte=january).exclude(end_date__lt=january).select_related(
        "client", "intervention_type")
    if contract is not None:  # the contract in effect on 1 January
        qs = qs.filter(pk__in=DecisionTerm.objects.filter(known_to__isnull=True, contract=contract,
                                                          valid_from__lte=january)
                       .exclude(valid_to__lt=january).values("decision_id"))
    references = dict(Contract.objects.values_list("id", "reference"))
    if code:
        qs = qs.filter(intervention_type__code=code.strip().upper())
    items = []
    for decision in qs.order_by("id"):
        timeline = decision_timeline(decision.pk)
        terms = terms_on(timeline, january)
        if terms is None:
            continue
        then = terms["price"]
        if percent is not None:
            price = (then * (1 + percent / 100)).quantize(ORE, rounding=ROUND_HALF_UP)
        else:
            price = price_list.price_for(decision.intervention_type.code, terms["level"],
                                         references.get(terms["contract_id"]))
        if price is None or price == then:
            continue
        indexed = with_terms(timeline, january, {"price": price}, until_next_change=True)
        effect = timeline_year_cost(indexed, year) - timeline_year_cost(timeline, year)
        items.append(IndexedDecision(decision, then, price, effect))
    scope = (f"avtal {contract.reference}" if contract else f"insatskod {code.upper()}" if code else "alla beslut")
    how = f"{percent.normalize():f} %" if percent is not None else f"prislista ({len(price_list)} priser)"
    return IndexationPlan(year, f"Indexering {year}, {how}, {scope}", items)


@transaction.atomic
def prices_index(*, plan: IndexationPlan, actor, reason: str = "", source: str = ChangeSource.UI) -> int:
    """Carry out the plan: each decision's price from 1 January, one version each ("Indexering"). A 1 January in a
    closed month makes each change a correction: the unit head gives the reason. Returns the number changed."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is not None and not access.may_correct_register(user):
        raise PermissionDenied("Bara sektionschefen och administratören indexerar priser.")
    for item in plan.items:
        decision_change(decision=item.decision, actor=actor, source=source, price=item.price,
                        valid_from=plan.valid_from, event=ChangeEvent.INDEXATION, until_next_change=True,
                        reason=reason or ("" if user else plan.description))
    audit_record(actor=actor, action=AuditAction.PRICES_INDEXED, object_type="indexation", object_id=plan.year,
                 summary=f"{plan.description}: {len(plan.items)} beslut",
                 detail={"year": plan.year, "decisions": len(plan.items), "effect": str(plan.effect),
                         "description": plan.description})
    return len(plan.items)
