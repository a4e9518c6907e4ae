"""Bearer-token authentication: `Authorization: Bearer <key>` against the hashed keys of unrevoked ApiTokens."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from insatskollen.accounts.lockout import lockout_message, token_credentials
from insatskollen.accounts.models import ApiToken, User
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record


def user_for_key(key: str) -> User | None:
    """The active user whose unrevoked token has this key, noting that the token was used; None otherwise."""
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__team")
        .filter(key_hash=ApiToken.hash_key(key), revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


class ApiTokenAuth(HttpBearer):
    """request.auth becomes the token's User."""

    def authenticate(self, request, token: str) -> User | None:
        """A locked address gets 429 even with a valid key; a wrong key counts towards the lockout."""
        credentials = token_credentials()
        if AxesProxyHandler.is_locked(request, credentials):
            raise HttpError(429, lockout_message())
        user = user_for_key(token.strip())
        if user is None:
            record_token_failed(request, token.strip())
            AxesProxyHandler.user_login_failed(sender=ApiTokenAuth, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                raise HttpError(429, lockout_message())
        return user


def record_token_failed(request, key: str) -> None:
    """A wrong, revoked or empty key is written to the audit trail with the address and the key's prefix (the part
    ApiToken keeps in clear), never the key itself."""
    audit_record(actor="okänd nyckel", action=AuditAction.TOKEN_FAILED, object_type="api_token",
                 summary=f"{request.method} {request.path}"[:300],
                 detail={"address": request.META.get("REMOTE_ADDR", "")[:64], "prefix": key[:8]})
