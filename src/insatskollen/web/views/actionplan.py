"""Åtgärdsplan och orsaksredovisning: the list with a draft form, the document with its written sections, and the
PDF/DOCX downloads. The controller, the unit head and admins read; the unit head and admins draft and write."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.actionplan.files import CONTENT_TYPES, file_name, plan_blocks, plan_file
from insatskollen.actionplan.models import SECTIONS, ActionPlan
from insatskollen.actionplan.selectors import action_plans as plans_query
from insatskollen.actionplan.services import (
    MAX_SECTION,
    action_plan_draft,
    action_plan_exported,
    action_plan_redraft,
    action_plan_update,
)
from insatskollen.core.numbers import InvalidValue, parse_date
from insatskollen.web.views.common import role_required

DOWNLOAD_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)"}


class SwedishDateField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_date(value)
        except InvalidValue as exc:
            raise ValidationError(str(exc)) from None


class DraftForm(forms.Form):
    year = forms.IntegerField(label="År", min_value=1990, max_value=2100,
                              error_messages={"required": "Ange året som planen gäller.",
                                              "invalid": "Året ska vara ett heltal, t.ex. 2026.",
                                              "min_value": "Året ska vara 1990 eller senare.",
                                              "max_value": "Året ska vara 2100 eller tidigare."})
    as_of = SwedishDateField(label="Prognos per (ÅÅÅÅ-MM-DD)", help_text="Det datum vars kunskap prognosen bygger på.",
                             error_messages={"required": "Ange prognosdatumet, t.ex. 2026-08-31."},
                             widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label="Rubrik (valfri)", max_length=200, required=False)


class SectionsForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=200,
                            error_messages={"required": "Skriv en rubrik.",
                                            "max_length": "Rubriken får vara högst 200 tecken."})
    summary = forms.CharField(label=str(SECTIONS["summary"]), required=False, max_length=MAX_SECTION,
                              widget=forms.Textarea(attrs={"rows": 6}))
    actions = forms.CharField(label=str(SECTIONS["actions"]), required=False, max_length=MAX_SECTION,
                              help_text="Till exempel: säkerställa rätt insatsnivå, bevaka individuella avtal. "
                                        "En tom rad mellan stycken.",
                              widget=forms.Textarea(attrs={"rows": 10}))
    follow_up = forms.CharField(label=str(SECTIONS["follow_up"]), required=False, max_length=MAX_SECTION,
                                help_text="Vem stämmer av med vem, och hur ofta.",
                                widget=forms.Textarea(attrs={"rows": 6}))


@role_required(access.may_see_followup)
def action_plans(request):
    may_edit = access.may_change_budget(request.user)
    today = timezone.localdate()
    form = DraftForm(initial={"year": today.year, "as_of": today.isoformat()}) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = DraftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = action_plan_draft(year=data["year"], as_of=data["as_of"], actor=request.user,
                                         title=data["title"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Utkastet är framtaget. Skriv åtgärder och uppföljning nedan.")
                return redirect("web:action_plan", pk=plan.pk)
    return render(request, "web/actionplan/list.html", {"plans": plans_query(), "form": form, "may_edit": may_edit})


@role_required(access.may_see_followup)
def action_plan(request, pk: int):
    plan = get_object_or_404(ActionPlan, pk=pk)
    may_edit = access.may_change_budget(request.user)
    form = SectionsForm(initial={"title": plan.title, **{name: getattr(plan, name) for name in SECTIONS}})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("action") == "redraft":
            action_plan_redraft(plan=plan, actor=request.user)
            messages.success(request, "Siffrorna är uppdaterade med det som är känt i dag om "
                                      f"{plan.as_of:%Y-%m-%d}. Texterna är oförändrade.")
            return redirect("web:action_plan", pk=plan.pk)
        form = SectionsForm(request.POST)
        if form.is_valid():
            try:
                changed = action_plan_update(plan=plan, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, "Texterna är sparade." if changed else "Inget var ändrat.")
                return redirect("web:action_plan", pk=plan.pk)
    # Each written section is a labelled textarea in its place in the document for those who may write.
    items = [{"block": block, "field": form[block.name] if may_edit and block.kind == "section" else None}
             for block in plan_blocks(plan)]
    return render(request, "web/actionplan/plan.html", {
        "plan": plan, "items": items, "form": form, "may_edit": may_edit,
        "downloads": [{"fmt": fmt, "label": DOWNLOAD_LABELS[fmt], "file_name": file_name(plan.year, plan.as_of, fmt)}
                      for fmt in CONTENT_TYPES],
    })


@role_required(access.may_see_followup)
def action_plan_download(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    plan = get_object_or_404(ActionPlan, pk=pk)
    data = plan_file(plan, fmt)
    action_plan_exported(actor=request.user, fmt=fmt, year=plan.year, as_of=plan.as_of, title=plan.title, plan=plan)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(plan.year, plan.as_of, fmt)}"'
    return response
