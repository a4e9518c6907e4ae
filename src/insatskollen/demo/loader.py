"""Writing the demo unit to the database: reference data, users, clients, contracts, and decisions with
their whole history (through register.bulk, or one event at a time through the register's services)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from insatskollen.accounts.models import Role, Team, Unit, User
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.demo.catalogue import DEMO_PASSWORD, INTERVENTIONS, PROVIDERS, TEAMS, UNIT_NAME, USERS
from insatskollen.demo.records import DemoData, DemoDecision
from insatskollen.register.bulk import DecisionChange, DecisionHistory, decisions_bulk_load
from insatskollen.register.models import (
    ChangeSource,
    Client,
    ClosedMonth,
    Contract,
    Decision,
    DecisionVersion,
    InterventionType,
    Provider,
)
from insatskollen.register.periods import Closings
from insatskollen.register.services import (
    client_get_or_create,
    decision_change,
    decision_create,
    start_of_day,
)
from insatskollen.survey.models import SurveyRound

Progress = Callable[[str, int, int], None]  # (phase, done, total)


class DemoRefused(Exception):
    """The database already holds decisions; the message is plain Swedish."""


@dataclass
class Ids:
    """Database ids by the demo's natural keys."""

    teams: dict[str, Team]
    users: dict[str, int]
    types: dict[str, int]
    providers: dict[str, int]
    clients: dict[int, int]
    contracts: dict[str, int]


def register_wipe() -> dict[str, int]:
    """Delete every decision (with its history), contract, client, provider and intervention type, and the survey
    rounds asked about the providers."""
    counts = {"decisions": Decision.objects.count(), "clients": Client.objects.count()}
    try:
        SurveyRound.objects.all().delete()
        Decision.objects.all().delete()
        Contract.objects.all().delete()
        Client.objects.all().delete()
        Provider.objects.all().delete()
        InterventionType.objects.all().delete()
    except ProtectedError as error:
        used_by = sorted({str(o._meta.verbose_name_plural) for o in error.protected_objects})
        raise DemoRefused("Registret kan inte raderas: det används fortfarande av " + ", ".join(used_by) + ".") from None
    audit_record(actor=None, action=AuditAction.DEMO_SEEDED, summary="Registret raderat inför ny demodata",
                 detail={"deleted": counts})
    return counts


def _people() -> tuple[dict[str, Team], dict[str, int]]:
    unit, _ = Unit.objects.get_or_create(name=UNIT_NAME)
    teams = {}
    for code, name in TEAMS:
        teams[code], _ = Team.objects.update_or_create(code=code, defaults={"unit": unit, "name": name})
    # All demo users share the printed demo password: one PBKDF2 hash (about a second) serves them all.
    password = make_password(DEMO_PASSWORD)
    users = {}
    for spec in USERS:
        user, _ = User.objects.update_or_create(username=spec.username, defaults={
            "first_name": spec.first_name, "last_name": spec.last_name, "role": spec.role,
            "team": teams[spec.team_code] if spec.team_code else None, "is_active": True,
            "is_staff": spec.role == "admin", "is_superuser": spec.role == "admin", "password": password,
        })
        users[spec.username] = user.pk
    return teams, users


def _catalogue() -> tuple[dict[str, int], dict[str, int]]:
    types = {}
    for spec in INTERVENTIONS:
        types[spec.code] = InterventionType.objects.update_or_create(code=spec.code, defaults={
            "name": spec.name, "law": spec.law, "category": spec.category, "unit": spec.unit.value})[0].pk
    providers = {}
    for spec in PROVIDERS:
        providers[spec.name] = Provider.objects.update_or_create(name=spec.name, defaults={
            "org_number": spec.org_number, "kind": spec.kind})[0].pk
    return types, providers


def _clients(data: DemoData, teams: dict[str, Team], progress: Progress | None) -> dict[int, int]:
    ids = {}
    if progress:
        progress("Klienter", 0, len(data.clients))
    for done, client in enumerate(data.clients, start=1):
        ids[client.key] = client_get_or_create(personal_number=client.personal_number, actor=None,
                                               team=teams[client.team_code])[0].pk
        if progress and (done % 100 == 0 or done == len(data.clients)):
            progress("Klienter", done, len(data.clients))
    return ids


def _contracts(data: DemoData, ids: Ids) -> dict[str, int]:
    contracts = {}
    for c in data.contracts:
        contracts[c.reference] = Contract.objects.update_or_create(reference=c.reference, defaults={
            "provider_id": ids.providers[c.provider], "intervention_type_id": ids.types[c.code], "price": c.price,
            "unit": c.unit, "valid_from": c.valid_from, "valid_to": c.valid_to, "is_individual": c.is_individual,
            "client_id": ids.clients[c.client_key] if c.client_key else None})[0].pk
    return contracts


def _db_values(values: dict[str, Any], ids: Ids) -> dict[str, Any]:
    """Demo field names and natural keys → the register's versioned fields and ids."""
    result = dict(values)
    if "caseworker" in result:
        result["caseworker_id"] = ids.users[result.pop("caseworker")]
    return result


def _history(decision: DemoDecision, ids: Ids) -> DecisionHistory:
    fields = _db_values(decision.initial, ids)
    fields.update(intervention_type_id=ids.types[decision.code], provider_id=ids.providers[decision.provider],
                  contract_id=ids.contracts[decision.contract] if decision.contract else None)
    changes = [DecisionChange(known_at=start_of_day(e.known_on), changes=_db_values(e.changes, ids), event=e.event,
                              note=e.note) for e in decision.events]
    return DecisionHistory(client_id=ids.clients[decision.client_key], known_at=start_of_day(decision.known_on),
                           fields=fields, changes=changes, external_id=decision.external_id)


def _closings(data: DemoData, users: dict[str, int]) -> Closings:
    """The controller's closings of the history's months (their ledger is written next, from this register):
    stored now, so the decisions' later changes to closed months are recorded as corrections."""
    ClosedMonth.objects.all().delete()
    controller = next((users[u.username] for u in USERS if u.role == Role.CONTROLLER), None)
    rows = [ClosedMonth(month=month, closed_at=timezone.make_aware(closed_at), closed_by_id=controller)
            for month, closed_at in data.closings]
    ClosedMonth.objects.bulk_create(rows)
    return Closings.load()


def _write_with_services(items: list[DecisionHistory], progress: Progress | None) -> None:
    """The same history through decision_create/decision_change, one event at a time (slow; for checks)."""
    for done, item in enumerate(items, start=1):
        decision = decision_create(actor=None, source=ChangeSource.DEMO, known_at=item.known_at,
                                   client_id=item.client_id, external_id=item.external_id, **item.fields)
        for change in item.changes:
            decision_change(decision=decision, actor=None, source=ChangeSource.DEMO, known_at=change.known_at,
                            valid_from=change.valid_from, event=change.event, note=change.note, **change.changes)
        if progress and (done % 100 == 0 or done == len(items)):
            progress("Beslut", done, len(items))


def load_demo(data: DemoData, *, force: bool = False, progress: Progress | None = None,
              through_services: bool = False) -> dict[str, int]:
    """Write `data` in one transaction. Refuses (DemoRefused) when the register holds decisions, unless `force`,
    which deletes the register first. Returns counts of what was written."""
    with transaction.atomic():
        deleted = {}
        if Decision.objects.exists():
            if not force:
                raise DemoRefused("Databasen innehåller redan beslut. Demodata skapas bara i en tom databas; "
                                  "kör med --force för att radera registret och skapa demodata på nytt.")
            deleted = register_wipe()
        teams, users = _people()
        types, providers = _catalogue()
        ids = Ids(teams=teams, users=users, types=types, providers=providers, clients={}, contracts={})
        ids.clients = _clients(data, teams, progress)
        ids.contracts = _contracts(data, ids)
        closings = _closings(data, users)
        items = [_history(decision, ids) for decision in data.decisions]
        if progress:
            progress("Beslut", 0, len(items))
        if through_services:
            _write_with_services(items, progress)
            versions = DecisionVersion.objects.count()
        else:
            result = decisions_bulk_load(
                items=items, actor=None, source=ChangeSource.DEMO, closings=closings,
                summary=f"Demodata (frö {data.seed}): {len(items)} beslut för {len(data.clients)} klienter",
                progress=(lambda done, total: progress("Beslut", done, total)) if progress else None)
            versions = result.versions
    return {"clients": len(data.clients), "decisions": len(items), "versions": versions,
            "contracts": len(data.contracts), "deleted_decisions": deleted.get("decisions", 0)}
