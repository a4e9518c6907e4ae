"""Re-importing the same file changes nothing; a changed row updates its decision and records history."""

import pytest
from django.utils import timezone

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision, DecisionVersion

from .helpers import FIXTURES, write_csv

ROW = "B-1;198703121239;anna.l;6510;Gruppbostad;LSS;1;dygn;3 250;Solgläntan AB;privat;2023-02-20;2023-03-01;;;;;"
KEYLESS = ";199507042464;bo.k;6330;Daglig verksamhet;LSS;1;månad;18 500;Verkstan AB;LOV;2025-01-28;2025-02-10;;;;;"


@pytest.mark.django_db
@pytest.mark.parametrize("second", ["register_small.xlsx", "register_small.csv", "register_small_cp1252.csv"])
def test_importing_the_same_register_twice_changes_nothing(second):
    register_import(FIXTURES / "register_small.xlsx", actor=None)
    versions = DecisionVersion.objects.count()
    result = register_import(FIXTURES / second, actor=None)
    assert (result.status, result.created, result.updated, result.unchanged) == ("imported", 0, 0, 17)
    assert DecisionVersion.objects.count() == versions


@pytest.mark.django_db
def test_a_changed_row_updates_its_decision_and_records_before_and_after(tmp_path):
    register_import(write_csv(tmp_path, ROW), actor=None)
    changed = ROW.replace(";3 250;", ";3 400;").replace("2023-03-01;;", "2023-03-01;2027-12-31;")
    result = register_import(write_csv(tmp_path, changed, name="v2.csv"), actor=None)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    decision = Decision.objects.get(external_id="B-1")
    assert str(decision.price) == "3400.00" and str(decision.end_date) == "2027-12-31"
    latest = decision.versions.order_by("-number").first()
    assert latest.number == 2 and latest.source == "import"
    assert latest.changes == {"price": ["3250", "3400"], "end_date": [None, "2027-12-31"]}
    assert latest.valid_from == timezone.localdate()  # no Gäller från: from the day of the import


@pytest.mark.django_db
def test_dry_run_shows_what_would_change_and_stores_nothing(tmp_path):
    register_import(write_csv(tmp_path, ROW), actor=None)
    changed = ROW.replace(";1;dygn;", ";2;dygn;")
    result = register_import(write_csv(tmp_path, changed, KEYLESS, name="v2.csv"), actor=None, dry_run=True)
    assert (result.status, result.created, result.updated) == ("dry-run", 1, 1)
    assert result.changes[0]["changes"] == {"extent": ["1", "2"]}
    assert Decision.objects.count() == 1
    assert str(Decision.objects.get().extent) == "1.0000"


@pytest.mark.django_db
def test_rows_without_beslut_id_are_keyed_by_client_code_start_and_provider(tmp_path):
    register_import(write_csv(tmp_path, KEYLESS), actor=None)
    again = register_import(write_csv(tmp_path, KEYLESS.replace(";18 500;", ";19 000;"), name="v2.csv"), actor=None)
    assert (again.created, again.updated) == (0, 1)
    other_start = register_import(write_csv(tmp_path, KEYLESS.replace("2025-02-10", "2025-03-01"), name="v3.csv"),
                                  actor=None)
    assert other_start.created == 1
    assert Decision.objects.count() == 2


@pytest.mark.django_db
def test_new_reference_data_is_created_and_listed(tmp_path):
    result = register_import(write_csv(tmp_path, ROW), actor=None)
    assert result.new["caseworkers"] == ["anna.l"]
    assert result.new["providers"] == ["Solgläntan AB"]
    assert result.new["intervention_types"] == ["6510"]
    assert result.new["clients"] == ["19870312-****"]
    again = register_import(write_csv(tmp_path, ROW, name="again.csv"), actor=None)
    assert all(not names for names in again.new.values())
