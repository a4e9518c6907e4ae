"""Case conference (ärendedragning): a team's weekly agenda of the cases worth discussing, with minutes.

Routine cases are left out (and counted); the agenda holds decisions beyond delegation, new high-cost
decisions, reviews that reduce or increase an intervention, and cases a caseworker flagged as policy questions.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.accounts.models import Team
from insatskollen.casework.models import Proposal, ReviewRecord
from insatskollen.register.models import Client, Decision, InterventionType


class PolicyQuestion(models.Model):
    """A case a caseworker wants discussed as a question of policy (principfråga) at the next conference."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="policy_questions",
                               verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="policy_questions", verbose_name=_("beslut"))
    text = models.TextField(_("frågan"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("väckt av"))
    created_at = models.DateTimeField(_("väckt"), auto_now_add=True)
    resolved = models.BooleanField(_("avgjord"), default=False, db_index=True)
    resolved_at = models.DateTimeField(_("avgjord den"), null=True, blank=True)

    class Meta:
        verbose_name = _("principfråga")
        verbose_name_plural = _("principfrågor")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.client} {self.text[:40]}"


class Conference(models.Model):
    """One team's case conference in one week (week_start is that week's Monday)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Förslag")
        HELD = "held", _("Genomförd")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("team"))
    week_start = models.DateField(_("vecka (måndag)"))
    held_on = models.DateField(_("hölls"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    routine_count = models.PositiveIntegerField(_("rutinärenden utelämnade"), default=0)
    prepared_at = models.DateTimeField(_("dagordning framtagen"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("avslutad av"))

    class Meta:
        verbose_name = _("ärendedragning")
        verbose_name_plural = _("ärendedragningar")
        ordering = ["-week_start", "team__name"]
        constraints = [models.UniqueConstraint(fields=["team", "week_start"], name="conference_team_week_unique")]

    def __str__(self) -> str:
        return f"{self.team} v. {self.week_number} {self.week_start:%Y}"

    @property
    def week_number(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD


class AgendaItem(models.Model):
    """One case on a conference's agenda, with the minutes recorded for it.

    `source_key` names what put the case on the agenda ("proposal:12", "decision:5", "review:3", "policy:7"),
    so preparing the agenda again never adds the same case twice.
    """

    class Kind(models.TextChoices):
        POLICY_QUESTION = "policy_question", _("Principfråga")
        BEYOND_DELEGATION = "beyond_delegation", _("Utanför delegation")
        NEW_HIGH_COST = "new_high_cost", _("Nytt kostnadstungt beslut")
        REVIEW_CHANGE = "review_change", _("Omprövning med ändrad omfattning")

    class Outcome(models.TextChoices):
        GRANTED = "bifall", _("Bifall")
        REJECTED = "avslag", _("Avslag")
        REFERRED_BACK = "återremiss", _("Återremiss")
        NOTED = "noterad", _("Noterad")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="items",
                                   verbose_name=_("ärendedragning"))
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    source_key = models.CharField(_("källa"), max_length=40)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+", verbose_name=_("klient"))
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name=_("beslut"))
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name=_("beslutsförslag"))
    review = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("omprövning"))
    policy_question = models.ForeignKey(PolicyQuestion, on_delete=models.CASCADE, null=True, blank=True,
                                        related_name="agenda_items", verbose_name=_("principfråga"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.CASCADE, related_name="+",
                                          verbose_name=_("insatstyp"))
    title = models.CharField(_("rubrik"), max_length=300)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    minutes = models.TextField(_("protokoll"), blank=True)
    outcome = models.CharField(_("utfall"), max_length=12, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("protokollfört av"))
    recorded_at = models.DateTimeField(_("protokollfört"), null=True, blank=True)

    class Meta:
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("punkter på dagordningen")
        ordering = ["conference_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "source_key"],
                                               name="agenda_item_source_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes or self.outcome)
