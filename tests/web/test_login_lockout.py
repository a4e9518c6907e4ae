"""Brute force against the login form: after five wrong passwords the sixth attempt is refused with a Swedish
message, even with the right password; per user name and per address; the lockout is audited and ends."""

from __future__ import annotations

import time_machine
from django.test import Client as Browser
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD

LOCKED = "För många misslyckade inloggningsförsök"


def attempt(username: str, password: str, address: str = "10.0.0.1"):
    return Browser(REMOTE_ADDR=address).post(reverse("web:login"), {"username": username, "password": password})


def test_the_sixth_attempt_is_refused_even_with_the_right_password(alice):
    for _ in range(4):
        assert attempt("alice", "fel").status_code == 200
    assert attempt("alice", "fel").status_code == 429  # the fifth failure locks, and says so
    response = attempt("alice", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "spärrad i 15 minuter" in html
    assert "_auth_user_id" not in Browser().session  # not logged in
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_the_user_name_is_locked_from_another_address_too(alice):
    for index in range(5):
        attempt("alice", "fel", address=f"10.0.1.{index}")
    assert attempt("alice", PASSWORD, address="10.0.2.1").status_code == 429


def test_an_address_spraying_user_names_is_locked(alice, bob):
    for index in range(5):
        attempt(f"gissning{index}", "fel", address="10.9.9.9")
    assert attempt("bob", PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt("bob", PASSWORD, address="10.9.9.10").status_code == 302  # another address is not locked


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(alice):
    for index in range(5):
        Browser(REMOTE_ADDR="10.7.7.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{index}").post(
            reverse("web:login"), {"username": f"gissning{index}", "password": "fel"})
    assert attempt("alice", PASSWORD, address="10.7.7.7").status_code == 429


def test_the_lockout_ends_after_the_cool_off(alice):
    with time_machine.travel("2026-03-02 08:00 +0100", tick=False):
        for _ in range(5):
            attempt("alice", "fel")
        assert attempt("alice", PASSWORD).status_code == 429
    with time_machine.travel("2026-03-02 08:16 +0100", tick=False):
        assert attempt("alice", PASSWORD).status_code == 302


def test_fewer_failures_then_success_logs_in(alice):
    for _ in range(4):
        attempt("alice", "fel")
    assert attempt("alice", PASSWORD).status_code == 302
