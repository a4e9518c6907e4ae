"""The import preview tells the truth before anything is saved: which sheet and header row were read, which rows
were skipped and why, which columns were matched, and what the file will cost per code and month; the user can
pick another sheet; workbooks in every office format are accepted; file-level problems read as such."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from insatskollen.core.numbers import format_number
from insatskollen.register.models import Decision, ImportJob
from insatskollen.web.import_totals import file_totals, shown_year

from ..register.helpers import EXPECTED, HEADER
from .conftest import upload

SAVED_NAME = "lo_title_and_total.xlsx"




def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def test_the_preview_shows_sheet_header_row_skipped_total_columns_and_the_files_cost(
        browser_for, hanna, fixtures_dir, inline_imports):
    browser = browser_for(hanna)
    response = upload(browser, fixtures_dir / "saved" / SAVED_NAME)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PREVIEW, job.result.get("errors")
    page = text_of(browser.get(response["Location"] + "?ar=2025").content.decode())
    assert "Så lästes filen" in page and "Blad Register" in page and "Rubrikrad rad 4" in page
    assert "Rubrikraden är rad 4 i bladet ”Register”" in page
    assert "1 rad hoppades över" in page and "23 En summarad (”Summa”) räknas inte som ett beslut." in page
    assert "I Pris Pris" in page  # column I of the file is read as Pris
    assert "Vad filen ger 2025" in page
    january = EXPECTED["register_small"]["months_2025"]["2025-01"]
    # January's cost in whole kronor, as expected.json gives it to the öre, first on the file's cost line.
    assert f"Kostnad {format_number(january['cost'])} ".replace("\u00a0", " ") in page
    assert not Decision.objects.exists()


def test_the_files_cost_per_month_is_the_samples_and_its_codes_add_up(fixtures_dir, db):
    from insatskollen.register.importing.service import register_import

    result = register_import(fixtures_dir / "register_small.xlsx", actor=None, dry_run=True, as_of=None)
    years = {y["year"]: y for y in file_totals(result.file_terms, dt.date(2025, 12, 31))}
    year = years[2025]
    expected = EXPECTED["register_small"]
    for i, month in enumerate(year["months"]):
        for key in ("cost", "revenue", "net"):
            assert float(year[key][i]) == pytest.approx(expected["months_2025"][month][key], abs=0.005), month
    for code in year["codes"]:
        assert float(code["year"]) == pytest.approx(expected["cost_2025_per_insatskod"][code["code"]], abs=0.005)
    shown = shown_year(year)
    for i in range(12):  # whole kronor: each month's codes add up to that month's cost
        assert sum(row["months"][i] for row in shown["rows"]) == shown["cost"][i]
    assert sum(row["year"] for row in shown["rows"]) == shown["total"]["cost"]
    assert shown["total"]["cost"] == Decimal(round(expected["year_2025"]["cost"]))


def two_sheet_workbook(tmp_path):
    book = Workbook()
    book.remove(book.active)
    for title, price in (("Register 2024", 9999), ("Register", 3250)):
        sheet = book.create_sheet(title)
        sheet.append(HEADER.split(";"))
        sheet.append(["B-1", "198703121239", "anna", "6510", "Gruppbostad", "LSS", 1, "dygn", price, "Solgläntan AB",
                      "privat", dt.date(2025, 1, 1), dt.date(2025, 1, 1)])
    path = tmp_path / "tva_blad.xlsx"
    book.save(path)
    return path


def test_the_user_picks_another_sheet_and_the_import_reads_it(browser_for, hanna, tmp_path, inline_imports):
    browser = browser_for(hanna)
    response = upload(browser, two_sheet_workbook(tmp_path))
    job = ImportJob.objects.get()
    assert job.result["sheet"] == "Register" and job.result["sheets"] == ["Register 2024", "Register"]
    page = browser.get(response["Location"]).content.decode()
    assert 'name="sheet"' in page and "Läs ett annat blad" in page

    browser.post(reverse("web:import_sheet", args=[job.pk]), {"sheet": "Register 2024"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW and job.sheet == "Register 2024"
    assert job.result["sheet"] == "Register 2024"
    browser.post(reverse("web:import_commit", args=[job.pk]))
    assert Decision.objects.get().price == 9999


def test_a_sheet_the_workbook_does_not_have_is_not_read(browser_for, hanna, tmp_path, inline_imports):
    browser = browser_for(hanna)
    upload(browser, two_sheet_workbook(tmp_path))
    job = ImportJob.objects.get()
    page = browser.post(reverse("web:import_sheet", args=[job.pk]), {"sheet": "Blad9"}, follow=True)
    assert "Bladet kunde inte väljas" in page.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEW and job.result["sheet"] == "Register"


def test_another_users_job_cannot_be_read_again(browser_for, hanna, ada, tmp_path, inline_imports):
    upload(browser_for(hanna), two_sheet_workbook(tmp_path))
    job = ImportJob.objects.get()
    response = browser_for(ada).post(reverse("web:import_sheet", args=[job.pk]), {"sheet": "Register 2024"})
    assert response.status_code in (403, 404)
    job.refresh_from_db()
    assert job.result["sheet"] == "Register"


@pytest.mark.parametrize("name", ["lo_register.ods", "lo_register.xls", "lo_unicode_text.txt"])
def test_every_office_format_is_accepted_by_the_web_upload(browser_for, hanna, fixtures_dir, inline_imports, name):
    upload(browser_for(hanna), fixtures_dir / "saved" / name)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PREVIEW and job.result["created"] == 17


def test_a_file_level_problem_reads_as_the_whole_file_not_row_0(browser_for, hanna, fixtures_dir, inline_imports):
    browser = browser_for(hanna)
    response = upload(browser, fixtures_dir / "saved" / "merged_header.xlsx")
    page = text_of(browser.get(response["Location"]).content.decode())
    assert "Hela filen" in page and "sammanslagen över kolumn J–K" in page
    assert not re.search(r"\b0 merged_header", page)
