"""Notiser: in-app notices to one user, optionally also sent by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One notice to one user. `key` names the thing it is about, so the same thing is never notified twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("mottagare"),
    )
    kind = models.CharField(_("typ"), max_length=40)
    title = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("länk"), max_length=500, blank=True)
    key = models.CharField(_("nyckel"), max_length=200)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-post skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_key_unique_per_recipient"),
        )
        indexes = (models.Index(fields=["recipient", "read_at"]),)

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
