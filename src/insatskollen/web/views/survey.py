"""Brukarenkäter: survey rounds per provider, their results (only with at least 5 respondents), opening a round
and making its single-use links (shown once: only their hashes are stored)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatskollen.accounts import access
from insatskollen.register.models import Provider
from insatskollen.survey.library import ANSWERS, QUESTIONS
from insatskollen.survey.models import SurveyRound
from insatskollen.survey.results import MIN_RESPONDENTS, TOO_FEW
from insatskollen.survey.selectors import result_for, rounds_with_results
from insatskollen.survey.services import survey_links_add, survey_round_create
from insatskollen.web.forms import DateInput
from insatskollen.web.views.common import role_required


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Namn på omgången"), max_length=200)
    provider = forms.ModelChoiceField(label=_("Utförare"), queryset=Provider.objects.order_by("name"))
    activity = forms.CharField(label=_("Insatskod (valfri)"), max_length=20, required=False)
    opens_on = forms.DateField(label=_("Öppnar"), widget=DateInput)
    closes_on = forms.DateField(label=_("Stänger"), widget=DateInput)
    links = forms.IntegerField(label=_("Antal länkar"), min_value=1, max_value=500, initial=10)
    questions = forms.MultipleChoiceField(label=_("Frågor"), widget=forms.CheckboxSelectMultiple,
                                          choices=[(q.key, f"{q.area}: {q.text}") for q in QUESTIONS],
                                          initial=[q.key for q in QUESTIONS])

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Enkäten kan inte stänga före den öppnar."))
        return data


def _links(request, tokens: list[str]) -> list[str]:
    return [request.build_absolute_uri(reverse("web:survey_answer", args=[t])) for t in tokens]


@role_required(access.may_see_surveys)
def survey_rounds(request):
    may_manage = access.may_manage_surveys(request.user)
    form = RoundForm(request.POST or None) if may_manage else None
    if request.method == "POST" and may_manage and form.is_valid():
        d = form.cleaned_data
        survey_round, tokens = survey_round_create(
            actor=request.user, title=d["title"], provider=d["provider"], activity=d["activity"].upper(),
            opens_on=d["opens_on"], closes_on=d["closes_on"], questions=d["questions"], links=d["links"])
        return _round_page(request, survey_round, new_links=_links(request, tokens))
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    return render(request, "web/survey/rounds.html", {
        "rounds": rounds_with_results(), "form": form, "min": MIN_RESPONDENTS, "too_few": TOO_FEW,
        "today": timezone.localdate()})


def _round_page(request, survey_round: SurveyRound, new_links: list[str] | None = None):
    return render(request, "web/survey/round.html", {
        "round": survey_round, "result": result_for(survey_round), "answers": ANSWERS, "min": MIN_RESPONDENTS,
        "too_few": TOO_FEW, "links_total": survey_round.links.count(),
        "links_used": survey_round.links.filter(used_on__isnull=False).count(),
        "new_links": new_links or [], "may_manage": access.may_manage_surveys(request.user)})


@role_required(access.may_see_surveys)
def survey_round(request, pk: int):
    survey_round = get_object_or_404(SurveyRound.objects.select_related("provider"), pk=pk)
    if request.method == "POST":
        if not access.may_manage_surveys(request.user):
            raise PermissionDenied
        raw = request.POST.get("count", "")
        count = int(raw) if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 500 else 0
        if count:
            tokens = survey_links_add(actor=request.user, survey_round=survey_round, count=count)
            return _round_page(request, survey_round, new_links=_links(request, tokens))
    return _round_page(request, survey_round)
