"""The forecast pages: the year-end forecast with its snapshots (Tables 1–2), the bridge between two forecast dates
(waterfall, drillable to cases) and the backtest of the methods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatskollen.accounts import access
from insatskollen.core.months import SWEDISH_MONTHS, SWEDISH_MONTHS_SHORT
from insatskollen.core.numbers import InvalidValue, format_number, format_sek, parse_date
from insatskollen.followup.texts import deviation_words
from insatskollen.forecasting.backtest import AS_OF_MONTHS, month_end
from insatskollen.forecasting.bridge import LABELS
from insatskollen.forecasting.charts import (
    deviation_chart,
    error_chart,
    mnkr,
    waterfall_bars,
    waterfall_chart,
)
from insatskollen.forecasting.reading import day_text, default_as_of, latest_month_end, read_forecast
from insatskollen.forecasting.registry import KEYS as METHODS
from insatskollen.forecasting.registry import LEDGER_METHODS
from insatskollen.forecasting.selectors import COMPONENT_LABELS, backtest, forecast_bridge
from insatskollen.forecasting.services import CREATED, UNCHANGED, SnapshotError, forecast_snapshot_take
from insatskollen.forecasting.snapshots import (
    METHOD_DESCRIPTIONS,
    bridge_links,
    method_label,
    snapshot_table,
    snapshots_of_year,
)
from insatskollen.ledger.selectors import ledger_figures
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.views.common import role_required, year_from

CASES_SHOWN = 20
DOWNLOAD_LABELS = {"xlsx": "Excel (xlsx)", "csv": "CSV (semikolon, UTF-8)"}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _date_param(request, name: str, default: dt.date) -> tuple[dt.date, str]:
    """A date from the query string (default when absent) and a Swedish error text when it is not a date."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default, ""
    try:
        day = parse_date(raw)
    except InvalidValue as exc:
        return default, f"{exc} Skriv datumet som ÅÅÅÅ-MM-DD."
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return default, f"Välj ett datum mellan år {FIRST_YEAR} och {LAST_YEAR}."
    return day, ""


def forecast_file_stem(year: int, as_of: dt.date) -> str:
    return f"prognos-{year}-per-{as_of.isoformat()}"


def bridge_file_stem(date_from: dt.date, date_to: dt.date) -> str:
    return f"prognosbrygga-{date_from.isoformat()}-{date_to.isoformat()}"


def backtest_file_stem(year: int) -> str:
    return f"traffsakerhet-{year}"


def _downloads(url_name: str, query: dict, stem: str) -> list[dict]:
    """The page's download links (web/views/forecast_downloads.py): the same figures as xlsx and as CSV."""
    return [{"label": label, "url": reverse(url_name, args=[kind]) + "?" + urlencode(query),
             "file_name": f"{stem}.{kind}"} for kind, label in DOWNLOAD_LABELS.items()]


def _interval_words(interval) -> str:
    if interval is None:
        return ""
    return (f"Med {format_number(interval.level * 100)} % sannolikhet hamnar nettot mellan {format_sek(interval.low)} och "
            f"{format_sek(interval.high)}.")


def _deviation(value: Decimal) -> dict:
    return {"value": value, "words": deviation_words(value),
            "css": "deviation-bad" if value < 0 else "deviation-good" if value > 0 else ""}


def forecast_year_and_date(request) -> tuple[int, dt.date, str]:
    """The ?year= and ?as_of= of the forecast page and its downloads, and a Swedish error text for a bad date."""
    today = timezone.localdate()
    year = year_from(request, today.year)
    as_of, error = _date_param(request, "as_of", default_as_of(year, today))
    if not error and as_of.year != year:
        as_of, error = default_as_of(year, today), f"Datumet måste ligga i år {year}."
    return year, as_of, error


@role_required(access.may_see_followup)
def forecast_page(request):
    year, as_of, error = forecast_year_and_date(request)
    reading = read_forecast(year, as_of)
    result, bridge = reading.forecast, reading.bridge
    since = None
    if bridge is not None:
        previous = bridge.date_from
        since = {"from": previous, "from_text": day_text(previous), "change": bridge.net_to - bridge.net_from,
                 "method": method_label(bridge.method),
                 "drivers": [{"label": LABELS[d.driver], "amount": d.amount, "cases": len(d.cases)}
                             for d in bridge.drivers if d.amount],
                 "url": reverse("web:forecast_bridge") + "?" + urlencode({"from": previous.isoformat(),
                                                                           "to": as_of.isoformat()})}
    evidence = result.evidence
    methods = [{"name": name, "label": method_label(name), "figures": figures,
                "description": METHOD_DESCRIPTIONS.get(name, ""),
                "deviation": _deviation(result.budget_net - figures.net), "mape": evidence.get(name),
                "recommended": name == result.recommended,
                "weight": round(100 * result.weights[name]) if name in result.weights and len(result.weights) > 1
                else None}
               for name, figures in result.methods.items()]
    chosen = result.methods[result.recommended]
    snapshots = snapshots_of_year(year)
    rows = snapshot_table(year, snapshots)
    chart_labels = [SWEDISH_MONTHS_SHORT[r.month - 1] for r in rows]
    chart = deviation_chart(
        chart_labels, [r.snapshot.deviation if r.snapshot else None for r in rows],
        title=f"Prognostiserad avvikelse mot budget {year}",
        desc=("Avvikelsen (budget − förväntat netto) i varje sparad månadsprognos; under noll är underskott. "
              "Tabellen ovan har samma siffror.") if snapshots else "Inga sparade prognoser för året än.")
    return render(request, "web/forecast/forecast.html", {
        "year": year, "as_of": as_of, "as_of_text": day_text(as_of), "as_of_error": error, "forecast": result,
        "chosen": chosen, "chosen_label": method_label(result.recommended),
        "deviation": _deviation(result.budget_net - chosen.net), "methods": methods,
        "interval_words": _interval_words(result.interval),
        "evidence_basis": result.evidence_basis, "has_evidence": any(v is not None for v in evidence.values()),
        "components": [{"label": COMPONENT_LABELS.get(k, k), "amount": v} for k, v in result.components.items()],
        "rows": [{"label": r.label, "snapshot": r.snapshot,
                  "method": method_label(r.snapshot.method) if r.snapshot else ""} for r in rows],
        "chart": chart, "links": bridge_links(snapshots),
        "saved": any(s.as_of == month_end(as_of.year, as_of.month) for s in snapshots),
        "may_save": month_end(as_of.year, as_of.month) <= timezone.localdate(),
        "previous_year": year - 1, "next_year": year + 1, "since": since,
        "downloads": _downloads("web:forecast_download", {"year": year, "as_of": as_of.isoformat()},
                                forecast_file_stem(year, as_of)),
    })


@role_required(access.may_see_followup)
@require_POST
def forecast_snapshot(request):
    raw_year = request.POST.get("year", "")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() and 1990 <= int(raw_year) <= 2100 else None
    back = reverse("web:forecast")
    try:
        as_of = parse_date(request.POST.get("as_of", ""))
    except InvalidValue as exc:
        messages.error(request, f"Prognosen sparades inte: {exc}")
        return redirect(back + (f"?year={year}" if year else ""))
    if not FIRST_YEAR <= as_of.year <= LAST_YEAR:
        messages.error(request, f"Prognosen sparades inte: välj ett datum mellan år {FIRST_YEAR} och {LAST_YEAR}.")
        return redirect(back)
    if year is None:
        year = as_of.year
    query = "?" + urlencode({"year": year, "as_of": as_of.isoformat()})
    try:
        snapshot = forecast_snapshot_take(year=year, as_of=as_of, actor=request.user)
    except SnapshotError as exc:
        messages.error(request, f"Prognosen sparades inte: {exc}")
        return redirect(back + query)
    when = day_text(snapshot.as_of)
    if snapshot.outcome == CREATED:
        messages.success(request, f"Prognosen per {when} är sparad: netto {format_sek(snapshot.net)}.")
    elif snapshot.outcome == UNCHANGED:
        messages.info(request, f"Prognosen per {when} var redan sparad och underlaget är oförändrat.")
    else:
        changed = ", ".join(snapshot.changed_inputs) or "metoderna"
        messages.success(request, f"Prognosen per {when} är uppdaterad eftersom underlaget ändrats ({changed}): "
                                  f"netto nu {format_sek(snapshot.net)}.")
    return redirect(back + query)


def _client_links(user, drivers) -> dict[str, int]:
    """Case label (Beslut-id or "#pk") → client id, for the decisions this user may open."""
    labels = {c.decision for d in drivers for c in d.cases}
    ids = [int(label[1:]) for label in labels if label.startswith("#") and label[1:].isascii() and label[1:].isdigit()]
    rows = decisions_visible_to(user).filter(Q(external_id__in=labels) | Q(pk__in=ids)).values_list(
        "pk", "external_id", "client_id")
    return {(external_id or f"#{pk}"): client_id for pk, external_id, client_id in rows}


def bridge_method(request) -> str | None:
    """The method whose change the bridge explains (`?metod=`); None: the one recommended on the later date."""
    method = request.GET.get("metod", "")
    return method if method in METHODS else None


def bridge_dates(request) -> tuple[dt.date, dt.date, str, str]:
    """The ?from= and ?to= of the bridge page and its downloads, and a Swedish error text for each."""
    latest = latest_month_end(timezone.localdate())
    date_to, to_error = _date_param(request, "to", latest)
    date_from, from_error = _date_param(request, "from", latest_month_end(date_to.replace(day=1)))
    if date_from > date_to:
        from_error = from_error or "Från-datumet måste vara före till-datumet."
        date_from = latest_month_end(date_to.replace(day=1))
    return date_from, date_to, from_error, to_error


@role_required(access.may_see_followup)
def forecast_bridge_page(request):
    date_from, date_to, from_error, to_error = bridge_dates(request)
    chosen_method = bridge_method(request)
    result = forecast_bridge(date_from, date_to, method=chosen_method)
    links = _client_links(request.user, result.drivers)
    drivers = []
    for driver in result.drivers:
        cases = sorted(driver.cases, key=lambda c: (-abs(c.amount), c.decision))
        drivers.append({
            "label": LABELS[driver.driver], "amount": driver.amount, "amount_mnkr": mnkr(driver.amount, signed=True),
            "cases": [{"decision": c.decision, "client": c.client, "amount": c.amount,
                       "client_id": links.get(c.decision)} for c in cases[:CASES_SHOWN]],
            "more": max(len(cases) - CASES_SHOWN, 0), "count": len(cases),
            "months": [{"label": label, "net": net} for label, net in driver.months.items()]})
    from_text, to_text = day_text(date_from), day_text(date_to)
    bars = waterfall_bars(result.net_from, [(LABELS[d.driver], d.amount) for d in result.drivers], result.net_to,
                          from_label=f"Prognos {from_text}", to_label=f"Prognos {to_text}")
    change = result.net_to - result.net_from
    chart = waterfall_chart(
        bars, title=f"Prognosens förändring {from_text} – {to_text}",
        desc=(f"Förväntat netto {mnkr(result.net_from)} per {from_text} och {mnkr(result.net_to)} per {to_text}, "
              f"en förändring med {mnkr(change, signed=True)}. Staplarna däremellan visar vad som drev "
              "förändringen; tabellen under diagrammet har samma belopp."))
    budget_change = (result.budget_to or 0) - (result.budget_from or 0)
    return render(request, "web/forecast/bridge.html", {
        "date_from": date_from, "date_to": date_to, "from_text": from_text, "to_text": to_text,
        "from_error": from_error, "to_error": to_error, "bridge": result, "change": change,
        "drivers": drivers, "chart": chart, "budget_change": budget_change,
        "deviation_change": budget_change - change, "method_label": method_label(result.method),
        "year": date_to.year, "chosen_method": chosen_method or "",
        "method_choices": [(name, method_label(name)) for name in METHODS],
        "ledger_only": result.method in LEDGER_METHODS,
        "downloads": _downloads("web:forecast_bridge_download", {"from": date_from.isoformat(),
                                                                 "to": date_to.isoformat(),
                                                                 **({"metod": chosen_method} if chosen_method else {})},
                                bridge_file_stem(date_from, date_to)),
    })


@role_required(access.may_see_followup)
def forecast_backtest_page(request):
    """Computed on request for the chosen year (default: last year, the latest with a whole ledger)."""
    year = year_from(request, timezone.localdate().year - 1)
    result = backtest(year)
    names = list(result.methods)
    ranked = sorted((n for n in names if result.methods[n].mape is not None), key=lambda n: result.methods[n].mape)
    chosen = result.recommended
    rows = [{"label": SWEDISH_MONTHS[m - 1].capitalize(), "as_of": month_end(year, m),
             "cells": [{"forecast": result.methods[n].forecasts.get(m), "error": result.methods[n].errors.get(m)}
                       for n in names],
             "recommended": method_label(result.recommended_methods[m]) if m in result.recommended_methods else "",
             "recommended_error": chosen.errors.get(m) if chosen else None}
            for m in AS_OF_MONTHS]
    chart = error_chart(
        [SWEDISH_MONTHS_SHORT[m - 1] for m in AS_OF_MONTHS],
        [(method_label(n), [None if result.methods[n].errors.get(m) is None else abs(result.methods[n].errors[m])
                            for m in AS_OF_MONTHS]) for n in names],
        title=f"Prognosfel per månad {year}",
        desc=("Absolut procentuellt fel mot årets faktiska netto för varje metods prognos vid varje månadsskifte; "
              "lägre är bättre. Tabellen har samma siffror."))
    return render(request, "web/forecast/backtest.html", {
        "year": year, "backtest": result, "rows": rows, "chart": chart, "ledger_months": len(ledger_figures(year)),
        "methods": [{"name": n, "label": method_label(n), "mape": result.methods[n].mape,
                     "bias": result.methods[n].bias, "best": n == (ranked[0] if ranked else None)} for n in names],
        "chosen": chosen, "best_label": method_label(ranked[0]) if ranked else "",
        "previous_year": year - 1, "next_year": year + 1,
        "downloads": _downloads("web:forecast_backtest_download", {"year": year}, backtest_file_stem(year)),
    })
