"""The review form submitted empty, in a real browser: focus lands on the error summary (as GOV.UK's does), each
of its links reaches an element on the page, and following the outcome link puts focus on the first radio button."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_empty_review_form_focuses_the_summary_and_its_links_reach_the_fields(page, alice, decision_a):
    log_in(page, "alice", PASSWORD)
    page.goto(reverse("web:review_record", args=[decision_a.pk]))
    page.get_by_label("Omprövningsdatum").fill("")
    page.get_by_role("button", name="Spara omprövningen").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    assert links.count() == 2
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, f"{href} is not on the page"
    summary.get_by_role("link", name="Utfall", exact=False).click()
    expect(page.get_by_label("Oförändrat", exact=True)).to_be_focused()
