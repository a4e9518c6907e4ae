"""Mapping profiles read registers whose columns are named otherwise; the canonical names still work beside them."""

import pytest
from django.core.management import call_command

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision, MappingProfile

from .helpers import HEADER, write_csv

ROW = "B-1;198703121239;anna.l;6510;Gruppbostad;LSS;1;dygn;3 250;Solgläntan AB;privat;2023-02-20;2023-03-01;;;;;"
PROFILE = {"Personnummer": "Pnr", "Handläggare": "Ansvarig", "Pris": "Dygnspris (kr)"}


def other_layout() -> str:
    return HEADER.replace("Personnummer", "Pnr").replace("Handläggare", "Ansvarig").replace("Pris", "Dygnspris (kr)")


@pytest.mark.django_db
def test_a_file_in_another_layout_is_refused_without_a_profile_and_imported_with_one(tmp_path):
    path = write_csv(tmp_path, ROW, header=other_layout())
    refused = register_import(path, actor=None)
    assert refused.status == "refused"
    assert {e.column for e in refused.errors} == {"Personnummer", "Handläggare", "Pris"}
    imported = register_import(path, actor=None, profile=PROFILE)
    assert imported.status == "imported" and imported.created == 1
    assert str(Decision.objects.get().price) == "3250.00"


@pytest.mark.django_db
def test_errors_name_the_column_as_the_profiled_file_wrote_it(tmp_path):
    path = write_csv(tmp_path, ROW.replace(";3 250;", ";gratis;"), header=other_layout())
    result = register_import(path, actor=None, profile=PROFILE)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "Dygnspris (kr)", "gratis")]


@pytest.mark.django_db
def test_the_import_command_takes_a_stored_profile_by_name(tmp_path, capsys):
    MappingProfile.objects.create(name="gamla-excelmallen", columns=PROFILE)
    path = write_csv(tmp_path, ROW, header=other_layout())
    call_command("import_register", str(path), "--profile", "gamla-excelmallen", "--no-progress")
    assert "1 nya" in capsys.readouterr().out
    assert Decision.objects.count() == 1
