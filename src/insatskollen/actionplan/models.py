"""Åtgärdsplan och orsaksredovisning: the drafted deficit explanation with its editable sections.

The computed causes are frozen in `content` when the plan is drafted (or redrafted on request), so the document
does not change under its reader while the register moves on. The text sections are written by the unit head.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The sections a person writes, in the document's order: field name → heading.
SECTIONS = {
    "summary": _("Sammanfattning och kommentar"),
    "actions": _("Åtgärder"),
    "follow_up": _("Uppföljning"),
}


class ActionPlan(models.Model):
    year = models.PositiveIntegerField(_("år"), db_index=True)
    as_of = models.DateField(_("prognos per"))
    title = models.CharField(_("rubrik"), max_length=200)
    content = models.JSONField(_("beräknat innehåll"), default=dict)  # causes.Draft.to_json(), frozen
    drafted_at = models.DateTimeField(_("siffror framtagna"))
    summary = models.TextField(_("sammanfattning och kommentar"), blank=True)
    actions = models.TextField(_("åtgärder"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("skapad av"))
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("ändrad av"))

    class Meta:
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        ordering = ["-year", "-as_of", "-id"]

    @property
    def deviation(self) -> Decimal | None:
        """Budget − forecast as drafted (negative is a deficit)."""
        if not self.content:
            return None
        return Decimal(self.content["budget_net"]) - Decimal(self.content["forecast_net"])

    def __str__(self) -> str:
        return f"{self.title} ({self.as_of:%Y-%m-%d})"
