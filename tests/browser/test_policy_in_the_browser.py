"""The Content-Security-Policy in a real browser: the pages and the local Swagger UI work with it, and the browser
reports no violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_api_docs_render_without_policy_violations(page, hanna, client_a, make_decision):
    make_decision(client_a)
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    log_in(page, "hanna", PASSWORD)
    for path in ("/", "/klienter/", f"/klienter/{client_a.pk}/", "/import/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/api/docs")
    expect(page.get_by_text("Insatskollen API").first).to_be_visible()
    expect(page.get_by_text("/api/decisions/{decision_id}").first).to_be_visible()
    assert violations == []
