"""Who may change the year plan: the unit head, who owns it, and admins. Everyone logged in may read it."""

from __future__ import annotations

from insatskollen.accounts import access
from insatskollen.accounts.models import Role


def may_change_year_plan(user) -> bool:
    return bool(user.is_authenticated and (access.is_admin(user) or user.role == Role.UNIT_HEAD))
