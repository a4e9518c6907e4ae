"""The forms of Resursfördelning: the unit head and the controller record and decide särskild redovisning claims and
level requests through the services (audited); caseworkers cannot; errors come back in Swedish with the summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from insatskollen.allocation.models import LevelRequest, SpecialClaim
from insatskollen.audit.models import AuditAction, AuditEvent

from .helpers import import_rates, placement

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def housing(tmp_path, make_decision, residents):
    import_rates(tmp_path, 2018)
    return placement(make_decision, residents[0], level="2", start=D(2017, 1, 1), external_id="B-77")


def claim_post(browser, **fields):
    data = {"claim-decision": "B-77", "claim-measurement_date": "2018-09-30", "claim-kind": "part_of_day",
            "claim-amount_claimed": "150 000", **fields}
    return browser.post(reverse("web:allocation_claim_create"), data)


def test_the_page_shows_both_forms_to_the_unit_head_only(browser_for, hanna, alice, housing):
    page = browser_for(hanna).get(reverse("web:allocation"), {"year": 2018}).content.decode()
    assert 'action="' + reverse("web:allocation_claim_create") in page
    assert 'action="' + reverse("web:allocation_level_request_create") in page
    assert 'id="id_claim-decision"' in page and 'id="id_level-decision"' in page
    assert reverse("web:allocation_claim_create") not in browser_for(alice).get(reverse("web:allocation")).content.decode()


def test_a_part_of_day_claim_in_2018_is_kept_as_not_payable_and_audited(browser_for, hanna, housing):
    browser = browser_for(hanna)
    response = claim_post(browser)
    assert response.status_code == 302
    claim = SpecialClaim.objects.get()
    assert (claim.client_id, claim.amount_claimed, claim.payable) == (housing.client_id, 150_000, False)
    page = browser.get(response["Location"]).content.decode()
    assert "inte ersättningsgill" in page and "Från 2018" in page
    assert AuditEvent.objects.filter(action=AuditAction.ALLOCATION_CHANGED, actor=hanna).count() == 1


def test_errors_come_back_in_swedish_with_the_summary(browser_for, hanna, housing):
    response = claim_post(browser_for(hanna), **{"claim-decision": "B-NOPE", "claim-measurement_date": "2018-06-30",
                                                "claim-amount_claimed": "x"})
    html = response.content.decode()
    assert response.status_code == 200 and "Formuläret innehåller fel" in html
    assert "Hittar inget beslut med Beslut-id B-NOPE" in html
    assert "2018-06-30 är inget mättillfälle 2018" in html
    assert not SpecialClaim.objects.exists()


def test_the_controller_grants_a_claim(browser_for, carl, hanna, housing):
    claim_post(browser_for(hanna), **{"claim-kind": "whole_day"})
    claim = SpecialClaim.objects.get()
    url = reverse("web:allocation_claim_decide", args=[claim.pk])
    assert "Formuläret innehåller fel" in browser_for(carl).post(url, {"outcome": "granted"}).content.decode()
    response = browser_for(carl).post(url, {"outcome": "granted", "decided_on": "2018-11-01",
                                            "amount_granted": "140 000"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.amount_granted, claim.decided_on) == ("granted", 140_000, D(2018, 11, 1))


def test_the_decision_pages_say_whose_claim_and_request_it_is(browser_for, carl, hanna, housing):
    claim_post(browser_for(hanna), **{"claim-kind": "whole_day"})
    browser_for(hanna).post(reverse("web:allocation_level_request_create"), {
        "level-decision": "B-77", "level-requested_level": "3", "level-need_increased_on": "2018-03-01",
        "level-requested_on": "2018-04-01"})
    claim_url = reverse("web:allocation_claim_decide", args=[SpecialClaim.objects.get().pk])
    request_url = reverse("web:allocation_level_request_decide", args=[LevelRequest.objects.get().pk])

    head = browser_for(hanna).get(claim_url).content.decode().replace("\u00a0", " ")
    assert "198001105009, 6510, mättillfället 2018-09-30: Dubbelbemanning hela dagen, begärt 150 000 kr" in head
    controller = browser_for(carl)
    assert "19800110-****, 6510, mättillfället 2018-09-30" in controller.get(claim_url).content.decode()
    page = controller.get(request_url).content.decode()
    assert "19800110-****, 6510: nivå 2 → 3" in page and "198001105009" not in page


def test_a_level_request_is_recorded_and_refused(browser_for, hanna, housing):
    response = browser_for(hanna).post(reverse("web:allocation_level_request_create"), {
        "level-decision": "B-77", "level-requested_level": "3", "level-need_increased_on": "2018-03-01",
        "level-requested_on": "2018-04-01"})
    assert response.status_code == 302
    made = LevelRequest.objects.get()
    assert (made.current_level, made.requested_level, made.decision_id) == ("2", "3", housing.pk)
    url = reverse("web:allocation_level_request_decide", args=[made.pk])
    browser_for(hanna).post(url, {"outcome": "refused", "decided_on": "2018-06-15", "note": "Behovet ska ha funnits längre."})
    made.refresh_from_db()
    assert (made.status, made.decided_on) == ("refused", D(2018, 6, 15))


def test_a_caseworker_may_not_post(browser_for, alice, housing):
    assert claim_post(browser_for(alice)).status_code == 403
    assert not SpecialClaim.objects.exists()
