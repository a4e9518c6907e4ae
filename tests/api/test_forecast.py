"""GET /api/forecast: the forecast page's figures as JSON (formats.md §4 plus interval, evidence and bridge), for the
follow-up roles only, every read in the audit log."""

from __future__ import annotations


import pytest
from django.urls import reverse

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.core.numbers import format_sek

from ..forecasting.history_data import (
    ACTUAL,
    AMOUNTS_2024,
    BUDGET,
    COMMITMENT,
    EVIL,
    NEW_PRICE,
    PRICE,
    RUN_RATE,
)

QUERY = {"year": "2025", "as_of": "2025-08-31"}
SECTION_4_KEYS = {"year", "as_of", "budget_net", "actual_to_date", "forecasts", "recommended"}


@pytest.fixture(autouse=True)
def pinned(mid_september):
    """Every test reads the unit on 15 September 2025."""


@pytest.mark.parametrize(("persona", "status"), [("alice", 403), ("bob", 403), ("hanna", 200), ("carl", 200),
                                                 ("ada", 200)])
def test_only_the_follow_up_roles_may_read_the_forecast_and_each_read_is_audited(request, api, history, persona,
                                                                                 status):
    user = request.getfixturevalue(persona)
    reply = api.get("/api/forecast", user=user, **QUERY)

    assert reply.status == status, reply
    events = AuditEvent.objects.filter(action=AuditAction.DOCUMENT_EXPORTED, object_type="forecast")
    if status == 403:
        assert reply.body["detail"] and not events.exists()
    else:
        event = events.get()
        assert (event.actor, event.object_id, event.detail["source"]) == (user, "2025-08-31", "api")


def test_without_a_key_the_forecast_is_unauthorised(api, history):
    assert api.get("/api/forecast", **QUERY).status == 401


def test_the_figures_are_those_of_the_forecast_page(api, browser_for, carl, history):
    body = api.get("/api/forecast", user=carl, **QUERY).body
    page = browser_for(carl).get(reverse("web:forecast"), QUERY).content.decode()

    assert SECTION_4_KEYS <= set(body)
    assert (body["year"], body["as_of"], body["budget_net"]) == (2025, "2025-08-31", BUDGET)
    assert body["actual_to_date"] == {"cost": ACTUAL, "revenue": 0, "net": ACTUAL}
    assert body["forecasts"]["run_rate"] == {"cost": RUN_RATE, "revenue": 0, "net": RUN_RATE,
                                             "deviation": BUDGET - RUN_RATE}
    assert body["forecasts"]["commitment"]["net"] == COMMITMENT
    assert body["forecasts"]["commitment"]["deviation"] == BUDGET - COMMITMENT
    for figures in body["forecasts"].values():
        assert format_sek(figures["net"]) in page
        assert figures["deviation"] == pytest.approx(BUDGET - figures["net"], abs=0.005)
    assert body["recommended"] in body["forecasts"]
    interval = body["interval"]
    assert interval["method"] == body["recommended"] and interval["level"] == 0.8
    assert f"mellan {format_sek(interval['low'])} och {format_sek(interval['high'])}" in page


def test_the_evidence_lists_each_methods_past_errors(api, carl, history):
    body = api.get("/api/forecast", user=carl, **QUERY).body

    # The only earlier complete year is 2024, forecast as of 31 August 2024.
    actual_2024 = sum(AMOUNTS_2024.values())
    run_rate_2024 = sum(AMOUNTS_2024[m] for m in range(1, 9)) / 8 * 12
    assert body["evidence_errors"]["run_rate"] == [round((run_rate_2024 - actual_2024) / actual_2024 * 100, 2)]
    assert body["evidence_basis"] == "Träffsäkerhet i slutet av augusti 2024"
    for name, errors in body["evidence_errors"].items():
        mape = body["evidence"][name]
        assert mape == (pytest.approx(sum(abs(e) for e in errors) / len(errors), abs=0.005) if errors else None)


def test_the_reply_says_which_months_are_actual(api, carl, history):
    body = api.get("/api/forecast", user=carl, **QUERY).body
    assert body["actual_months"] == 8 and body["missing_months"] == []  # as of 31 August: January–August


def test_the_bridge_explains_the_change_since_the_previous_month_end(api, carl, history):
    bridge = api.get("/api/forecast", user=carl, **QUERY, bridge_method="commitment").body["bridge"]

    assert (bridge["from"], bridge["to"]) == ("2025-07-31", "2025-08-31")
    drivers = {d["driver"]: d for d in bridge["drivers"]}
    assert drivers["new decisions"]["amount"] == 122 * NEW_PRICE
    assert drivers["new decisions"]["cases"] == [{"decision": EVIL, "client": "19950704-****",
                                                  "amount": 122 * NEW_PRICE}]
    assert drivers["changed extent"]["amount"] == 122 * PRICE
    assert drivers["actuals different from expected"]["months"] == {"2025-08": 100000}
    assert bridge["net_from"] + sum(d["amount"] for d in bridge["drivers"]) == pytest.approx(bridge["net_to"],
                                                                                            abs=0.005)


def test_a_january_forecast_has_no_bridge_and_a_date_outside_the_year_is_refused(api, carl, history):
    assert api.get("/api/forecast", user=carl, year="2025", as_of="2025-01-31").body["bridge"] is None
    wrong = api.get("/api/forecast", user=carl, year="2025", as_of="2024-12-31")
    assert wrong.status == 422 and wrong.body["errors"]["as_of"] == "Datumet måste ligga i år 2025."
    bad = api.get("/api/forecast", user=carl, year="2025", as_of="31 augusti")
    assert bad.status == 422 and "ÅÅÅÅ-MM-DD" in bad.body["errors"]["as_of"]


def test_without_a_date_it_is_the_latest_month_end_like_the_page(api, carl, history):
    assert api.get("/api/forecast", user=carl, year="2025").body["as_of"] == "2025-08-31"


def test_the_schema_documents_the_endpoint(api, carl):
    api.http.force_login(carl)  # the schema is for logged-in users
    schema = api.http.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/forecast"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"year", "as_of", "bridge_method"}
    assert {"200", "403", "422"} <= set(operation["responses"])
    out = schema["components"]["schemas"]["ForecastOut"]["properties"]
    assert SECTION_4_KEYS | {"interval", "evidence", "evidence_errors", "bridge"} <= set(out)
