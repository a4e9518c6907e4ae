"""An exchange file with another version, an unknown code, a negative count or an unsuppressed small count is
refused whole, with a clear Swedish message, and nothing is stored."""

from __future__ import annotations

import pytest

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.benchmarking.exchange import HEADERS
from insatskollen.benchmarking.models import DistrictFigure
from insatskollen.benchmarking.services import exchange_import

pytestmark = pytest.mark.django_db

GOOD = ["1", "Östermalm", "2025-03", "6510", "Gruppbostad", "12", "372", "1116000.00", "93000.00", "3000.00",
        "973333.33", "973333.33", "50.0", "1100000.00", "", "1100000.00", ""]


def write(tmp_path, *rows) -> str:
    path = tmp_path / "ostermalm.csv"
    path.write_text("\n".join(";".join(r) for r in [HEADERS, *rows]), encoding="utf-8")
    return path


def changed(**cells) -> list[str]:
    row = list(GOOD)
    for header, value in cells.items():
        row[HEADERS.index(header.replace("_", " "))] = value
    return row


def test_a_good_file_is_read(tmp_path, group_home):
    assert exchange_import(path=write(tmp_path, GOOD), actor=None).status == "imported"
    assert DistrictFigure.objects.get().persons == 12


def test_another_version_is_refused_once_for_the_file(tmp_path, group_home):
    result = exchange_import(path=write(tmp_path, changed(Formatversion="2"), changed(Formatversion="2",
                                                                                     Månad="2025-04")), actor=None)
    assert result.status == "refused"
    assert [e.message for e in result.errors] == [(
        "Filen har formatversion 2; Insatskollen läser version 1 av utbytesformatet. Be stadsdelen exportera "
        "filen på nytt med version 1.")]
    assert not DistrictFigure.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.BENCHMARK_IMPORT_REFUSED).count() == 1


def test_an_unknown_code_is_refused(tmp_path, group_home):
    result = exchange_import(path=write(tmp_path, GOOD, changed(Insatskod="9999")), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value) for e in result.errors] == [(3, "Insatskod", "9999")]
    assert result.errors[0].message.startswith("Okänd insatskod 9999")
    assert not DistrictFigure.objects.exists()


def test_a_negative_count_is_refused(tmp_path, group_home):
    result = exchange_import(path=write(tmp_path, changed(Personer="-3")), actor=None)
    assert [(e.column, e.message) for e in result.errors] == [("Personer", "Ett antal kan inte vara negativt.")]


def test_a_small_count_that_was_not_suppressed_is_refused(tmp_path, group_home):
    result = exchange_import(path=write(tmp_path, changed(Personer="3")), actor=None)
    assert result.status == "refused"
    assert "Antal under 5 ska vara undertryckta" in result.errors[0].message


def test_a_suppressed_row_is_stored_as_unknown(tmp_path, group_home):
    row = changed(Personer="<5", Insatsdygn="..", Kostnad="..", Kostnad_per_person="..", Kostnad_per_dygn="..")
    assert exchange_import(path=write(tmp_path, row), actor=None).status == "imported"
    figure = DistrictFigure.objects.get()
    assert (figure.persons, figure.days, figure.cost) == (None, None, None)
