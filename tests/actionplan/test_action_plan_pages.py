"""The action plan pages: who may see and write, the draft form's errors, saving texts keeps the figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insatskollen.actionplan.models import ActionPlan
from insatskollen.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.usefixtures("pinned")


def urls(plan) -> list[str]:
    return [reverse("web:action_plans"), reverse("web:action_plan", args=[plan.pk]),
            reverse("web:action_plan_download", args=[plan.pk, "pdf"])]


def test_anonymous_is_sent_to_the_login(client, plan):
    for url in urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_a_caseworker_may_not_see_action_plans(browser_for, alice, plan):
    browser = browser_for(alice)
    for url in urls(plan):
        assert browser.get(url).status_code == 403


def test_the_controller_reads_but_may_not_draft_or_write(browser_for, carl, plan):
    browser = browser_for(carl)
    page = browser.get(reverse("web:action_plan", args=[plan.pk]))
    assert page.status_code == 200
    assert b"<textarea" not in page.content
    assert b"Skapa utkast" not in browser.get(reverse("web:action_plans")).content
    assert browser.post(reverse("web:action_plans"), {"year": "2026", "as_of": "2026-05-31"}).status_code == 403
    assert browser.post(reverse("web:action_plan", args=[plan.pk]), {"title": "X", "actions": "Y"}).status_code == 403
    plan.refresh_from_db()
    assert plan.title != "X" and plan.actions == ""


def test_an_unknown_plan_or_format_is_not_found(browser_for, hanna, plan):
    browser = browser_for(hanna)
    assert browser.get(reverse("web:action_plan", args=[plan.pk + 1])).status_code == 404
    assert browser.get(reverse("web:action_plan_download", args=[plan.pk, "xlsx"])).status_code == 404


def test_the_unit_head_drafts_a_plan_from_the_form(browser_for, hanna, register):
    response = browser_for(hanna).post(reverse("web:action_plans"), {"year": "2026", "as_of": "2026-05-31"})
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:action_plan", args=[plan.pk])
    assert plan.title == "Åtgärdsplan och orsaksredovisning 2026" and plan.created_by == hanna


def test_bad_draft_input_gets_swedish_messages_tied_to_the_fields(browser_for, hanna, register):
    response = browser_for(hanna).post(reverse("web:action_plans"), {"year": "tjugo", "as_of": "31/5"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Året ska vara ett heltal" in html and "Datumet ska skrivas ÅÅÅÅ-MM-DD" in html
    assert 'aria-describedby="id_year_error"' in html
    assert not ActionPlan.objects.exists()


def test_a_forecast_date_far_from_the_year_is_refused(browser_for, hanna, register):
    response = browser_for(hanna).post(reverse("web:action_plans"), {"year": "2026", "as_of": "2020-05-31"})
    assert "Prognosdatumet ska ligga nära året 2026" in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_saving_the_texts_keeps_the_figures(browser_for, hanna, plan):
    content = plan.content
    url = reverse("web:action_plan", args=[plan.pk])
    response = browser_for(hanna).post(url, {"title": "Åtgärdsplan 2026", "summary": "Underskottet beror på två nya "
                                             "placeringar.", "actions": "Bevaka avtal.", "follow_up": "Varje månad.",
                                             "action": "save"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.actions, plan.follow_up) == ("Åtgärdsplan 2026", "Bevaka avtal.", "Varje månad.")
    assert plan.content == content
    page = browser_for(hanna).get(url).content.decode()
    assert "Bevaka avtal." in page and "19950704-****" in page and "199507042464" not in page
    assert AuditEvent.objects.filter(action=AuditAction.ACTION_PLAN_CHANGED, object_id=str(plan.pk)).count() == 2


def test_an_empty_title_is_refused_and_nothing_is_saved(browser_for, hanna, plan):
    response = browser_for(hanna).post(reverse("web:action_plan", args=[plan.pk]),
                                       {"title": "", "actions": "Bevaka avtal.", "action": "save"})
    assert "Skriv en rubrik." in response.content.decode()
    plan.refresh_from_db()
    assert plan.actions == ""


def test_the_textareas_are_labelled(browser_for, hanna, plan):
    html = browser_for(hanna).get(reverse("web:action_plan", args=[plan.pk])).content.decode()
    for name in ("summary", "actions", "follow_up"):
        assert f'<label for="id_{name}">' in html and f'id="id_{name}"' in html


def test_a_download_is_an_attachment_and_is_audited(browser_for, carl, plan):
    response = browser_for(carl).get(reverse("web:action_plan_download", args=[plan.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="atgardsplan-2026-per-2026-05-31.docx"'
    assert response.content.startswith(b"PK")
    event = AuditEvent.objects.get(action=AuditAction.DOCUMENT_EXPORTED)
    assert event.actor == carl and event.object_id == str(plan.pk)
