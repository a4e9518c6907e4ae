"""Export writes the canonical format, safe from formula injection; export then import gives the same figures."""

import csv

import pytest
from python_calamine import CalamineWorkbook

from insatskollen.costing.selectors import year_summary
from insatskollen.register.exporting import export_register, neutralise_formula
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Client, Decision, DecisionVersion, InterventionType, Provider

from .helpers import FIXTURES, write_csv

EVIL = ("B-9;198703121239;anna.l;6510;Gruppbostad;LSS;1;dygn;3 250;=HYPERLINK(\"http://x\");privat;"
        "2023-02-20;2023-03-01;;;;;@SUM(A1)")


def _wipe():
    DecisionVersion.objects.all().delete()
    Decision.objects.all().delete()
    Client.objects.all().delete()
    Provider.objects.all().delete()
    InterventionType.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_into_an_empty_register_gives_the_same_figures(tmp_path, suffix):
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    before = year_summary(Decision.objects.all(), 2025, by="insatskod")
    path = tmp_path / f"export{suffix}"
    assert export_register(Decision.objects.all(), path) == 17
    _wipe()
    result = register_import(path, actor=None)
    assert result.status == "imported" and result.created == 17
    after = year_summary(Decision.objects.all(), 2025, by="insatskod")
    assert after.months == before.months and after.by == before.by


@pytest.mark.django_db
def test_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(tmp_path):
    register_import(write_csv(tmp_path, EVIL), actor=None)
    path = tmp_path / "out.csv"
    export_register(Decision.objects.all(), path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[1][9] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][rows[0].index("Kommentar")] == "'@SUM(A1)"


@pytest.mark.django_db
def test_xlsx_export_stores_formula_like_text_as_text_not_formulas(tmp_path):
    register_import(write_csv(tmp_path, EVIL), actor=None)
    path = tmp_path / "out.xlsx"
    export_register(Decision.objects.all(), path)
    import zipfile

    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[1][9] == '=HYPERLINK("http://x")'


def test_neutralise_formula_prefixes():
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("+46") == "'+46"
    assert neutralise_formula("Solgläntan AB") == "Solgläntan AB"
