"""Logins, successful and failed, go to the audit trail. Connected in WebConfig.ready()."""

from __future__ import annotations

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


def connect() -> None:
    user_logged_in.connect(record_login, dispatch_uid="web.audit_login")
    user_login_failed.connect(record_login_failed, dispatch_uid="web.audit_login_failed")
