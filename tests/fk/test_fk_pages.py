"""The FK pages: candidates and cases, registering a case, deciding and appealing; the SoL → LSS list."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.core.numbers import format_sek
from insatskollen.fk.models import FkCase, FkCaseKind, FkOutcome
from insatskollen.fk.rates import fk_rate
from insatskollen.fk.services import fk_case_decide, fk_case_register


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime(2025, 6, 30, 10, 0), tick=False):
        yield


@pytest.fixture
def candidate_a(make_decision, client_a, assistance):
    return make_decision(client_a, intervention_type=assistance, extent=Decimal(30), unit="tim/vecka",
                         price=Decimal(350), external_id="B-ASSIST-A")


@pytest.fixture
def case_b(client_b):
    case = fk_case_register(client=client_b, actor=None, kind=FkCaseKind.APPLICATION,
                            submitted_on=dt.date(2025, 2, 1))
    return fk_case_decide(case=case, actor=None, outcome=FkOutcome.REFUSED, decided_on=dt.date(2025, 4, 1))


def test_anonymous_goes_to_login(client, case_b):
    for url in (reverse("web:worklist_fk"), reverse("web:fk_case_create"), reverse("web:fk_case", args=[case_b.pk]),
                reverse("web:worklist_sol_lss")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(("url_name", "allowed"), [
    ("worklist_fk", {"alice", "hanna", "carl", "ada"}),
    ("fk_case_create", {"alice", "hanna", "ada"}),
    ("worklist_sol_lss", {"alice", "hanna", "ada"}),
])
def test_roles(request, browser_for, url_name, allowed):
    for persona in ("alice", "hanna", "carl", "ada"):
        response = browser_for(request.getfixturevalue(persona)).get(reverse(f"web:{url_name}"))
        assert response.status_code == (200 if persona in allowed else 403), persona


def test_candidates_with_saving_for_own_team_only(browser_for, candidate_a, case_b, alice, bob):
    html = browser_for(alice).get(reverse("web:worklist_fk")).content.decode()
    assert "B-ASSIST-A" in html
    assert format_sek(10 * 52 * fk_rate(2025)) in html
    assert "beslutade timmar per vecka används i stället" in html
    assert f'href="{reverse("web:fk_case", args=[case_b.pk])}"' not in html  # team B's case
    assert "B-ASSIST-A" not in browser_for(bob).get(reverse("web:worklist_fk")).content.decode()


def test_other_teams_case_is_404_and_controller_reads_without_personnummer(browser_for, case_b, alice, carl, client_b):
    url = reverse("web:fk_case", args=[case_b.pk])
    assert browser_for(alice).get(url).status_code == 404
    response = browser_for(carl).get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Avslag" in html
    assert client_b.masked_personal_number not in html and "Överklaga beslutet" not in html
    assert browser_for(carl).post(url, {"action": "appeal"}).status_code == 403


def test_register_application_from_a_candidate(browser_for, candidate_a, alice):
    url = reverse("web:fk_case_create") + f"?beslut={candidate_a.pk}"
    response = browser_for(alice).post(url, {"kind": "application", "submitted_on": "2025-06-15", "note": ""})
    case = FkCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:fk_case", args=[case.pk])
    assert (case.client, case.decision, case.submitted_on) == (candidate_a.client, candidate_a, dt.date(2025, 6, 15))
    assert AuditEvent.objects.filter(action=AuditAction.FK_CASE_CHANGED, actor=alice).exists()
    html = browser_for(alice).get(reverse("web:worklist_fk")).content.decode()
    assert "Väntar på beslut" in html and "Registrera ansökan" not in html  # no longer a candidate


def test_register_by_personnummer_refuses_other_teams_client(browser_for, alice, client_b):
    response = browser_for(alice).post(reverse("web:fk_case_create"), {
        "personal_number": client_b.formatted_personal_number, "kind": "application", "submitted_on": "2025-06-01"})
    assert response.status_code == 200
    assert "Ingen klient med det personnumret" in response.content.decode()
    assert not FkCase.objects.exists()


def test_retroactive_claim_needs_an_amount(browser_for, alice, client_a):
    url = reverse("web:fk_case_create") + f"?klient={client_a.pk}"
    html = browser_for(alice).post(url, {"kind": "retroactive_claim", "submitted_on": "2025-06-01"}).content.decode()
    assert "Ange det belopp ni räknar med att få retroaktivt." in html
    field = re.search(r'<input[^>]*name="expected_amount"[^>]*>', html).group(0)
    assert "id_expected_amount_error" in field  # the message is tied to the input
    browser_for(alice).post(url, {"kind": "retroactive_claim", "submitted_on": "2025-06-01",
                                  "expected_amount": "250 000"})
    assert FkCase.objects.get().expected_amount == Decimal(250000)


def test_decide_then_appeal_on_the_case_page(browser_for, hanna, client_a):
    case = fk_case_register(client=client_a, actor=None, kind=FkCaseKind.APPLICATION, submitted_on=dt.date(2025, 1, 5))
    url = reverse("web:fk_case", args=[case.pk])
    browser = browser_for(hanna)
    bad = browser.post(url, {"action": "decide", "beslut-outcome": "refused", "beslut-decided_on": "2024-12-01"})
    assert "Beslutet kan inte komma före inlämningen" in bad.content.decode()
    browser.post(url, {"action": "decide", "beslut-outcome": "refused", "beslut-decided_on": "2025-04-01"})
    case.refresh_from_db()
    assert case.outcome == FkOutcome.REFUSED
    assert "Överklaga beslutet" in browser.get(url).content.decode()
    response = browser.post(url, {"action": "appeal", "overklagande-submitted_on": "2025-04-20"})
    appeal = FkCase.objects.get(kind=FkCaseKind.APPEAL)
    assert response["Location"] == reverse("web:fk_case", args=[appeal.pk])
    assert appeal.parent == case and appeal.outcome == FkOutcome.PENDING


def test_list_page_queries_do_not_grow_with_cases(browser_for, hanna, client_a, case_b, candidate_a,
                                                  django_assert_max_num_queries):
    for day in range(1, 6):
        fk_case_register(client=client_a, actor=None, kind=FkCaseKind.RETROACTIVE_CLAIM,
                         submitted_on=dt.date(2025, 3, day), expected_amount=Decimal(1000 * day))
    browser = browser_for(hanna)
    with django_assert_max_num_queries(10):
        html = browser.get(reverse("web:worklist_fk")).content.decode()
    assert format_sek(sum(1000 * day for day in range(1, 6))) in html  # expected in open claims
