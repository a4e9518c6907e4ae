"""Helpers for the case conference tests: more clients per team, proposals, reviews and a pinned week.

Proposals and reviews are stored directly (casework's services also run the delegation rules and the forecast,
which these tests do not exercise); decisions and policy questions go through the real services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from insatskollen.casework.models import Proposal, ReviewOutcome, ReviewRecord
from insatskollen.register.services import client_get_or_create

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WEEK = dt.date(2025, 3, 17)  # a Monday (week 12)
TUESDAY_NOON = dt.datetime(2025, 3, 18, 12, 0, tzinfo=STOCKHOLM)


def valid_personal_number(serial: int, birth: str = "19800101") -> str:
    """A 12-digit personnummer with a correct Luhn check digit."""
    body = birth[2:] + f"{serial:03d}"
    total = 0
    for index, char in enumerate(body):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return birth + f"{serial:03d}" + str((10 - total % 10) % 10)


@pytest.fixture
def new_client():
    """new_client(team) → a fresh client in that team."""
    counter = iter(range(100, 999))

    def make(team):
        return client_get_or_create(personal_number=valid_personal_number(next(counter)), actor=None, team=team)[0]

    return make


@pytest.fixture
def tuesday(time_machine):
    time_machine.move_to(TUESDAY_NOON, tick=False)
    return TUESDAY_NOON.date()


def make_proposal(*, client, intervention_type, proposed_by, annual_cost, decision=None, fields=None,
                  kind=Proposal.Kind.CREATE, reason="Årskostnad över 1 000 000 kr") -> Proposal:
    return Proposal.objects.create(kind=kind, client=client, decision=decision, intervention_type=intervention_type,
                                   fields=fields or {}, annual_cost=Decimal(annual_cost), reason=reason,
                                   proposed_by=proposed_by)


def make_review(*, decision, reviewed_on, outcome=ReviewOutcome.REDUCED, extent_after=None,
                cost_before=Decimal(0), cost_after=Decimal(0)) -> ReviewRecord:
    return ReviewRecord.objects.create(
        decision=decision, reviewed_on=reviewed_on, outcome=outcome, extent_before=decision.extent,
        extent_after=extent_after, annual_cost_before=cost_before, annual_cost_after=cost_after,
        cost_effect_this_year=Decimal(0))
