"""The `report` command writes the committee report as an A4 PDF, an xlsx workbook and an HTML file."""

import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from .report_scenario import FORMULA_PROVIDER, ledger_2025, register_2025, unit_2025  # noqa: F401

A4_POINTS = (595.2756, 841.8898)


def run_report(tmp_path, kind: str, *extra: str, month: str = "2025-05"):
    out = tmp_path / f"rapport.{kind}"
    call_command("report", "--month", month, "--format", kind, "--out", str(out), *extra)
    return out


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.usefixtures("unit_2025")
def test_pdf_is_a4_with_pages(tmp_path):
    pdf = run_report(tmp_path, "pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) >= 2
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all((float(w), float(h)) == pytest.approx(A4_POINTS, abs=0.5) for w, h in boxes)
    assert b"Insatskollen" in pdf  # the creator in the document's information
    assert b"(M\\345nadsrapport maj 2025" in pdf or "Månadsrapport maj 2025".encode("utf-16-be") in pdf


@pytest.mark.usefixtures("unit_2025")
def test_tertial_pdf_is_titled_by_its_tertial(tmp_path):
    pdf = run_report(tmp_path, "pdf", "--tertial", "1", month="2025-12").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"Tertialrapport 1 2025" in pdf or "Tertialrapport 1 2025".encode("utf-16-be") in pdf


def sheets(path):
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


@pytest.mark.usefixtures("unit_2025")
def test_xlsx_has_swedish_sheets_numbers_as_numbers_and_no_formulas(tmp_path):
    path = run_report(tmp_path, "xlsx")
    with zipfile.ZipFile(path) as archive:
        worksheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert worksheets
        for name in worksheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    book = sheets(path)
    assert list(book) == ["Sammanfattning", "Grupper", "Månader", "Nyckeltal", "Förändringar"]
    groups = {row[0]: row for row in book["Grupper"][1:]}
    assert groups["Boende LSS"][1] == 198250.0  # a number, formatted by the sheet, not text
    assert groups["Totalt"][3] == 280250.0
    assert groups["Totalt"][5] == 619750.0
    assert book["Grupper"][0][:6] == ["Grupp", "Kostnad", "Intäkter", "Netto", "Budget t.o.m. månaden", "Avvikelse"]


@pytest.mark.usefixtures("unit_2025")
def test_a_provider_named_like_a_formula_comes_out_as_text(tmp_path):
    path = run_report(tmp_path, "xlsx")
    changes = sheets(path)["Förändringar"]
    header = changes[0]
    new = next(row for row in changes if row[0] == "B-300")
    assert new[header.index("Utförare")] == FORMULA_PROVIDER
    with zipfile.ZipFile(path) as archive:
        shared = archive.read("xl/sharedStrings.xml").decode("utf-8")
    assert "=cmd|" in shared  # kept as a string, never written as a formula


@pytest.mark.usefixtures("unit_2025")
def test_html_is_a_standalone_swedish_page_with_charts_and_tables(tmp_path):
    html = run_report(tmp_path, "html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="sv">' in html
    assert "<title>Månadsrapport maj 2025" in html
    assert html.count("<svg") == 3 and html.count("<desc") == 3
    assert "198\u00a0250\u00a0kr" in html
    assert "B-500" in html and "19870312-****" in html and "198703121239" not in html
    assert "=cmd|&#x27; /C calc&#x27;!A0" in html  # escaped text
    assert "<link" not in html and "<script" not in html  # nothing to fetch: it opens offline


@pytest.mark.usefixtures("register_2025")
def test_the_report_comes_out_without_ledger_and_budget(unit, tmp_path):
    pdf = run_report(tmp_path, "pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and page_count(pdf) >= 1
    assert run_report(tmp_path, "xlsx").stat().st_size > 0
    assert "registrets beräkning" in run_report(tmp_path, "html").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_a_bad_month_is_refused_in_swedish(tmp_path):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("report", "--month", "maj", "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
