"""The committee report as HTML: a standalone file, or the body of the web page. Inline SVG charts with tables."""

from __future__ import annotations

from django.template.loader import render_to_string

from insatskollen.followup import texts
from insatskollen.followup.charts import SvgChart, bar_chart, horizontal_bars, line_chart, money_axis_text
from insatskollen.followup.report import CommitteeReport


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def report_charts(report: CommitteeReport) -> dict[str, SvgChart]:
    period = report.period
    short = [m.name[:3] for m in report.months]
    in_period = report.period_months
    cost_series = [(f"Kostnad enligt {report.source_text}",
                    [float(m.actual.cost) if m.actual else None for m in in_period], "chart-bar")]
    if report.source == "ledger":
        cost_series.append(("Registrets kostnad", [float(m.register.cost) for m in in_period], "chart-bar-alt"))
    accumulated = [("Ackumulerat utfall (netto)",
                    [float(m.accumulated_actual) if m.accumulated_actual is not None else None for m in report.months],
                    "chart-line")]
    if report.has_budget:
        accumulated.append(("Ackumulerad budget", [float(m.accumulated_budget) for m in report.months],
                            "chart-line-budget"))
    rows = sorted(report.keyfigures, key=lambda r: -r.average_active[-1])
    counts = [("Januari", [r.average_active[0] for r in rows], "chart-bar-alt"),
              (period.month_name.capitalize(), [r.average_active[-1] for r in rows], "chart-bar")]
    return {
        "monthly_cost": bar_chart(short[:len(in_period)], cost_series, title=f"Kostnad per månad {period.year}",
                                  desc=texts.monthly_cost_desc(report), value_text=money_axis_text),
        "accumulated": line_chart(short, accumulated, title=f"Ackumulerad nettokostnad mot budget {period.year}",
                                  desc=texts.accumulated_desc(report), value_text=money_axis_text),
        "counts": horizontal_bars([_short(f"{r.code} {r.name}", 36) for r in rows], counts,
                                  title=f"Antal pågående insatser per insatskod, januari och {period.month_name}",
                                  desc=texts.counts_desc(report)),
    }


def report_context(report: CommitteeReport) -> dict:
    return {
        "report": report,
        "summary": texts.summary_lines(report),
        "charts": report_charts(report),
        "month_columns": [m.name[:3] for m in report.period_months],
    }


def render_report_html(report: CommitteeReport) -> str:
    """A complete HTML document, readable offline (no external files)."""
    return render_to_string("followup/report.html", {**report_context(report), "standalone": True})
