"""Helpers for the web UI tests: a logged-in browser per persona."""

from __future__ import annotations

import pytest
from django.test import Client as Browser


@pytest.fixture
def browser_for():
    """browser_for(user) → a Django test client logged in as that user (a fresh one each call)."""

    def make(user) -> Browser:
        browser = Browser()
        browser.force_login(user)
        return browser

    return make


@pytest.fixture
def decision_a(make_decision, client_a):
    return make_decision(client_a, external_id="B-A1")


@pytest.fixture
def decision_b(make_decision, client_b, bob):
    return make_decision(client_b, external_id="B-B1", caseworker=bob)
