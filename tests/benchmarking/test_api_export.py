"""GET /api/benchmark/export: the exchange rows as JSON for the controller, the unit head and admins; 403 for a
caseworker; suppressed figures as null."""

from __future__ import annotations

import pytest
from django.test import Client

from insatskollen.api.services import api_token_create

pytestmark = pytest.mark.django_db


def get(user, **query):
    key = api_token_create(user=user, name="test", actor=None)[1]
    return Client().get("/api/benchmark/export", query, headers={"Authorization": f"Bearer {key}"})


def test_the_controller_gets_the_rows(district, carl):
    response = get(carl, year=2025, through="2025-03")
    assert response.status_code == 200
    body = response.json()
    assert body["format_version"] == "1"
    rows = {(r["month"], r["code"]): r for r in body["rows"]}
    march = rows[("2025-03", "6510")]
    assert (march["persons"], march["cost"], march["cost_per_person"]) == (6, "496000.00", "82666.67")
    assert march["transfer_reasons"] == ["Ny gruppbostad"]
    small = rows[("2025-03", "6330")]
    assert small["suppressed"] and small["persons"] is None and small["cost"] is None


def test_a_caseworker_is_refused(district, alice):
    assert get(alice, year=2025).status_code == 403
