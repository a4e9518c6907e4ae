"""Tried as a new caseworker would, in a real browser: log in, open the reviews due, record a review that reduces
the hours, and see the decision's cost effect and the unit's forecast change."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatskollen.casework.models import ReviewRecord

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_caseworker_records_a_reduction_and_sees_the_forecast_move(page, alice, client_a, home_help,
                                                                         make_decision):
    today = timezone.localdate()
    decided = today.replace(year=today.year - 1) - dt.timedelta(days=10)  # its review is overdue
    decision = make_decision(client_a, external_id="B-HEMTJ", intervention_type=home_help, unit="tim/vecka",
                             extent=Decimal(20), price=Decimal(350), decision_date=decided, start_date=decided)
    log_in(page, "alice", PASSWORD)
    # The start page says what to do this week: the overdue review, with a link straight to it.
    page.goto("/")
    week = page.get_by_role("region", name=re.compile("Din vecka"))
    expect(week).to_contain_text("1 försenad omprövning")
    page.get_by_role("link", name="Arbetslistor").first.click()
    page.get_by_role("link", name="Omprövningar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Omprövningar")
    expect(page.get_by_role("row", name=re.compile("B-HEMTJ"))).to_contain_text("Försenad")
    page.get_by_role("link", name=re.compile("Registrera omprövning B-HEMTJ")).click()

    page.get_by_label("Minskat").check()
    page.get_by_label("Ny omfattning").fill("12")
    page.get_by_role("button", name="Spara omprövningen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Minskat")
    expect(page.get_by_text("Omprövningen av B-HEMTJ är registrerad.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Enhetens prognos"))).to_be_visible()
    review = ReviewRecord.objects.get()
    assert review.forecast_net_after < review.forecast_net_before
    decision.refresh_from_db()
    # The change applies from today: the same decision keeps its 20 hours until yesterday and has 12 from today.
    assert (decision.extent, decision.last_review_date, decision.end_date) == (12, today, None)
    assert decision.client.decisions.count() == 1
    page.goto(f"/klienter/{client_a.pk}/")
    page.get_by_text(re.compile("Historik")).first.click()
    expect(page.get_by_text(f"Omprövning: minskat 20 → 12 timmar per vecka från {today:%Y-%m-%d}")).to_be_visible()
