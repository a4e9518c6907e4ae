"""The committee report as a web page with downloads (PDF, xlsx, HTML), and the follow-up dashboard."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.accounts.models import Role
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.months import SWEDISH_MONTHS, add_months, month_label
from insatskollen.core.numbers import InvalidValue, parse_month
from insatskollen.costing.selectors import Figures
from insatskollen.followup.render_html import render_report_html, report_charts, report_context
from insatskollen.followup.render_pdf import render_report_pdf
from insatskollen.followup.render_xlsx import render_report_xlsx
from insatskollen.followup.report import CommitteeReport, build_report
from insatskollen.followup.shown import in_kronor
from insatskollen.forecasting.report_forecast import with_forecast
from insatskollen.web.views.common import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {
    "pdf": ("application/pdf", render_report_pdf),
    "xlsx": (XLSX, render_report_xlsx),
    "html": ("text/html; charset=utf-8", lambda report: render_report_html(report).encode("utf-8")),
}

LABELS = {"pdf": "PDF för nämndhandlingarna", "xlsx": "Excel (xlsx)", "html": "HTML-fil"}


def _month_and_tertial(request) -> tuple[dt.date, int | None, str]:
    """The ?month= (default: last month, the latest closed one) and ?tertial= (1, 2 or none), and an error text."""
    month, error = add_months(timezone.localdate().replace(day=1), -1), ""
    if request.GET.get("month"):
        try:
            month = parse_month(request.GET["month"])
        except InvalidValue as exc:
            error = str(exc)
    tertial = request.GET.get("tertial", "")
    return month, (int(tertial) if tertial in ("1", "2") else None), error


def _query(month: dt.date, tertial: int | None) -> str:
    return f"month={month_label(month)}" + (f"&tertial={tertial}" if tertial else "")


def _file_name(report: CommitteeReport, kind: str) -> str:
    period = report.period
    if period.tertial:
        return f"tertialrapport-{period.tertial}-{period.year}.{kind}"
    return f"manadsrapport-{month_label(period.month)}.{kind}"


@role_required(access.may_see_followup)
def report_page(request):
    month, tertial, error = _month_and_tertial(request)
    report = in_kronor(with_forecast(build_report(month, tertial=tertial)))
    query = _query(month, tertial)
    return render(request, "web/report/page.html", {
        **report_context(report), "standalone": False, "month": month_label(month), "tertial": tertial,
        "month_error": error, "query": query,
        "downloads": [{"kind": kind, "label": LABELS[kind], "file_name": _file_name(report, kind)}
                      for kind in DOWNLOADS],
    })


@role_required(access.may_see_followup)
def report_download(request, kind: str):
    if kind not in DOWNLOADS:
        raise Http404
    month, tertial, _ = _month_and_tertial(request)
    content_type, render_file = DOWNLOADS[kind]
    report = in_kronor(with_forecast(build_report(month, tertial=tertial)))
    content = render_file(report)
    file_name = _file_name(report, kind)
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="report",
                 object_id=month.isoformat()[:7], summary=f"Rapport hämtad: {file_name}",
                 detail={"format": kind, "month": month.isoformat()[:7], "tertial": tertial})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _compare(label: str, now, before, *, lower_is_better: bool = True) -> dict:
    """A card line: this month's value, the change since last month, and whether that change is good news."""
    change = None if now is None or before is None else now - before
    return {"label": label, "value": now, "previous": before, "change": change,
            "direction": "" if not change else ("up" if change > 0 else "down"),
            "good": None if not change else ((change < 0) == lower_is_better)}


@role_required(access.may_see_followup)
def dashboard(request):
    month, _, error = _month_and_tertial(request)
    report = in_kronor(with_forecast(build_report(month, change_limit=5)))
    index = month.month - 1
    this = report.months[index]
    before = report.months[index - 1] if index > 0 else None
    actual: Figures | None = this.actual
    previous: Figures | None = before.actual if before else None
    cards = [
        _compare("Kostnad", actual.cost if actual else None, previous.cost if previous else None),
        _compare("Intäkter", actual.revenue if actual else None, previous.revenue if previous else None,
                 lower_is_better=False),
        _compare("Netto", actual.net if actual else None, previous.net if previous else None),
    ]
    month_deviation = (this.budget - actual.net) if (this.budget is not None and actual) else None
    role = request.user.role
    return render(request, "web/report/dashboard.html", {
        "report": report, "month": month_label(month), "month_name": f"{SWEDISH_MONTHS[index]} {month.year}",
        "previous_name": SWEDISH_MONTHS[index - 1] if index > 0 else "", "month_error": error,
        "previous_month": month_label(add_months(month, -1)), "next_month": month_label(add_months(month, 1)),
        "cards": cards, "month_row": this, "month_deviation": month_deviation,
        "chart": report_charts(report)["accumulated"],
        "cases_first": role == Role.UNIT_HEAD,
        "role_text": {Role.UNIT_HEAD: "sektionschef", Role.CONTROLLER: "controller"}.get(role, "administratör"),
    })
