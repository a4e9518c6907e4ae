"""Demo conferences on top of a small demo register (seed_demo runs seed_conferences): last week held with
minutes, this week prepared with open policy questions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from insatskollen.accounts.models import Team
from insatskollen.conferences.agenda import monday_of
from insatskollen.conferences.models import AgendaItem, Conference, PolicyQuestion
from insatskollen.demo.conferences import seed_conferences

pytestmark = pytest.mark.django_db


def test_each_team_gets_a_held_and_a_prepared_conference():
    call_command("seed_demo", "--clients", "40", "--years", "1", stdout=io.StringIO(), stderr=io.StringIO())
    today = timezone.localdate()
    this_week = monday_of(today)
    teams = Team.objects.count()
    held = Conference.objects.filter(status=Conference.Status.HELD, week_start=this_week - dt.timedelta(weeks=1))
    prepared = Conference.objects.filter(status=Conference.Status.DRAFT, week_start=this_week)
    assert held.count() == prepared.count() == teams > 0
    assert AgendaItem.objects.filter(conference__in=held).exclude(minutes="").exists()
    assert PolicyQuestion.objects.count() == 3 * teams
    # This week's two questions per team are on this week's agendas, not yet resolved.
    this_weeks = AgendaItem.objects.filter(conference__in=prepared, kind=AgendaItem.Kind.POLICY_QUESTION)
    assert this_weeks.filter(policy_question__resolved=False).count() >= 2 * teams
    assert seed_conferences(today=today, seed=1)["conferences"] == 0  # seeding again adds nothing
