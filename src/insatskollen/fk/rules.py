"""Who may see and register Försäkringskassan cases."""

from __future__ import annotations

from insatskollen.accounts import access
from insatskollen.accounts.models import Role


def may_see_fk(user) -> bool:
    """Caseworkers (own team), unit head and admin; the controller reads the amounts (personnummer masked)."""
    return bool(user.is_authenticated and (access.is_admin(user) or user.role in (
        Role.CASEWORKER, Role.UNIT_HEAD, Role.CONTROLLER)))


def may_change_fk(user) -> bool:
    """Registering and deciding cases: those who may change decisions (caseworkers for their own team)."""
    return access.may_change_decisions(user)
