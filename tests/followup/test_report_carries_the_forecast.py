"""The committee report carries the forecast: the recommended year-end net, its interval and the bridge since the
last report, with the forecast page's figures on the same date; its sentences add up to its tables."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.followup.report import build_report
from insatskollen.followup.shown import in_kronor
from insatskollen.followup.texts import summary_lines
from insatskollen.forecasting.report_forecast import with_forecast

from .report_scenario import MAY, ledger_2025, register_2025, unit_2025  # noqa: F401

pytestmark = pytest.mark.usefixtures("unit_2025")
JUNE_10 = dt.datetime(2025, 6, 10, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def kronor(value) -> Decimal:
    return Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def sek_values(text: str) -> list[Decimal]:
    found = re.findall(r"([+\u2212-]?)(\d{1,3}(?:\u00a0\d{3})*)\u00a0kr", text)
    return [Decimal(d.replace("\u00a0", "")) * (-1 if s in ("\u2212", "-") else 1) for s, d in found]


def test_the_report_gives_the_forecast_pages_figure_on_the_same_date(browser_for, carl, time_machine):
    time_machine.move_to(JUNE_10, tick=False)
    report = in_kronor(with_forecast(build_report(MAY)))
    forecast = report.forecast
    assert forecast.as_of == dt.date(2025, 5, 31) and forecast.since == dt.date(2025, 4, 30)
    page = browser_for(carl).get(reverse("web:forecast"), {"year": 2025, "as_of": "2025-05-31"})
    shown = page.context["forecast"]
    assert forecast.net == kronor(shown.methods[shown.recommended].net)
    assert forecast.budget_net == kronor(shown.budget_net)
    html = browser_for(carl).get(reverse("web:report"), {"month": "2025-05"}).content.decode()
    assert "Prognos för helåret" in html and "(ingen prognos)" in html  # the register's year is labelled as such


def test_the_bridge_since_the_last_report_adds_up_to_the_change(time_machine):
    time_machine.move_to(JUNE_10, tick=False)
    forecast = in_kronor(with_forecast(build_report(MAY))).forecast
    assert forecast.net_since + sum(d.amount for d in forecast.drivers) == forecast.net
    raw = with_forecast(build_report(MAY)).forecast
    assert raw.net_since + sum(d.amount for d in raw.drivers) == raw.net  # to the öre before rounding too


def test_the_forecast_sentences_add_up(time_machine):
    time_machine.move_to(JUNE_10, tick=False)
    report = in_kronor(with_forecast(build_report(MAY)))
    lines = summary_lines(report)
    headline = next(line for line in lines if line.startswith("Prognosen för helåret 2025"))
    net, *_ = sek_values(headline)
    assert net == report.forecast.net and f"utfall {report.forecast.actual_span}" in headline
    # The scenario's ledger begins in April: January–March are flagged, not read as zero.
    assert "Huvudboken saknar bokningar för 2025-01, 2025-02, 2025-03" in " ".join(lines)
    moved = next(line for line in lines if line.startswith("Sedan förra rapporten"))
    change, *parts = sek_values(moved)
    assert change == report.forecast.change and sum(parts) == change


def test_a_tertial_report_bridges_from_the_previous_tertial(time_machine):
    time_machine.move_to(dt.datetime(2025, 9, 10, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    report = with_forecast(build_report(dt.date(2025, 9, 1), tertial=2))
    assert report.forecast.as_of == dt.date(2025, 8, 31) and report.forecast.since == dt.date(2025, 4, 30)
    # T1's report before it forecast another year: no bridge across the year, as on the forecast page in January.
    first = with_forecast(build_report(dt.date(2025, 5, 1), tertial=1))
    assert first.forecast.since is None and first.forecast.change is None


def test_while_the_month_runs_the_forecast_is_as_of_today(time_machine):
    time_machine.move_to(dt.datetime(2025, 5, 20, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    report = with_forecast(build_report(MAY))
    assert report.forecast.as_of == dt.date(2025, 5, 20)
    assert "maj" not in report.forecast.actual_span  # May has not ended: its bookings are not actual
    assert "2025-05" not in report.forecast.missing
