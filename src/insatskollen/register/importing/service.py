"""register_import: validate a whole register file, then write it in one transaction (or refuse it whole).

The file is the register as it stood on its as-of date (`as_of`, default today): every change in it became known
then (at the start of that day; at the moment of the import when no date is given). A changed row's terms take
effect from its `Gäller från`, or without one from the as-of date; its start and end dates are their own dates.
Each row is compared with the terms in effect on that date, so a file that repeats the register changes nothing.

Imports take the register's import lock: two at once run one after the other, and the second compares its file
with what the first wrote. A change whose first affected day lies in a closed month is a correction: the importer
(the unit head or an admin, or the system) must give a reason; no change may be recorded as known before the
latest month was closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone

from insatskollen.accounts.models import Role
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import ColumnMapping, ImportSummary, Progress, header_names
from insatskollen.core.tabular import Table, UnreadableFile, read_table
from insatskollen.register import timeline as tl
from insatskollen.register.importing.columns import REGISTER_COLUMNS, map_columns
from insatskollen.register.importing.fast_insert import insert_rows
from insatskollen.register.importing.locking import ImportBusy, import_lock
from insatskollen.register.importing.rows import RegisterRow, RowError, duplicate_key_errors, parse_rows
from insatskollen.register.models import (
    VERSIONED_FIELDS,
    ChangeEvent,
    ChangeKind,
    ChangeSource,
    Client,
    Contract,
    Decision,
    DecisionTerm,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.periods import closed_through, has_ended, is_correction, last_closing
from insatskollen.register.services import (
    PlannedChange,
    is_an_end,
    json_value,
    normalise_value,
    plan_change,
    start_of_day,
    term_row,
)

NON_TERMS = ("decision_date", "start_date", "end_date", "caseworker_id", "last_review_date", "comment")


@dataclass
class ImportResult(ImportSummary):
    """A register import's outcome; `changes` holds, per updated decision, its id, changed fields, the date the
    terms change from and whether it corrects a closed month; `corrections` counts those."""

    changes_shown: ClassVar[int | None] = 200
    as_of: str = ""
    corrections: int = 0
    file_terms: list[dict[str, Any]] = field(default_factory=list)  # each valid row's terms, to price the file as is

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "as_of": self.as_of, "corrections": self.corrections}


def _row_fields(row: RegisterRow) -> dict[str, Any]:
    """The decision's own values from a row (entities by natural key, resolved later)."""
    return {
        "extent": normalise_value("extent", row.extent),
        "unit": row.unit,
        "price": normalise_value("price", row.price),
        "decision_date": row.decision_date,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "last_review_date": row.last_review_date,
        "level": row.level,
        "ifo_share_pct": normalise_value("ifo_share_pct", row.ifo_share_pct),
        "revenue_per_unit": normalise_value("revenue_per_unit", row.revenue_per_unit),
        "revenue_source": row.revenue_source,
        "comment": row.comment,
    }


class _Resolver:
    """Existing reference data by natural key, and the ones this file adds. In a dry run (nothing is created) a new
    name stands for itself as ("ny", name), so it differs from every id."""

    def __init__(self) -> None:
        user_model = get_user_model()
        self.clients = dict(Client.objects.values_list("personal_number", "id"))
        self.users = {u.lower(): (i, t) for u, i, t in user_model.objects.values_list("username", "id", "team_id")}
        self.types = dict(InterventionType.objects.values_list("code", "id"))
        self.providers = {n.casefold(): i for n, i in Provider.objects.values_list("name", "id")}
        self.contracts = dict(Contract.objects.values_list("reference", "id"))

    def new_names(self, rows: list[RegisterRow]) -> dict[str, list[str]]:
        def fresh(values, known) -> list[str]:
            return sorted({v for v in values if v not in known})

        return {
            "clients": [f"{p[:8]}-****" for p in fresh((r.personal_number for r in rows), self.clients)],
            "caseworkers": fresh((r.caseworker for r in rows), self.users),
            "intervention_types": fresh((r.code for r in rows), self.types),
            "providers": sorted({r.provider for r in rows if r.provider.casefold() not in self.providers}),
            "contracts": fresh((r.contract for r in rows if r.contract), self.contracts),
        }

    def ids(self, row: RegisterRow) -> dict[str, Any]:
        caseworker = self.users.get(row.caseworker)
        return {
            "intervention_type_id": self.types.get(row.code, ("ny", row.code)),
            "provider_id": self.providers.get(row.provider.casefold(), ("ny", row.provider)),
            "caseworker_id": caseworker[0] if caseworker else ("ny", row.caseworker),
            "contract_id": (self.contracts.get(row.contract, ("ny", row.contract)) if row.contract else None),
        }

    def names(self) -> dict[str, dict[Any, str]]:
        """id → natural name per foreign key, for the import's report."""
        return {"intervention_type_id": {i: c for c, i in self.types.items()},
                "provider_id": dict(Provider.objects.values_list("id", "name")),
                "caseworker_id": {i: u for u, (i, _) in self.users.items()},
                "contract_id": {i: r for r, i in self.contracts.items()}}


@dataclass
class Existing:
    """A decision the file names, as the register holds it now."""

    id: int
    external_id: str | None
    version: int
    state: dict[str, Any]  # VERSIONED_FIELDS
    terms_from: dt.date | None = None  # the latest terms' first day
    timeline: tl.Timeline = ()
    rows: list[int] = field(default_factory=list)  # current DecisionTerm ids, in timeline order
    latest_known: dt.datetime | None = None


def _existing_decisions(rows: list[RegisterRow], resolver: _Resolver, *, lock: bool = False
                        ) -> dict[tuple, Existing]:
    """The register's current state of every decision the file names, by the file's key. `lock`: hold those
    decisions' rows until the import's transaction ends, so no change from the web or the API slips in between the
    comparison and the write (PostgreSQL; SQLite's write transaction already excludes them)."""
    base = Decision.objects.select_for_update(of=("self",)) if lock else Decision.objects
    wanted_ids = {r.external_id for r in rows if r.external_id}
    values = ["id", "external_id", "version", "terms_from", "client__personal_number", "intervention_type__code",
              "provider__name", *VERSIONED_FIELDS]
    found: dict[tuple, Existing] = {}

    def add(key: tuple, d: dict) -> None:
        found[key] = Existing(d["id"], d["external_id"], d["version"], {f: d[f] for f in VERSIONED_FIELDS},
                              terms_from=d["terms_from"])

    if wanted_ids:
        ids = list(wanted_ids)
        for start in range(0, len(ids), 900):
            for d in base.filter(external_id__in=ids[start:start + 900]).values(*values):
                add(("id", d["external_id"]), d)
    keyless = [r for r in rows if not r.external_id]
    if keyless:
        clients = {resolver.clients[r.personal_number] for r in keyless if r.personal_number in resolver.clients}
        for d in base.filter(client_id__in=clients, external_id__isnull=True).values(*values):
            add(("row", d["client__personal_number"], d["intervention_type__code"], d["start_date"],
                 d["provider__name"].casefold()), d)
    return found


def load_timelines(existing: list[Existing]) -> None:
    """The terms in time of the decisions a file changes (or may change): one query per 900 decisions. Values
    come from the database already quantized as the register keeps them: no normalising needed."""
    by_id = {e.id: e for e in existing}
    ids = list(by_id)
    periods: dict[int, list] = {}
    for start in range(0, len(ids), 900):
        for row in (DecisionTerm.objects.filter(decision_id__in=ids[start:start + 900], known_to__isnull=True)
                    .order_by("decision_id", "valid_from")
                    .values_list("id", "decision_id", "valid_from", "valid_to", "known_from", *tl.TERM_FIELDS)):
            periods.setdefault(row[1], []).append(row)
    for decision_id, rows_of in periods.items():
        item = by_id[decision_id]
        item.timeline = tuple(tl.Segment(r[2], r[3], tuple(r[5:])) for r in rows_of)
        item.rows = [r[0] for r in rows_of]
        item.latest_known = max(r[4] for r in rows_of)


def plainly_unchanged(row: RegisterRow, existing: Existing, resolver: _Resolver, as_of: dt.date) -> bool:
    """The row repeats the register (the common case of a re-import), seen from the decision's row alone: the same
    fields and dates, and the latest terms, which hold on the row's date (it is on or after they took effect)."""
    if existing.terms_from is None:
        return False
    wanted = _wanted(row, resolver)
    state = existing.state
    return (all(wanted[f] == state[f] for f in (*NON_TERMS, *tl.TERM_FIELDS))
            and _effective_day(row, as_of) >= existing.terms_from)


def _effective_day(row: RegisterRow, as_of: dt.date) -> dt.date:
    """The day a row's terms take effect: its Gäller från, else the as-of date (its start, when it starts later)."""
    if row.valid_from is not None:
        return row.valid_from
    return max(as_of, row.start_date)


def _wanted(row: RegisterRow, resolver: _Resolver) -> dict[str, Any]:
    values = _row_fields(row)
    values.update(resolver.ids(row))
    return values


@dataclass
class RowPlan:
    row: RegisterRow
    existing: Existing
    plan: PlannedChange
    correction: bool


def _plan_update(row: RegisterRow, existing: Existing, resolver: _Resolver, as_of: dt.date,
                 through: dt.date | None) -> RowPlan | RowError | None:
    """What the row changes in the decision (None: nothing), or the row's error."""
    wanted = _wanted(row, resolver)
    changes = {f: wanted[f] for f in NON_TERMS}
    day = _effective_day(row, as_of)
    bounded = tl.with_bounds(existing.timeline, row.start_date, row.end_date)
    in_effect = tl.terms_on(bounded, day)
    latest = tl.latest_terms(bounded)
    if in_effect is None:  # the as-of date lies after the decision's end
        changed = [f for f in tl.DATED_TERMS if latest[f] != wanted[f]]
        if changed:
            return RowError(row.row, "Gäller från", "", (
                f"Beslutet upphör {row.end_date:%Y-%m-%d}, före importens datum {as_of:%Y-%m-%d}. Ange från vilket "
                "datum de ändrade uppgifterna gäller i kolumnen Gäller från."))
        in_effect = latest
    changes.update({f: wanted[f] for f in tl.DATED_TERMS if in_effect[f] != wanted[f]})
    if latest["intervention_type_id"] != wanted["intervention_type_id"]:
        changes["intervention_type_id"] = wanted["intervention_type_id"]
    try:
        plan = plan_change(existing.state, existing.timeline, changes, valid_from=day, known_day=as_of)
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        return RowError(row.row, "Gäller från" if field_name == "valid_from" else field_name,
                        "" if row.valid_from is None else row.valid_from.isoformat(), " ".join(messages))
    if plan is None:
        return None
    correction = has_ended(existing.state["end_date"], as_of) or is_correction(plan.affects_from, through)
    return RowPlan(row, existing, plan, correction)


def register_import(
    path: str | Path,
    *,
    actor,
    dry_run: bool = False,
    profile: dict[str, str] | None = None,
    file_name: str | None = None,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    correction_reason: str = "",
    sheet: str | None = None,
) -> ImportResult:
    """Import a register file (`sheet`: the workbook's sheet the user chose; default: the register's, see
    core.tabular). All rows are validated first; a file with any error is refused whole."""
    name = file_name or Path(path).name
    names, required = header_names(REGISTER_COLUMNS, profile)
    try:
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES, columns=names,
                           required=required, sheet=sheet)
    except UnreadableFile as exc:
        return _refused(actor, name, [RowError(0, "", name, str(exc))])
    return register_import_table(table, actor=actor, dry_run=dry_run, profile=profile, progress=progress,
                                 as_of=as_of, correction_reason=correction_reason)


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> ImportResult:
    result = ImportResult(status="refused", errors=errors, file_name=name, rows=rows)
    audit_record(actor=actor, action=AuditAction.REGISTER_IMPORT_REFUSED, object_type="file", object_id=name[:64],
                 summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return result


def _as_of_errors(as_of: dt.date, known_at: dt.datetime, name: str) -> list[RowError]:
    today = timezone.localdate()
    if as_of > today:
        return [RowError(0, "--as-of", as_of.isoformat(), f"Importens datum kan inte ligga i framtiden (i dag är "
                                                          f"{today:%Y-%m-%d}).")]
    closing = last_closing()
    if closing is not None and known_at < closing:
        return [RowError(0, "--as-of", as_of.isoformat(), (
            f"Månader är redan stängda (senast {timezone.localtime(closing):%Y-%m-%d %H:%M}). En import kan inte "
            "vara känd före det: ange ett senare datum, eller inget."))]
    return []


@dataclass
class _Plan:
    to_create: list[RegisterRow]
    to_update: list[RowPlan]
    unchanged: int
    errors: list[RowError]
    created_corrections: int


def _plan(rows: list[RegisterRow], resolver: _Resolver, as_of: dt.date, known_at: dt.datetime, *,
          lock: bool = False) -> _Plan:
    current = _existing_decisions(rows, resolver, lock=lock)
    through = closed_through()
    to_create: list[RegisterRow] = []
    to_update: list[RowPlan] = []
    errors: list[RowError] = []
    unchanged = 0
    to_check = []
    for row in rows:
        existing = current.get(row.key)
        if existing is None:
            to_create.append(row)
        elif plainly_unchanged(row, existing, resolver, as_of):
            unchanged += 1
        else:
            to_check.append((row, existing))
    load_timelines([existing for _, existing in to_check])
    for row, existing in to_check:
        outcome = _plan_update(row, existing, resolver, as_of, through)
        if isinstance(outcome, RowError):
            errors.append(outcome)
        elif outcome is None:
            unchanged += 1
        elif existing.latest_known is not None and existing.latest_known > known_at:
            later = timezone.localtime(existing.latest_known)
            errors.append(RowError(row.row, "Beslut-id", row.external_id or "", (
                f"Beslutet har ändringar kända efter importens datum ({later:%Y-%m-%d}). "
                "Importera med ett senare datum.")))
        else:
            to_update.append(outcome)
    created_corrections = sum(is_correction(r.start_date, through) for r in to_create)
    return _Plan(to_create, to_update, unchanged, errors, created_corrections)


def register_import_table(
    table: Table, *, actor, dry_run: bool = False, profile: dict[str, str] | None = None,
    progress: Progress | None = None, as_of: dt.date | None = None, correction_reason: str = "",
) -> ImportResult:
    """Import a table read from a file; the result says which sheet and header row were read, and which rows
    were left out and why, whether the file is imported or refused."""
    mapping = map_columns(table.header, profile, header_row=table.header_row)
    result = _import_table(table, mapping, actor=actor, dry_run=dry_run, progress=progress, as_of=as_of,
                           correction_reason=correction_reason)
    result.read_from(table, mapping)
    return result


def _import_table(
    table: Table, mapping: ColumnMapping, *, actor, dry_run: bool, progress: Progress | None, as_of: dt.date | None,
    correction_reason: str,
) -> ImportResult:
    if mapping.missing or mapping.duplicated:
        return _refused(actor, table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_rows(table.rows, mapping, first_row=table.first_row,
                              progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    errors += duplicate_key_errors(rows, mapping)
    explicit = as_of is not None
    as_of = as_of or timezone.localdate()
    known_at = start_of_day(as_of) if explicit else timezone.now()
    errors += _as_of_errors(as_of, known_at, table.file_name)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, table.file_name, errors, rows=total)
    if dry_run:
        resolver = _Resolver()
        plan = _plan(rows, resolver, as_of, known_at)
        if plan.errors:
            return _refused(actor, table.file_name, plan.errors, rows=total)
        return _result("dry-run", table, mapping, rows, resolver, plan, as_of, resolver.new_names(rows))
    try:
        with transaction.atomic():
            import_lock()
            resolver = _Resolver()
            new = resolver.new_names(rows)
            _ensure_reference_data(rows, resolver)  # every name the file uses exists: the plan has real ids
            plan = _plan(rows, resolver, as_of, known_at, lock=True)
            if plan.errors:
                raise _Refusal(plan.errors)
            corrections = plan.created_corrections + sum(u.correction for u in plan.to_update)
            reason = (correction_reason or "").strip()
            if corrections and not reason:
                if getattr(actor, "is_authenticated", False):
                    through = closed_through()
                    where = (f"i stängda månader (t.o.m. {through:%Y-%m-%d}) eller " if through else "") + \
                        "som redan har upphört"
                    raise _Refusal([RowError(0, "", table.file_name, (
                        f"Filen ändrar {corrections} beslut {where}. Det är rättelser: ange skälet till "
                        "rättelserna för att importera."))])
                reason = f"Rättelse genom import av {table.file_name}"
            result = _result("imported", table, mapping, rows, resolver, plan, as_of, new)
            _write(plan, resolver, actor=actor, known_at=known_at, reason=reason, progress=progress)
            audit_record(
                actor=actor, action=AuditAction.REGISTER_IMPORTED, object_type="file",
                object_id=table.file_name[:64],
                summary=f"{table.file_name}: {result.created} nya, {result.updated} ändrade, "
                        f"{result.unchanged} oförändrade" + (f", {corrections} rättelser" if corrections else ""),
                detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                        "new": result.new, "ignored_columns": mapping.ignored, "as_of": as_of.isoformat(),
                        "corrections": corrections, **({"reason": reason} if corrections else {})},
            )
    except _Refusal as refusal:
        return _refused(actor, table.file_name, refusal.errors, rows=total)
    except ImportBusy as busy:
        return _refused(actor, table.file_name, [RowError(0, "", table.file_name, str(busy))], rows=total)
    except OperationalError as error:
        if "locked" not in str(error).lower():  # SQLite: another import held the write lock past the timeout
            raise
        return _refused(actor, table.file_name, [RowError(0, "", table.file_name, str(ImportBusy()))], rows=total)
    return result


class _Refusal(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} fel")
        self.errors = errors


def _result(status: str, table: Table, mapping, rows, resolver: _Resolver, plan: _Plan, as_of: dt.date,
            new: dict[str, list[str]]) -> ImportResult:
    names = resolver.names()

    def natural(name: str, value: Any) -> Any:
        if name in names and value is not None and not isinstance(value, list):
            return names[name].get(value, value)
        return value[1] if isinstance(value, list) and len(value) == 2 and value[0] == "ny" else value

    changes = []
    for item in plan.to_update:
        diff = {name.removesuffix("_id"): [natural(name, before), natural(name, after)]
                for name, (before, after) in item.plan.diff.items()}
        entry = {"decision": item.existing.external_id or f"#{item.existing.id}", "row": item.row.row,
                 "changes": diff}
        if item.plan.valid_from:
            entry["valid_from"] = item.plan.valid_from.isoformat()
        if item.correction:
            entry["correction"] = True
        changes.append(entry)
    return ImportResult(
        status=status, created=len(plan.to_create), updated=len(plan.to_update), unchanged=plan.unchanged,
        file_name=table.file_name, rows=len(rows), ignored_columns=mapping.ignored, new=new,
        changes=changes, as_of=as_of.isoformat(),
        corrections=plan.created_corrections + sum(u.correction for u in plan.to_update),
        file_terms=[{"code": r.code, "start_date": r.start_date, "end_date": r.end_date, "unit": r.unit,
                     "extent": r.extent, "price": r.price, "ifo_share_pct": r.ifo_share_pct,
                     "revenue_per_unit": r.revenue_per_unit} for r in rows])


def _ensure_reference_data(rows: list[RegisterRow], resolver: _Resolver) -> None:
    user_model = get_user_model()
    for username in sorted({r.caseworker for r in rows} - set(resolver.users)):
        user = user_model(username=username, role=Role.CASEWORKER)
        user.set_unusable_password()
        user.save()
        resolver.users[username] = (user.id, None)
    for row in rows:
        if row.code not in resolver.types:
            resolver.types[row.code] = InterventionType.objects.create(
                code=row.code, name=row.intervention_name or row.code, law=row.law, unit=row.unit).id
        folded = row.provider.casefold()
        if folded not in resolver.providers:
            resolver.providers[folded] = Provider.objects.create(
                name=row.provider, org_number=row.provider_org_number, kind=row.provider_kind).id
        if row.contract and row.contract not in resolver.contracts:
            resolver.contracts[row.contract] = Contract.objects.create(
                reference=row.contract, provider_id=resolver.providers[folded],
                intervention_type_id=resolver.types[row.code], price=row.price, unit=row.unit,
                valid_to=row.contract_valid_to, is_individual=True).id
    # Each client belongs to the team of the caseworker on its latest decision in the file.
    latest: dict[str, RegisterRow] = {}
    for row in rows:
        if row.personal_number not in latest or row.decision_date >= latest[row.personal_number].decision_date:
            latest[row.personal_number] = row
    new_clients = [Client(personal_number=p, team_id=resolver.users[r.caseworker][1])
                   for p, r in latest.items() if p not in resolver.clients]
    Client.objects.bulk_create(new_clients, batch_size=2000)
    if new_clients:
        resolver.clients.update(Client.objects.filter(
            personal_number__in=[c.personal_number for c in new_clients]).values_list("personal_number", "id"))


def _decision_values(row: RegisterRow, resolver: _Resolver) -> dict[str, Any]:
    return {**_wanted(row, resolver), "client_id": resolver.clients[row.personal_number]}


def _write(plan: _Plan, resolver: _Resolver, *, actor, known_at: dt.datetime, reason: str,
           progress: Progress | None) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    through, closing = closed_through(), last_closing()
    to_create = plan.to_create
    total = len(to_create) + len(plan.to_update)
    done = 0
    batch = 2000
    decision_columns = ["external_id", "client_id", "intervention_type_id", "extent", "unit", "price", "contract_id",
                        "provider_id", "decision_date", "start_date", "end_date", "caseworker_id", "last_review_date",
                        "level", "ifo_share_pct", "revenue_per_unit", "revenue_source", "comment", "version",
                        "terms_from", "created_at", "updated_at"]
    version_columns = ["decision_id", "number", "kind", "source", "event", "valid_from", "affects_from",
                       "is_correction", "note", "known_at", "recorded_at", "changed_by_id", "changes",
                       *VERSIONED_FIELDS]
    term_columns = ["decision_id", "valid_from", "valid_to", "known_from", "known_to", *tl.TERM_FIELDS]
    for start in range(0, len(to_create), batch):
        chunk = to_create[start:start + batch]
        values = [{"external_id": r.external_id, **_decision_values(r, resolver), "version": 1,
                   "terms_from": r.start_date, "created_at": now, "updated_at": now} for r in chunk]
        first_new_id = (Decision.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        insert_rows(Decision, decision_columns, (tuple(v[c] for c in decision_columns) for v in values))
        ids = _new_decision_ids(first_new_id)
        known = [_created_known_at(row, known_at, closing) for row in chunk]
        corrections = [is_correction(row.start_date, through) for row in chunk]
        insert_rows(DecisionVersion, version_columns, (
            (ids[_insert_key(v)], 1, ChangeKind.CREATED, ChangeSource.IMPORT, ChangeEvent.CHANGE, row.start_date,
             row.start_date, correction, reason if correction else "", when, now, user.pk if user else None,
             _created_changes(v), *(v[f] for f in VERSIONED_FIELDS))
            for row, v, when, correction in zip(chunk, values, known, corrections)
        ))
        insert_rows(DecisionTerm, term_columns, (
            (ids[_insert_key(v)], v["start_date"], v["end_date"], when, None, *(v[f] for f in tl.TERM_FIELDS))
            for v, when in zip(values, known)
        ))
        done += len(chunk)
        if progress:
            progress("Sparar", done, total)
    if plan.to_update:
        _apply_updates(plan.to_update, resolver, user=user, known_at=known_at, now=now, reason=reason)
        if progress:
            progress("Sparar", total, total)


def _created_known_at(row: RegisterRow, known_at: dt.datetime, closing: dt.datetime | None) -> dt.datetime:
    """A new decision became known on its decision date (so a first import of a unit's register gives its past
    forecasts the decisions they knew), but never before the import's own date, nor before the latest closing
    (the closed months' figures as known at their closing must not move)."""
    when = min(start_of_day(row.decision_date), known_at)
    return max(when, closing) if closing is not None else when


def _created_changes(values: dict[str, Any]) -> dict[str, list[Any]]:
    """A created version's changes, as decision_create records them: every field given, from nothing."""
    return {f: [None, json_value(values[f])] for f in VERSIONED_FIELDS if values[f] not in (None, "")}


def _insert_key(values: dict[str, Any]) -> tuple:
    return (values["external_id"], values["client_id"], values["intervention_type_id"], values["start_date"],
            values["provider_id"])


def _new_decision_ids(first_id: int) -> dict[tuple, int]:
    """The ids the database gave the decisions just inserted, by the file's key."""
    rows = Decision.objects.filter(id__gte=first_id).values_list(
        "id", "external_id", "client_id", "intervention_type_id", "start_date", "provider_id")
    return {(e, c, t, s, p): i for i, e, c, t, s, p in rows}


def _apply_updates(to_update: list[RowPlan], resolver: _Resolver, *, user, known_at: dt.datetime,
                   now: dt.datetime, reason: str) -> None:
    """Write each planned change (planned with the real ids): decisions, versions and terms in time."""
    decisions, versions, closing, opening = [], [], [], []
    for item in to_update:
        existing, plan = item.existing, item.plan
        decision = Decision(id=existing.id, external_id=existing.external_id,
                            client_id=resolver.clients[item.row.personal_number],
                            version=existing.version + 1, terms_from=plan.timeline[-1].valid_from, updated_at=now,
                            **plan.state)
        decisions.append(decision)
        closed, opened = tl.diff(existing.timeline, plan.timeline)
        position = {segment: row_id for segment, row_id in zip(existing.timeline, existing.rows)}
        closing += [position[segment] for segment in closed]
        opening += [term_row(existing.id, segment, known_at) for segment in opened]
        ended = is_an_end(plan.diff, plan.state["end_date"])
        versions.append(DecisionVersion(
            decision_id=existing.id, number=existing.version + 1,
            kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=ChangeSource.IMPORT, known_at=known_at,
            changed_by=user, changes=plan.diff, valid_from=plan.valid_from, affects_from=plan.affects_from,
            is_correction=item.correction, note=reason if item.correction else "", **plan.state))
    fields = ["client_id", "version", "terms_from", *VERSIONED_FIELDS, "updated_at"]
    Decision.objects.bulk_update(decisions, [f.removesuffix("_id") if f.endswith("_id") else f for f in fields],
                                 batch_size=1000)
    for start in range(0, len(closing), 900):
        DecisionTerm.objects.filter(pk__in=closing[start:start + 900], known_to__isnull=True).update(known_to=known_at)
    DecisionTerm.objects.bulk_create(opening, batch_size=2000)
    DecisionVersion.objects.bulk_create(versions, batch_size=2000)

