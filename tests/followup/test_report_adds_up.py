"""The committee report as shown adds up: every column of whole kronor to its total row, cost − revenue = net on
every row, and the summary's sentences to the tables they summarise (read back from the words)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from insatskollen.followup.render_html import render_report_html
from insatskollen.followup.report import build_report
from insatskollen.followup.shown import in_kronor
from insatskollen.followup.texts import summary_lines

from .report_scenario import MAY, ledger_2025, register_2025, unit_2025  # noqa: F401

pytestmark = pytest.mark.usefixtures("unit_2025")


def whole(value) -> bool:
    return value is None or Decimal(value) == Decimal(value).to_integral_value()


def test_every_group_column_adds_up_to_the_total_row():
    report = in_kronor(build_report(MAY))
    rows = report.groups + ([report.unallocated] if report.unallocated else [])
    for column in ("actual", "register_to_date", "register_year"):
        total = getattr(report.total, column)
        for measure in ("cost", "revenue", "net"):
            assert sum(getattr(getattr(r, column), measure) for r in rows) == getattr(total, measure), column
        for row in rows + [report.total]:
            figures = getattr(row, column)
            assert figures.cost - figures.revenue == figures.net and whole(figures.cost) and whole(figures.net)
    for column in ("budget_to_date", "budget_year"):
        values = [getattr(r, column) for r in rows if getattr(r, column) is not None]
        assert sum(values) == getattr(report.total, column), column
    # A deviation is the shown budget − the shown net, on every row that has a budget.
    for row in rows + [report.total]:
        if row.budget_to_date is not None:
            assert row.deviation == row.budget_to_date - row.actual.net


def test_the_shown_totals_are_the_registers_figures_rounded_once():
    raw = build_report(MAY)
    shown = in_kronor(raw)
    assert shown.total.register_year.net == raw.total.register_year.net.quantize(Decimal(1))
    assert shown.total.register_year.cost == raw.total.register_year.cost.quantize(Decimal(1))


def test_the_months_add_up_and_accumulate_to_the_total():
    report = in_kronor(build_report(MAY))
    with_actual = [m for m in report.months if m.actual is not None]
    assert sum(m.actual.net for m in with_actual) == report.total.actual.net
    assert with_actual[-1].accumulated_actual == report.total.actual.net
    assert sum(m.register.net for m in report.months) == report.total.register_year.net
    budgets = [m.budget for m in report.months]
    assert sum(budgets) == report.total.budget_year and report.months[-1].accumulated_budget == sum(budgets)


def sek_values(text: str) -> list[Decimal]:
    """Every amount written "+1 234 kr" / "−1 234 kr" / "1 234 kr" in a sentence, as a number."""
    found = re.findall(r"([+\u2212-]?)(\d{1,3}(?:\u00a0\d{3})*)\u00a0kr", text)
    return [Decimal(digits.replace("\u00a0", "")) * (-1 if sign in ("\u2212", "-") else 1) for sign, digits in found]


def test_the_change_sentence_adds_up_to_the_change_it_explains():
    report = in_kronor(build_report(MAY))
    sentence = next(line for line in summary_lines(report) if line.startswith("Registrets månadskostnad för maj"))
    change, *parts = sek_values(sentence)
    direction = -1 if "lägre än" in sentence else 1
    assert direction * change == report.changes.total
    assert sum(parts) == report.changes.total, sentence
    assert "fler eller färre dagar i månaden" in sentence


def test_the_first_sentences_say_the_figures_of_the_tables():
    report = in_kronor(build_report(MAY))
    first = summary_lines(report)[0]
    net, cost, revenue = sek_values(first)
    assert (net, cost, revenue) == (report.total.actual.net, report.total.actual.cost, report.total.actual.revenue)


def test_the_html_tables_add_up_as_printed():
    html = render_report_html(in_kronor(build_report(MAY)))
    body = re.search(r"<tbody>(.*?)</tbody>\s*<tfoot>(.*?)</tfoot>", html, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    footer = body.group(2)

    def numbers(cells: str) -> list[Decimal]:
        return [Decimal(v.replace("\u00a0", "").replace("\u2212", "-"))
                for v in re.findall(r'<td class="num[^"]*">[+]?([\u2212-]?[\d\u00a0]+)\u00a0kr</td>', cells)]

    printed = [numbers(r) for r in rows if len(numbers(r)) >= 3]
    assert len(printed) >= 3, "the first table's rows with cost, revenue and net"
    for column in range(3):
        assert sum(r[column] for r in printed) == numbers(footer)[column]
