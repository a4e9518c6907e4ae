"""Beställningar (orders to a provider) and the provider's genomförandeplan (execution plan) in return."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import Decision, Provider


class OrderStatus(models.TextChoices):
    AWAITING_PLAN = "awaiting_plan", _("Väntar på genomförandeplan")
    PLAN_RECEIVED = "plan_received", _("Genomförandeplan inkommen")


class Order(models.Model):
    """An order sent to the provider for a decision. The provider owes an execution plan by `plan_due`."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="orders",
                                 verbose_name=_("beslut"))
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="orders",
                                 verbose_name=_("utförare"))
    ordered_on = models.DateField(_("beställd"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("beställd av"))
    plan_due = models.DateField(_("plan senast"), db_index=True)
    plan_received_on = models.DateField(_("plan inkom"), null=True, blank=True)
    plan_note = models.TextField(_("anteckning om planen"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices,
                              default=OrderStatus.AWAITING_PLAN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beställning")
        verbose_name_plural = _("beställningar")
        ordering = ("-ordered_on", "-id")
        constraints = (
            models.CheckConstraint(condition=models.Q(plan_due__gte=models.F("ordered_on")),
                                   name="order_plan_due_not_before_order"),
            models.CheckConstraint(
                condition=models.Q(plan_received_on__isnull=True)
                | models.Q(plan_received_on__gte=models.F("ordered_on")),
                name="order_plan_not_before_order",
            ),
        )

    def __str__(self) -> str:
        return f"Beställning {self.pk} ({self.decision_id})"

    def plan_missing_on(self, day) -> bool:
        """True when no plan had come in by `day`."""
        return self.plan_received_on is None or self.plan_received_on > day

    def overdue_on(self, day) -> bool:
        return self.plan_missing_on(day) and self.plan_due < day
