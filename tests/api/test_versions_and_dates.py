"""The API refuses lost updates (ETag/If-Match or `version`: 409, and 428 without either), takes `valid_from`, and
shows the decision's terms over time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.register.models import Decision

pytestmark = pytest.mark.django_db


def test_get_gives_the_version_as_an_etag_and_in_the_body(api, alice, decision_a):
    reply = api.get(f"/api/decisions/{decision_a.pk}", user=alice)
    assert reply.headers["ETag"] == f'"{decision_a.pk}-1"' and reply.body["version"] == 1
    assert [(t["valid_from"], t["valid_to"], t["price"]) for t in reply.body["terms"]] == [
        ("2025-02-01", None, "3250.00")]


def test_two_patches_from_the_same_read_the_second_gets_409_and_changes_nothing(api, alice, hanna, decision_a):
    etag = api.get(f"/api/decisions/{decision_a.pk}", user=alice).headers["ETag"]
    first = api.patch(f"/api/decisions/{decision_a.pk}", user=hanna, body={"price": 9999, "valid_from": "2025-07-01"},
                      headers={"If-Match": etag})
    assert first.status == 200 and first.headers["ETag"] == f'"{decision_a.pk}-2"'
    second = api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={"comment": "hej"},
                       headers={"If-Match": etag})
    assert second.status == 409, second
    assert second.body["version"] == 2 and "har ändrats sedan du öppnade det" in second.body["detail"]
    assert second.body["changes"][0]["changes"] == {"price": ["3250", "9999"]}
    assert Decision.objects.get(pk=decision_a.pk).comment == ""


def test_a_stale_version_in_the_body_is_409_too(api, alice, decision_a):
    assert api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={"price": 1, "version": 1}).status == 200
    stale = api.post(f"/api/decisions/{decision_a.pk}/end", user=alice, body={"end_date": "2025-12-31", "version": 1})
    assert stale.status == 409 and Decision.objects.get(pk=decision_a.pk).end_date is None


def test_a_write_without_a_version_is_428_in_swedish(api, alice, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={"price": 1})
    assert reply.status == 428 and "If-Match" in reply.body["detail"]
    assert Decision.objects.get(pk=decision_a.pk).price == Decimal(3250)


def test_valid_from_dates_the_change_and_the_history_shows_it(api, alice, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice,
                      body={"extent": "2", "valid_from": "2025-09-01", "version": 1})
    assert reply.status == 200, reply
    latest = reply.body["versions"][-1]
    assert (latest["valid_from"], latest["event"], latest["is_correction"]) == ("2025-09-01", "change", False)
    assert [(t["valid_from"], t["valid_to"], t["extent"]) for t in reply.body["terms"]] == [
        ("2025-02-01", "2025-08-31", "1.0000"), ("2025-09-01", None, "2.0000")]


def test_a_valid_from_before_the_start_is_422_on_that_field(api, alice, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice,
                      body={"price": 1, "valid_from": "2024-01-01", "version": 1})
    assert reply.status == 422 and "före startdatum" in reply.body["errors"]["valid_from"]


def test_an_ended_decision_is_read_only_for_a_caseworker(api, alice, make_decision, client_a):
    ended = make_decision(client_a, external_id="B-OLD", end_date=dt.date(2025, 5, 31))
    reply = api.patch(f"/api/decisions/{ended.pk}", user=alice,
                      body={"price": 1, "valid_from": "2025-05-01", "version": 1})
    assert reply.status == 403 and "upphörde 2025-05-31" in reply.body["detail"]
