"""Försäkringskassan: applications for assistance compensation (assistansersättning), appeals and retroactive
compensation claims, with their dates, outcomes and amounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Client, Decision


class FkCaseKind(models.TextChoices):
    APPLICATION = "application", _("Ansökan om assistansersättning")
    APPEAL = "appeal", _("Överklagande")
    RETROACTIVE_CLAIM = "retroactive_claim", _("Begäran om retroaktiv ersättning")


class FkOutcome(models.TextChoices):
    PENDING = "pending", _("Väntar på beslut")
    GRANTED = "granted", _("Beviljad")
    PARTLY = "partly", _("Delvis beviljad")
    REFUSED = "refused", _("Avslag")


class FkCase(models.Model):
    """One application, appeal or retroactive claim to Försäkringskassan for a client."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="fk_cases", verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="fk_cases", verbose_name=_("beslut"))
    kind = models.CharField(_("typ"), max_length=20, choices=FkCaseKind.choices)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups",
                               verbose_name=_("gäller ärende"))
    submitted_on = models.DateField(_("inlämnad"))
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    outcome = models.CharField(_("utfall"), max_length=10, choices=FkOutcome.choices, default=FkOutcome.PENDING)
    hours_granted = models.DecimalField(_("beviljade timmar per vecka"), max_digits=7, decimal_places=2,
                                        null=True, blank=True)
    expected_amount = models.DecimalField(_("förväntat belopp"), null=True, blank=True, **MONEY)
    received_amount = models.DecimalField(_("erhållet belopp"), null=True, blank=True, **MONEY)
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("registrerat av"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("FK-ärende")
        verbose_name_plural = _("FK-ärenden")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True) | models.Q(decided_on__gte=models.F("submitted_on")),
                name="fk_case_decided_not_before_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.submitted_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.outcome == FkOutcome.PENDING
