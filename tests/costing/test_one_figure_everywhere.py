"""One figure everywhere: on a built demo unit, every page, report, command and API that states a figure of the
register gives the same figure, to the öre, for the same question — the year, the year to date and one month, for
the whole unit, per intervention code and per team. Where a page shows whole kronor, it shows that figure rounded.

The demo is built once for the module by the real `seed_demo` command with time pinned, every surface is read
inside that build, and the build is rolled back. The one source is `costing.selectors.cost_summary`; each surface
is compared with it, and the selector itself with a slow exact reference on one code's month.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from insatskollen.actionplan.selectors import draft_figures
from insatskollen.api.services import api_token_create
from insatskollen.costing.selectors import cost_summary, term_rows
from insatskollen.followup.changes import month_changes
from insatskollen.followup.report import build_report
from insatskollen.followup.selectors import keyfigures_for_year, reconcile_month
from insatskollen.forecasting.selectors import forecast, forecast_bridge
from insatskollen.register.models import Decision
from insatskollen.register.services import start_of_day

from .reference import RefDecision, month_amounts, to_ore

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 18)  # March is open; February closed on the 6th
NOW = dt.datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
YEAR, MONTH, CLOSED = 2026, "2026-03", "2026-02"
TO_DATE = ["2026-01", "2026-02", "2026-03"]
JANUARY = dt.date(2026, 1, 1)


def kronor(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def as_decimal(figures: dict) -> dict[str, Decimal]:
    return {k: Decimal(str(figures[k])).quantize(Decimal("0.01")) for k in ("cost", "revenue", "net")}


def command_json(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def surfaces(django_db_setup, django_db_blocker):
    """Every surface's answer, read from one demo build."""
    found: dict = {}
    with django_db_blocker.unblock(), transaction.atomic(), time_machine.travel(NOW, tick=False):
        call_command("seed_demo", "--clients", "150", "--years", "2", stdout=io.StringIO())
        users = get_user_model().objects
        chef, admin = users.get(username="chef"), users.get(username="admin")
        caseworker = users.filter(role="caseworker", team__isnull=False).order_by("username").first()
        found["team"] = caseworker.team.name

        found["selector"] = cost_summary(None, first_month=JANUARY, month_count=12)
        found["by_code"] = cost_summary(None, first_month=JANUARY, month_count=12, by="insatskod")
        found["by_team"] = cost_summary(None, first_month=JANUARY, month_count=12, by="team")
        found["code"] = max(found["by_code"].by, key=lambda c: found["by_code"].by[c].cost)
        found["code_alone"] = cost_summary(Decision.objects.filter(intervention_type__code=found["code"]),
                                           first_month=JANUARY, month_count=12).total

        found["command"] = command_json("costs", "--year", str(YEAR), "--json")
        found["command_by_code"] = command_json("costs", "--year", str(YEAR), "--by", "insatskod", "--json")
        found["command_by_team"] = command_json("costs", "--year", str(YEAR), "--by", "team", "--json")

        api = Client()
        key = api_token_create(user=admin, name="test", actor=None)[1]
        auth = {"Authorization": f"Bearer {key}"}
        found["api"] = api.get("/api/costs", {"year": YEAR}, headers=auth).json()
        found["api_by_code"] = api.get("/api/costs", {"year": YEAR, "by": "insatskod"}, headers=auth).json()
        found["api_forecast"] = api.get("/api/forecast", {"year": YEAR, "as_of": TODAY.isoformat()},
                                        headers=auth).json()

        web = Client()
        web.force_login(chef)
        found["home"] = web.get("/").context["this_year"]
        found["home_month"] = web.get("/").context["this_month"]
        found["dashboard"] = web.get("/uppfoljning/", {"month": MONTH}).context["report"]
        found["forecast_page"] = web.get("/prognos/", {"year": YEAR, "as_of": TODAY.isoformat()}).context["forecast"]
        team_web = Client()
        team_web.force_login(caseworker)
        found["home_team"] = team_web.get("/").context["this_year"]

        found["report"] = build_report(dt.date(2026, 3, 1))
        found["keyfigures"] = keyfigures_for_year(None, YEAR)
        found["changes"] = month_changes(dt.date(2026, 3, 1))
        found["reconciliation"] = reconcile_month(dt.date(2026, 2, 1))
        found["forecast"] = forecast(YEAR, TODAY)
        found["bridge"] = forecast_bridge(dt.date(2026, 2, 28), TODAY, method="commitment")
        found["known_today"] = cost_summary(None, first_month=JANUARY, month_count=12,
                                            cutoff=start_of_day(TODAY + dt.timedelta(days=1)))
        found["action_plan"] = draft_figures(YEAR, TODAY)
        code_rows = term_rows(None, dt.date(2026, 3, 1), dt.date(2026, 3, 31),
                              fields=("start_date", "end_date", "unit", "extent", "price", "ifo_share_pct",
                                      "revenue_per_unit", "intervention_type__code"))
        found["reference_rows"] = [r for r in code_rows if r["intervention_type__code"] == found["code"]]
        transaction.set_rollback(True)
    return found


def test_the_selector_matches_a_slow_exact_reference_on_the_largest_codes_month(surfaces):
    decisions = [RefDecision(r["start_date"], r["end_date"], {k: r[k] for k in (
        "unit", "extent", "price", "ifo_share_pct", "revenue_per_unit")}) for r in surfaces["reference_rows"]]
    cost, revenue = month_amounts(decisions, 2026, 3)
    figures = surfaces["by_code"].by_month[surfaces["code"]][MONTH]
    assert (figures.cost, figures.revenue) == (to_ore(cost), to_ore(revenue))


def test_the_year_is_one_figure_everywhere(surfaces):
    year = surfaces["selector"].total
    assert as_decimal(surfaces["command"]["total"]) == as_decimal(year.as_dict())
    assert as_decimal(surfaces["api"]["total"]) == as_decimal(year.as_dict())
    assert surfaces["report"].total.register_year == year
    assert surfaces["dashboard"].total.register_year.net == kronor(year.net)  # shown in whole kronor
    assert (surfaces["home"].cost, surfaces["home"].net) == (kronor(year.cost), kronor(year.net))
    assert surfaces["action_plan"].register_after == year.net


def test_the_year_to_date_and_one_month_are_one_figure_everywhere(surfaces):
    selector = surfaces["selector"]
    assert surfaces["report"].total.register_to_date == selector.span(TO_DATE)
    month = selector.months[MONTH]
    assert as_decimal(surfaces["command"]["months"][MONTH]) == as_decimal(month.as_dict())
    assert as_decimal(surfaces["api"]["months"][MONTH]) == as_decimal(month.as_dict())
    assert surfaces["report"].months[2].register == month
    assert surfaces["changes"].current_total == month.cost
    assert abs(surfaces["home_month"].net - month.net) < 1  # a row of a table that adds up: within a krona
    assert surfaces["reconciliation"].register_cost == selector.months[CLOSED].cost


def test_a_code_is_one_figure_everywhere(surfaces):
    code, by_code = surfaces["code"], surfaces["by_code"]
    figures = by_code.by[code]
    assert as_decimal(surfaces["command_by_code"]["by"][code]) == as_decimal(figures.as_dict())
    assert as_decimal(surfaces["api_by_code"]["by"][code]) == as_decimal(figures.as_dict())
    assert Decimal(str(surfaces["keyfigures"][code].cost[MONTH])) == by_code.by_month[code][MONTH].cost
    # The same question asked as a breakdown and of the code alone gives the same figure.
    assert surfaces["code_alone"] == figures


def test_a_team_is_one_figure_everywhere(surfaces):
    team = surfaces["team"]
    figures = surfaces["by_team"].by[team]
    assert as_decimal(surfaces["command_by_team"]["by"][team]) == as_decimal(figures.as_dict())
    shown = surfaces["home_team"]  # the caseworker's start page: their team's clients
    assert (shown.cost, shown.net) == (kronor(figures.cost), kronor(figures.net))


def test_the_forecast_carries_the_registers_figure(surfaces):
    result, known = surfaces["forecast"], surfaces["known_today"]
    rest = [f"{YEAR}-{m:02d}" for m in range(result.ledger_months + 1, 13)]
    commitment = result.methods["commitment"]
    register_part = known.span(rest)
    assert commitment.cost - result.actual.cost == register_part.cost
    assert commitment.revenue - result.actual.revenue == register_part.revenue
    assert surfaces["bridge"].net_to == commitment.net
    assert surfaces["forecast_page"].methods["commitment"].net == commitment.net
    api = surfaces["api_forecast"]
    assert Decimal(str(api["forecasts"]["commitment"]["net"])).quantize(Decimal("0.01")) == commitment.net
    assert Decimal(str(api["actual_to_date"]["net"])).quantize(Decimal("0.01")) == result.actual.net
