"""register_import: validate a whole register file, then write it in one transaction (or refuse it whole)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from insatskollen.accounts.models import Role
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.importing import ImportSummary, Progress
from insatskollen.core.tabular import Table, UnreadableFile, read_table
from insatskollen.register.importing.columns import map_columns
from insatskollen.register.importing.fast_insert import insert_rows
from insatskollen.register.importing.rows import RegisterRow, RowError, duplicate_key_errors, parse_rows
from insatskollen.register.models import (
    VERSIONED_FIELDS,
    ChangeKind,
    ChangeSource,
    Client,
    Contract,
    Decision,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.services import json_value, normalise_value, start_of_day


@dataclass
class ImportResult(ImportSummary):
    """A register import's outcome; `changes` holds, per updated decision, its id and changed fields."""

    changes_shown: ClassVar[int | None] = 200


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
    """Existing reference data by natural key, and the ones this file adds."""

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


def _existing_decisions(rows: list[RegisterRow], resolver: _Resolver) -> dict[tuple, dict[str, Any]]:
    """The register's current state of every decision the file names, by the file's key."""
    wanted_ids = {r.external_id for r in rows if r.external_id}
    values = ["id", "external_id", "client__personal_number", "intervention_type__code", "provider__name",
              "caseworker__username", "contract__reference", *[f for f in VERSIONED_FIELDS if not f.endswith("_id")]]
    found: dict[tuple, dict[str, Any]] = {}
    if wanted_ids:
        ids = list(wanted_ids)
        for start in range(0, len(ids), 900):
            for d in Decision.objects.filter(external_id__in=ids[start:start + 900]).values(*values):
                found[("id", d["external_id"])] = d
    keyless = [r for r in rows if not r.external_id]
    if keyless:
        clients = {resolver.clients[r.personal_number] for r in keyless if r.personal_number in resolver.clients}
        for d in Decision.objects.filter(client_id__in=clients, external_id__isnull=True).values(*values):
            key = ("row", d["client__personal_number"], d["intervention_type__code"], d["start_date"],
                   d["provider__name"].casefold())
            found[key] = d
    return found


def _diff(row: RegisterRow, current: dict[str, Any]) -> dict[str, list[Any]]:
    wanted = _row_fields(row)
    wanted.update({
        "intervention_type__code": row.code,
        "provider__name": row.provider,
        "caseworker__username": row.caseworker,
        "contract__reference": row.contract or None,
    })
    diff = {}
    for key, value in wanted.items():
        before = current.get(key)
        if key in ("level", "revenue_source", "comment"):
            before = before or ""
        if key == "provider__name" and (before or "").casefold() == value.casefold():
            continue
        if key == "caseworker__username" and (before or "").lower() == value:
            continue
        if before != value:
            name = key.split("__")[0]
            diff[name] = [json_value(before), json_value(value)]
    return diff


def register_import(
    path: str | Path,
    *,
    actor,
    dry_run: bool = False,
    profile: dict[str, str] | None = None,
    file_name: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a register file. All rows are validated first; a file with any error is refused whole."""
    name = file_name or Path(path).name
    try:
        table = read_table(path, file_name=name, max_bytes=settings.IMPORT_MAX_BYTES)
    except UnreadableFile as exc:
        return _refused(actor, name, [RowError(0, "", name, str(exc))])
    return register_import_table(table, actor=actor, dry_run=dry_run, profile=profile, progress=progress)


def _refused(actor, name: str, errors: list[RowError], rows: int = 0) -> ImportResult:
    result = ImportResult(status="refused", errors=errors, file_name=name, rows=rows)
    audit_record(actor=actor, action=AuditAction.REGISTER_IMPORT_REFUSED, object_type="file", object_id=name[:64],
                 summary=f"{name}: {len(errors)} fel", detail={"errors": len(errors)})
    return result


def register_import_table(
    table: Table, *, actor, dry_run: bool = False, profile: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    mapping = map_columns(table.header, profile)
    if mapping.missing:
        return _refused(actor, table.file_name, mapping.missing_errors())
    total = len(table.rows)
    rows, errors = parse_rows(table.rows, mapping,
                              progress=(lambda done: progress("Kontrollerar", done, total)) if progress else None)
    errors += duplicate_key_errors(rows, mapping)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return _refused(actor, table.file_name, errors, rows=total)

    resolver = _Resolver()
    current = _existing_decisions(rows, resolver)
    to_create: list[RegisterRow] = []
    to_update: list[tuple[RegisterRow, dict[str, Any], dict[str, list[Any]]]] = []
    unchanged = 0
    for row in rows:
        existing = current.get(row.key)
        if existing is None:
            to_create.append(row)
            continue
        diff = _diff(row, existing)
        if diff:
            to_update.append((row, existing, diff))
        else:
            unchanged += 1
    result = ImportResult(
        status="dry-run" if dry_run else "imported", created=len(to_create), updated=len(to_update),
        unchanged=unchanged, file_name=table.file_name, rows=len(rows), ignored_columns=mapping.ignored,
        new=resolver.new_names(rows),
        changes=[{"decision": existing["external_id"] or f"#{existing['id']}", "row": row.row, "changes": diff}
                 for row, existing, diff in to_update],
    )
    if dry_run:
        return result
    with transaction.atomic():
        _write(to_create, to_update, resolver, actor=actor, progress=progress)
        audit_record(
            actor=actor, action=AuditAction.REGISTER_IMPORTED, object_type="file", object_id=table.file_name[:64],
            summary=f"{table.file_name}: {result.created} nya, {result.updated} ändrade, {result.unchanged} oförändrade",
            detail={"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                    "new": result.new, "ignored_columns": mapping.ignored},
        )
    return result


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
    values = _row_fields(row)
    values.update(
        client_id=resolver.clients[row.personal_number],
        intervention_type_id=resolver.types[row.code],
        provider_id=resolver.providers[row.provider.casefold()],
        caseworker_id=resolver.users[row.caseworker][0],
        contract_id=resolver.contracts.get(row.contract) if row.contract else None,
    )
    return values


def _write(to_create, to_update, resolver: _Resolver, *, actor, progress: Progress | None) -> None:
    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    _ensure_reference_data([r for r in to_create] + [r for r, _, _ in to_update], resolver)
    total = len(to_create) + len(to_update)
    done = 0
    batch = 2000
    decision_columns = ["external_id", "client_id", "intervention_type_id", "extent", "unit", "price", "contract_id",
                        "provider_id", "decision_date", "start_date", "end_date", "caseworker_id", "last_review_date",
                        "level", "ifo_share_pct", "revenue_per_unit", "revenue_source", "comment", "created_at",
                        "updated_at"]
    version_columns = ["decision_id", "number", "kind", "source", "known_at", "recorded_at", "changed_by_id",
                       "changes", *VERSIONED_FIELDS]
    for start in range(0, len(to_create), batch):
        chunk = to_create[start:start + batch]
        values = [{"external_id": r.external_id, **_decision_values(r, resolver), "created_at": now, "updated_at": now}
                  for r in chunk]
        first_new_id = (Decision.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        insert_rows(Decision, decision_columns, (tuple(v[c] for c in decision_columns) for v in values))
        ids = _new_decision_ids(first_new_id)
        insert_rows(DecisionVersion, version_columns, (
            (ids[_insert_key(v)], 1, ChangeKind.CREATED, ChangeSource.IMPORT, start_of_day(row.decision_date), now,
             user.pk if user else None, _created_changes(v), *(v[f] for f in VERSIONED_FIELDS))
            for row, v in zip(chunk, values)
        ))
        done += len(chunk)
        if progress:
            progress("Sparar", done, total)
    if to_update:
        _apply_updates(to_update, resolver, user=user, now=now)
        if progress:
            progress("Sparar", total, total)


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


def _apply_updates(to_update, resolver: _Resolver, *, user, now: dt.datetime) -> None:
    ids = [existing["id"] for _, existing, _ in to_update]
    last_numbers: dict[int, int] = {}
    for start in range(0, len(ids), 900):
        for decision_id, number in DecisionVersion.objects.filter(decision_id__in=ids[start:start + 900]).values_list(
                "decision_id", "number"):
            last_numbers[decision_id] = max(number, last_numbers.get(decision_id, 0))
    decisions = []
    versions = []
    for row, existing, diff in to_update:
        values = _decision_values(row, resolver)
        decision = Decision(id=existing["id"], external_id=existing["external_id"], **values)
        decisions.append(decision)
        # A new decision date means a new decision: known from that date. Any other change (a correction,
        # an end recorded afterwards) was learnt when the file came in.
        known_at = start_of_day(row.decision_date) if "decision_date" in diff else now
        ended = set(diff) == {"end_date"} and row.end_date is not None
        state = {f: getattr(decision, f) for f in VERSIONED_FIELDS}
        versions.append(DecisionVersion(
            decision_id=decision.pk, number=last_numbers.get(decision.pk, 0) + 1,
            kind=ChangeKind.ENDED if ended else ChangeKind.CHANGED, source=ChangeSource.IMPORT, known_at=known_at,
            changed_by=user, changes=diff, **state))
    fields = ["client_id", *VERSIONED_FIELDS, "updated_at"]
    for decision in decisions:
        decision.updated_at = now
    Decision.objects.bulk_update(decisions, [f.removesuffix("_id") if f.endswith("_id") else f for f in fields],
                                 batch_size=1000)
    DecisionVersion.objects.bulk_create(versions, batch_size=2000)

