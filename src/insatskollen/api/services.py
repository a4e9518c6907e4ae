"""Writes the API owns: creating API tokens. Only a token's hash and prefix are stored."""

from __future__ import annotations

from django.db import transaction

from insatskollen.accounts.models import ApiToken, User
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record

PREFIX_LENGTH = 8


@transaction.atomic
def api_token_create(*, user: User, name: str, actor) -> tuple[ApiToken, str]:
    """Create a token for `user`. Returns the token and its key; the key is never stored and cannot be shown again."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip(), key_hash=ApiToken.hash_key(key), prefix=key[:PREFIX_LENGTH]
    )
    audit_record(
        actor=actor, action=AuditAction.TOKEN_CREATED, object_type="api_token", object_id=token.pk,
        summary=f"{token.name} för {user.username}", detail={"user": user.username, "prefix": token.prefix},
    )
    return token, key
