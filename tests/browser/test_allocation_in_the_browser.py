"""Resursfördelning in a real browser: the unit head records a claim with a negative amount and lands on the error
summary; on a phone the page never scrolls sideways; the chart's bars stand on its axis and its text alternative
names the figures; the controller sees no full personnummer in the claims and requests.

2018 rates (kr/år): level 2 900 000, level 3 1 150 000. Two residents of team A from 2017 at 3 000 kr/dygn:
Gunnel at level 2 and Hassan at level 3, so the year's cost is 2 × 3 000 × 365 = 2 190 000 kr against a schablon of
900 000 + 1 150 000 = 2 050 000 kr, a difference of +140 000 kr.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from insatskollen.allocation.services import level_request_create, special_claim_create
from insatskollen.register.services import client_get_or_create

from ..allocation.conftest import NUMBERS
from ..allocation.helpers import import_rates, placement
from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date
PAGE = "/resursfordelning/?year=2018&per=2018-12-31"


@pytest.fixture
def allocation_2018(tmp_path, make_decision, team_a, group_home, hanna, carl):
    import_rates(tmp_path, 2018)
    gunnel, hassan = (client_get_or_create(personal_number=n, actor=None, team=team_a)[0] for n in NUMBERS[:2])
    placement(make_decision, gunnel, level="2", start=D(2017, 1, 1), external_id="B-2018-1")
    decision = placement(make_decision, hassan, level="3", start=D(2017, 1, 1), external_id="B-2018-2")
    special_claim_create(actor=None, client=hassan, intervention_type=group_home, measurement_date=D(2018, 9, 30),
                         kind="whole_day", amount_claimed=Decimal(200_000))
    level_request_create(actor=None, client=hassan, intervention_type=group_home, decision=decision,
                         current_level="3", requested_level="4", need_increased_on=D(2018, 3, 1),
                         requested_on=D(2018, 3, 15))
    return gunnel, hassan


def test_a_negative_amount_brings_the_error_summary_into_focus(page, allocation_2018):
    log_in(page, "hanna", PASSWORD)
    page.goto(PAGE)
    page.get_by_text("Registrera särskild redovisning", exact=True).first.click()
    form = page.locator("form", has=page.get_by_role("button", name="Registrera särskild redovisning"))
    form.get_by_label("Beslut-id").fill("B-2018-2")
    form.get_by_label("Mättillfälle").fill("2018-09-30")
    form.get_by_label("Begärt belopp (kr)").fill("-5000")
    form.get_by_role("button", name="Registrera särskild redovisning").click()
    page.wait_for_load_state("networkidle")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Begärt belopp (kr)")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Begärt belopp (kr)")).to_be_focused()
    violations = [v["id"] for v in Axe().run(page).response["violations"]]
    assert violations == []


@pytest.mark.parametrize("username", ["hanna", "carl"])
def test_on_a_phone_the_page_never_scrolls_sideways(browser, live_server, allocation_2018, username):
    # The hidden text of a "Besluta" link in a scrolled table once widened the whole page to 842 px.
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, username, PASSWORD)
        for path in (PAGE, "/arbetslistor/infor-mattillfallet/?datum=2018-09-30"):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        # Each worklist row is a card: every value stands right of its label, none slips under it (a date inside
        # "Vad och varför" once became a grid item of its own, in the label's column).
        under_labels = page.evaluate("""() => [...document.querySelectorAll('.stack-table td')].flatMap(td => {
            const label = td.querySelector('.stack-label');
            if (!label || getComputedStyle(label).display === 'none') return [];
            const right = label.getBoundingClientRect().right;
            return [...td.querySelectorAll('.nowrap')].filter(v => v.getBoundingClientRect().left < right)
                .map(v => v.textContent);
        })""")
        assert page.locator(".stack-table td .stack-label").first.is_visible()
        assert under_labels == []
    finally:
        context.close()


def test_the_charts_bars_stand_on_its_axis_and_its_text_names_the_figures(page, allocation_2018):
    log_in(page, "hanna", PASSWORD)
    page.goto(PAGE)
    chart = page.get_by_role("img", name="Differens per insatsform 2018")
    expect(chart).to_be_visible()
    # 2 190 000 − 2 050 000 = +140 000 kr, in the description a screen reader reads.
    description = page.locator("#allocation-difference-desc").text_content()
    assert "Boende LSS +140\u00a0000\u00a0kr" in description
    axis = page.locator("figure.chart line.chart-axis").bounding_box()
    bar = page.locator("figure.chart rect.chart-bar").first.bounding_box()
    assert abs(bar["y"] + bar["height"] - axis["y"]) < 1.5, (bar, axis)  # a positive bar rises from the axis


def test_the_controller_sees_no_full_personnummer(page, allocation_2018):
    log_in(page, "carl", PASSWORD)
    page.goto(PAGE)
    main = page.locator("main").inner_text()
    assert "19810211-****" in main.replace("\u00a0", " ")  # in the claims and the requests
    assert all(number not in main and f"{number[:8]}-{number[8:]}" not in main for number in NUMBERS)
    page.goto("/arbetslistor/infor-mattillfallet/?datum=2018-09-30")
    main = page.locator("main").inner_text()
    assert "19810211-****" in main
    assert all(number not in main and f"{number[:8]}-{number[8:]}" not in main for number in NUMBERS)
