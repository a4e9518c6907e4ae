"""Ledger actuals and budgets: upload a file, preview it (a dry run in the request), then import it; the year's
budget per month with its supplementary budgets, and a form for adding one.

Between preview and import the file is kept under IMPORT_UPLOAD_DIR with a random name; the session holds which
file the user previewed, so a user can only import a file they uploaded themselves.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insatskollen.accounts import access
from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.core.numbers import format_sek
from insatskollen.ledger.budgets import budget_overview, budget_years
from insatskollen.ledger.selectors import activity_codes
from insatskollen.ledger.services import budget_import, budget_supplement_add, ledger_import
from insatskollen.register.models import InterventionType
from insatskollen.web.forms import add_service_errors
from insatskollen.web.uploads import store_upload
from insatskollen.web.ledger_forms import BUDGET, LEDGER, LedgerUploadForm, SupplementaryBudgetForm
from insatskollen.web.views.common import role_required, year_from

SESSION_KEY = "ledger_upload"
IMPORTERS = {LEDGER: ledger_import, BUDGET: budget_import}


def _forget_pending(request) -> None:
    """Drop the session's previewed file (and the file itself)."""
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        Path(pending["path"]).unlink(missing_ok=True)


def _check(request, form: LedgerUploadForm):
    """Store the upload, run the dry run, and show its preview (or its errors)."""
    _forget_pending(request)
    upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    stored = store_upload(upload)
    name = upload.name[:255]
    result = IMPORTERS[kind](stored, actor=request.user, dry_run=True, file_name=name)
    token = ""
    if result.status == "refused" or not (result.created or result.updated):
        stored.unlink(missing_ok=True)
    else:
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {"token": token, "path": str(stored), "name": name, "kind": kind}
    return render(request, "web/ledger/preview.html", {"result": result.as_dict(), "kind": kind, "token": token})


def _commit(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")) \
            or not Path(pending["path"]).exists():
        messages.error(request, _("Förhandsgranskningen finns inte längre. Ladda upp filen igen."))
        return redirect("web:ledger_import")
    kind = pending["kind"]
    result = IMPORTERS[kind](pending["path"], actor=request.user, file_name=pending["name"])
    _forget_pending(request)
    if result.status == "refused":
        return render(request, "web/ledger/preview.html", {"result": result.as_dict(), "kind": kind, "token": ""})
    what = _("utfall") if kind == LEDGER else _("budget")
    messages.success(request, _("Importen av %(file)s (%(what)s) är genomförd: %(created)s nya, %(updated)s ersatta "
                                "och %(unchanged)s oförändrade rader.") % {
        "file": result.file_name, "what": what, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged})
    if kind == BUDGET and result.periods:
        return redirect(f"{reverse('web:budget')}?year={result.periods[-1]}")
    return redirect("web:ledger_import")


@role_required(access.may_import_ledger)
def ledger_import_view(request):
    if request.method == "POST":
        action = request.POST.get("action", "check")
        if action == "commit":
            return _commit(request)
        if action == "cancel":
            _forget_pending(request)
            messages.info(request, _("Importen avbröts. Inget har sparats."))
            return redirect("web:ledger_import")
        form = LedgerUploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _check(request, form)
    else:
        form = LedgerUploadForm()
    return render(request, "web/ledger/import.html", {"form": form})


def _default_year() -> int:
    this_year = timezone.localdate().year
    years = budget_years()
    return this_year if this_year in years or not years else years[-1]


@role_required(access.may_see_budget)
def budget_view(request):
    year = year_from(request, _default_year())
    may_change = access.may_change_budget(request.user)
    form = SupplementaryBudgetForm(request.POST or None) if may_change else None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                budget_supplement_add(year=year, amount=data["amount"], decided_on=data["decided_on"],
                                      reason=data["reason"], activity=data["activity"], month=data["month"],
                                      actor=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Tilläggsbudgeten på %(amount)s för %(year)s är registrerad.")
                                 % {"amount": format_sek(data["amount"]), "year": year})
                return redirect(f"{reverse('web:budget')}?year={year}")
    overview = budget_overview(year)
    months = [(SWEDISH_MONTHS[m - 1].capitalize(), figures) for m, figures in overview.months.items()]
    codes = activity_codes()
    names = dict(InterventionType.objects.values_list("code", "name"))
    activities = [(activity, names.get(codes.get(activity, activity), ""), figures)
                  for activity, figures in overview.by_activity.items()]
    return render(request, "web/ledger/budget.html", {
        "year": year, "overview": overview, "months": months, "activities": activities,
        "years": sorted(set(budget_years()) | {year}),
        "form": form, "activity_options": sorted((set(codes) | set(overview.by_activity) | set(names)) - {""}),
    })
