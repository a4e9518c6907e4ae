"""Årsplanering: the unit's recurring dates (workplace meetings, measurement dates, tertial reports, review
deadlines, case conferences) as planned events with a simple recurrence rule. See `recurrence.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.accounts.models import Team


class EventKind(models.TextChoices):
    WORKPLACE_MEETING = "workplace_meeting", _("Arbetsplatsträff")
    MEASUREMENT_DATE = "measurement_date", _("Mättillfälle")
    TERTIAL_REPORT = "tertial_report", _("Tertial- och årsrapport")
    REVIEW_DEADLINE = "review_deadline", _("Omprövningar")
    CASE_CONFERENCE = "case_conference", _("Ärendedragning")
    OTHER = "other", _("Övrigt")


class Recurrence(models.TextChoices):
    NONE = "none", _("Ingen (en gång)")
    WEEKLY = "weekly", _("Varje vecka")
    MONTHLY = "monthly", _("Varje månad")
    YEARLY = "yearly", _("Varje år")
    MONTHS = "months", _("Vissa månader")


class PlannedEvent(models.Model):
    """A date in the year plan. `team` empty: the whole unit. `start_time` empty: an all-day event.

    Recurring events repeat from `first_date` until `until` (inclusive; empty: no end). Monthly, yearly and
    "some months" keep the first date's day of the month, moved to the month's last day when it is shorter.
    """

    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(_("typ"), max_length=30, choices=EventKind.choices, default=EventKind.OTHER)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True, related_name="planned_events",
                             verbose_name=_("team"))
    first_date = models.DateField(_("datum (första gången)"))
    recurrence = models.CharField(_("upprepas"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    months = models.JSONField(_("månader"), default=list, blank=True,
                              help_text=_("Månadsnummer 1–12, när händelsen upprepas vissa månader."))
    until = models.DateField(_("upprepas till och med"), null=True, blank=True)
    start_time = models.TimeField(_("klockslag"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("längd (minuter)"), default=60)
    description = models.TextField(_("beskrivning"), blank=True)
    default_key = models.CharField(max_length=80, blank=True, editable=False,
                                   help_text="Set on the defaults installed for a year, so installing twice adds none.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("skapad av"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("planerad händelse")
        verbose_name_plural = _("planerade händelser")
        ordering = ["first_date", "start_time", "title"]
        constraints = [
            models.UniqueConstraint(fields=["default_key"], condition=~models.Q(default_key=""),
                                    name="planning_unique_default_key"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_date.isoformat()})"
