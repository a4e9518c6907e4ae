"""The user survey in Chromium: answered from start to end with the keyboard alone, axe-clean on every screen,
usable on a 390 px wide screen (no sideways scrolling, answer targets at least 44 px), and a link that cannot
answer twice. The comparison page is axe-clean too."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from insatskollen.survey.models import SurveyAnswer, SurveyResponse
from insatskollen.survey.services import survey_round_create

from ..conftest import PASSWORD
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def links(provider):
    today = timezone.localdate()
    _, tokens = survey_round_create(actor=None, title="Daglig verksamhet", provider=provider,
                                    opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30),
                                    links=2)
    return tokens


def violations(page) -> list[str]:
    return [f"{v['id']}: {n['target']}" for v in Axe().run(page).response["violations"] for n in v["nodes"]]


def tab_to_button(page, value: str) -> None:
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.value") == value:
            return
    raise AssertionError(f"no button with value {value!r} reached by Tab")


def test_a_whole_survey_answered_by_keyboard(page, links):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/enkat/{links[0]}/")
    found = []
    for number, answer in enumerate(["ja", "ibland", "nej", "ja", "ja"], start=1):
        assert page.locator(".progress").inner_text().startswith(f"Fråga {number} av 5")
        found += violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = page.locator("button.answer").first.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        tab_to_button(page, answer)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert "Tack för dina svar!" in page.locator("h1").inner_text()
    found += violations(page)
    assert not found, "\n".join(found)
    assert SurveyResponse.objects.count() == 1
    assert sorted(SurveyAnswer.objects.values_list("value", flat=True)) == ["ibland", "ja", "ja", "ja", "nej"]

    page.goto(f"/enkat/{links[0]}/")
    assert "redan använts" in page.content()
    assert not violations(page)


def test_the_survey_is_usable_at_400_percent_zoom(page, links):
    # 400 % zoom of a 1280 px window is a 320 CSS px viewport (WCAG 1.4.10 reflow).
    page.set_viewport_size({"width": 320, "height": 256})
    page.goto(f"/enkat/{links[1]}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert not violations(page)


def test_the_comparison_and_survey_pages_have_no_axe_violations(page, hanna, links):
    log_in(page, "hanna", PASSWORD)
    found = []
    for path in ("/jamforelse/", "/brukarenkater/"):
        response = page.goto(path)
        assert response.status == 200
        found += violations(page)
    assert not found, "\n".join(found)
