"""`insatskollen seed_demo`: a small demo unit, written through the register's history, valid in every row."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from insatskollen.accounts.models import Role, Team, Unit, User
from insatskollen.core.identity import parse_org_number, parse_personal_number
from insatskollen.costing.selectors import year_summary
from insatskollen.register.models import (
    ChangeKind,
    ChangeSource,
    Client,
    Contract,
    Decision,
    DecisionVersion,
    Provider,
)

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--clients", "60", "--years", "2", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fingerprint() -> tuple:
    full_year = timezone.localdate().year - 1
    return (
        sorted(Decision.objects.values_list("external_id", flat=True)),
        sorted(Client.objects.values_list("personal_number", flat=True)),
        year_summary(Decision.objects.all(), full_year).total,
    )


def test_seed_demo_creates_the_unit_its_teams_and_users_who_can_log_in():
    output = seed()

    unit = Unit.objects.get(name="Beställarenheten för personer med funktionsnedsättning")
    teams = Team.objects.filter(unit=unit)
    assert sorted(t.name for t in teams) == ["Barn och unga", "Vuxna LSS", "Vuxna SoL och personkrets 2–3"]
    for team in teams:
        assert team.members.filter(role=Role.CASEWORKER).count() == 4
    assert User.objects.get(username="chef").role == Role.UNIT_HEAD
    assert User.objects.get(username="controller").role == Role.CONTROLLER
    admin = User.objects.get(username="admin")
    assert admin.role == Role.ADMIN and admin.is_staff and admin.is_superuser
    assert authenticate(username="anna.lind", password="demo1234") is not None
    assert "demo1234" in output and "anna.lind" in output and "chef" in output


def test_every_row_of_the_small_demo_is_valid():
    seed()
    now = timezone.now()

    assert 50 <= Client.objects.filter(decisions__end_date__isnull=True).distinct().count() <= 100
    for client in Client.objects.all():
        parse_personal_number(client.personal_number)
    for provider in Provider.objects.all():
        assert parse_org_number(provider.org_number) == provider.org_number
    for decision in Decision.objects.select_related("caseworker", "client"):
        assert decision.caseworker.team_id == decision.client.team_id
    assert not Decision.objects.filter(versions__isnull=True).exists()
    assert not DecisionVersion.objects.filter(known_at__gt=now).exists()
    assert set(DecisionVersion.objects.values_list("source", flat=True)) == {ChangeSource.DEMO}
    assert set(DecisionVersion.objects.filter(number=1).values_list("kind", flat=True)) == {ChangeKind.CREATED}
    assert Contract.objects.filter(is_individual=True, client__isnull=False).exists()


def test_the_history_holds_changes_and_ends_known_when_they_happened():
    seed()

    changed = DecisionVersion.objects.filter(kind=ChangeKind.CHANGED)
    ended = DecisionVersion.objects.filter(kind=ChangeKind.ENDED)
    assert changed.count() > 50 and ended.count() > 10
    for version in ended.select_related("decision")[:50]:
        assert list(version.changes) == ["end_date"]
        assert version.decision.end_date is not None
    first_of_january = changed.filter(known_at__month=1, known_at__day=1)
    indexed = {timezone.localtime(v.known_at).year for v in first_of_january if "price" in v.changes}
    this_year = timezone.localdate().year
    assert indexed == {this_year - 1, this_year}  # January indexation in each year of the two


def test_the_summary_is_in_swedish_and_the_costs_are_real():
    output = seed()

    assert "Klienter:" in output and "Aktiva beslut i dag:" in output and f"Kostnad {dt.date.today().year}" in output
    figures = year_summary(Decision.objects.all(), timezone.localdate().year - 1).total
    assert figures.cost > 0 and figures.revenue > 0  # LASS brings FK revenue


def test_a_register_with_decisions_is_refused_unless_forced_and_forcing_gives_the_same_unit_again():
    seed()
    first = fingerprint()

    with pytest.raises(CommandError, match="innehåller redan beslut.*--force"):
        seed()
    assert fingerprint() == first

    output = seed("--force")
    assert "Raderade det tidigare registret" in output
    assert fingerprint() == first


def test_if_empty_seeds_an_empty_register_once_and_then_only_prints_the_logins():
    first_output = seed("--if-empty")
    assert "Demodata skapad" in first_output
    first = fingerprint()
    again = seed("--if-empty")
    assert "ingen ny demodata" in again and "demo1234" in again
    assert fingerprint() == first
