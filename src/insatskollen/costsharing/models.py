"""Cost sharing with IFO (individ- och familjeomsorgen): which clients IFO is involved with, the signed sharing
agreements (a share in percent or kronor per month, valid from/to), and disputes about them ("Svarte Petter")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Client, Decision


class IfoInvolvement(models.Model):
    """The flag on a client: IFO is involved in the case, so its costs should be shared by an agreement."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="ifo_involvement",
                                  verbose_name=_("klient"))
    noted_on = models.DateField(_("noterad"))
    note = models.TextField(_("anteckning"), blank=True)
    noted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        verbose_name = _("IFO involverad")
        verbose_name_plural = _("IFO involverad")


class ShareKind(models.TextChoices):
    PERCENT = "percent", _("Procent av kostnaden")
    KRONOR = "kronor", _("Kronor per månad")


class SharingAgreement(models.Model):
    """IFO bears `share_pct` % of the case's cost (one decision, or every decision of the client in the period), or
    `amount_per_month` kronor a month (in proportion to the days of a month it is valid). The register's IFO share
    of each covered decision follows the agreement from `valid_from` (a dated change) and returns after
    `valid_to`; `register_pct` is the share written (for kronor: the amount's share of the cost of the first
    month)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="ifo_agreements",
                               verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name=_("beslut"), help_text=_("Tomt: alla klientens beslut under perioden."))
    kind = models.CharField(_("typ"), max_length=10, choices=ShareKind.choices)
    share_pct = models.DecimalField(_("andel %"), max_digits=5, decimal_places=2, null=True, blank=True)
    amount_per_month = models.DecimalField(_("kronor per månad"), null=True, blank=True, **MONEY)
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    signed_on = models.DateField(_("undertecknat"))
    signed_by = models.CharField(_("undertecknat av (IFO)"), max_length=200)
    register_pct = models.DecimalField(_("IFO-andel i registret %"), max_digits=5, decimal_places=2)
    decision_ids = models.JSONField(default=list)
    note = models.TextField(_("anteckning"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delningsavtal med IFO")
        verbose_name_plural = _("delningsavtal med IFO")
        ordering = ["client_id", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(share_pct__isnull=True) | (
                models.Q(share_pct__gt=0) & models.Q(share_pct__lte=100)), name="ifo_agreement_pct_0_100"),
        ]

    def share_text(self) -> str:
        if self.kind == ShareKind.PERCENT:
            return f"{self.share_pct:.2f} %".replace(".", ",")
        return f"{self.amount_per_month:.2f} kr/mån".replace(".", ",")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    AGREED = "agreed", _("Överens")
    REJECTED = "rejected", _("IFO avböjer")


class SharingDispute(models.Model):
    """A disagreement with IFO about a case's cost: who bears it, or an amount on a recharge statement."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="ifo_disputes",
                               verbose_name=_("klient"))
    agreement = models.ForeignKey(SharingAgreement, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="disputes")
    month = models.DateField(_("månad"), null=True, blank=True)
    amount = models.DecimalField(_("belopp"), null=True, blank=True, **MONEY)
    reason = models.TextField(_("vad gäller det"))
    raised_on = models.DateField(_("registrerad"))
    follow_up_on = models.DateField(_("följs upp"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    resolution = models.TextField(_("utfall"), blank=True)
    resolved_on = models.DateField(_("avslutad"), null=True, blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta:
        verbose_name = _("tvist med IFO")
        verbose_name_plural = _("tvister med IFO")
        ordering = ["status", "follow_up_on", "raised_on"]
