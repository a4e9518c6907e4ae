"""The sample register as office programs really save it (tests/fixtures/saved/, made by LibreOffice 7.4 through
scripts/make_saved_spreadsheets.py): each variant either gives exactly the figures of expected.json, or is refused
with a message that names what is wrong — never a silent wrong figure."""

from __future__ import annotations

import pytest

from insatskollen.costing.selectors import year_summary
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision

from .helpers import EXPECTED, FIXTURES

SAVED = FIXTURES / "saved"
READ_AS_THE_SAMPLE = [
    "lo_register.xls",  # Excel 97
    "lo_register.ods",  # OpenDocument
    "lo_unicode_text.txt",  # "Unicode text": UTF-16 with BOM, tab-separated
    "lo_tab_utf8.tsv",  # tab-separated UTF-8
    "lo_semicolon_cp1252_sv.csv",  # Swedish locale, Windows-1252, decimal comma
    "lo_percent_share.xlsx",  # IFO-andel % as percentage cells: 0,25 shown as 25 %
    "lo_percent_share.ods",  # the same in OpenDocument
    "lo_title_and_total.xlsx",  # two title rows and a blank row above the header, a Summa row below the data
    "lo_serial_dates_kr.xlsx",  # dates as Excel serial numbers, prices written "3 250,00 kr"
]


def assert_the_samples_figures() -> None:
    expected = EXPECTED["register_small"]
    assert Decision.objects.count() == expected["rows"]
    summary = year_summary(Decision.objects.all(), 2025, by="insatskod")
    for month, figures in expected["months_2025"].items():
        got = summary.months[month]
        assert (float(got.cost), float(got.revenue)) == pytest.approx((figures["cost"], figures["revenue"]),
                                                                      abs=0.005), month
    for code, cost in expected["cost_2025_per_insatskod"].items():
        got = summary.by.get(code)  # a code without cost in 2025 has no group
        assert float(got.cost if got else 0) == pytest.approx(cost, abs=0.005), code


@pytest.mark.django_db
@pytest.mark.parametrize("name", READ_AS_THE_SAMPLE)
def test_a_variant_saved_by_an_office_program_gives_the_samples_figures(name):
    result = register_import(SAVED / name, actor=None)
    assert result.status == "imported", result.errors
    assert_the_samples_figures()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["lo_percent_share.xlsx", "lo_percent_share.ods"])
def test_the_percentage_share_is_read_as_25_not_as_a_quarter_percent(name):
    register_import(SAVED / name, actor=None)
    shares = {d.ifo_share_pct for d in Decision.objects.all() if d.ifo_share_pct}
    assert shares == {25}  # the sample's one IFO share, 25 %, never 0,25 %


@pytest.mark.django_db
def test_a_percentage_cell_in_an_xls_which_keeps_no_format_is_refused_not_read_as_a_quarter_percent():
    result = register_import(SAVED / "lo_percent_share.xls", actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = result.errors
    assert (error.column, error.value) == ("IFO-andel %", "0.25")
    assert "0,25 kan betyda både 0,25 % och 25 %" in error.message


@pytest.mark.django_db
def test_the_summary_says_which_sheet_and_header_row_were_read_and_which_total_row_was_skipped():
    result = register_import(SAVED / "lo_title_and_total.xlsx", actor=None, dry_run=True)
    assert result.status == "dry-run"
    assert (result.sheet, result.header_row) == ("Register", 4)
    assert "Rubrikraden är rad 4 i bladet ”Register”" in " ".join(result.notes)
    (skipped,) = result.skipped_rows
    # 3 rows above the header, the header, 17 decisions, a blank row: the total is row 23.
    assert skipped["row"] == 23 and "summarad" in skipped["reason"] and skipped["text"].startswith("Summa")
    assert result.as_dict()["skipped_rows"] == [skipped]


@pytest.mark.django_db
def test_row_numbers_in_errors_are_the_files_rows_below_a_title(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "titled.xlsx"
    book = load_workbook(SAVED / "lo_title_and_total.xlsx")
    book.active.cell(5, 9).value = "tre tusen"  # the first decision (row 5), column I (Pris)
    book.save(path)
    result = register_import(path, actor=None)
    assert result.status == "refused"
    (error,) = result.errors
    assert (error.row, error.column, error.value) == (5, "Pris", "tre tusen")


@pytest.mark.django_db
def test_thousands_separators_from_an_english_locale_are_refused_not_read_as_decimals():
    result = register_import(SAVED / "lo_en_comma_thousands.csv", actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    prices = [e for e in result.errors if e.column == "Pris"]
    assert {e.value for e in prices} >= {"3,250", "18,500"}
    assert all("tusentalsavgränsare" in e.message for e in prices)


@pytest.mark.django_db
def test_a_header_merged_across_two_columns_refuses_the_file_and_says_where():
    result = register_import(SAVED / "merged_header.xlsx", actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = result.errors
    assert error.row == 0 and "”Utförare” på rad 1 i bladet ”Register” är sammanslagen över kolumn J–K" in \
        error.message


@pytest.mark.django_db
def test_a_hidden_old_price_column_refuses_the_file():
    result = register_import(SAVED / "hidden_old_price.xlsx", actor=None)
    assert result.status == "refused" and not Decision.objects.exists()
    (error,) = result.errors
    assert error.column == "Pris" and "kolumn I och J" in error.message and "dold" in error.message


@pytest.mark.django_db
def test_the_command_says_what_it_read_and_words_a_file_level_problem_as_such(capsys):
    from django.core.management import call_command

    call_command("import_register", str(SAVED / "lo_title_and_total.xlsx"), "--dry-run", "--no-progress")
    out = capsys.readouterr().out
    assert "Bladet ”Register” lästes." in out and "Rubrikraden är rad 4" in out
    assert "Rad 23 hoppades över: En summarad (”Summa”)" in out
    with pytest.raises(SystemExit):
        call_command("import_register", str(SAVED / "merged_header.xlsx"), "--no-progress")
    err = capsys.readouterr().err
    assert "  Filen: Rubriken ”Utförare” på rad 1" in err and "rad 0" not in err


@pytest.mark.django_db
def test_the_command_reads_the_sheet_asked_for_and_names_the_sheets_when_it_does_not_exist(tmp_path, capsys):
    from django.core.management import call_command
    from openpyxl import load_workbook

    path = tmp_path / "tva_blad.xlsx"
    book = load_workbook(FIXTURES / "register_small.xlsx")
    book.copy_worksheet(book["Register"]).title = "Kopia"
    book.save(path)
    call_command("import_register", str(path), "--dry-run", "--no-progress", "--sheet", "Kopia")
    assert "Bladet ”Kopia” lästes (kalkylboken har 2 blad: Register, Kopia)." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("import_register", str(path), "--no-progress", "--sheet", "Blad9")
    assert "Kalkylboken har inget blad som heter ”Blad9” (bladen är: Register, Kopia)." in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "renamed"), [("lo_register.xls", "register.xlsx"), ("lo_register.ods", "register.xlsx"),
                                               ("lo_register.xls", "register.csv")])
def test_a_workbook_is_read_by_its_content_not_its_name(tmp_path, name, renamed):
    path = tmp_path / renamed
    path.write_bytes((SAVED / name).read_bytes())
    result = register_import(path, actor=None)
    assert result.status == "imported", result.errors
    assert_the_samples_figures()
