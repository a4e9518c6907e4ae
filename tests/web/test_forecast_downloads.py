"""Downloading the forecast pages as xlsx and CSV: who may, that the files hold the pages' figures (hand-computed
here), that a text cell can never become a formula, and that every download is written to the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.core.numbers import format_number, format_sek

from ..forecasting.history_data import (
    ACTUAL,
    AMOUNTS_2024,
    BUDGET,
    COMMITMENT,
    EVIL,
    NEW_PRICE,
    PRICE,
    RUN_RATE,
)

pytestmark = pytest.mark.django_db

FORECAST = ("web:forecast_download", {"year": "2025", "as_of": "2025-08-31"})
BRIDGE = ("web:forecast_bridge_download", {"from": "2025-07-31", "to": "2025-08-31", "metod": "commitment"})
BACKTEST = ("web:forecast_backtest_download", {"year": "2024"})
DOWNLOADS = {"forecast": FORECAST, "bridge": BRIDGE, "backtest": BACKTEST}


@pytest.fixture(autouse=True)
def pinned(mid_september):
    """Every test reads the unit on 15 September 2025."""


def download(browser, which: str, kind: str):
    name, query = DOWNLOADS[which]
    return browser.get(reverse(name, args=[kind]), query)


def workbook(response):
    return load_workbook(io.BytesIO(response.content))


def rows_of(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def table_after(sheet, first_header: str) -> list[dict]:
    """The rows under the header row that starts with `first_header`, as dicts, up to the first empty row."""
    rows = rows_of(sheet)
    start = next(i for i, row in enumerate(rows) if row[0] == first_header)
    headers = rows[start]
    result = []
    for row in rows[start + 1:]:
        if all(v is None for v in row):
            break
        result.append(dict(zip(headers, row)))
    return result


def facts(sheet) -> dict:
    return {row[0]: row[1] for row in rows_of(sheet) if row[0] is not None and row[1] is not None}


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def kronor(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def forecast_page(browser) -> str:
    return browser.get(reverse("web:forecast"), FORECAST[1]).content.decode()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("which", list(DOWNLOADS))
def test_a_caseworker_is_refused_and_the_anonymous_sent_to_login(client, browser_for, alice, which, kind):
    name, query = DOWNLOADS[which]
    url = reverse(name, args=[kind])
    assert reverse("web:login") in client.get(url, query)["Location"]
    assert browser_for(alice).get(url, query).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED).exists()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("which", list(DOWNLOADS))
@pytest.mark.parametrize("persona", ["carl", "hanna", "ada"])
def test_controller_unit_head_and_admin_download_each_file_and_it_is_audited(request, browser_for, history, persona,
                                                                             which, kind):
    user = request.getfixturevalue(persona)
    response = download(browser_for(user), which, kind)

    assert response.status_code == 200
    stem = {"forecast": "prognos-2025-per-2025-08-31", "bridge": "prognosbrygga-2025-07-31-2025-08-31",
            "backtest": "traffsakerhet-2024"}[which]
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{kind}"'
    if kind == "xlsx":
        assert workbook(response).sheetnames
    else:
        assert response["Content-Type"] == "text/csv; charset=utf-8" and read_csv(response)
    event = AuditEvent.objects.get(action=AuditAction.DOCUMENT_EXPORTED)
    assert (event.actor, event.detail["format"]) == (user, kind)
    assert event.object_type == {"forecast": "forecast", "bridge": "forecast_bridge",
                                 "backtest": "forecast_backtest"}[which]


def test_the_pages_offer_their_downloads(browser_for, carl, history):
    browser = browser_for(carl)
    for page_name, (download_name, query) in [("web:forecast", FORECAST), ("web:forecast_bridge", BRIDGE),
                                              ("web:forecast_backtest", BACKTEST)]:
        page = browser.get(reverse(page_name), query).content.decode()
        for kind in ("xlsx", "csv"):
            link = reverse(download_name, args=[kind]) + "?" + "&amp;".join(f"{k}={v}" for k, v in query.items())
            assert f'href="{link}"' in page, (page_name, kind)


def test_the_forecast_workbook_holds_the_figures_of_the_page(browser_for, carl, history):
    browser = browser_for(carl)
    book = workbook(download(browser, "forecast", "xlsx"))
    page = forecast_page(browser)

    assert book.sheetnames == ["Prognos", "Träffsäkerhet", "Brygga"]
    sheet = book["Prognos"]
    top = facts(sheet)
    assert top["År"] == 2025 and top["Prognos per"] == dt.datetime(2025, 8, 31)
    assert (top["Nettobudget"], top["Utfall hittills, kostnad"], top["Utfall hittills, netto"]) == (BUDGET, ACTUAL,
                                                                                                      ACTUAL)
    methods = {row["Metod"]: row for row in table_after(sheet, "Metod")}
    assert methods["Linjär prognos"]["Förväntat netto"] == RUN_RATE
    assert methods["Linjär prognos"]["Avvikelse mot budget"] == BUDGET - RUN_RATE
    assert methods["Åtagandeprognos"]["Förväntat netto"] == COMMITMENT
    assert methods["Åtagandeprognos"]["Avvikelse mot budget"] == BUDGET - COMMITMENT
    # Every method's figures are the page's, in whole kronor; the one marked is the one the page recommends.
    for row in methods.values():
        for column in ("Förväntad kostnad", "Förväntat netto"):
            assert format_sek(row[column]) in page
    marked = [name for name, row in methods.items() if row["Rekommenderad"] == "ja"]
    assert len(marked) == 1 and f"{marked[0]} <strong>(rekommenderad)</strong>" in page
    assert top["Rekommenderad metod"] == marked[0]
    assert top["Förväntat netto helår"] == methods[marked[0]]["Förväntat netto"]
    low, high = top["Intervall 80 %, lägst"], top["Intervall 80 %, högst"]
    assert low < top["Förväntat netto helår"] < high
    assert f"mellan {format_sek(low)} och {format_sek(high)}" in page
    # Amounts show as whole kronor with "kr", the date is a date.
    cells = {row[0].value: row[1] for row in sheet.iter_rows(max_col=2) if row[0].value}
    assert all(cells[label].number_format == '#,##0 "kr"' for label in ("Nettobudget", "Utfall hittills, netto",
                                                                          "Förväntat netto helår"))
    assert cells["Prognos per"].is_date and cells["Prognos per"].number_format == "yyyy-mm-dd"


def test_the_evidence_sheet_lists_each_methods_past_errors_and_their_mean(browser_for, carl, history):
    browser = browser_for(carl)
    book = workbook(download(browser, "forecast", "xlsx"))
    page = forecast_page(browser)
    rows = {row["Metod"]: row for row in table_after(book["Träffsäkerhet"], "Metod")}

    # The only earlier complete year is 2024: the run rate as of 31 August 2024 was 8 months' actuals × 12 / 8.
    actual_2024 = sum(AMOUNTS_2024.values())
    run_rate_2024 = sum(AMOUNTS_2024[m] for m in range(1, 9)) / 8 * 12
    assert rows["Linjär prognos"]["Fel 1, %"] == round((run_rate_2024 - actual_2024) / actual_2024 * 100, 2)
    assert "Träffsäkerhet i slutet av augusti 2024" in [r[0] for r in rows_of(book["Träffsäkerhet"])]
    for row in rows.values():
        errors = [v for k, v in row.items() if k.startswith("Fel ") and k != "Fel förr (MAPE), %" and v is not None]
        assert row["Antal prövningar"] == len(errors)
        if errors:
            mape = row["Fel förr (MAPE), %"]
            assert mape == pytest.approx(sum(abs(e) for e in errors) / len(errors), abs=0.005)
            assert f"{format_number(mape, 1)} %" in page


def test_the_bridge_sheet_steps_from_one_forecast_to_the_next_down_to_the_cases(browser_for, carl, history):
    browser = browser_for(carl)
    book = workbook(download(browser, "bridge", "xlsx"))  # the commitment's bridge: the register's cases
    rows = table_after(book["Brygga"], "Rad")

    drivers = {r["Orsak"]: r["Belopp"] for r in rows if r["Rad"] == "Orsak"}
    assert drivers["Nya beslut"] == 122 * NEW_PRICE
    assert drivers["Ändrad omfattning"] == 122 * PRICE
    # August's ledger (100 000) against what the July register expected for it (31 days of one place).
    assert drivers["Utfall annat än väntat"] == 100000 - 31 * PRICE
    cases = {(r["Orsak"], r["Beslut"], r["Klient"]): r["Belopp"] for r in rows if r["Rad"] == "Beslut"}
    assert cases == {("Nya beslut", EVIL, "19950704-****"): 122 * NEW_PRICE,
                     ("Ändrad omfattning", "BES-1", "19870312-****"): 122 * PRICE}
    start, end = [r["Belopp"] for r in rows if r["Rad"] == "Prognos"]
    assert start + sum(drivers.values()) == pytest.approx(end, abs=0.005)
    methods = {r["Metod"]: r for r in table_after(workbook(download(browser, "forecast", "xlsx"))["Prognos"], "Metod")}
    assert end == pytest.approx(float(COMMITMENT), abs=0.005) and methods


def test_the_forecast_csv_has_one_row_per_method_with_the_workbooks_figures(browser_for, carl, history):
    browser = browser_for(carl)
    rows = {row["Metodnyckel"]: row for row in read_csv(download(browser, "forecast", "csv"))}
    methods = {row["Metod"]: row for row in table_after(workbook(download(browser, "forecast", "xlsx"))["Prognos"],
                                                         "Metod")}

    assert kronor(rows["run_rate"]["Förväntat netto"]) == RUN_RATE
    assert kronor(rows["commitment"]["Förväntat netto"]) == COMMITMENT
    assert kronor(rows["commitment"]["Avvikelse mot budget"]) == BUDGET - COMMITMENT
    for row in rows.values():
        assert (row["År"], row["Prognos per"]) == ("2025", "2025-08-31")
        assert kronor(row["Nettobudget"]) == BUDGET and kronor(row["Utfall hittills netto"]) == ACTUAL
        assert kronor(row["Förväntat netto"]) == Decimal(str(methods[row["Metod"]]["Förväntat netto"]))
    marked = [row for row in rows.values() if row["Rekommenderad"] == "ja"]
    assert len(marked) == 1 and marked[0]["Intervall 80 % lägst"] and marked[0]["Intervall 80 % högst"]


def test_the_bridge_csv_adds_up_like_the_page(browser_for, carl, history):
    browser = browser_for(carl)
    rows = read_csv(download(browser, "bridge", "csv"))
    page = browser.get(reverse("web:forecast_bridge"), BRIDGE[1]).content.decode()

    start, end = [kronor(r["Belopp"]) for r in rows if r["Rad"] == "Prognos"]
    drivers = {r["Orsak"]: kronor(r["Belopp"]) for r in rows if r["Rad"] == "Orsak"}
    assert start + sum(drivers.values()) == end
    assert format_sek(start) in page and format_sek(end) in page
    assert drivers["Ändrad omfattning"] == 122 * PRICE and drivers["Nya beslut"] == 122 * NEW_PRICE
    by_driver = {}
    for r in rows:
        if r["Rad"] == "Beslut":
            by_driver[r["Orsak"]] = by_driver.get(r["Orsak"], 0) + kronor(r["Belopp"])
    assert by_driver == {"Nya beslut": 122 * NEW_PRICE, "Ändrad omfattning": 122 * PRICE}


def test_the_backtest_files_hold_each_methods_error_as_the_page(browser_for, carl, history):
    browser = browser_for(carl)
    amounts = AMOUNTS_2024
    actual = sum(amounts.values())
    run_rate = {k: sum(amounts[m] for m in range(1, k + 1)) / k * 12 for k in range(1, 12)}
    errors = {k: round((run_rate[k] - actual) / actual * 100, 2) for k in run_rate}

    book = workbook(download(browser, "backtest", "xlsx"))
    months = table_after(book["Träffsäkerhet"], "Prognos per")
    assert [r["Prognos per"] for r in months] == [dt.datetime(2024, k + 1, 1) - dt.timedelta(days=1)
                                                   for k in range(1, 12)]
    assert [r["Linjär prognos: prognos"] for r in months] == [run_rate[k] for k in range(1, 12)]
    assert [r["Linjär prognos: fel, %"] for r in months] == [errors[k] for k in range(1, 12)]
    summary = {r["Metod"]: r for r in table_after(book["Metoder"], "Metod")}
    mape = sum(abs(e) for e in errors.values()) / len(errors)
    assert summary["Linjär prognos"]["MAPE (genomsnittligt absolut fel), %"] == pytest.approx(mape, abs=0.005)

    rows = read_csv(download(browser, "backtest", "csv"))
    assert [kronor(r["Linjär prognos: fel, %"]) for r in rows] == [Decimal(str(errors[k])) for k in range(1, 12)]
    page = browser.get(reverse("web:forecast_backtest"), BACKTEST[1]).content.decode()
    assert f"{format_number(mape, 1)} %" in page


def test_a_beslut_id_that_looks_like_a_formula_stays_text(browser_for, carl, history):
    browser = browser_for(carl)
    for which in ("bridge",):
        book = workbook(download(browser, which, "xlsx"))
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        evil = [cell for cell in cells if cell.value == EVIL]
        assert evil and all(cell.data_type == "s" for cell in evil)
    rows = read_csv(download(browser, "bridge", "csv"))
    assert [r["Beslut"] for r in rows if r["Rad"] == "Beslut" and r["Orsak"] == "Nya beslut"] == ["'" + EVIL]
    assert not any(value.startswith(("=", "+", "@")) for r in rows for value in r.values())


def test_a_bad_date_is_refused_in_swedish_and_an_unknown_format_is_not_found(browser_for, carl, history):
    browser = browser_for(carl)
    bad = browser.get(reverse("web:forecast_download", args=["csv"]), {"year": "2025", "as_of": "31 augusti"})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.content.decode()
    assert browser.get(reverse("web:forecast_download", args=["pdf"]), FORECAST[1]).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED).exists()
