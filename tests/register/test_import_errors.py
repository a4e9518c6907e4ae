"""A file with any invalid row is refused whole; every error names row, column, value and a Swedish message."""

import pytest

from insatskollen.audit.models import AuditEvent
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Client, Decision, DecisionVersion, Provider

from .helpers import EXPECTED, FIXTURES, HEADER, write_csv

GOOD = "B-1;198703121239;anna.l;6510;Gruppbostad;LSS;1;dygn;3 250;Solgläntan AB;privat;2023-02-20;2023-03-01;;;;;"


@pytest.mark.django_db
def test_register_bad_is_refused_with_exactly_its_six_errors_and_nothing_stored():
    result = register_import(FIXTURES / "register_bad.csv", actor=None)
    assert result.status == "refused"
    got = {(e.row, e.column, e.value) for e in result.errors}
    expected = {(e["row"], e["column"], e["value"]) for e in EXPECTED["register_bad"]["errors"]}
    assert got == expected
    assert all(e.message and e.message[0].isupper() for e in result.errors)
    assert Decision.objects.count() == 0 and Client.objects.count() == 0 and Provider.objects.count() == 0
    assert DecisionVersion.objects.count() == 0


@pytest.mark.django_db
def test_a_refused_file_leaves_an_existing_register_unchanged(tmp_path):
    register_import(FIXTURES / "register_small.csv", actor=None)
    before = list(Decision.objects.order_by("id").values())
    result = register_import(FIXTURES / "register_bad.csv", actor=None)
    assert result.status == "refused"
    assert list(Decision.objects.order_by("id").values()) == before
    assert AuditEvent.objects.filter(action="register.import_refused").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column", "value", "message_part"),
    [
        (GOOD.replace("198703121239", "19870312"), "Personnummer", "19870312", "ÅÅÅÅMMDD"),
        (GOOD.replace("198703121239", "198702301236"), "Personnummer", "198702301236", "datum"),
        (GOOD.replace(";LSS;", ";LVU;"), "Lag", "LVU", "LSS, SoL eller LASS"),
        (GOOD.replace(";dygn;", ";timmar;"), "Enhet", "timmar", "Okänd enhet"),
        (GOOD.replace(";3 250;", ";abc;"), "Pris", "abc", "tal"),
        (GOOD.replace(";1;dygn", ";-2;dygn"), "Omfattning", "-2", "negativt"),
        (GOOD.replace("2023-03-01", "2023-02-30"), "Startdatum", "2023-02-30", "finns inte"),
        (GOOD.replace("2023-03-01;", "2023-03-01;2023-01-01"), "Slutdatum", "2023-01-01", "före startdatum"),
        (GOOD.replace(";anna.l;", ";;"), "Handläggare", "", "måste fyllas i"),
        (GOOD[:-5] + ";;150;;;", "IFO-andel %", "150", "mellan 0 och 100"),
        (GOOD.replace(";privat;", ";kommunal;"), "Utförartyp", "kommunal", "egen regi"),
        (GOOD.replace("2023-02-20", "20/2/2023"), "Beslutsdatum", "20/2/2023", "ÅÅÅÅ-MM-DD"),
    ],
)
def test_each_kind_of_row_error(tmp_path, row, column, value, message_part):
    result = register_import(write_csv(tmp_path, row), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, column, value)]
    assert message_part in result.errors[0].message
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_missing_required_column_is_reported_against_the_header_row(tmp_path):
    header = HEADER.replace("Pris;", "")
    row = GOOD.replace(";3 250;", ";")
    result = register_import(write_csv(tmp_path, row, header=header), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column) for e in result.errors] == [(1, "Pris")]
    assert "saknas" in result.errors[0].message


@pytest.mark.django_db
def test_the_same_decision_twice_in_one_file_is_an_error(tmp_path):
    result = register_import(write_csv(tmp_path, GOOD, GOOD), actor=None)
    assert result.status == "refused"
    assert [(e.row, e.column) for e in result.errors] == [(3, "Beslut-id")]


@pytest.mark.django_db
def test_error_column_is_named_as_the_file_wrote_it(tmp_path):
    header = HEADER.replace("Personnummer", "PERSONNUMMER ").replace("Handläggare", "Handlaggare")
    result = register_import(write_csv(tmp_path, GOOD.replace("198703121239", "198703121235"), header=header),
                             actor=None)
    assert [(e.row, e.column) for e in result.errors] == [(2, "PERSONNUMMER")]


@pytest.mark.django_db
def test_empty_rows_are_skipped_and_extra_columns_ignored_but_reported(tmp_path):
    header = HEADER + ";Egen anteckning"
    result = register_import(write_csv(tmp_path, GOOD + ";hej", ";;;;", header=header), actor=None)
    assert result.status == "imported"
    assert result.created == 1
    assert result.ignored_columns == ["Egen anteckning"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [("fil.csv", b"", "tom"), ("fil.csv", b"\x00\x01\x02binary", "varken"),
     ("fil.xlsx", b"PK\x03\x04 not really a zip", "Excelfil"), ("fil.xlsx", b"hello", "Excelfil")],
)
def test_unreadable_files_are_refused_with_a_plain_message(tmp_path, name, content, message_part):
    path = tmp_path / name
    path.write_bytes(content)
    result = register_import(path, actor=None)
    assert result.status == "refused"
    assert message_part in result.errors[0].message
