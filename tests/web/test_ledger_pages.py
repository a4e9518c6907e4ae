"""The ledger import page (upload, preview, import) and the budget page with its supplementary budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.ledger.models import BudgetKind, BudgetLine, LedgerEntry
from insatskollen.ledger.selectors import budget_for_year
from insatskollen.ledger.services import budget_supplement_add

ALL = ("alice", "bob", "hanna", "carl", "ada")
MAY_VIEW = {"hanna", "carl", "ada"}
PAGES = ("ledger_import", "budget")


@pytest.fixture
def uploads(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_DIR


def upload(browser, path, kind="ledger"):
    with path.open("rb") as handle:
        return browser.post(reverse("web:ledger_import"), {"file": handle, "kind": kind, "action": "check"})


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, name):
    url = reverse(f"web:{name}")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"{reverse('web:login')}?next={url}"


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("name", PAGES)
def test_controller_unit_head_and_admin_use_the_pages_caseworkers_do_not(request, browser_for, name, persona):
    response = browser_for(request.getfixturevalue(persona)).get(reverse(f"web:{name}"))
    assert response.status_code == (200 if persona in MAY_VIEW else 403)
    if persona in MAY_VIEW:
        html = response.content.decode()
        assert f'href="{reverse("web:ledger_import")}"' in html and f'href="{reverse("web:budget")}"' in html


def test_navigation_hides_the_ledger_pages_from_caseworkers(browser_for, alice):
    html = browser_for(alice).get(reverse("web:home")).content.decode()
    assert reverse("web:ledger_import") not in html and reverse("web:budget") not in html


def test_a_controller_previews_then_imports_a_month_of_ledger_data(browser_for, carl, fixtures_dir, uploads):
    browser = browser_for(carl)
    preview = upload(browser, fixtures_dir / "ledger_2007.csv")
    html = preview.content.decode()
    assert preview.status_code == 200 and "Förhandsgranskning" in html and "Genomför importen" in html
    assert "2007-01, 2007-02" in html and "216\u00a0911\u00a0193\u00a0kr" in html
    assert not LedgerEntry.objects.exists()
    assert len(list(uploads.iterdir())) == 1
    token = browser.session["ledger_upload"]["token"]

    done = browser.post(reverse("web:ledger_import"), {"action": "commit", "token": token}, follow=True)
    assert "Importen av ledger_2007.csv (utfall) är genomförd: 12 nya" in done.content.decode()
    assert LedgerEntry.objects.count() == 12
    assert AuditEvent.objects.filter(action=AuditAction.LEDGER_IMPORTED, actor=carl).count() == 1
    assert not list(uploads.iterdir())

    again = browser.post(reverse("web:ledger_import"), {"action": "commit", "token": token}, follow=True)
    assert "Förhandsgranskningen finns inte längre" in again.content.decode()
    assert LedgerEntry.objects.count() == 12


def test_a_redelivered_month_is_previewed_as_replacing_that_month(browser_for, hanna, fixtures_dir, uploads,
                                                                  tmp_path):
    browser = browser_for(hanna)
    upload(browser, fixtures_dir / "ledger_2007.csv")
    browser.post(reverse("web:ledger_import"), {"action": "commit", "token": browser.session["ledger_upload"]["token"]})
    march = tmp_path / "mars.csv"
    march.write_text("Period;Konto;Verksamhet;Belopp\n2007-03;4600;;18 600 000\n", encoding="utf-8")
    html = upload(browser, march).content.decode()
    assert "Perioder som ersätts" in html
    assert '<th scope="row">2007-03</th>' in html and "18\u00a0582\u00a0060\u00a0kr" in html


def test_the_same_file_again_has_nothing_to_import(browser_for, carl, fixtures_dir, uploads):
    browser = browser_for(carl)
    upload(browser, fixtures_dir / "ledger_2007.csv")
    browser.post(reverse("web:ledger_import"), {"action": "commit", "token": browser.session["ledger_upload"]["token"]})
    html = upload(browser, fixtures_dir / "ledger_2007.csv").content.decode()
    assert "Filen innehåller inget nytt" in html and "Genomför importen" not in html
    assert not list(uploads.iterdir())


def test_a_bad_file_is_refused_with_its_errors(browser_for, carl, tmp_path, uploads):
    bad = tmp_path / "fel.csv"
    bad.write_text("Period;Konto;Belopp\n2007-13;4600;1\n2007-02;;x\n", encoding="utf-8")
    html = upload(browser_for(carl), bad).content.decode()
    assert "Filen avvisades: 3 fel. Inget har sparats." in html and "Genomför importen" not in html
    assert '<tr><th scope="row">2</th><td>Period</td><td>2007-13</td>' in html
    assert '<tr><th scope="row">3</th><td>Belopp</td><td>x</td>' in html
    assert not LedgerEntry.objects.exists() and not list(uploads.iterdir())


def test_a_budget_file_is_imported_and_shown_on_the_budget_page(browser_for, hanna, tmp_path, uploads):
    browser = browser_for(hanna)
    budget = tmp_path / "budget.csv"
    budget.write_text("År;Verksamhet;Månad;Belopp\n2007;;;223 800 000\n", encoding="utf-8")
    html = upload(browser, budget, kind="budget").content.decode()
    assert "Nettobudget 2007" in html and "223\u00a0800\u00a0000\u00a0kr" in html
    done = browser.post(reverse("web:ledger_import"),
                        {"action": "commit", "token": browser.session["ledger_upload"]["token"]}, follow=True)
    assert done.redirect_chain[-1][0] == f"{reverse('web:budget')}?year=2007"
    assert budget_for_year(2007) == Decimal(223_800_000)
    assert "<h1>Budget 2007</h1>" in done.content.decode()


def test_cancel_forgets_the_uploaded_file(browser_for, carl, fixtures_dir, uploads):
    browser = browser_for(carl)
    upload(browser, fixtures_dir / "ledger_2007.csv")
    browser.post(reverse("web:ledger_import"), {"action": "cancel"})
    assert not list(uploads.iterdir()) and "ledger_upload" not in browser.session


@pytest.fixture
def budget_2007(db):
    BudgetLine.objects.bulk_create(BudgetLine(year=2007, month=m, amount=Decimal(18_650_000)) for m in range(1, 13))


def test_the_unit_head_adds_a_supplementary_budget(browser_for, hanna, budget_2007):
    browser = browser_for(hanna)
    url = f"{reverse('web:budget')}?year=2007"
    response = browser.post(url, {"amount": "2 300 000", "decided_on": "2007-09-18",
                                  "reason": "Nämndens beslut om tilläggsbudget", "activity": "", "month": ""},
                            follow=True)
    html = response.content.decode()
    assert "Tilläggsbudgeten på 2\u00a0300\u00a0000\u00a0kr för 2007 är registrerad." in html
    assert "226\u00a0100\u00a0000\u00a0kr" in html and "2007-09-18" in html and "Nämndens beslut" in html
    assert budget_for_year(2007) == Decimal(226_100_000)
    assert BudgetLine.objects.filter(kind=BudgetKind.SUPPLEMENTARY, created_by=hanna).count() == 4


def test_a_supplementary_budget_form_with_errors_names_them(browser_for, hanna, budget_2007):
    response = browser_for(hanna).post(f"{reverse('web:budget')}?year=2007",
                                       {"amount": "0", "decided_on": "", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Formuläret innehåller fel" in html
    assert "Beloppet kan inte vara noll." in html
    assert not BudgetLine.objects.filter(kind=BudgetKind.SUPPLEMENTARY).exists()


def test_the_controller_sees_the_budget_but_may_not_change_it(browser_for, carl, budget_2007):
    browser = browser_for(carl)
    budget_supplement_add(year=2007, amount=Decimal(2_300_000), decided_on=dt.date(2007, 9, 18),
                          reason="Nämndens beslut", actor=None)
    html = browser.get(f"{reverse('web:budget')}?year=2007").content.decode()
    assert "223\u00a0800\u00a0000\u00a0kr" in html and "226\u00a0100\u00a0000\u00a0kr" in html
    assert "<caption" in html and "Lägg till en tilläggsbudget" not in html
    response = browser.post(f"{reverse('web:budget')}?year=2007",
                            {"amount": "1000", "decided_on": "2007-10-01", "reason": "x"})
    assert response.status_code == 403
    assert budget_for_year(2007) == Decimal(226_100_000)
