"""The proposal flow tells people: the caseworker sees a success confirmation with Swedish figures, the unit head
gets a notice ("Notiser") when a proposal is made, the caseworker one when it is approved or rejected."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.casework.models import DelegationRule, Proposal
from insatskollen.notifications.models import Notification

JUNE_2025 = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def rules(db, time_machine):
    time_machine.move_to(JUNE_2025, tick=False)
    return DelegationRule.objects.create(law="LSS", annual_cost_above=Decimal(1_000_000),
                                         description="Dyra LSS-beslut")


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def propose_price_change(browser_for, alice, decision):
    """Alice raises the daily price 3 250 → 3 400,50 kr and the extent 1 → 1,5 days: beyond her delegation."""
    form = {name: getattr(decision, name) for name in ("unit", "decision_date", "start_date")}
    form.update(intervention_type=decision.intervention_type_id, provider=decision.provider_id,
                caseworker=decision.caseworker_id, price="3400,50", extent="1,5", external_id="B-A1",
                ifo_share_pct="0", version="1", valid_from="2025-07-01", confirm="1")
    return browser_for(alice).post(reverse("web:decision_change", args=[decision.pk]),
                                   {k: str(v) for k, v in form.items()}, follow=True)


def test_the_caseworker_sees_a_success_message_and_swedish_figures(browser_for, alice, hanna, decision_a):
    page = text(propose_price_change(browser_for, alice, decision_a))
    assert 'class="message message-success">Beslutet kräver sektionschefens godkännande' in page
    assert "message-warning" not in page and "message-error" not in page
    table = page[page.index("Föreslagna uppgifter"):page.index("</table>", page.index("Föreslagna uppgifter"))]
    assert "<td>3 250 kr</td><td>3 400,50 kr</td>" in table
    assert "<td>1</td><td>1,5</td>" in table
    assert "3250" not in table and "3400.5" not in table and "1.0000" not in table


def test_the_unit_head_is_notified_of_a_new_proposal(browser_for, alice, hanna, carl, decision_a):
    propose_price_change(browser_for, alice, decision_a)
    proposal = Proposal.objects.get()
    notice = Notification.objects.get(recipient=hanna)
    assert notice.url == reverse("web:proposal_detail", args=[proposal.pk])
    assert "Beslutsförslag att avgöra" in notice.title and "Alice Andersson" in notice.body
    # 3 400,50 kr × 1,5 days = 5 100,75 kr a day; × 365 = 1 861 773,75 kr a year
    assert "Årskostnad 1 861 774 kr" in notice.body.replace("\xa0", " ") and "19870312-****" in notice.body
    assert not Notification.objects.filter(recipient__in=[alice, carl]).exists()
    assert notice.title in text(browser_for(hanna).get(reverse("web:notifications")))


def test_the_caseworker_is_notified_when_approved(browser_for, alice, hanna, decision_a):
    propose_price_change(browser_for, alice, decision_a)
    proposal = Proposal.objects.get()
    browser_for(hanna).post(reverse("web:proposal_detail", args=[proposal.pk]),
                            {"action": "approve", "note": "Behovet är styrkt."})
    notice = Notification.objects.get(recipient=alice)
    assert notice.title.startswith("Ditt beslutsförslag är godkänt")
    assert "Hanna Holm har godkänt förslaget. Beslut B-A1 är registrerat. Motivering: Behovet är styrkt." == notice.body
    assert notice.title in text(browser_for(alice).get(reverse("web:notifications")))


def test_the_caseworker_is_notified_when_rejected_with_the_reason(browser_for, alice, hanna, decision_a):
    propose_price_change(browser_for, alice, decision_a)
    proposal = Proposal.objects.get()
    browser_for(hanna).post(reverse("web:proposal_detail", args=[proposal.pk]),
                            {"action": "reject", "note": "Utred behovet vidare."})
    notice = Notification.objects.get(recipient=alice)
    assert notice.title.startswith("Ditt beslutsförslag är avslaget")
    assert "Registret är oförändrat. Motivering: Utred behovet vidare." in notice.body
