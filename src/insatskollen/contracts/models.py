"""Avtalsbevakning: renegotiations of (individual) contracts and what they did to the year's cost."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Contract


class Renegotiation(models.Model):
    """A contract's price (and end date) renegotiated from a day; the decisions on it follow the new price."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="renegotiations",
                                 verbose_name=_("avtal"))
    old_price = models.DecimalField(_("tidigare pris"), null=True, blank=True, **MONEY)
    new_price = models.DecimalField(_("nytt pris"), **MONEY)
    old_valid_to = models.DateField(_("tidigare slutdatum"), null=True, blank=True)
    new_valid_to = models.DateField(_("nytt slutdatum"), null=True, blank=True)
    effective_from = models.DateField(_("gäller från"))
    # Change of the cost in the calendar year of `effective_from` (negative: a saving), by the cost engine.
    effect_this_year = models.DecimalField(_("effekt på året"), **MONEY)
    decisions_changed = models.PositiveIntegerField(_("ändrade beslut"), default=0)
    note = models.TextField(_("anteckning"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("registrerat av"))
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("omförhandling")
        verbose_name_plural = _("omförhandlingar")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.effective_from:%Y-%m-%d}"
