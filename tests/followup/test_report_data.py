"""The committee report's figures: groups add up to the totals, deviation is budget − actual, the largest changes
name the cases behind them, the tertial covers its months, and the register stands in when the ledger is empty."""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.followup.groups import OTHER, group_of
from insatskollen.followup.report import UNALLOCATED, build_report
from insatskollen.followup.texts import summary_lines

from .report_scenario import FORMULA_PROVIDER, MAY, ledger_2025, register_2025, unit_2025  # noqa: F401


def test_codes_map_to_the_report_groups():
    assert group_of("6510") == "Boende LSS"
    assert group_of("LASS") == group_of("6220") == "Personlig assistans"
    assert group_of("6185") == "Hemtjänst och boendestöd"
    assert group_of("TBR") == "Resor"
    assert group_of("9999") == group_of("") == OTHER


def by_name(report):
    return {g.name: g for g in report.groups}


@pytest.mark.usefixtures("unit_2025")
def test_cost_and_revenue_to_date_by_group_come_from_the_ledger():
    report = build_report(MAY)
    groups = by_name(report)
    assert report.source == "ledger"
    assert groups["Boende LSS"].actual.cost == Decimal("198250.00")  # April and May; June is after the report
    assert groups["Personlig assistans"].actual.revenue == Decimal("120000.00")
    assert groups["Personlig assistans"].actual.net == Decimal("40000.00")
    assert groups[OTHER].actual.cost == Decimal("5000.00")  # booked without activity code
    assert report.total.actual.cost == Decimal("400250.00")
    assert report.total.actual.net == Decimal("280250.00")


@pytest.mark.usefixtures("unit_2025")
def test_groups_add_up_to_the_totals():
    report = build_report(MAY)
    for attribute in ("cost", "revenue", "net"):
        assert sum(getattr(g.actual, attribute) for g in report.groups) == getattr(report.total.actual, attribute)
        assert sum(getattr(g.register_year, attribute) for g in report.groups) == \
            getattr(report.total.register_year, attribute)
    budgets = [g.budget_to_date for g in report.groups if g.budget_to_date is not None]
    assert sum(budgets) + report.unallocated.budget_to_date == report.total.budget_to_date
    assert sum(m.actual.net for m in report.period_months) == report.total.actual.net


@pytest.mark.usefixtures("unit_2025")
def test_budget_to_date_and_deviation_is_budget_minus_actual():
    report = build_report(MAY)
    groups = by_name(report)
    boende = groups["Boende LSS"]
    assert boende.budget_to_date == Decimal("500000.00")  # 1 200 000 spread evenly, five months
    assert boende.budget_year == Decimal("1200000.00")
    assert boende.deviation == Decimal("500000.00") - Decimal("198250.00")
    assert groups["Daglig verksamhet"].budget_to_date is None  # no budget line: no deviation invented
    assert groups["Daglig verksamhet"].deviation is None
    assert report.unallocated.name == UNALLOCATED and report.unallocated.budget_to_date == Decimal("50000.00")
    assert report.total.budget_to_date == Decimal("900000.00")
    assert report.total.budget_year == Decimal("2160000.00")
    assert report.total.deviation == report.total.budget_to_date - report.total.actual.net == Decimal("619750.00")
    months = report.period_months
    assert months[-1].accumulated_budget == Decimal("900000.00")
    assert months[-1].accumulated_actual == report.total.actual.net


@pytest.mark.usefixtures("unit_2025")
def test_the_register_gives_cost_to_date_and_the_full_year_at_its_known_decisions():
    report = build_report(MAY)
    boende = by_name(report)["Boende LSS"]
    assert boende.register_to_date.cost == Decimal(3250) * (28 + 31 + 30 + 31)  # February to May
    assert boende.register_year.cost == Decimal(3250) * 334  # 2025-02-01 to 2025-12-31


@pytest.mark.usefixtures("unit_2025")
def test_largest_changes_name_the_cases_and_what_happened():
    changes = build_report(MAY).changes
    rows = {row.decision_label: row for row in changes.rows}
    assert list(rows)[:3] == ["B-500", "B-300", "B-400"]  # by size of the change
    assistance = rows["B-500"]
    assert assistance.kind == "changed"
    assert assistance.previous == Decimal("128571.43")  # April as known at the end of April: 100 h/week
    # May as known now: 100 h/week until the 9th, 120 from the 10th (9 and 22 days).
    assert assistance.current == (Decimal(100 * 9 + 120 * 22) * 300 / 7).quantize(Decimal("0.01"))
    assert assistance.what == "Omfattning 100 tim/vecka → 120 tim/vecka från 2025-05-10"
    assert assistance.masked_personal_number == "19870312-****"
    new = rows["B-300"]
    assert (new.kind, new.delta, new.what) == ("new", Decimal("20000.00"), "Nytt beslut från 2025-05-01")
    assert new.provider == FORMULA_PROVIDER
    ended = rows["B-400"]
    assert (ended.kind, ended.delta, ended.what) == ("ended", Decimal("-10000.00"), "Avslutat 2025-04-30")
    assert ended.masked_personal_number == "19950704-****"
    assert "B-100" not in rows and "B-200" not in rows  # nothing happened, only more days in May


@pytest.mark.usefixtures("unit_2025")
def test_change_summary_adds_up_to_the_change_of_the_registers_monthly_cost():
    report = build_report(MAY)
    changes = report.changes
    kinds = {row.kind: row for row in changes.summary}
    assert (kinds["new"].count, kinds["ended"].count, kinds["changed"].count, kinds["calendar"].count) == (1, 1, 1, 2)
    # One more day of the group home and of 571,43 kr's decision; the totals are the month's figures rounded once,
    # so the rows' own öre roundings land here too (at most an öre per row).
    assert abs(kinds["calendar"].delta - (Decimal("3250.00") + Decimal("571.43"))) <= Decimal("0.02")
    assert changes.current_total == report.months[4].register.cost  # the register's May, the same figure
    assert sum(row.delta for row in changes.summary) == changes.total == changes.current_total - changes.previous_total


@pytest.mark.usefixtures("unit_2025")
def test_tertial_1_covers_january_to_april():
    report = build_report(dt.date(2025, 6, 1), tertial=1)
    assert report.title == "Tertialrapport 1 2025"
    assert report.period.labels == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert report.period.span_text == "januari–april 2025"
    assert report.total.actual.cost == Decimal("97500.00")  # only April's booking
    assert report.total.budget_to_date == Decimal("720000.00")
    assert all(len(k.average_active) == 4 for k in report.keyfigures)
    assert report.changes.month == dt.date(2025, 4, 1)


@pytest.mark.usefixtures("unit_2025")
def test_tertial_2_covers_january_to_august():
    report = build_report(dt.date(2025, 8, 1), tertial=2)
    assert report.title == "Tertialrapport 2 2025"
    assert report.period.labels[-1] == "2025-08" and len(report.period.labels) == 8


@pytest.mark.usefixtures("unit_2025")
def test_actuals_are_compared_with_the_budget_only_for_months_the_ledger_has():
    report = build_report(dt.date(2025, 7, 1))  # the ledger ends in June
    assert report.compared_through == "2025-06"
    assert report.total.budget_to_date == Decimal("1080000.00")  # six months, not seven
    assert report.months[6].actual is None
    assert any("t.o.m. 2025-06" in note for note in report.notes)


@pytest.mark.usefixtures("unit_2025")
def test_key_figures_count_per_code_for_the_months_to_date():
    figures = {k.code: k for k in build_report(MAY).keyfigures}
    assert figures["6510"].average_active == [0.0, 1.0, 1.0, 1.0, 1.0]
    assert figures["6185"].average_active[-1] == 0.0 and figures["6185"].average_active[0] == 1.0
    assert figures["6330"].clients == 1


@pytest.mark.usefixtures("register_2025")
def test_without_ledger_the_register_stands_in_and_the_report_says_so(unit):
    report = build_report(MAY)
    assert report.source == "register"
    assert report.total.actual == report.total.register_to_date
    assert report.total.budget_to_date is None and report.total.deviation is None
    assert any("inga bokningar" in note for note in report.notes)
    assert any("Ingen budget" in note for note in report.notes)
    assert "registrets beräkning" in summary_lines(report)[0]


@pytest.mark.django_db
def test_an_empty_database_still_gives_a_report():
    report = build_report(MAY)
    assert report.groups == [] and report.changes.rows == [] and report.keyfigures == []
    assert report.total.actual.net == 0
