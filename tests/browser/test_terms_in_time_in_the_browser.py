"""Tried as each user would, in a real browser: a caseworker changes a price from a date and sees the months before
saving; a form opened before someone else's change is refused with what changed and the input kept; the controller
closes a month; the unit head corrects it with a reason and finds the correction on the Rättelser page.

Each step leaves a screenshot under the test's temporary folder (or SCREENSHOT_DIR when set), to look at."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatskollen.core.months import add_months
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.register.services import decision_change

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def running(make_decision, client_a):
    start = add_months(timezone.localdate().replace(day=1), -4)
    return make_decision(client_a, external_id="B-GRP", decision_date=start, start_date=start)


def test_a_caseworker_changes_a_price_from_a_date_and_sees_the_months_first(page, alice, running, shots):
    log_in(page, "alice", PASSWORD)
    page.goto(f"/klienter/{running.client_id}/")
    page.get_by_role("link", name=re.compile("Ändra beslut B-GRP")).click()
    next_month = add_months(timezone.localdate().replace(day=1), 1)
    expect(page.get_by_label("Gäller från")).to_have_value(next_month.isoformat())
    page.get_by_label("Pris (kr)").fill("3 400")
    page.get_by_role("button", name="Förhandsgranska ändringen").click()
    preview = page.get_by_role("region", name=re.compile("Förhandsgranskning"))
    expect(preview).to_contain_text("+150 kr" if next_month.month == 2 else "kr")
    shots(page, "1-caseworker-preview")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Beslut B-GRP är ändrat.")).to_be_visible()
    running.refresh_from_db()
    assert running.price == Decimal(3400) and running.versions.get(number=2).valid_from == next_month
    shots(page, "2-caseworker-saved")


def test_a_stale_form_shows_what_changed_and_keeps_the_input(page, alice, hanna, running, shots):
    log_in(page, "alice", PASSWORD)
    page.goto(f"/beslut/{running.pk}/andra/")
    page.get_by_label("Kommentar").fill("Behöver mer stöd på kvällarna")
    decision_change(decision=running, actor=hanna, price=Decimal(9999),
                    valid_from=add_months(timezone.localdate().replace(day=1), 1))
    page.get_by_role("button", name="Förhandsgranska ändringen").click()
    expect(page.get_by_role("heading", name="Ändrat sedan du öppnade beslutet")).to_be_visible()
    expect(page.get_by_text(re.compile("har ändrats sedan du öppnade det"))).to_be_visible()
    expect(page.get_by_label("Kommentar")).to_have_value("Behöver mer stöd på kvällarna")
    shots(page, "3-stale-form")
    running.refresh_from_db()
    assert running.comment == ""


def test_the_controller_closes_a_month_and_the_unit_head_corrects_it(page, carl, hanna, running, shots):
    last_month = add_months(timezone.localdate().replace(day=1), -1)
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    LedgerEntry.objects.create(batch=batch, period=last_month, account="4600", amount=Decimal(100000))
    log_in(page, "carl", PASSWORD)
    page.goto("/uppfoljning/stangda-manader/")
    page.get_by_role("button", name=re.compile("Stäng")).click()
    expect(page.get_by_text(re.compile("är stängd. Ändringar som påverkar den är nu rättelser."))).to_be_visible()
    shots(page, "4-controller-closed")
    page.context.clear_cookies()

    log_in(page, "hanna", PASSWORD)
    page.goto(f"/beslut/{running.pk}/andra/")
    page.get_by_label("Gäller från").fill(last_month.isoformat())
    page.get_by_label("Pris (kr)").fill("3 100")
    page.get_by_role("button", name="Förhandsgranska ändringen").click()
    expect(page.get_by_role("alert").filter(has_text="rättelse")).to_be_visible()
    shots(page, "5-unit-head-correction-preview")
    page.get_by_label("Skäl till rättelsen").fill("Avtalspriset sänktes retroaktivt")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Beslut B-GRP är ändrat.")).to_be_visible()
    page.get_by_role("link", name="Rättelser").first.click()
    row = page.get_by_role("row", name=re.compile("B-GRP"))
    expect(row).to_contain_text("Avtalspriset sänktes retroaktivt")
    expect(row).to_contain_text("−")
    shots(page, "6-corrections-page")
    assert running.versions.get(number=2).is_correction
    assert dt.date.today() >= last_month
