"""A unit head uploads a workbook saved by LibreOffice in a real browser, reads in the preview which sheet and
header row were read, which row was skipped and what the file costs per code and month, picks another sheet with
the keyboard, and imports; the preview has no axe violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from insatskollen.register.models import Decision

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAVED = Path(__file__).parent.parent / "fixtures" / "saved"


@pytest.fixture
def inline_imports(settings, tmp_path):
    settings.IMPORT_JOBS_INLINE = True
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"


def test_the_preview_tells_what_was_read_and_the_user_picks_another_sheet(page, hanna, inline_imports, tmp_path):
    path = tmp_path / "vardkostnader.xlsx"
    book = load_workbook(SAVED / "lo_title_and_total.xlsx")
    book.copy_worksheet(book["Register"]).title = "Register 2024"
    book["Register 2024"].delete_rows(5)  # last year's copy: without its first decision
    book.save(path)

    log_in(page, "hanna", PASSWORD)
    page.goto("/import/")
    page.get_by_label("Registerfil").set_input_files(str(path))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_role("heading", name="Förhandsgranskning")).to_be_visible()

    reading = page.locator("section.import-reading")
    expect(reading).to_contain_text("Register")
    expect(reading).to_contain_text("rad 4")
    expect(reading.get_by_role("table")).to_contain_text("En summarad (”Summa”) räknas inte som ett beslut.")
    this_year = timezone.localdate().year  # the file's ongoing decisions cost in every year from 2025
    expect(page.get_by_role("heading", name=f"Vad filen ger {this_year}")).to_be_visible()
    assert not Axe().run(page).response["violations"]

    page.get_by_label("Läs ett annat blad").select_option("Register 2024")
    page.get_by_role("button", name="Kontrollera bladet").press("Enter")
    expect(page.locator("section.import-reading")).to_contain_text("Register 2024")
    page.get_by_role("button", name="Genomför importen").click()
    expect(page.get_by_text("Importen är genomförd.")).to_be_visible()
    assert Decision.objects.count() == 16
