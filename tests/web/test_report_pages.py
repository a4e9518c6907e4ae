"""The follow-up dashboard and the committee report page with its downloads: who may open them, and what they show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..followup.report_scenario import ledger_2025, register_2025, unit_2025  # noqa: F401

FOLLOWUP = {"hanna", "carl", "ada"}
PERSONAS = ["alice", "bob", "hanna", "carl", "ada"]
PAGES = [("dashboard", []), ("report", []), ("report_download", ["pdf"]), ("report_download", ["xlsx"]),
         ("report_download", ["html"])]
CASES = [(name, args, persona) for name, args in PAGES for persona in PERSONAS]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_login(client, db, name, args):
    url = reverse(f"web:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(("name", "args", "persona"), CASES, ids=[f"{n}-{'-'.join(a)}-{p}" for n, a, p in CASES])
def test_controller_unit_head_and_admin_only(request, browser_for, unit, name, args, persona):
    user = request.getfixturevalue(persona)
    response = browser_for(user).get(reverse(f"web:{name}", args=args), {"month": "2025-05"})
    assert response.status_code == (200 if persona in FOLLOWUP else 403)


def test_navigation_offers_follow_up_to_those_who_may_see_it(browser_for, alice, carl):
    dashboard, report = reverse("web:dashboard"), reverse("web:report")
    caseworker_page = browser_for(alice).get(reverse("web:home")).content.decode()
    controller_page = browser_for(carl).get(reverse("web:home")).content.decode()
    assert f'href="{dashboard}"' not in caseworker_page and f'href="{report}"' not in caseworker_page
    assert f'href="{dashboard}"' in controller_page and f'href="{report}"' in controller_page


@pytest.mark.usefixtures("unit_2025")
def test_report_page_shows_the_report_with_download_links(browser_for, carl):
    response = browser_for(carl).get(reverse("web:report"), {"month": "2025-05"})
    page = response.content.decode()
    assert "Månadsrapport maj 2025" in page
    pdf_link = reverse("web:report_download", args=["pdf"]) + "?month=2025-05"
    xlsx_link = reverse("web:report_download", args=["xlsx"]) + "?month=2025-05"
    assert f'href="{pdf_link}"' in page and f'href="{xlsx_link}"' in page
    assert "198\u00a0250\u00a0kr" in page  # Boende LSS to date, Swedish format
    assert page.count("<svg") == 3 and "<desc" in page
    assert "19870312-****" in page and "198703121239" not in page


@pytest.mark.usefixtures("unit_2025")
def test_tertial_report_page_and_its_pdf(browser_for, hanna):
    browser = browser_for(hanna)
    page = browser.get(reverse("web:report"), {"month": "2025-05", "tertial": "1"}).content.decode()
    assert "Tertialrapport 1 2025" in page and "januari–april 2025" in page
    pdf = browser.get(reverse("web:report_download", args=["pdf"]), {"month": "2025-05", "tertial": "1"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="tertialrapport-1-2025.pdf"'
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.usefixtures("unit_2025")
def test_xlsx_download_is_a_workbook(browser_for, carl):
    response = browser_for(carl).get(reverse("web:report_download", args=["xlsx"]), {"month": "2025-05"})
    assert response["Content-Disposition"] == 'attachment; filename="manadsrapport-2025-05.xlsx"'
    assert response.content.startswith(b"PK")


@pytest.mark.usefixtures("unit_2025")
def test_a_downloaded_report_is_written_to_the_audit_log(browser_for, carl):
    from insatskollen.audit.models import AuditAction, AuditEvent

    browser_for(carl).get(reverse("web:report_download", args=["xlsx"]), {"month": "2025-05"})
    event = AuditEvent.objects.get(action=AuditAction.DOCUMENT_EXPORTED)
    assert (event.actor, event.object_id, event.detail["format"]) == (carl, "2025-05", "xlsx")


def test_unknown_download_format_is_not_found(browser_for, carl, db):
    assert browser_for(carl).get(reverse("web:report_download", args=["docx"])).status_code == 404


@pytest.mark.usefixtures("unit_2025")
def test_dashboard_compares_the_month_with_last_month_and_the_budget(browser_for, carl):
    page = browser_for(carl).get(reverse("web:dashboard"), {"month": "2025-05"}).content.decode()
    assert "maj 2025 mot april" in page
    assert "182\u00a0750\u00a0kr" in page  # May's net: 302 750 cost − 120 000 revenue
    assert "+85\u00a0250\u00a0kr mot förra månaden" in page  # against April's 97 500
    assert "+619\u00a0750\u00a0kr" in page  # deviation to date: budget − actual
    assert "De fem största förändringarna" in page
    assert "B-500" in page and "Omfattning 100 tim/vecka → 120 tim/vecka" in page
    assert page.index("Mot budget") < page.index("De fem största förändringarna")  # the controller: money first


@pytest.mark.usefixtures("unit_2025")
def test_dashboard_puts_the_cases_first_for_the_unit_head(browser_for, hanna):
    page = browser_for(hanna).get(reverse("web:dashboard"), {"month": "2025-05"}).content.decode()
    assert page.index("De fem största förändringarna") < page.index("Mot budget")


def test_a_bad_month_is_explained_not_an_error(browser_for, carl, db):
    response = browser_for(carl).get(reverse("web:report"), {"month": "maj"})
    assert response.status_code == 200
    assert "ÅÅÅÅ-MM" in response.content.decode()


@pytest.mark.usefixtures("unit_2025")
@pytest.mark.parametrize("name", ["report", "dashboard"])
def test_pages_need_a_fixed_number_of_queries(browser_for, carl, django_assert_max_num_queries, name):
    browser = browser_for(carl)
    # Not one per decision, group or month; the forecast it carries reads the register and the ledger once more.
    with django_assert_max_num_queries(30):
        assert browser.get(reverse(f"web:{name}"), {"month": "2025-05"}).status_code == 200


@pytest.mark.usefixtures("unit_2025")
def test_dashboard_for_january_has_no_earlier_month_to_compare(browser_for, carl):
    page = browser_for(carl).get(reverse("web:dashboard"), {"month": "2025-01"}).content.decode()
    assert "januari 2025" in page and "kr mot förra månaden" not in page
