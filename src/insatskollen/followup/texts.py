"""The report's words: the summary for the committee and the text alternatives of its charts. Pure Swedish."""

from __future__ import annotations

from decimal import Decimal

from insatskollen.core.months import SWEDISH_MONTHS
from insatskollen.core.numbers import format_number, format_sek
from insatskollen.followup.report import CommitteeReport

KIND_WORDS = {"new": "nya beslut", "ended": "avslutade beslut", "changed": "beslut med ändrad omfattning eller pris"}
CALENDAR_WORDS = "fler eller färre dagar i månaden"


def signed_sek(value: Decimal | float | None) -> str:
    """+1 234 kr, −1 234 kr, 0 kr."""
    if value is None:
        return ""
    text = format_sek(value)
    return f"+{text}" if Decimal(str(value)).quantize(Decimal(1)) > 0 else text


def signed_percent(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{format_number(value, 1)} %"
    return f"+{text}" if value > 0 else text


def deviation_words(deviation: Decimal) -> str:
    if deviation > 0:
        return f"{format_sek(deviation)} lägre än budget (överskott)"
    if deviation < 0:
        return f"{format_sek(-deviation)} högre än budget (underskott)"
    return "i nivå med budget"


def summary_lines(report: CommitteeReport) -> list[str]:
    period, total = report.period, report.total
    lines = [(
        f"Nettokostnaden {report.compared_span_text} är {format_sek(total.actual.net)} enligt {report.source_text} "
        f"(kostnad {format_sek(total.actual.cost)}, intäkter {format_sek(total.actual.revenue)})."
    )]
    if total.deviation is not None:
        lines.append(f"Budgeten för perioden är {format_sek(total.budget_to_date)}; utfallet är "
                     f"{deviation_words(total.deviation)}.")
    lines += forecast_lines(report)
    changes = report.changes
    previous = SWEDISH_MONTHS[changes.previous_month.month - 1]
    # Every row of the table the sentence summarises, so that its amounts add up to the change it explains.
    parts = [f"{row.count} {KIND_WORDS[row.kind]} ({signed_sek(row.delta)})" for row in changes.summary
             if row.kind in KIND_WORDS and row.count]
    parts += [f"{CALENDAR_WORDS} ({signed_sek(row.delta)})" for row in changes.summary
              if row.kind not in KIND_WORDS and row.delta]
    if changes.total:
        direction = "högre" if changes.total > 0 else "lägre"
        moved = f"är {format_sek(abs(changes.total))} {direction} än för {previous}"
    else:
        moved = f"är densamma som för {previous}"
    lines.append(f"Registrets månadskostnad för {period.month_name} {moved}" + (": " + ", ".join(parts) + "." if parts else "."))
    if changes.rows:
        top = changes.rows[0]
        lines.append(f"Störst förändring: beslut {top.decision_label} ({top.code} {top.name}), {top.what.lower()}, "
                     f"{signed_sek(top.delta)} per månad.")
    return lines


def _against_budget(forecast) -> str:
    if forecast.budget_net is None:
        return " (ingen budget att jämföra med)"
    return f", {deviation_words(forecast.deviation)} (budget {format_sek(forecast.budget_net)})"


def forecast_lines(report: CommitteeReport) -> list[str]:
    """The year-end outcome: the forecast the forecast page gives on the report's date (or, without one, the
    register's known decisions, which is not a forecast and is said so)."""
    period, total, forecast = report.period, report.total, report.forecast
    if forecast is None:
        line = (f"Registrets kända beslut ger en nettokostnad på {format_sek(total.register_year.net)} för helåret "
                f"{period.year} (ingen prognos: bara beslut som redan är fattade, inget om nya eller avslutade).")
        return [line]
    if forecast.year_complete:
        lines = [f"Årets utfall {period.year} är {format_sek(forecast.net)} netto enligt ekonomisystemet "
                 f"(januari–december){_against_budget(forecast)}."]
    else:
        lines = [f"Prognosen för helåret {period.year} per {forecast.as_of:%Y-%m-%d} ({forecast.method}; utfall "
                 f"{forecast.actual_span}) är {format_sek(forecast.net)} netto{_against_budget(forecast)}."]
        if forecast.low is not None:
            lines[0] = lines[0][:-1] + (f"; med 80 % sannolikhet mellan {format_sek(forecast.low)} och "
                                        f"{format_sek(forecast.high)}.")
    if forecast.missing:
        lines.append(f"Huvudboken saknar bokningar för {', '.join(forecast.missing)}; prognosen räknar dem inte som "
                     f"noll utan låter metoden bedöma dem.")
    if forecast.change is not None:
        parts = [f"{d.label.lower()} {signed_sek(d.amount)}" for d in forecast.drivers]
        lines.append(f"Sedan förra rapporten ({forecast.since:%Y-%m-%d}) har prognosen ändrats med "
                     f"{signed_sek(forecast.change)}" + (": " + ", ".join(parts) + "." if parts else "."))
    if not forecast.year_complete:
        lines.append(f"Registrets kända beslut ger {format_sek(total.register_year.net)} för helåret (registrets "
                     f"beräkning av beslut som redan är fattade); prognosen bygger på dem, på utfallet hittills och på "
                     f"det som väntas utöver kända beslut.")
    return lines


def monthly_cost_desc(report: CommitteeReport) -> str:
    months = [m for m in report.period_months if m.actual is not None]
    if not months:
        return "Inga kostnader under perioden."
    high = max(months, key=lambda m: m.actual.cost)
    low = min(months, key=lambda m: m.actual.cost)
    return (f"Stapeldiagram över kostnaden per månad {report.compared_span_text} enligt {report.source_text}. "
            f"Högst i {high.name} ({format_sek(high.actual.cost)}), lägst i {low.name} ({format_sek(low.actual.cost)}). "
            f"Samma belopp finns i tabellen Utfall per månad.")


def accumulated_desc(report: CommitteeReport) -> str:
    last = [m for m in report.months if m.accumulated_actual is not None][-1]
    text = (f"Linjediagram över ackumulerad nettokostnad {report.compared_span_text}: "
            f"{format_sek(last.accumulated_actual)} efter {last.name}")
    if last.accumulated_budget is not None:
        text += (f", mot ackumulerad budget {format_sek(last.accumulated_budget)}; budgeten för helåret är "
                 f"{format_sek(report.total.budget_year)}")
    return text + ". Samma belopp finns i tabellen Utfall per månad."


def counts_desc(report: CommitteeReport) -> str:
    name = report.period.month_name
    rows = report.keyfigures
    if not rows:
        return "Inga pågående insatser under perioden."
    top = max(rows, key=lambda r: r.average_active[-1])
    return (f"Stapeldiagram över genomsnittligt antal pågående insatser per insatskod i januari och {name}. "
            f"Flest har {top.code} {top.name} ({format_number(top.average_active[-1], 1)} i {name}). "
            f"Alla värden finns i tabellen Nyckeltal.")
