"""Personas and helpers shared by every test. Test data is made by calling the real service functions.

Personas: Alice (caseworker, team A), Bob (caseworker, team B), Hanna (unit head), Carl (controller),
Ada (admin), clients in team A and team B with a decision each, and `browser_for(user)`: a logged-in web client.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client as Browser

from insatskollen.accounts.models import Role, Team, Unit, User
from insatskollen.register.models import ChangeSource, InterventionType, Provider
from insatskollen.register.services import client_get_or_create, decision_create, start_of_day

# Fixtures shared by test folders: the forecast unit of the download, API and page tests.
pytest_plugins = ["tests.forecasting.history_data"]

FIXTURES = Path(__file__).parent / "fixtures"
PASSWORD = "Hemligt-lösen-42"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def unit(db) -> Unit:
    return Unit.objects.create(name="Beställarenheten Funktionsnedsättning")


@pytest.fixture
def team_a(unit) -> Team:
    return Team.objects.create(unit=unit, name="Team Vuxna LSS", code="team-a")


@pytest.fixture
def team_b(unit) -> Team:
    return Team.objects.create(unit=unit, name="Team Barn och unga", code="team-b")


def make_user(username: str, role: str, team: Team | None = None, **extra) -> User:
    user = User(username=username, role=role, team=team, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def alice(team_a) -> User:
    return make_user("alice", Role.CASEWORKER, team_a, first_name="Alice", last_name="Andersson")


@pytest.fixture
def bob(team_b) -> User:
    return make_user("bob", Role.CASEWORKER, team_b, first_name="Bob", last_name="Berg")


@pytest.fixture
def hanna(unit) -> User:
    return make_user("hanna", Role.UNIT_HEAD, first_name="Hanna", last_name="Holm")


@pytest.fixture
def carl(unit) -> User:
    return make_user("carl", Role.CONTROLLER, first_name="Carl", last_name="Carlsson")


@pytest.fixture
def ada(unit) -> User:
    return make_user("ada", Role.ADMIN, first_name="Ada", last_name="Admin")


@pytest.fixture
def group_home(db) -> InterventionType:
    return InterventionType.objects.create(code="6510", name="Gruppbostad", law="LSS", unit="dygn")


@pytest.fixture
def home_help(db) -> InterventionType:
    return InterventionType.objects.create(code="6115", name="Hemhjälp", law="SoL", unit="tim/vecka")


@pytest.fixture
def provider(db) -> Provider:
    return Provider.objects.create(name="Solgläntan AB", org_number="556677-8899", kind="privat")


@pytest.fixture
def client_a(team_a):
    return client_get_or_create(personal_number="198703121239", actor=None, team=team_a)[0]


@pytest.fixture
def client_b(team_b):
    return client_get_or_create(personal_number="199507042464", actor=None, team=team_b)[0]


@pytest.fixture
def make_decision(group_home, provider, alice):
    """A decision made through decision_create; keyword arguments override the defaults."""

    def make(client, **overrides):
        fields = dict(
            client=client, intervention_type=group_home, extent=Decimal(1), unit="dygn", price=Decimal(3250),
            provider=provider, decision_date=dt.date(2025, 1, 10), start_date=dt.date(2025, 2, 1),
            end_date=None, caseworker=alice,
        )
        fields.update(overrides)
        known_at = fields.pop("known_at", start_of_day(fields["decision_date"]))
        return decision_create(actor=None, source=ChangeSource.COMMAND, known_at=known_at, **fields)

    return make


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
