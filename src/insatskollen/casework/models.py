"""Casework records: delegation rules, decision proposals awaiting the unit head, and recorded reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Client, Decision, InterventionType, Law


class DelegationRule(models.Model):
    """A kind of decision a caseworker may NOT take alone: it becomes a proposal for the unit head.

    A rule matches a decision when every criterion it sets matches (an empty criterion matches anything):
    the law, the intervention type, and an annual cost above `annual_cost_above` (the decision's cost over a
    whole year at its extent and price, see `casework.reviews.annual_rate`). Matching: `casework.delegation`.
    """

    law = models.CharField(_("lag"), max_length=4, choices=Law.choices, blank=True)
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("insatstyp"))
    annual_cost_above = models.DecimalField(_("årskostnad över"), null=True, blank=True, **MONEY)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)
    active = models.BooleanField(_("gäller"), default=True)

    class Meta:
        verbose_name = _("delegationsregel")
        verbose_name_plural = _("delegationsregler")

    def __str__(self) -> str:
        return self.description or f"Regel {self.pk}"


class Proposal(models.Model):
    """A decision (new, changed or ended) beyond the caseworker's delegation, waiting for the unit head."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Nytt beslut")
        CHANGE = "change", _("Ändrat beslut")
        END = "end", _("Avslutat beslut")

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på beslut")
        APPROVED = "approved", _("Godkänt")
        REJECTED = "rejected", _("Avslaget")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals",
                                 verbose_name=_("beslut"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.CASCADE, related_name="+",
                                          verbose_name=_("insatstyp"))
    source = models.CharField(_("källa"), max_length=10, default="ui")
    fields = models.JSONField(_("föreslagna uppgifter"), default=dict, encoder=DjangoJSONEncoder)
    annual_cost = models.DecimalField(_("årskostnad"), **MONEY)
    reason = models.CharField(_("skäl för beslut av sektionschef"), max_length=300, blank=True)
    policy_question = models.BooleanField(_("principfråga"), default=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("föreslaget av"))
    proposed_at = models.DateTimeField(_("föreslaget"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("beslutat av"))
    decided_at = models.DateTimeField(_("beslutat"), null=True, blank=True)
    decision_note = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("beslutsförslag")
        verbose_name_plural = _("beslutsförslag")
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.intervention_type.code} ({self.get_status_display()})"


class ReviewOutcome(models.TextChoices):
    UNCHANGED = "unchanged", _("Oförändrat")
    REDUCED = "reduced", _("Minskat")
    INCREASED = "increased", _("Utökat")
    ENDED = "ended", _("Avslutat")


class ReviewRecord(models.Model):
    """A review (omprövning) of a decision, with its outcome and the cost effect computed by the cost engine."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="reviews",
                                 verbose_name=_("beslut"))
    reviewed_on = models.DateField(_("omprövningsdatum"))
    outcome = models.CharField(_("utfall"), max_length=10, choices=ReviewOutcome.choices)
    extent_before = models.DecimalField(_("omfattning före"), max_digits=12, decimal_places=4)
    extent_after = models.DecimalField(_("omfattning efter"), max_digits=12, decimal_places=4, null=True,
                                       blank=True)
    effective_from = models.DateField(_("gäller från"), null=True, blank=True)
    annual_cost_before = models.DecimalField(_("årskostnad före"), **MONEY)
    annual_cost_after = models.DecimalField(_("årskostnad efter"), **MONEY)
    cost_effect_this_year = models.DecimalField(_("effekt i år"), **MONEY)
    forecast_method = models.CharField(_("prognosmetod"), max_length=20, blank=True)
    forecast_is_recommended = models.BooleanField(_("rekommenderad prognos"), default=True)
    forecast_net_before = models.DecimalField(_("enhetens prognos före"), null=True, blank=True, **MONEY)
    forecast_net_after = models.DecimalField(_("enhetens prognos efter"), null=True, blank=True, **MONEY)
    note = models.TextField(_("anteckning"), blank=True)
    proposal = models.ForeignKey(Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("beslutsförslag"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("registrerat av"))
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("omprövning")
        verbose_name_plural = _("omprövningar")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.reviewed_on} {self.get_outcome_display()}"
