"""Every page in the navigation, and the main detail pages, checked with axe-core in a real browser for each role:
a caseworker, the unit head, the controller and the admin. Then the layout at 1366 px (no table runs past the
page unless it scrolls inside a labelled region reachable with Tab), the review list at 390 px (the action on
screen), and the API docs (Swagger UI served from our own static files, no CDN)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from insatskollen.allocation.services import level_request_create, special_claim_create
from insatskollen.register.services import client_get_or_create

from ..allocation.helpers import import_rates, placement
from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Detail pages not in the navigation ({client}, {decision} are filled in); pages a role may not open answer 403
# and are skipped.
DETAIL_PAGES = (
    "/klienter/{client}/", "/beslut/{decision}/andra/", "/beslut/{decision}/avsluta/",
    "/klienter/{client}/beslut/nytt/", "/arbetslistor/omprovningar/", "/arbetslistor/omprovningar/{decision}/",
    "/arbetslistor/omprovningar/tackning/", "/beslutsforslag/", "/arendedragning/", "/arbetslistor/avtal/",
    "/avtal/indexering/", "/arbetslistor/forsakringskassan/", "/arbetslistor/forsakringskassan/nytt/",
    "/arbetslistor/sol-till-lss/", "/arbetslistor/genomforandeplaner/", "/arbetslistor/arbetsbelastning/",
    "/arbetslistor/nivagranser/", "/arsplanering/", "/arsplanering/ny/", "/prognos/", "/prognos/brygga/",
    "/prognos/traffsakerhet/", "/prognos/atgardsplan/", "/uppfoljning/avstamning/?month={month}",
    "/uppfoljning/rapport/?month={month}", "/uppfoljning/stangda-manader/", "/rattelser/", "/import/",
    "/ekonomi/import/", "/ekonomi/budget/", "/export/", "/logg/", "/notiser/",
    # Resursfördelning with its options and forms (Nivåbevakning is its section), and "Inför mättillfället" opened
    # for a date so that its rows show whatever the day.
    "/resursfordelning/?year={year}&per={year}-06-30", "/resursfordelning/?year={year}&utforartyp=privat",
    "/resursfordelning/?year={previous_year}", "/resursfordelning/sarskild-redovisning/ny/",
    "/resursfordelning/sarskild-redovisning/{claim}/beslut/", "/resursfordelning/niva/ny/",
    "/resursfordelning/niva/{level_request}/beslut/", "/arbetslistor/infor-mattillfallet/?datum={measurement_date}",
)


@pytest.fixture
def unit_data(alice, bob, hanna, carl, ada, client_a, client_b, home_help, make_decision, group_home, tmp_path):
    """Two clients in two teams, each with a decision whose review is overdue, one of them about to move to FK.
    The city's allocation for this year and the last: schablon, measurement dates (31 March, 30 September), housing
    at levels (one priced above its level, one moving with a gap over 30 September), a level request and two
    claims."""
    today = timezone.localdate()
    decided = today.replace(year=today.year - 1) - dt.timedelta(days=10)
    decision = make_decision(client_a, external_id="BES-000711", decision_date=decided, start_date=decided)
    make_decision(client_a, external_id="BES-000712", intervention_type=home_help, unit="tim/vecka",
                  extent=Decimal(22), price=Decimal(350), decision_date=decided, start_date=decided)
    make_decision(client_b, external_id="BES-000713", caseworker=bob, decision_date=decided, start_date=decided)

    year = today.year
    for each in (year - 1, year):
        import_rates(tmp_path, each)
    september = dt.date(year, 9, 30)
    start = dt.date(year - 1, 1, 1)
    raised = placement(make_decision, client_b, level="2", start=start, caseworker=bob, external_id="BES-000714")
    moving = client_get_or_create(personal_number="198001105009", actor=None, team=client_a.team)[0]
    placement(make_decision, moving, level="3", start=start, end=dt.date(year, 9, 20), decided=dt.date(year, 6, 1),
              external_id="BES-000715")
    placement(make_decision, moving, level="3", start=dt.date(year, 10, 5), decided=dt.date(year, 6, 1),
              external_id="BES-000716")
    level_request = level_request_create(
        actor=None, client=client_b, intervention_type=group_home, decision=raised, current_level="2",
        requested_level="3", need_increased_on=dt.date(year, 3, 15), requested_on=dt.date(year, 4, 1))
    claim = special_claim_create(actor=None, client=client_b, intervention_type=group_home,
                                 measurement_date=september, kind="whole_day", amount_claimed=Decimal(200_000))
    special_claim_create(actor=None, client=client_b, intervention_type=group_home, measurement_date=september,
                         kind="part_of_day", amount_claimed=Decimal(150_000))
    return {"client": client_a.pk, "decision": decision.pk, "month": (today.replace(day=1) - dt.timedelta(days=1))
            .strftime("%Y-%m"), "year": year, "previous_year": year - 1, "measurement_date": september.isoformat(),
            "claim": claim.pk, "level_request": level_request.pk}


def pages_for(page, data) -> list[str]:
    nav = [a.get_attribute("href") for a in page.locator("nav.main-nav a").all()]
    detail = [path.format(**data) for path in DETAIL_PAGES]
    return list(dict.fromkeys(nav + detail))


def violations_on(page, axe: Axe, path: str) -> list[str]:
    response = page.goto(path)
    if response is None or response.status == 403:
        return []
    assert response.status == 200, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    found = []
    for violation in axe.run(page).response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']} on {path}: {node['target']} {node['html'][:160]}")
    return found


@pytest.mark.parametrize("username", ["alice", "hanna", "carl", "ada"])
def test_every_page_a_role_can_open_has_no_axe_violations(page, unit_data, username):
    axe = Axe()
    log_in(page, username, PASSWORD)
    visited, found = 0, []
    for path in pages_for(page, unit_data):
        found += violations_on(page, axe, path)
        visited += 1

    assert visited >= 20
    assert not found, f"{len(found)} axe violations for {username}:\n" + "\n".join(found)


# A table is too wide when it runs past the content box of <main>; it may only do so inside a region that a
# keyboard can reach (tabindex=0) and a screen reader can name (role=region with aria-label or aria-labelledby).
UNREACHABLE_WIDE_TABLES = """() => {
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const bad = [];
  for (const table of main.querySelectorAll('table')) {
    if (table.getBoundingClientRect().right <= right + 1 && table.scrollWidth <= table.clientWidth + 1) continue;
    const region = table.closest('[role=region]');
    const named = region && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'));
    if (!(region && region.getAttribute('tabindex') === '0' && named && main.contains(region)))
      bad.push((table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80)));
  }
  return bad;
}"""

# Dates, personnummer, decision ids and amounts in table cells that a line break splits ("2027-01-/18").
BROKEN_VALUES = r"""() => {
  const re = /\d{8}-[\d*]{4}|\d{4}-\d{2}-\d{2}|\b[A-Z]{2,5}-\d[\w-]*|\d{1,3}(?:[ \u00a0]\d{3})+(?:[ \u00a0]kr)?/g;
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const broken = [];
  let node;
  while ((node = walker.nextNode())) {
    if (!node.parentElement.closest('td, th')) continue;
    for (const match of node.data.matchAll(re)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [1366, 390])
def test_tables_fit_or_scroll_in_a_labelled_region_and_values_never_break(browser, live_server, unit_data, width):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 768})
    page = context.new_page()
    try:
        log_in(page, "hanna", PASSWORD)
        problems = []
        for path in pages_for(page, unit_data):
            response = page.goto(path)
            if response is None or response.status != 200:
                continue
            page.wait_for_load_state("networkidle")
            problems += [f"{path}: table '{caption}' is wider than the page and not in a focusable, labelled "
                         f"scroll region" for caption in page.evaluate(UNREACHABLE_WIDE_TABLES)]
            problems += [f"{path}: '{value}' is split over two lines" for value in page.evaluate(BROKEN_VALUES)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_review_lists_action_is_on_screen_on_a_phone(browser, live_server, unit_data):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, "hanna", PASSWORD)
        page.goto("/arbetslistor/omprovningar/")
        action = page.get_by_role("link", name="Registrera omprövning").first
        action.scroll_into_view_if_needed()
        box = action.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_the_api_docs_list_the_endpoints_without_any_request_leaving_the_server(page, live_server, hanna):
    outside = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url)
            else outside.append(request.url))
    log_in(page, "hanna", PASSWORD)  # the docs are for logged-in users
    page.goto("/api/docs")

    expect(page.locator(".opblock-summary-path").filter(has_text="/api/me")).to_be_visible()
    expect(page.locator(".opblock-summary-path").filter(has_text="/api/clients").first).to_be_visible()
    assert outside == []
