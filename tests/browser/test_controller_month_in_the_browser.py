"""Tried as a controller would, in a real browser: import a month of ledger data, see the reconciliation and
download the committee report."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from insatskollen.ledger.models import LedgerEntry

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEDGER = (
    "Period;Konto;Verksamhet;Belopp;Motpart;Text\n"
    "2025-03;4600;6510;100 750;Solgläntan AB;Gruppbostad mars\n"
    "2025-03;4600;6330;5 000;Okänd AB;Faktura utan beslut\n"
)


def test_controller_imports_a_month_sees_the_reconciliation_and_downloads_the_report(
        page, carl, client_a, make_decision, tmp_path):
    make_decision(client_a, start_date=dt.date(2025, 1, 1))  # 3 250 kr per dygn at Solgläntan AB
    ledger = tmp_path / "huvudbok-2025-03.csv"
    ledger.write_text(LEDGER, encoding="utf-8")

    log_in(page, "carl", PASSWORD)
    page.goto("/ekonomi/import/")
    page.locator("input[type=file]").set_input_files(str(ledger))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_role("button", name="Genomför importen")).to_be_visible()
    assert LedgerEntry.objects.count() == 0
    page.get_by_role("button", name="Genomför importen").click()
    page.wait_for_load_state("networkidle")
    assert LedgerEntry.objects.count() == 2

    page.goto("/uppfoljning/avstamning/?month=2025-03")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"105\s750\s*kr")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"5\s000\s*kr")).first).to_be_visible()

    page.goto("/uppfoljning/rapport/?month=2025-03")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF")).click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
