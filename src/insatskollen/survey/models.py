"""Survey rounds per provider (or activity), their single-use links and the anonymous responses.

A link is stored as the hash of its token, never the token. A response is not linked to the link that gave it,
and both carry only a date (no time of day), so the order in which links were used cannot be matched to the
answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import Provider


class SurveyRound(models.Model):
    title = models.CharField(_("namn"), max_length=200)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="survey_rounds",
                                 verbose_name=_("utförare"))
    activity = models.CharField(_("insatskod"), max_length=20, blank=True)
    questions = models.JSONField(_("frågor"), default=list)
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("stänger"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("enkätomgång")
        verbose_name_plural = _("enkätomgångar")
        ordering = ["-opens_on", "provider__name", "id"]

    def __str__(self) -> str:
        return f"{self.title} – {self.provider}"


class SurveyLink(models.Model):
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    used_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("enkätlänk")
        verbose_name_plural = _("enkätlänkar")


class SurveyResponse(models.Model):
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    value = models.CharField(max_length=10)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
