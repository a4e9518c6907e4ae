"""Ledger actuals (huvudbok) and the net budget, as formats.md §2 and §3 define them, with their mappings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 16, "decimal_places": 2}


class LedgerBatch(models.Model):
    """One delivery of ledger rows (a file). A re-delivered period replaces that period's earlier rows."""

    file_name = models.CharField(_("fil"), max_length=255)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    periods = models.JSONField(_("perioder"), default=list)  # ["2025-01", …]
    rows = models.PositiveIntegerField(_("rader"), default=0)

    class Meta:
        verbose_name = _("leverans från ekonomisystemet")
        verbose_name_plural = _("leveranser från ekonomisystemet")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class LedgerEntry(models.Model):
    """A booking. Costs positive, revenue negative, as the ledger writes them."""

    batch = models.ForeignKey(LedgerBatch, on_delete=models.CASCADE, related_name="entries")
    period = models.DateField(_("period"), db_index=True)  # the first day of the accounting month
    account = models.CharField(_("konto"), max_length=10)
    activity = models.CharField(_("verksamhet"), max_length=20, blank=True)
    amount = models.DecimalField(_("belopp"), **MONEY)
    counterpart = models.CharField(_("motpart"), max_length=200, blank=True)
    text = models.CharField(_("text"), max_length=300, blank=True)
    voucher = models.CharField(_("verifikation"), max_length=64, blank=True)
    row = models.PositiveIntegerField(_("rad i filen"), default=0)

    class Meta:
        verbose_name = _("bokning")
        verbose_name_plural = _("bokningar")
        ordering = ["period", "account", "id"]
        indexes = [models.Index(fields=["period", "activity"])]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.account} {self.activity} {self.amount}"


class AccountKind(models.TextChoices):
    COST = "cost", _("Kostnad")
    REVENUE = "revenue", _("Intäkt")
    IGNORE = "ignore", _("Ingår inte")


class AccountMapping(models.Model):
    """What an account (or every account starting with `prefix`) is: cost, revenue or outside the follow-up.

    The longest matching prefix wins. Without any mapping, Kommun-Bas applies: class 3 revenue, classes 4–7 cost,
    the rest outside.
    """

    prefix = models.CharField(_("konto eller kontoprefix"), max_length=10, unique=True)
    kind = models.CharField(_("typ"), max_length=10, choices=AccountKind.choices)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kontomappning")
        verbose_name_plural = _("kontomappningar")
        ordering = ["prefix"]

    def __str__(self) -> str:
        return f"{self.prefix} → {self.get_kind_display()}"


class ActivityMapping(models.Model):
    """Which intervention code an activity code (Verksamhet) books. Without a mapping the two are the same."""

    activity = models.CharField(_("verksamhet"), max_length=20, unique=True)
    intervention_code = models.CharField(_("insatskod"), max_length=20)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("verksamhetsmappning")
        verbose_name_plural = _("verksamhetsmappningar")
        ordering = ["activity"]

    def __str__(self) -> str:
        return f"{self.activity} → {self.intervention_code}"


class ReconciliationRuleKind(models.TextChoices):
    ACCRUAL_ACCOUNT = "accrual_account", _("Periodisering: konto eller kontoprefix")
    ACCRUAL_VOUCHER = "accrual_voucher", _("Periodisering: verifikationsserie (prefix)")
    NO_DECISION_TEXT = "no_decision_text", _("Bokat utan beslut: text i bokningen")


class ReconciliationRule(models.Model):
    """How the reconciliation reads the ledger beyond amounts, as the unit's controller configures it.

    - Accrual account / voucher series: every booking on an account starting with `value` (or with a voucher id
      starting with `value`) is an accrual or its reversal (Periodisering). Bookings reversed the next month (same
      account, activity and counterpart, opposite amount) are found without a rule.
    - No-decision text: a booking whose text contains `value` (case-insensitive) has no decision behind it
      (Bokat utan beslut), even when its provider has decisions under the code.
    None by default.
    """

    kind = models.CharField(_("typ"), max_length=20, choices=ReconciliationRuleKind.choices)
    value = models.CharField(_("värde"), max_length=100,
                             help_text=_("Konto eller kontoprefix, verifikationsprefix eller text, efter typ."))
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("avstämningsregel")
        verbose_name_plural = _("avstämningsregler")
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="reconciliation_rule_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class BudgetKind(models.TextChoices):
    ORIGINAL = "original", _("Budget")
    SUPPLEMENTARY = "supplementary", _("Tilläggsbudget")


class BudgetLine(models.Model):
    """Net budget (cost − revenue) for a year's month, for an activity code or (empty) the unit's total."""

    year = models.PositiveIntegerField(_("år"), db_index=True)
    month = models.PositiveSmallIntegerField(_("månad"))  # 1–12
    activity = models.CharField(_("verksamhet"), max_length=20, blank=True)
    amount = models.DecimalField(_("belopp"), **MONEY)
    kind = models.CharField(_("typ"), max_length=15, choices=BudgetKind.choices, default=BudgetKind.ORIGINAL)
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)
    reason = models.CharField(_("anledning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["year", "month", "activity", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__gte=1) & models.Q(month__lte=12), name="budget_month_1_12"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.activity or 'totalt'} {self.amount}"
