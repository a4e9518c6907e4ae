"""Logins, successful and failed, and lockouts go to the audit trail. Connected in WebConfig.ready()."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record


def _client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "")[:64]


def record_login(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, object_type="user", object_id=user.pk,
                 summary=user.username, detail={"address": _client_address(request)})


def record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit_record(actor=username or "okänd", action=AuditAction.LOGIN_FAILED, object_type="user",
                 summary=username, detail={"address": _client_address(request)})


def record_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes locked a user name or an address after repeated failures (login form or API token)."""
    audit_record(actor=str(username or "okänd")[:150], action=AuditAction.LOCKED_OUT, object_type="user",
                 summary=f"{username or 'API-nyckel'} från {ip_address or '?'}",
                 detail={"address": str(ip_address or "")[:64], "username": str(username or "")[:150],
                         "path": (request.path if request is not None else "")[:200]})


def connect() -> None:
    user_logged_in.connect(record_login, dispatch_uid="web.audit_login")
    user_login_failed.connect(record_login_failed, dispatch_uid="web.audit_login_failed")
    user_locked_out.connect(record_locked_out, dispatch_uid="web.audit_locked_out")
