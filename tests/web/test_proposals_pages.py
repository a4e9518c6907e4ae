"""Decisions beyond delegation in the UI and the API: the caseworker's write becomes a proposal with Swedish
feedback, the unit head approves or rejects it on the proposals pages, and the rules are listed for all."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as Browser
from django.urls import reverse

from insatskollen.api.services import api_token_create
from insatskollen.casework.models import DelegationRule, Proposal
from insatskollen.register.models import Decision

JUNE_2025 = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def rules(db, time_machine):
    time_machine.move_to(JUNE_2025, tick=False)
    return DelegationRule.objects.create(law="LSS", annual_cost_above=Decimal(1_000_000),
                                         description="Dyra LSS-beslut")


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_ending_beyond_delegation_in_the_ui_makes_a_proposal(browser_for, alice, decision_a):
    response = browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]),
                                       {"end_date": "2025-08-31", "version": "1"}, follow=True)
    page = text(response)
    proposal = Proposal.objects.get()
    assert response.redirect_chain[-1][0] == reverse("web:proposal_detail", args=[proposal.pk])
    assert "Beslutet kräver sektionschefens godkännande: Dyra LSS-beslut" in page
    decision_a.refresh_from_db()
    assert decision_a.end_date is None


def test_change_within_delegation_is_written_at_once(browser_for, alice, decision_a):
    url = reverse("web:decision_change", args=[decision_a.pk])
    form = {name: getattr(decision_a, name) for name in ("extent", "unit", "decision_date", "start_date")}
    form.update(intervention_type=decision_a.intervention_type_id, provider=decision_a.provider_id,
                caseworker=decision_a.caseworker_id, price="2000", external_id="B-A1", ifo_share_pct="0",
                version="1", valid_from="2025-07-01", confirm="1")
    response = browser_for(alice).post(url, {k: str(v) for k, v in form.items()})
    assert response.status_code == 302 and Proposal.objects.count() == 0
    decision_a.refresh_from_db()
    assert decision_a.price == Decimal(2000)


def test_unit_head_approves_on_the_detail_page(browser_for, alice, hanna, decision_a):
    browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]), {"end_date": "2025-08-31", "version": "1"})
    proposal = Proposal.objects.get()
    listing = text(browser_for(hanna).get(reverse("web:proposals")))
    assert "1 förslag väntar" in listing and "Dyra LSS-beslut" in listing and "19870312-****" in listing
    detail_url = reverse("web:proposal_detail", args=[proposal.pk])
    assert "Godkänn och registrera beslutet" in text(browser_for(hanna).get(detail_url))
    assert "Godkänn och registrera" not in text(browser_for(alice).get(detail_url))
    browser_for(hanna).post(detail_url, {"action": "approve", "note": ""})
    decision_a.refresh_from_db()
    assert decision_a.end_date == dt.date(2025, 8, 31)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED


def test_rejection_needs_a_note_tied_to_the_field(browser_for, alice, hanna, decision_a):
    browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]), {"end_date": "2025-08-31", "version": "1"})
    proposal = Proposal.objects.get()
    url = reverse("web:proposal_detail", args=[proposal.pk])
    page = text(browser_for(hanna).post(url, {"action": "reject", "note": ""}))
    assert "Skriv varför förslaget avslås" in page and 'href="#id_note"' in page
    browser_for(hanna).post(url, {"action": "reject", "note": "Utred vidare."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED


def test_the_rules_are_listed_for_caseworkers(browser_for, alice):
    page = text(browser_for(alice).get(reverse("web:proposals")))
    assert "Dyra LSS-beslut" in page and "årskostnad över 1 000 000 kr" in page


def test_access_to_proposal_pages(client, browser_for, alice, bob, carl, hanna, decision_a):
    browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]), {"end_date": "2025-08-31", "version": "1"})
    detail = reverse("web:proposal_detail", args=[Proposal.objects.get().pk])
    for url in (reverse("web:proposals"), detail):
        assert client.get(url).status_code == 302
        assert browser_for(carl).get(url).status_code == 403
        assert browser_for(alice).get(url).status_code == 200
    assert browser_for(bob).get(detail).status_code == 404
    assert "19870312" not in text(browser_for(bob).get(reverse("web:proposals")))
    assert browser_for(alice).post(detail, {"action": "approve"}).status_code == 403


def test_api_write_beyond_delegation_answers_202_with_the_reasons(alice, decision_a):
    key = api_token_create(user=alice, name="test", actor=None)[1]
    response = Browser().post(f"/api/decisions/{decision_a.pk}/end", data=json.dumps({"end_date": "2025-08-31", "version": "1"}),
                              content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    body = json.loads(response.content)
    assert response.status_code == 202, body
    assert body["detail"].startswith("Beslutet kräver sektionschefens godkännande")
    assert body["proposal"] == Proposal.objects.get().pk and "Dyra LSS-beslut" in body["reasons"][0]
    assert Decision.objects.get(pk=decision_a.pk).end_date is None
