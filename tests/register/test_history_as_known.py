"""Every change is kept with who, when, before/after and when it became known; the register answers
"what did we know on date X"."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from insatskollen.register.models import ChangeSource, DecisionVersion
from insatskollen.register.selectors import decision_states_known_on
from insatskollen.register.services import decision_change, decision_end, start_of_day


@pytest.mark.django_db
def test_states_known_on_a_date_follow_when_each_change_became_known(client_a, make_decision, alice):
    decision = make_decision(client_a, decision_date=dt.date(2025, 1, 10), price=Decimal(3000))
    decision_change(decision=decision, actor=None, source=ChangeSource.COMMAND,
                    known_at=start_of_day(dt.date(2025, 4, 1)), price=Decimal(3100))
    decision_end(decision=decision, end_date=dt.date(2025, 9, 30), actor=None, source=ChangeSource.COMMAND,
                 known_at=start_of_day(dt.date(2025, 8, 15)))

    assert decision_states_known_on(dt.date(2025, 1, 9)) == []
    on_jan = decision_states_known_on(dt.date(2025, 1, 10))
    assert [(s["price"], s["end_date"]) for s in on_jan] == [(Decimal("3000.00"), None)]
    on_may = decision_states_known_on(dt.date(2025, 5, 1))
    assert [(s["price"], s["end_date"]) for s in on_may] == [(Decimal("3100.00"), None)]
    on_sep = decision_states_known_on(dt.date(2025, 9, 1))
    assert [(s["price"], s["end_date"]) for s in on_sep] == [(Decimal("3100.00"), dt.date(2025, 9, 30))]


@pytest.mark.django_db
def test_an_edit_is_known_from_the_moment_it_is_made_and_names_who_made_it(client_a, make_decision, alice):
    decision = make_decision(client_a)
    with time_machine.travel(dt.datetime(2025, 6, 30, 14, 5, tzinfo=dt.UTC), tick=False):
        version = decision_change(decision=decision, actor=alice, extent=Decimal(2))
    assert version.changed_by == alice
    assert version.known_at == dt.datetime(2025, 6, 30, 14, 5, tzinfo=dt.UTC)
    assert version.changes == {"extent": ["1", "2"]}
    assert version.kind == "changed" and version.source == "ui"


@pytest.mark.django_db
def test_a_change_that_changes_nothing_records_nothing(client_a, make_decision):
    decision = make_decision(client_a)
    assert decision_change(decision=decision, actor=None, price=Decimal("3250.00")) is None
    assert DecisionVersion.objects.filter(decision=decision).count() == 1


@pytest.mark.django_db
def test_ending_is_recorded_as_an_end(client_a, make_decision):
    decision = make_decision(client_a)
    version = decision_end(decision=decision, end_date=dt.date(2025, 3, 31), actor=None)
    assert version.kind == "ended"
    assert version.changes == {"end_date": [None, "2025-03-31"]}


@pytest.mark.django_db
def test_invalid_changes_are_refused_and_nothing_is_kept(client_a, make_decision):
    from django.core.exceptions import ValidationError

    decision = make_decision(client_a, start_date=dt.date(2025, 2, 1))
    with pytest.raises(ValidationError) as raised:
        decision_end(decision=decision, end_date=dt.date(2025, 1, 1), actor=None)
    assert "före startdatum" in str(raised.value)
    decision.refresh_from_db()
    assert decision.end_date is None
    assert decision.versions.count() == 1


@pytest.mark.django_db
def test_a_caseworker_cannot_change_another_teams_decision(client_b, make_decision, alice):
    from django.core.exceptions import PermissionDenied

    decision = make_decision(client_b)
    with pytest.raises(PermissionDenied):
        decision_change(decision=decision, actor=alice, extent=Decimal(3))
    decision.refresh_from_db()
    assert decision.extent == Decimal(1)
