"""The city's allocation (resursfördelning): schablon rates per year, code and level, the measurement dates,
level reassessment requests and särskild redovisning claims. Levels themselves are terms of decisions
(`register.DecisionTerm.level`, dated like every term); this app never copies them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Client, Decision, InterventionType


class RateUnit(models.TextChoices):
    PER_YEAR = "kr/år", _("kr/år")
    PER_MONTH = "kr/månad", _("kr/månad")
    PER_DAY = "kr/dygn", _("kr/dygn")


class AllocationRate(models.Model):
    """The city's payment (schablon) for one person a year in a code at a level. An import that brings a year and
    code again replaces its rates: the earlier rows stay as history with `replaced_at` set."""

    year = models.PositiveSmallIntegerField(_("år"))
    code = models.CharField(_("insatskod"), max_length=20)
    group = models.CharField(_("grupp"), max_length=100)
    level = models.CharField(_("nivå"), max_length=20)
    amount = models.DecimalField(_("belopp"), **MONEY)
    unit = models.CharField(_("enhet"), max_length=10, choices=RateUnit.choices)
    source = models.CharField(_("källa"), max_length=200, blank=True,
                              help_text=_("Filen raden kom från, eller varifrån schablonen är härledd."))
    derived = models.BooleanField(_("härledd"), default=False,
                                  help_text=_("Beräknad ur andra uppgifter, inte stadens beslutade schablon."))
    created_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    replaced_at = models.DateTimeField(_("ersatt"), null=True, blank=True)

    class Meta:
        verbose_name = _("schablon")
        verbose_name_plural = _("schabloner")
        ordering = ["-year", "code", "level", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code", "level"], condition=models.Q(replaced_at__isnull=True),
                                    name="allocation_rate_current_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="allocation_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code} nivå {self.level}: {self.amount} {self.unit}"


class MeasurementDate(models.Model):
    """A measurement date (mättillfälle) of a year, with the six-month rule on or off."""

    year = models.PositiveSmallIntegerField(_("år"))
    date = models.DateField(_("datum"), unique=True)
    six_month_rule = models.BooleanField(_("sexmånadersregel"), default=True)

    class Meta:
        verbose_name = _("mättillfälle")
        verbose_name_plural = _("mättillfällen")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(date__year=models.F("year")), name="measurement_date_in_year"),
        ]

    def __str__(self) -> str:
        return self.date.isoformat()


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Inskickad")
    GRANTED = "granted", _("Beviljad")
    REFUSED = "refused", _("Avslagen")


class LevelRequest(models.Model):
    """A request to the assessment office (bedömningskansliet) for a new level in a code: when the need
    increased, when it was sent, the decision and the day the new level applies from."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="level_requests",
                               verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("beslut"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("insatstyp"))
    current_level = models.CharField(_("nuvarande nivå"), max_length=20, blank=True)
    requested_level = models.CharField(_("begärd nivå"), max_length=20)
    need_increased_on = models.DateField(_("behovet ökade"))
    requested_on = models.DateField(_("begärd"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.PENDING)
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)
    applies_from = models.DateField(_("ny nivå gäller från"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("begäran om ny nivå")
        verbose_name_plural = _("begäranden om ny nivå")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.client} {self.intervention_type.code}: {self.current_level} → {self.requested_level}"


class StaffingKind(models.TextChoices):
    WHOLE_DAY = "whole_day", _("Dubbelbemanning hela dagen")
    MOST_OF_DAY = "most_of_day", _("Dubbelbemanning större delen av dagen")
    PART_OF_DAY = "part_of_day", _("Dubbelbemanning del av dagen")


class ClaimStatus(models.TextChoices):
    PREPARED = "prepared", _("Förbereds")
    SUBMITTED = "submitted", _("Inskickad")
    GRANTED = "granted", _("Beviljad")
    REFUSED = "refused", _("Avslagen")


class SpecialClaim(models.Model):
    """A särskild redovisning: a claim for more than the schablon for one person at a measurement date, for double
    staffing. Whether the kind of day is payable follows the rule of the claim's year (`allocation.rules`); an
    ineligible claim is kept as a record, marked not payable with the reason."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="special_claims",
                               verbose_name=_("klient"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("insatstyp"))
    measurement_date = models.DateField(_("mättillfälle"))
    kind = models.CharField(_("dubbelbemanning"), max_length=12, choices=StaffingKind.choices)
    amount_claimed = models.DecimalField(_("begärt belopp"), **MONEY)
    amount_granted = models.DecimalField(_("beviljat belopp"), null=True, blank=True, **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PREPARED)
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)
    payable = models.BooleanField(_("ersättningsgill"), default=True)
    not_payable_reason = models.CharField(_("skäl"), max_length=300, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("särskild redovisning")
        verbose_name_plural = _("särskilda redovisningar")
        ordering = ["-measurement_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_claimed__gte=0), name="claim_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.measurement_date}: {self.get_kind_display()}"
