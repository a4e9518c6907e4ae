"""Who may see and register Försäkringskassan cases."""

from __future__ import annotations

from insatskollen.accounts import access

may_see_fk = access.may_see_fk  # the rule lives in accounts.access


def may_change_fk(user) -> bool:
    """Registering and deciding cases: those who may change decisions (caseworkers for their own team)."""
    return access.may_change_decisions(user)
