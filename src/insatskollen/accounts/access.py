"""Who may see and do what. One place, used by views, the API, exports and commands alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from insatskollen.accounts.models import Role

if TYPE_CHECKING:
    from insatskollen.accounts.models import User


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


def sees_whole_unit(user: User) -> bool:
    """Unit head, controller and admin see every client; a caseworker sees their own team's."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.UNIT_HEAD, Role.CONTROLLER)))


def may_see_personal_numbers(user: User) -> bool:
    """The controller works with costs only: personnummer stay masked for that role, even on a client's page."""
    return bool(user.is_authenticated and user.role != Role.CONTROLLER)


def may_change_decisions(user: User) -> bool:
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.CASEWORKER, Role.UNIT_HEAD)))


def bound_by_delegation(user) -> bool:
    """A caseworker's decisions beyond the delegation rules become proposals; the unit head's and admins' never
    do, nor do the system's own writes (imports, commands, the demo: no user)."""
    return bool(getattr(user, "is_authenticated", False) and not is_admin(user) and user.role == Role.CASEWORKER)


def may_approve_proposals(user: User) -> bool:
    """Decisions beyond a caseworker's delegation: the unit head (and admins) approve or reject them."""
    return bool(user.is_authenticated and (is_admin(user) or user.role == Role.UNIT_HEAD))


def may_correct_register(user) -> bool:
    """A retroactive correction (a change taking effect in a closed month, or any change of an ended decision):
    the unit head and admins."""
    return bool(getattr(user, "is_authenticated", False) and (is_admin(user) or user.role == Role.UNIT_HEAD))


def may_close_months(user: User) -> bool:
    """Closing a month once its ledger is in: the controller and admins."""
    return bool(user.is_authenticated and (is_admin(user) or user.role == Role.CONTROLLER))


def may_reopen_months(user: User) -> bool:
    return is_admin(user)


def may_import_register(user: User) -> bool:
    return bool(user.is_authenticated and (is_admin(user) or user.role == Role.UNIT_HEAD))


def may_export_register(user: User) -> bool:
    """The export holds full personnummer: the unit head and admins (whole unit), caseworkers (own team)."""
    return bool(user.is_authenticated and user.role != Role.CONTROLLER) or is_admin(user)


def may_import_ledger(user: User) -> bool:
    """Ledger actuals and budgets: the controller, the unit head and admins."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.CONTROLLER, Role.UNIT_HEAD)))


def may_see_budget(user: User) -> bool:
    return may_import_ledger(user)


def may_change_budget(user: User) -> bool:
    """Supplementary budgets: the unit head, who owns the budget, and admins."""
    return bool(user.is_authenticated and (is_admin(user) or user.role == Role.UNIT_HEAD))


def may_see_followup(user: User) -> bool:
    """Monthly follow-up (reconciliation, key figures, reports): the controller, the unit head and admins."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.CONTROLLER, Role.UNIT_HEAD)))


def may_see_allocation(user: User) -> bool:
    """The city's allocation: everyone in the unit; a caseworker sees their own team's cases (`team_ids_visible`)."""
    return bool(user.is_authenticated)


def may_change_allocation(user) -> bool:
    """Schablon, measurement dates, level requests and särskild redovisning: the unit head, the controller and
    admins."""
    return bool(getattr(user, "is_authenticated", False)
                and (is_admin(user) or user.role in (Role.UNIT_HEAD, Role.CONTROLLER)))


def may_read_audit(user: User) -> bool:
    return is_admin(user)


def team_ids_visible(user: User) -> list[int] | None:
    """None: all teams. Otherwise the ids of the teams whose clients the user may see."""
    if sees_whole_unit(user):
        return None
    return [user.team_id] if user.team_id else []


# Worklists (their registry is `casework.worklists.WORKLISTS`; each view and the hub ask the same rule).

def may_see_contracts(user) -> bool:
    """The contract watch: unit head, controller and admin (whole unit); caseworkers (own team, read only)."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (
        Role.CASEWORKER, Role.UNIT_HEAD, Role.CONTROLLER)))


def may_see_fk(user) -> bool:
    """Försäkringskassan: caseworkers (own team), unit head and admin; the controller reads the amounts
    (personnummer masked)."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (
        Role.CASEWORKER, Role.UNIT_HEAD, Role.CONTROLLER)))


def may_see_caseload(user) -> bool:
    """Caseworkers (their own team), the unit head and admins (every team). Not the controller."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.CASEWORKER, Role.UNIT_HEAD)))


def may_see_thresholds(user) -> bool:
    """Level thresholds are about how caseworkers set hours: the unit head and admins only."""
    return bool(user.is_authenticated and (is_admin(user) or user.role == Role.UNIT_HEAD))


def may_attend_conferences(user) -> bool:
    """Case conferences: the caseworkers (their own team's), the unit head who leads them, and admins."""
    return bool(user.is_authenticated and (is_admin(user) or user.role in (Role.CASEWORKER, Role.UNIT_HEAD)))


def may_see_year_plan(user) -> bool:
    return bool(user.is_authenticated)


def may_see_level_watch(user) -> bool:
    """Prices against the schablon of their level: those who renegotiate or request levels (unit head, controller,
    admin) and caseworkers for their own team's cases."""
    return may_see_allocation(user)


# Benchmarking and the user survey (issue 15).

def may_see_benchmarks(user) -> bool:
    """Comparison with other districts and Kolada: the unit head, the controller and admins (the same people who
    see the follow-up; the figures hold no personal data)."""
    return may_see_followup(user) if getattr(user, "is_authenticated", False) else False


def may_exchange_benchmarks(user) -> bool:
    """Exporting the unit's exchange file and importing other districts' and Kolada's: the same people."""
    return may_see_benchmarks(user)


def may_see_surveys(user) -> bool:
    """The user survey's rounds and results per provider: the unit head, the controller and admins. Results
    under the threshold never show in any case."""
    return may_see_benchmarks(user)


def may_manage_surveys(user) -> bool:
    """Opening a round and making its single-use links: the unit head and admins."""
    return bool(getattr(user, "is_authenticated", False) and (is_admin(user) or user.role == Role.UNIT_HEAD))
