"""Downloading the forecast pages (the forecast with its evidence and bridge, the bridge, the backtest) as xlsx or
CSV: the same figures as the pages, read by the same selectors, with the committee report's access rule and audit."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.forecasting.reading import read_forecast
from insatskollen.forecasting.render_csv import backtest_csv, bridge_csv, forecast_csv
from insatskollen.forecasting.render_xlsx import backtest_xlsx, bridge_xlsx, forecast_xlsx
from insatskollen.forecasting.selectors import backtest, forecast_bridge
from insatskollen.web.views.common import role_required, year_from
from insatskollen.web.views.forecast import (
    backtest_file_stem,
    bridge_dates,
    bridge_method,
    bridge_file_stem,
    forecast_file_stem,
    forecast_year_and_date,
)

CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "csv": "text/csv; charset=utf-8"}
def _send(request, kind: str, content: bytes, file_name: str, object_type: str, object_id: str,
          detail: dict) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.DOCUMENT_EXPORTED, object_type=object_type,
                 object_id=object_id, summary=f"Prognosunderlag hämtat: {file_name}", detail={"format": kind, **detail})
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@role_required(access.may_see_followup)
def forecast_download(request, kind: str):
    if kind not in CONTENT_TYPES:
        raise Http404
    year, as_of, error = forecast_year_and_date(request)
    if error:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    reading = read_forecast(year, as_of)
    content = forecast_xlsx(reading) if kind == "xlsx" else forecast_csv(reading)
    return _send(request, kind, content, f"{forecast_file_stem(year, as_of)}.{kind}", "forecast", as_of.isoformat(),
                 {"year": year, "as_of": as_of.isoformat()})


@role_required(access.may_see_followup)
def forecast_bridge_download(request, kind: str):
    if kind not in CONTENT_TYPES:
        raise Http404
    date_from, date_to, from_error, to_error = bridge_dates(request)
    if from_error or to_error:
        return HttpResponseBadRequest(" ".join(e for e in (from_error, to_error) if e),
                                      content_type="text/plain; charset=utf-8")
    result = forecast_bridge(date_from, date_to, method=bridge_method(request))
    content = bridge_xlsx(result) if kind == "xlsx" else bridge_csv(result)
    return _send(request, kind, content, f"{bridge_file_stem(date_from, date_to)}.{kind}", "forecast_bridge",
                 f"{date_from.isoformat()}/{date_to.isoformat()}",
                 {"from": date_from.isoformat(), "to": date_to.isoformat()})


@role_required(access.may_see_followup)
def forecast_backtest_download(request, kind: str):
    if kind not in CONTENT_TYPES:
        raise Http404
    year = year_from(request, timezone.localdate().year - 1)
    result = backtest(year)
    content = backtest_xlsx(result) if kind == "xlsx" else backtest_csv(result)
    return _send(request, kind, content, f"{backtest_file_stem(year)}.{kind}", "forecast_backtest", str(year),
                 {"year": year})
