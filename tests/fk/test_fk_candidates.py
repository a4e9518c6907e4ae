"""FK candidates: assistance above 20 h/week, the yearly saving, and clients already at FK left out."""

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.fk.models import FkCaseKind, FkOutcome
from insatskollen.fk.rates import fk_rate
from insatskollen.fk.selectors import fk_candidates
from insatskollen.fk.services import fk_case_decide, fk_case_register
from insatskollen.register.models import Decision
from insatskollen.register.services import client_get_or_create

AS_OF = dt.date(2025, 6, 30)


def assist(make_decision, client, itype, extent, unit="tim/vecka", **extra):
    return make_decision(client, intervention_type=itype, extent=Decimal(extent), unit=unit, price=Decimal(350),
                         **extra)


@pytest.fixture
def client_c(team_a):
    return client_get_or_create(personal_number="198112189876", actor=None, team=team_a)[0]


def test_saving_is_hours_above_twenty_times_52_times_the_rate(client_a, make_decision, assistance, sol_assistance,
                                                              home_help):
    assist(make_decision, client_a, assistance, 32, external_id="B-32")
    assist(make_decision, client_a, assistance, 20, external_id="B-20")  # exactly 20: the municipality pays
    assist(make_decision, client_a, sol_assistance, 130, unit="tim/månad", external_id="B-SOL")  # 30 h/week
    assist(make_decision, client_a, home_help, 40, external_id="B-HEMTJ")  # ordinary home help
    items = fk_candidates(Decision.objects.all(), AS_OF)
    assert [i["decision"] for i in items] == ["B-32", "B-SOL"]
    rate = float(fk_rate(2025))
    assert items[0]["yearly_saving"] == pytest.approx(12 * 52 * rate)
    assert items[1]["hours"] == 30 and items[1]["yearly_saving"] == pytest.approx(10 * 52 * rate)
    assert items[0]["hours_basis"] == "decided"


def test_pending_and_granted_applications_leave_the_list_refused_stay(client_a, client_b, client_c, make_decision,
                                                                      assistance):
    assist(make_decision, client_a, assistance, 40, external_id="B-PENDING")
    assist(make_decision, client_b, assistance, 40, external_id="B-GRANTED")
    assist(make_decision, client_c, assistance, 40, external_id="B-REFUSED")
    fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPLICATION, submitted_on=dt.date(2025, 3, 1))
    granted = fk_case_register(client=client_b, actor=None, kind=FkCaseKind.APPLICATION,
                               submitted_on=dt.date(2025, 1, 1))
    fk_case_decide(case=granted, actor=None, outcome=FkOutcome.GRANTED, decided_on=dt.date(2025, 4, 1),
                   hours_granted=Decimal(20))
    refused = fk_case_register(client=client_c, actor=None, kind=FkCaseKind.APPLICATION,
                               submitted_on=dt.date(2025, 1, 1))
    fk_case_decide(case=refused, actor=None, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 4, 1))
    items = fk_candidates(Decision.objects.all(), AS_OF)
    assert [(i["decision"], i["fk_status"]) for i in items] == [("B-REFUSED", "refused")]
    everyone = fk_candidates(Decision.objects.all(), AS_OF, include_settled=True)
    assert {i["decision"]: i["fk_status"] for i in everyone} == {
        "B-PENDING": "pending", "B-GRANTED": "granted", "B-REFUSED": "refused"}


def test_a_pending_appeal_takes_the_client_off_the_list(client_a, make_decision, assistance):
    assist(make_decision, client_a, assistance, 40, external_id="B-1")
    refused = fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPLICATION,
                               submitted_on=dt.date(2025, 1, 1))
    fk_case_decide(case=refused, actor=None, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 3, 1))
    fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPEAL, parent=refused,
                     submitted_on=dt.date(2025, 3, 20))
    assert fk_candidates(Decision.objects.all(), AS_OF) == []


def test_team_filter(client_a, client_b, bob, make_decision, assistance):
    assist(make_decision, client_a, assistance, 30, external_id="B-A")
    assist(make_decision, client_b, assistance, 30, external_id="B-B", caseworker=bob)
    assert [i["decision"] for i in fk_candidates(Decision.objects.all(), AS_OF, "team-b")] == ["B-B"]
