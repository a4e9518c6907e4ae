"""Sending and reading notices. A notice is stored in the app and, when the user has an address, e-mailed
through Django's mail backend (settings.EMAIL_BACKEND: console in development, SMTP in production).

E-mail is a side effect outside the database: it is sent only after the transaction that stored the notice has
committed (`transaction.on_commit`), so a rolled-back write never e-mails, and a slow mail server never holds a
database transaction open. A failing mail server never loses the in-app notice: `emailed_at` stays empty when it
could not be sent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.notifications.models import Notification

logger = logging.getLogger(__name__)


def absolute_url(url: str) -> str:
    """A path made absolute with settings.SITE_URL, for links in e-mail."""
    if not url or "://" in url:
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def _mail(recipient, subject: str, text: str) -> bool:
    if not recipient.email:
        return False
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    except Exception:  # any backend failure (SMTP, DNS, ...): the in-app notice stands
        logger.exception("Kunde inte skicka e-post till användare %s", recipient.pk)
        return False
    return True


def _deliver(recipient, subject: str, text: str, notices: Sequence[Notification]) -> None:
    """Run after commit: send the e-mail and mark the notices e-mailed (the stored rows and these instances)."""
    if not _mail(recipient, subject, text):
        return
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
    for notice in notices:
        notice.emailed_at = now


def _email_after_commit(recipient, subject: str, text: str, notices: Sequence[Notification]) -> bool:
    """Queue the e-mail for when the current transaction commits; False when the recipient has no address."""
    if not recipient.email:
        return False
    transaction.on_commit(partial(_deliver, recipient, subject, text, list(notices)))
    return True


def _email_text(notice: Notification) -> str:
    link = absolute_url(notice.url)
    return notice.body + (f"\n\n{link}" if link else "")


def notification_send(
    *, recipient, kind: str, title: str, body: str = "", url: str = "", key: str, email: bool = True,
    actor=None, client_id: int | None = None,
) -> Notification | None:
    """Store a notice for `recipient` and e-mail it once the transaction commits. None when a notice with the same
    key already exists. The audit event's `email` says whether an e-mail was queued; `emailed_at` when it went.

    The e-mail carries the title, body and link: keep them free of personnummer and health details.
    """
    with transaction.atomic():
        if Notification.objects.filter(recipient=recipient, key=key).exists():
            return None
        try:
            with transaction.atomic():
                notice = Notification.objects.create(recipient=recipient, kind=kind, title=title[:200],
                                                     body=body, url=url, key=key)
        except IntegrityError:  # a concurrent run stored it first
            return None
        emailed = email and _email_after_commit(recipient, title, _email_text(notice), [notice])
        audit_record(actor=actor, action=AuditAction.NOTIFICATION_SENT, object_type="notification",
                     object_id=notice.pk, client_id=client_id, summary=f"{recipient.username}: {title}",
                     detail={"kind": kind, "key": key, "recipient": recipient.username, "email": emailed})
    return notice


def notification_email_digest(*, recipient, notices: Sequence[Notification], subject: str, text: str) -> bool:
    """One e-mail about several stored notices (e.g. a day's reminders) instead of one each, sent after the
    transaction commits, then the notices are marked e-mailed. True when an e-mail was queued.

    E-mail is not a secure channel: `text` should name cases by their ids and link to the app, nothing more.
    """
    if not notices:
        return False
    return _email_after_commit(recipient, subject, text, notices)


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    """Mark one of the actor's own notices read (reading is personal state, so no audit event)."""
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied("Notisen tillhör en annan användare.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark all the actor's unread notices read; the number marked."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
