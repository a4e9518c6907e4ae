"""Forecast snapshots: each month end's year-end forecast kept with the inputs it was made from (2007 Tables 1–2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 16, "decimal_places": 2}


class ForecastSnapshot(models.Model):
    """The forecast of `year` as of a month end. One per (year, as_of); retaking it updates it only when its
    inputs or figures changed. Figures are the recommended method's; `methods` holds every method's."""

    year = models.PositiveSmallIntegerField(_("år"))
    as_of = models.DateField(_("per"))
    method = models.CharField(_("rekommenderad metod"), max_length=40)
    budget_net = models.DecimalField(_("nettobudget"), **MONEY)
    cost = models.DecimalField(_("förväntad kostnad"), **MONEY)
    revenue = models.DecimalField(_("förväntad intäkt"), **MONEY)
    net = models.DecimalField(_("förväntat netto"), **MONEY)
    deviation = models.DecimalField(_("avvikelse mot budget"), **MONEY)  # budget_net − net; negative: deficit
    methods = models.JSONField(_("alla metoder"), default=dict)  # {name: {cost, revenue, net, deviation}} as text
    interval = models.JSONField(_("intervall"), null=True, blank=True)  # {level, low, high, method} or None
    inputs = models.JSONField(_("underlag"), default=dict)  # ledger months, register versions, budget lines
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("sparad av"))
    created_at = models.DateTimeField(_("sparad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("sparad prognos")
        verbose_name_plural = _("sparade prognoser")
        ordering = ["year", "as_of"]
        constraints = [models.UniqueConstraint(fields=["year", "as_of"], name="forecast_snapshot_one_per_date")]

    def __str__(self) -> str:
        return f"Prognos {self.year} per {self.as_of}"
