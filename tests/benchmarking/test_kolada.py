"""Kolada: saved API answers (v2 and v3 shapes) parsed and imported, a file that is not Kolada's refused, the
unit's own figure computed the Kolada way, and a clear message when Kolada cannot be reached."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from insatskollen.benchmarking.fetching import KoladaOffline, data_url, fetch
from insatskollen.benchmarking.kolada import NotKolada, own_cost_per_user, parse_answer
from insatskollen.benchmarking.models import KoladaMunicipality, KoladaValue

KOLADA = "kolada"


def test_v2_and_v3_answers_are_read(fixtures_dir):
    v2 = parse_answer((fixtures_dir / KOLADA / "v2_data_N28013_2023.json").read_bytes())
    assert [(v.municipality, v.gender, v.value) for v in v2.values] == [
        ("0180", "T", Decimal("1198342.0")), ("1480", "T", Decimal("1104215.0")), ("1280", "T", None)]
    v3 = parse_answer((fixtures_dir / KOLADA / "v3_data_N28015_2023.json").read_bytes())
    assert [(v.kpi, v.municipality, v.year, v.gender) for v in v3.values][:3] == [
        ("N28015", "0180", 2023, "K"), ("N28015", "0180", 2023, "M"), ("N28015", "0180", 2023, "T")]
    groups = parse_answer((fixtures_dir / KOLADA / "v2_municipality_groups.json").read_bytes())
    assert groups.groups["G124026"] == ("Storstäder (Kommungrupp 2023)", ["0180", "1480", "1280"])


@pytest.mark.parametrize("name", ["not_kolada.json", "list.json"])
def test_a_file_that_is_not_kolada_is_refused(fixtures_dir, name):
    with pytest.raises(NotKolada, match="Filen är inte ett svar från Koladas API"):
        parse_answer((fixtures_dir / KOLADA / name).read_bytes())


def test_text_that_is_not_json_is_refused():
    with pytest.raises(NotKolada, match="går inte att läsa som JSON"):
        parse_answer("Kommun;Värde\n0180;12\n".encode())


@pytest.mark.django_db
def test_the_command_imports_values_and_peers(fixtures_dir):
    folder = fixtures_dir / KOLADA
    call_command("import_kolada", str(folder / "v2_municipality_groups.json"), str(folder / "v2_data_N28013_2023.json"),
                 "--peers", "G124026")
    assert KoladaValue.objects.filter(kpi="N28013", year=2023).count() == 3
    assert set(KoladaMunicipality.objects.filter(peer=True).values_list("name", flat=True)) == {
        "Stockholm", "Göteborg", "Malmö"}
    with pytest.raises(CommandError, match="inte ett svar från Koladas API"):
        call_command("import_kolada", str(folder / "not_kolada.json"))


def test_own_cost_per_user_is_counted_on_1_october():
    def row(client, start, end, price):
        return {"code": "6510", "client_id": client, "start": start, "end": end, "unit": "dygn",
                "extent": Decimal(1), "price": Decimal(price), "ifo_share_pct": None, "revenue_per_unit": None}

    rows = [row(1, dt.date(2023, 1, 1), None, 3000),  # the whole year: 365 × 3 000 = 1 095 000
            row(2, dt.date(2023, 1, 1), dt.date(2023, 6, 30), 2000),  # ended before 1 Oct: 181 × 2 000 = 362 000
            row(3, dt.date(2023, 10, 1), None, 2000)]  # from 1 Oct: 92 × 2 000 = 184 000
    figure = own_cost_per_user(rows, 2023, "N28013")
    assert figure.cost == Decimal("1641000.00") and figure.users == 2
    assert figure.per_user == Decimal(820500)


def test_offline_says_so_in_swedish():
    url = data_url("http://127.0.0.1:9/v2", ["N28013"], ["0180"], [2023])
    assert url == "http://127.0.0.1:9/v2/data/kpi/N28013/municipality/0180/year/2023"
    with pytest.raises(KoladaOffline, match="Kolada kunde inte nås"):
        fetch(url, timeout=2)
