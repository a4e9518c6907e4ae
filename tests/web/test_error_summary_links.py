"""Every form's error summary links to an element that exists on the page (the first radio button of a group,
not the group's missing id), takes focus on load (tabindex -1, autofocus) and leaves hidden fields unlinked."""

import re

import pytest
from django.urls import reverse

from insatskollen.casework.models import DelegationRule, Proposal

SUMMARY = re.compile(r'<div class="error-summary"(?P<attrs>[^>]*)>(?P<body>.*?)</div>', re.DOTALL)


def summary_targets(page: str) -> tuple[str, list[str]]:
    match = SUMMARY.search(page)
    assert match, "no error summary on the page"
    return match["attrs"], re.findall(r'href="#([^"]*)"', match["body"])


def assert_links_reach_elements(page: str, expected: set[str]) -> None:
    attrs, targets = summary_targets(page)
    assert 'tabindex="-1"' in attrs and "autofocus" in attrs
    assert set(targets) == expected
    for target in targets:
        assert page.count(f'id="{target}"') == 1, f"#{target} is not on the page"


def test_the_review_form_links_the_outcome_to_its_first_radio_button(browser_for, alice, decision_a):
    page = browser_for(alice).post(reverse("web:review_record", args=[decision_a.pk]), {}).content.decode()
    assert 'href="#id_outcome"' not in page
    assert_links_reach_elements(page, {"id_outcome_0", "id_reviewed_on"})
    assert '<input type="radio" name="outcome" value="' in page and 'id="id_outcome_0"' in page


def test_the_year_plan_form(browser_for, hanna):
    page = browser_for(hanna).post(reverse("web:year_plan_event_create"), {
        "recurrence": "months", "kind": "other", "first_date": "", "duration_minutes": "0",
        "title": "Mät"}).content.decode()
    assert_links_reach_elements(page, {"id_first_date", "id_duration_minutes"})


def test_the_year_plan_form_links_missing_months_to_the_first_check_box(browser_for, hanna):
    page = browser_for(hanna).post(reverse("web:year_plan_event_create"), {
        "recurrence": "months", "kind": "other", "first_date": "2025-03-31", "duration_minutes": "60",
        "title": "Mät"}).content.decode()
    assert_links_reach_elements(page, {"id_months_0"})


def test_the_new_decision_form(browser_for, alice, client_a):
    page = browser_for(alice).post(reverse("web:decision_create", args=[client_a.pk]), {}).content.decode()
    _, targets = summary_targets(page)
    assert targets and all(page.count(f'id="{t}"') == 1 for t in targets)


def test_the_proposal_form_links_the_note(browser_for, alice, hanna, decision_a, time_machine):
    DelegationRule.objects.create(law="LSS", description="Alla LSS-beslut")
    browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]),
                            {"end_date": "2099-08-31", "version": "1"})
    url = reverse("web:proposal_detail", args=[Proposal.objects.get().pk])
    assert_links_reach_elements(browser_for(hanna).post(url, {"action": "reject", "note": ""}).content.decode(),
                                {"id_note"})
    page = browser_for(hanna).post(url, {"action": "", "note": "x"}).content.decode()  # the hidden field
    _, targets = summary_targets(page)
    assert targets == [] and "id_action" not in re.search(SUMMARY, page)["body"]


@pytest.mark.parametrize("data", [{"date_from": "igår"}, {"date_from": "2025-13-01", "date_to": "x"}])
def test_the_audit_filter(browser_for, ada, data):
    page = browser_for(ada).get(reverse("web:audit"), data).content.decode()
    _, targets = summary_targets(page)
    assert targets and all(page.count(f'id="{t}"') == 1 for t in targets)
