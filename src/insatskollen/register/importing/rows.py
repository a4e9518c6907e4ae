"""Validating the rows of a register file into typed rows, with every error as (row, column, value, message). Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from insatskollen.core.identity import InvalidIdentity, parse_org_number, parse_personal_number
from insatskollen.core.importing import RowError
from insatskollen.core.numbers import InvalidValue, parse_date, parse_decimal, parse_percent
from insatskollen.core.tabular import cell_text, is_blank_row
from insatskollen.core.units import ExtentUnit
from insatskollen.register.importing.columns import BY_FIELD, ColumnMapping
from insatskollen.register.timeline import check_valid_from
from insatskollen.register.validation import decision_field_errors

LAWS = {"lss": "LSS", "sol": "SoL", "lass": "LASS"}
PROVIDER_KINDS = {"egen regi": "egen regi", "privat": "privat", "lov": "LOV", "annan kommun/sdn": "annan kommun/SDN",
                  "annan kommun": "annan kommun/SDN", "sdn": "annan kommun/SDN"}


@dataclass
class RegisterRow:
    row: int
    external_id: str | None
    personal_number: str
    caseworker: str
    code: str
    intervention_name: str
    law: str
    extent: Decimal
    unit: str
    price: Decimal
    provider: str
    provider_org_number: str
    provider_kind: str
    contract: str
    contract_valid_to: dt.date | None
    decision_date: dt.date
    start_date: dt.date
    end_date: dt.date | None
    last_review_date: dt.date | None
    level: str
    ifo_share_pct: Decimal
    revenue_per_unit: Decimal | None
    revenue_source: str
    comment: str
    valid_from: dt.date | None = None

    @property
    def key(self) -> tuple:
        """The re-import key: Beslut-id, or (Personnummer, Insatskod, Startdatum, Utförare) without it."""
        if self.external_id:
            return ("id", self.external_id)
        return ("row", self.personal_number, self.code, self.start_date, self.provider.casefold())


def _text(raw: object) -> str:
    return raw.strip() if raw.__class__ is str else cell_text(raw)


def _personal_number(raw: object) -> str:
    try:
        return parse_personal_number(_text(raw)).digits
    except InvalidIdentity as exc:
        raise InvalidValue(str(exc)) from None


def _law(raw: object) -> str:
    text = _text(raw)
    law = LAWS.get(text.lower())
    if not law:
        raise InvalidValue("Lag ska vara LSS, SoL eller LASS.")
    return law


def _unit(raw: object) -> str:
    try:
        return ExtentUnit.parse(_text(raw)).value
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


def _non_negative(raw: object) -> Decimal:
    value = parse_decimal(raw)
    if value < 0:
        raise InvalidValue("Värdet kan inte vara negativt.")
    return value


def _share(raw: object) -> Decimal:
    value = parse_percent(raw)
    if not Decimal(0) <= value <= Decimal(100):
        raise InvalidValue("IFO-andelen ska vara mellan 0 och 100 procent.")
    return value


def _provider_kind(raw: object) -> str:
    text = " ".join(_text(raw).lower().split())
    kind = PROVIDER_KINDS.get(text)
    if kind is None:
        raise InvalidValue("Utförartyp ska vara egen regi, privat, LOV eller annan kommun/SDN.")
    return kind


def _org_number(raw: object) -> str:
    try:
        return parse_org_number(_text(raw))
    except InvalidIdentity as exc:
        raise InvalidValue(str(exc)) from None


# field → (parser, value when the cell is empty). Required columns have no empty value.
_PARSERS: dict[str, tuple[Callable[[object], Any], Any]] = {
    "external_id": (_text, None),
    "personal_number": (_personal_number, ...),
    "caseworker": (lambda raw: _text(raw).lower(), ...),
    "code": (lambda raw: _text(raw).upper(), ...),
    "intervention_name": (_text, ""),
    "law": (_law, ...),
    "extent": (_non_negative, ...),
    "unit": (_unit, ...),
    "price": (_non_negative, ...),
    "provider": (_text, ...),
    "provider_org_number": (_org_number, ""),
    "provider_kind": (_provider_kind, ""),
    "contract": (_text, ""),
    "contract_valid_to": (parse_date, None),
    "decision_date": (parse_date, ...),
    "start_date": (parse_date, ...),
    "end_date": (parse_date, None),
    "last_review_date": (parse_date, None),
    "level": (_text, ""),
    "ifo_share_pct": (_share, Decimal(0)),
    "revenue_per_unit": (_non_negative, None),
    "revenue_source": (_text, ""),
    "comment": (_text, ""),
    "valid_from": (parse_date, None),
}
# Which file column a cross-field rule blames.
_RULE_FIELD = {"end_date": "end_date", "last_review_date": "last_review_date", "valid_from": "valid_from"}


_RULE_INPUTS = ("start_date", "end_date", "extent", "price", "revenue_per_unit", "ifo_share_pct", "decision_date",
                "last_review_date", "valid_from")


def _rule_errors(values: dict[str, Any]) -> dict[str, str]:
    """The register's rules for one row, and its Gäller från inside [Startdatum, Slutdatum]."""
    errors = decision_field_errors(values)
    valid_from = values.get("valid_from")
    if valid_from is not None and "end_date" not in errors:
        message = check_valid_from(valid_from, values["start_date"], values["end_date"])
        if message:
            errors["valid_from"] = message
    return errors


def _parse_column(
    rows: list[list[object]], blank: list[bool], field: str, mapping: ColumnMapping, errors: dict[int, list[RowError]],
    first_row: int,
) -> list[Any]:
    """One column of the file, parsed. Registers repeat values (units, codes, dates, prices, a client's
    personnummer), so each distinct cell is parsed once."""
    parser, empty = _PARSERS[field]
    position = mapping.positions.get(field)
    header = mapping.headers.get(field, BY_FIELD[field].header)
    values: list[Any] = [None] * len(rows)
    cache: dict[object, Any] = {}
    for index, raw_row in enumerate(rows):
        if blank[index]:
            continue
        raw = raw_row[position] if position is not None and position < len(raw_row) else None
        if raw is None or (raw.__class__ is str and not raw.strip()):
            if empty is ...:
                errors.setdefault(index, []).append(
                    RowError(index + first_row, header, "", f"{BY_FIELD[field].header} måste fyllas i."))
            else:
                values[index] = empty
            continue
        key = (raw.__class__, raw)  # 0.25 and a percentage cell 0.25 are equal but not the same value
        try:
            outcome = cache[key]
        except KeyError:
            try:
                outcome = parser(raw)
            except InvalidValue as exc:
                outcome = exc
            cache[key] = outcome
        except TypeError:  # an unhashable cell
            outcome = parser(raw)
        if isinstance(outcome, InvalidValue):
            errors.setdefault(index, []).append(RowError(index + first_row, header, _text(raw), str(outcome)))
        else:
            values[index] = outcome
    return values


def parse_rows(
    rows: list[list[object]], mapping: ColumnMapping, *, progress: Callable[[int], None] | None = None,
    first_row: int = 2,
) -> tuple[list[RegisterRow], list[RowError]]:
    """Every row checked, column by column; the typed rows of the valid ones and every error of the others."""
    blank = [is_blank_row(row) for row in rows]
    cell_errors: dict[int, list[RowError]] = {}
    fields = list(_PARSERS)
    columns = []
    for done, field in enumerate(fields):
        columns.append(_parse_column(rows, blank, field, mapping, cell_errors, first_row))
        if progress:
            progress(len(rows) * (done + 1) // (len(fields) + 1))
    parsed: list[RegisterRow] = []
    errors: list[RowError] = []
    rule_positions = [fields.index(name) for name in _RULE_INPUTS]
    for index, values in enumerate(zip(*columns)):
        if blank[index]:
            continue
        if index in cell_errors:
            errors.extend(cell_errors[index])
            continue
        broken = _rule_errors({name: values[i] for name, i in zip(_RULE_INPUTS, rule_positions)})
        if broken:
            for field, message in broken.items():
                blamed = _RULE_FIELD.get(field, field)
                position = mapping.positions.get(blamed)
                raw_row = rows[index]
                raw = raw_row[position] if position is not None and position < len(raw_row) else ""
                errors.append(RowError(index + first_row, mapping.headers.get(blamed, BY_FIELD[blamed].header), _text(raw),
                                       message))
            continue
        parsed.append(RegisterRow(index + first_row, *values))
    if progress:
        progress(len(rows))
    return parsed, errors


def duplicate_key_errors(rows: list[RegisterRow], mapping: ColumnMapping) -> list[RowError]:
    """Two rows of one file that name the same decision."""
    seen: dict[tuple, int] = {}
    errors: list[RowError] = []
    for row in rows:
        first = seen.setdefault(row.key, row.row)
        if first != row.row:
            if row.external_id:
                errors.append(RowError(row.row, mapping.headers.get("external_id", "Beslut-id"), row.external_id,
                                       f"Beslut-id finns redan på rad {first}."))
            else:
                errors.append(RowError(row.row, mapping.headers.get("personal_number", "Personnummer"),
                                       row.personal_number,
                                       f"Samma klient, insatskod, startdatum och utförare finns redan på rad {first}."))
    return errors
