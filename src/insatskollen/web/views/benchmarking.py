"""Jämförelse med andra stadsdelar: the unit's figures per code beside the imported districts', adjusted for
level mix, each district's position on a chart with a table and a text; the exchange file (download) and the
import of other districts' files; Kolada's figures beside the unit's own computed the Kolada way."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.benchmarking.exchange import FORMAT_VERSION, render_csv, render_xlsx
from insatskollen.benchmarking.kolada import KPI_CODES, KPI_TITLES, counting_day, own_cost_per_user
from insatskollen.benchmarking.selectors import (
    comparison,
    districts,
    imported_months,
    kolada_values,
    own_district_name,
    own_month_figures,
    register_rows,
)
from insatskollen.benchmarking.services import exchange_import
from insatskollen.core.import_command import error_text
from insatskollen.web.benchmark_charts import position_chart
from insatskollen.web.uploads import store_upload
from insatskollen.web.views.common import role_required, year_from


def _through(year: int) -> dt.date:
    today = timezone.localdate()
    if year < today.year:
        return dt.date(year, 12, 31)
    return today.replace(day=1) - dt.timedelta(days=1)


def _default_year() -> int:
    today = timezone.localdate()
    return today.year if today.month > 1 else today.year - 1


@role_required(access.may_see_benchmarks)
def benchmark_page(request):
    year = year_from(request, _default_year())
    through = _through(year)
    own_name = own_district_name()
    own = own_month_figures(year, through=through) if through.year == year else []
    own_months = sorted({f.month for f in own})
    available = sorted(set(imported_months(year)) & set(own_months)) or own_months
    chosen = [m for m in request.GET.getlist("manad") if m in available] or available[-1:]
    codes = comparison(year, chosen, own, own_name)
    sections = []
    for c in codes:
        shown = [(line.district, line.shown_cost_per_person, line.own) for line in c.lines
                 if line.shown_cost_per_person is not None]
        own_line = next((line for line in c.lines if line.own), None)
        ranked = [line for line in c.lines if not line.suppressed]
        place = ranked.index(own_line) + 1 if own_line in ranked else None
        sections.append({"c": c, "chart": position_chart(shown), "place": place, "of": len(ranked),
                         "own": own_line})
    kolada_year = year - 1  # Kolada publishes a year's figures the spring after
    kolada = []
    values = kolada_values(list(KPI_CODES), kolada_year)
    rows = register_rows(dt.date(kolada_year, 1, 1), dt.date(kolada_year, 12, 31), dt.date(kolada_year, 12, 31))
    for kpi, codes_ in KPI_CODES.items():
        kolada.append({"kpi": kpi, "title": KPI_TITLES[kpi], "codes": codes_,
                       "own": own_cost_per_user(rows, kolada_year, kpi), "values": values.get(kpi, [])})
    return render(request, "web/benchmarking/page.html", {
        "year": year, "own_name": own_name, "sections": sections, "months": available, "chosen": chosen,
        "districts": districts(), "may_exchange": access.may_exchange_benchmarks(request.user),
        "version": FORMAT_VERSION, "kolada": kolada, "kolada_year": kolada_year,
        "counting_day": counting_day(kolada_year),
    })


@role_required(access.may_exchange_benchmarks)
def benchmark_export(request):
    year = year_from(request, _default_year())
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    through = _through(year)
    figures = own_month_figures(year, through=through) if through.year == year else []
    district = own_district_name()
    content = (render_xlsx if kind == "xlsx" else render_csv)(district, figures)
    file_name = f"nyckeltal-stadsdel-{year}-v{FORMAT_VERSION}.{kind}"
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type="benchmark export",
                 object_id=str(year), summary=f"Utbytesfil hämtad: {file_name}",
                 detail={"format": kind, "year": year, "through": through.isoformat(), "rows": len(figures)})
    content_type = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "xlsx"
                    else "text/csv; charset=utf-8")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@role_required(access.may_exchange_benchmarks)
@require_POST
def benchmark_import(request):
    if "file" not in request.FILES:
        messages.error(request, _("Välj en utbytesfil att importera."))
        return redirect("web:benchmarks")
    upload = request.FILES["file"]
    stored = store_upload(upload)
    try:
        result = exchange_import(path=stored, actor=request.user, file_name=upload.name[:255])
    finally:
        stored.unlink(missing_ok=True)
    if result.status == "refused":
        messages.error(request, _("Filen %(file)s avvisades och inget sparades:") % {"file": result.file_name}
                       + " " + " ".join(error_text(e) for e in result.errors[:10]))
    else:
        messages.success(request, _("%(district)s: %(rows)s rader importerade (%(months)s).") % {
            "district": result.district, "rows": result.rows, "months": ", ".join(result.months)})
    return redirect("web:benchmarks")
