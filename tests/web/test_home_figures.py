"""The start page shows what the register costs this month and this year, per intervention type and caseworker."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.core.numbers import format_sek
from insatskollen.register.importing.service import register_import

MID_JUNE_2025 = dt.datetime(2025, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def expected(fixtures_dir) -> dict:
    return json.loads((fixtures_dir / "expected.json").read_text())["register_small"]


@pytest.fixture
def small_register(db, fixtures_dir):
    result = register_import(fixtures_dir / "register_small.csv", actor=None)
    assert result.status == "imported"


def amounts(cells: str) -> tuple[int, ...]:
    """The whole-kronor amounts of a row's cells, read back as a user reads them."""
    return tuple(int(value.replace("\u00a0", "").replace("\u2212", "-"))
                 for value in re.findall(r'<td class="num">([\d\u00a0\u2212-]+)\u00a0kr</td>', cells))


def test_start_page_shows_the_2025_figures(browser_for, hanna, small_register, expected, time_machine):
    time_machine.move_to(MID_JUNE_2025, tick=False)
    html = browser_for(hanna).get(reverse("web:home")).content.decode()
    june, year = expected["months_2025"]["2025-06"], expected["year_2025"]
    assert "Denna månad (2025-06)" in html
    assert format_sek(june["cost"]) == "587\u00a0297\u00a0kr"
    for figures in (june, year):
        for key in ("cost", "revenue", "net"):
            assert format_sek(figures[key]) in html
    # The month rows are whole kronor that add up to the year shown below them (largest remainder): each within a
    # krona of expected.json's month, cost − revenue = net on every row, and the columns sum to the Summa row.
    rows = {m: amounts(row) for m, row in re.findall(r'<tr><th scope="row">(2025-\d\d)</th>(.*?)</tr>', html)}
    assert list(rows) == list(expected["months_2025"])
    for month, figures in expected["months_2025"].items():
        cost, revenue, net = rows[month]
        assert abs(cost - figures["cost"]) < 1 and abs(net - figures["net"]) < 1, month
        assert cost - revenue == net
    footer = re.search(r'<tfoot><tr><th scope="row">Summa</th>(.*?)</tr></tfoot>', html).group(1)
    assert amounts(footer) == tuple(sum(row[i] for row in rows.values()) for i in range(3))
    assert amounts(footer)[0] == round(year["cost"]) and amounts(footer)[2] == round(year["net"])
    codes = {code: amounts(row) for code, row in
             re.findall(r'<tr><th scope="row">([0-9A-Z]+)</th><td>[^<]*</td>(.*?)</tr>', html)}
    for code, cost in expected["cost_2025_per_insatskod"].items():
        if cost:  # 6165 ended in 2024 and has no row
            assert abs(codes[code][0] - cost) < 1, code
    code_footer = re.search(r'<tfoot><tr><th scope="row" colspan="2">Summa</th>(.*?)</tr></tfoot>', html).group(1)
    assert amounts(code_footer) == amounts(footer)
    assert amounts(code_footer) == tuple(sum(row[i] for row in codes.values()) for i in range(3))
    assert "<dt>Pågående beslut</dt><dd>13</dd>" in html
    assert "<dt>Klienter med pågående beslut</dt><dd>9</dd>" in html
    assert "<dt>Klienter totalt</dt><dd>9</dd>" in html


def test_start_page_has_an_accessible_chart_and_the_help_box(browser_for, hanna, small_register, time_machine):
    time_machine.move_to(MID_JUNE_2025, tick=False)
    html = browser_for(hanna).get(reverse("web:home")).content.decode()
    assert html.count("<h1") == 1
    assert 'role="img" aria-labelledby="monthly-net-title monthly-net-desc"' in html
    assert '<title id="monthly-net-title">Nettokostnad per månad 2025</title>' in html
    assert html.count('class="chart-bar"') == 12
    assert "Så här gör du" in html and "Registrera ett beslut" in html and "Avsluta ett beslut" in html


def test_caseworker_sees_only_own_team(browser_for, alice, hanna, make_decision, client_a, client_b, bob,
                                       time_machine):
    make_decision(client_a, start_date=dt.date(2025, 6, 1), price=100)   # 30 days × 100 kr in June
    make_decision(client_b, start_date=dt.date(2025, 6, 1), price=1000, caseworker=bob)
    time_machine.move_to(MID_JUNE_2025, tick=False)
    alice_page = browser_for(alice).get(reverse("web:home")).content.decode()
    assert "ditt teams klienter" in alice_page
    assert "<dt>Kostnad</dt><dd>3\u00a0000\u00a0kr</dd>" in alice_page
    assert "Bob Berg" not in alice_page
    hanna_page = browser_for(hanna).get(reverse("web:home")).content.decode()
    assert "<dt>Kostnad</dt><dd>33\u00a0000\u00a0kr</dd>" in hanna_page
    assert "Bob Berg" in hanna_page and "Alice Andersson" in hanna_page
