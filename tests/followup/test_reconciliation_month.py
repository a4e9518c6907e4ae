"""Reconciling a month from the database: a register made with decision_create, a ledger file imported through
the ledger import; the `reconcile` command's JSON; the page, its drill-down and who may open it."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from insatskollen.followup.selectors import reconcile_month
from insatskollen.ledger.services import ledger_import

LEDGER = """Period;Konto;Verksamhet;Belopp;Motpart;Text;Verifikation
2025-04;4600;6510;90000,00;Solgläntan AB;Gruppbostad april, delfaktura;V-401
2025-05;4600;6510;108250,00;Solgläntan AB;Gruppbostad maj och rest april;V-501
2025-05;4600;6510;1250,00;SOLGLÄNTAN AB ;Tillägg dubbelbemanning;V-502
2025-05;4600;6510;5000,00;Okänd Konsult AB;Utredning;V-503
2025-05;3300;6220;-20000,00;Försäkringskassan;Assistansersättning;V-504
2025-06;4600;6510;97500,00;Solgläntan AB;Gruppbostad juni;V-601
"""


@pytest.fixture
def may(make_decision, client_a, client_b, home_help, tmp_path):
    """May 2025: gruppbostad at Solgläntan (100 750 kr, half of April's rest booked in May, plus an extra
    invoice), hemhjälp at Hemtjänst Norr never booked (17 714,29 kr), a consultant with no decision."""
    from insatskollen.register.models import Provider

    make_decision(client_a, external_id="B-100")  # 1 dygn × 3 250 kr from 2025-02-01
    make_decision(client_b, external_id="B-200", intervention_type=home_help, unit="tim/vecka", extent=Decimal(10),
                  price=Decimal(400), start_date=dt.date(2025, 1, 1),
                  provider=Provider.objects.create(name="Hemtjänst Norr"))
    path = tmp_path / "huvudbok.csv"
    path.write_text(LEDGER, encoding="utf-8")
    assert ledger_import(path, actor=None).status == "imported"


def test_the_month_splits_into_computed_categories_that_add_up(may):
    result = reconcile_month(dt.date(2025, 5, 1))
    assert result.register_cost == Decimal("100750.00") + Decimal("17714.29")
    assert result.ledger_cost == Decimal("114500.00")  # revenue from Försäkringskassan left out
    c = result.categories
    assert (c.timing, c.ledger_without_decision, c.decision_without_ledger, c.price_difference) == (
        Decimal("7500.00"), Decimal("5000.00"), Decimal("-17714.29"), Decimal("1250.00"))
    assert c.total == result.gap == Decimal("-3964.29")
    assert result.data_quality == Decimal("0.9563")
    without_ledger = result.pairs_in("decision_without_ledger")[0].evidence("decision_without_ledger")[1]
    assert [(d.decision, d.client) for d in without_ledger] == [("B-200", "19950704-****")]


def test_reconcile_command_answers_in_json(may):
    out = io.StringIO()
    call_command("reconcile", "--month", "2025-05", "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["month"] == "2025-05"
    assert answer["register_cost"] == 118464.29 and answer["ledger_cost"] == 114500.0
    assert answer["categories"] == {"accrual": 0.0, "timing": 7500.0, "ledger_without_decision": 5000.0,
                                    "decision_without_ledger": -17714.29, "price_difference": 1250.0}
    assert sum(Decimal(str(v)) for v in answer["categories"].values()) == Decimal(str(answer["gap"]))
    assert answer["by_code"]["6115"]["categories"]["decision_without_ledger"] == -17714.29
    assert answer["by_code"]["6510"]["data_quality"] == pytest.approx(109500 / 114500, abs=1e-4)
    assert answer["data_quality"] == 0.9563


def test_reconcile_command_prints_a_swedish_table(may):
    out = io.StringIO()
    call_command("reconcile", "--month", "2025-05", stdout=out)
    text = out.getvalue()
    assert "Tidsförskjutning" in text and "−17\u00a0714\u00a0kr" in text and "95,6 %" in text


def test_a_month_without_anything_has_no_data_quality(db):
    out = io.StringIO()
    call_command("reconcile", "--month", "2031-01", "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["gap"] == 0 and answer["data_quality"] is None and answer["by_code"] == {}


URL = reverse("web:reconciliation")


@pytest.mark.parametrize(("persona", "status"), [("alice", 403), ("hanna", 200), ("carl", 200), ("ada", 200)])
def test_page_is_for_the_controller_the_unit_head_and_admins(request, client, db, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL, {"month": "2025-05"}).status_code == status


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_navigation_offers_reconciliation_to_those_who_may_open_it(client, alice, carl):
    client.force_login(carl)
    assert "Avstämning" in client.get(reverse("web:home")).content.decode()
    client.force_login(alice)
    assert "Avstämning" not in client.get(reverse("web:home")).content.decode()


def test_page_shows_the_month_and_drills_down_to_the_rows(client, carl, may):
    client.force_login(carl)
    page = client.get(URL, {"month": "2025-05"}).content.decode()
    assert "Avstämning 2025-05" in page and "95,6\u00a0%" not in page and "95,6 %" in page
    assert "category=decision_without_ledger&amp;code=6115" in page

    detail = client.get(URL, {"month": "2025-05", "code": "6115", "category": "decision_without_ledger"})
    html = detail.content.decode()
    assert "B-200" in html and "19950704-****" in html and "199507042464" not in html
    assert "Hemtjänst Norr" in html

    detail = client.get(URL, {"month": "2025-05", "category": "ledger_without_decision"}).content.decode()
    assert "Okänd Konsult AB" in detail and "V-503" in detail and "Utredning" in detail
    assert "V-502" not in detail

    timing = client.get(URL, {"month": "2025-05", "code": "6510", "category": "timing"}).content.decode()
    assert "V-501" in timing and "B-100" in timing


def test_a_wrongly_written_month_says_so_and_shows_last_month(client, carl, db):
    client.force_login(carl)
    html = client.get(URL, {"month": "maj"}).content.decode()
    assert "Perioden ska skrivas" in html and 'aria-invalid="true"' in html


def test_page_reads_the_month_in_a_few_queries(client, carl, may, django_assert_max_num_queries):
    client.force_login(carl)
    with django_assert_max_num_queries(10):
        client.get(URL, {"month": "2025-05", "category": "price_difference"})
