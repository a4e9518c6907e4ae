"""The forecast pages: who may see them, the forecast with its snapshots, the bridge down to cases, the backtest."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from insatskollen.core.numbers import format_number, format_sek
from insatskollen.followup.texts import deviation_words
from insatskollen.forecasting.models import ForecastSnapshot
from insatskollen.forecasting.selectors import forecast
from insatskollen.ledger.services import budget_import, ledger_import
from insatskollen.register.services import decision_change, start_of_day

from ..ledger.helpers import BUDGET_HEADER, write_file

pytestmark = pytest.mark.django_db

PAGES = ["web:forecast", "web:forecast_bridge", "web:forecast_backtest"]
PRICE = 3250


@pytest.fixture(autouse=True)
def mid_september():
    with time_machine.travel(dt.datetime(2025, 9, 15, 12, 0), tick=False):
        yield


@pytest.fixture
def history(tmp_path, make_decision, client_a, client_b, bob):
    """BES-1 (team A) all year, doubled in extent in August; BES-2 (team B) new in August; ledger Jan–Aug."""
    kept = make_decision(client_a, external_id="BES-1", start_date=dt.date(2025, 1, 1))
    decision_change(decision=kept, actor=None, known_at=start_of_day(dt.date(2025, 8, 10)), extent=Decimal(2))
    make_decision(client_b, external_id="BES-2", caseworker=bob, decision_date=dt.date(2025, 8, 1),
                  start_date=dt.date(2025, 8, 1), price=Decimal(1000))
    rows = [f"2025-{m:02d};4600;6510;100000;Solgläntan AB;Faktura;V{m}" for m in range(1, 9)]
    assert ledger_import(write_file(tmp_path, *rows), actor=None).status == "imported"
    budget = write_file(tmp_path, "2025;;;1500000", header=BUDGET_HEADER, name="budget.csv")
    assert budget_import(budget, actor=None).status == "imported"


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login_and_a_caseworker_is_refused(client, browser_for, alice, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    assert browser_for(alice).get(reverse(name)).status_code == 403


def test_saving_needs_login_and_the_follow_up_role(client, browser_for, alice, history):
    data = {"year": "2025", "as_of": "2025-08-31"}
    assert reverse("web:login") in client.post(reverse("web:forecast_snapshot"), data)["Location"]
    assert browser_for(alice).post(reverse("web:forecast_snapshot"), data).status_code == 403
    assert not ForecastSnapshot.objects.exists()


@pytest.mark.parametrize("persona", ["carl", "hanna", "ada"])
@pytest.mark.parametrize("name", PAGES)
def test_controller_unit_head_and_admin_see_the_pages(request, browser_for, history, persona, name):
    assert browser_for(request.getfixturevalue(persona)).get(reverse(name)).status_code == 200


def test_the_forecast_page_states_the_year_end_net_against_budget_in_words(browser_for, carl, history):
    page = browser_for(carl).get(reverse("web:forecast")).content.decode()

    assert "Prognos för helåret 2025 per 31 augusti 2025" in page
    # Commitment: 8 × 100 000 actual, then Sep–Dec (122 days) of BES-1 at two places and BES-2 at one.
    commitment = 800000 + 122 * (2 * PRICE + 1000)
    assert format_sek(commitment) in page and format_sek(1500000 - commitment) in page
    # The headline is the recommended method's, in words as well as in colour.
    result = forecast(2025, dt.date(2025, 8, 31))
    chosen = result.methods[result.recommended].net
    assert f"Prognosen är {deviation_words(result.budget_net - chosen)}." in page
    assert page.count("(rekommenderad)") == 1


def test_saving_the_months_forecast_fills_its_row_and_a_second_save_says_nothing_changed(browser_for, carl,
                                                                                         history):
    browser = browser_for(carl)
    data = {"year": "2025", "as_of": "2025-08-31"}

    response = browser.post(reverse("web:forecast_snapshot"), data, follow=True)
    page = response.content.decode()
    assert "Prognosen per 31 augusti 2025 är sparad" in page
    snapshot = ForecastSnapshot.objects.get()
    assert snapshot.created_by == carl
    assert page.count("Ingen sparad prognos") == 11
    assert format_sek(snapshot.budget_net) in page and format_sek(snapshot.cost) in page

    again = browser.post(reverse("web:forecast_snapshot"), data, follow=True).content.decode()
    assert "underlaget är oförändrat" in again
    assert ForecastSnapshot.objects.count() == 1


def test_saving_a_month_not_yet_ended_is_refused_with_a_message(browser_for, carl, history):
    response = browser_for(carl).post(reverse("web:forecast_snapshot"), {"year": "2025", "as_of": "2025-09-30"},
                                      follow=True)

    assert "Prognosen sparades inte" in response.content.decode()
    assert not ForecastSnapshot.objects.exists()


def test_consecutive_snapshots_link_to_the_bridge_between_them(browser_for, carl, history):
    browser = browser_for(carl)
    for day in ("2025-07-31", "2025-08-31"):
        browser.post(reverse("web:forecast_snapshot"), {"year": "2025", "as_of": day})

    page = browser.get(reverse("web:forecast")).content.decode()

    assert "Varför ändrades prognosen?" in page
    assert f'{reverse("web:forecast_bridge")}?from=2025-07-31&amp;to=2025-08-31' in page


def test_the_bridge_names_the_cases_behind_each_driver_with_masked_personnummer(browser_for, carl, history,
                                                                                 client_a):
    page = browser_for(carl).get(reverse("web:forecast_bridge"),
                                 {"from": "2025-07-31", "to": "2025-08-31", "metod": "commitment"}).content.decode()

    assert "Nya beslut" in page and "Ändrad omfattning" in page
    assert "BES-2" in page and "19950704-****" in page
    assert "199507042464" not in page and "19950704-2464" not in page
    # BES-1's extent doubled: Sep–Dec, 122 days of one more place.
    assert format_sek(122 * PRICE).replace("\xa0", "\xa0") in page
    assert f'href="{reverse("web:client", args=[client_a.pk])}"' in page
    assert 'role="img"' in page and "<details>" in page


def test_the_bridge_explains_bad_dates_beside_the_field(browser_for, carl, history):
    bad = browser_for(carl).get(reverse("web:forecast_bridge"), {"from": "31 juli", "to": "2025-08-31"})
    page = bad.content.decode()
    assert bad.status_code == 200
    assert 'aria-describedby="from-error"' in page and "ÅÅÅÅ-MM-DD" in page

    reversed_dates = browser_for(carl).get(reverse("web:forecast_bridge"), {"from": "2025-08-31",
                                                                            "to": "2025-07-31"})
    assert "Från-datumet måste vara före till-datumet." in reversed_dates.content.decode()


def test_the_backtest_shows_each_methods_error_against_the_actual_year(browser_for, carl, tmp_path):
    amounts = {m: 100000 + m * 5000 for m in range(1, 13)}
    rows = [f"2024-{m:02d};4600;6510;{amount};Solgläntan AB;Faktura;V{m}" for m, amount in amounts.items()]
    assert ledger_import(write_file(tmp_path, *rows), actor=None).status == "imported"

    page = browser_for(carl).get(reverse("web:forecast_backtest"), {"year": "2024"}).content.decode()

    actual = sum(amounts.values())
    january_error = (amounts[1] * 12 - actual) / actual * 100
    assert f"{format_number(january_error, 1)} %" in page
    errors = [abs(sum(amounts[m] for m in range(1, k + 1)) / k * 12 - actual) / actual * 100 for k in range(1, 12)]
    assert f"{format_number(sum(errors) / len(errors), 1)} %" in page
    assert "(lägst fel)" in page and "Rekommenderad metod" in page


@pytest.mark.parametrize("name", [*PAGES, "web:action_plans"])
def test_every_forecast_page_links_the_action_plans_in_its_sub_navigation(browser_for, carl, name):
    page = browser_for(carl).get(reverse(name)).content.decode()
    nav = page[page.index('<nav class="sub-nav"'):page.index("</nav>", page.index('<nav class="sub-nav"'))]
    assert f'href="{reverse("web:action_plans")}"' in nav
    assert nav.count('aria-current="page"') == 1 and f'href="{reverse(name)}" aria-current="page"' in nav


def test_the_forecast_page_itself_points_to_the_action_plan(browser_for, hanna):
    page = browser_for(hanna).get(reverse("web:forecast")).content.decode()
    assert f'<a href="{reverse("web:action_plans")}">Åtgärdsplan och orsaksredovisning</a>' in page


def test_a_caseworker_gets_no_link_to_the_action_plans(browser_for, alice):
    page = browser_for(alice).get(reverse("web:home")).content.decode()
    assert reverse("web:action_plans") not in page and reverse("web:forecast") not in page
    assert browser_for(alice).get(reverse("web:action_plans")).status_code == 403
