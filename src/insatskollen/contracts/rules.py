"""Who may see the contract watch and who may renegotiate. Caseworkers see their own team's contracts."""

from __future__ import annotations

from insatskollen.accounts import access
from insatskollen.accounts.models import Role

may_see_contracts = access.may_see_contracts  # the rule lives in accounts.access


def may_renegotiate(user) -> bool:
    """Renegotiating changes prices across decisions: the unit head and admins only."""
    return bool(user.is_authenticated and (access.is_admin(user) or user.role == Role.UNIT_HEAD))
