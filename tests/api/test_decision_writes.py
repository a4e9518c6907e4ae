"""Creating, changing and ending decisions through the API: history and audit as in the UI, errors in Swedish."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.audit.models import AuditAction, AuditEvent
from insatskollen.register.models import ChangeKind, ChangeSource, Decision, DecisionVersion


@pytest.fixture
def new_decision(client_a, home_help, provider):
    return {
        "client": client_a.pk, "intervention_type": home_help.pk, "provider": provider.pk,
        "extent": "12,5", "price": 420, "decision_date": "2025-03-03", "start_date": "2025-03-10",
        "external_id": "B-9001", "ifo_share_pct": "25", "comment": "Ny ansökan",
    }


def test_create_records_the_first_version_and_an_audit_event(api, alice, new_decision):
    reply = api.post("/api/decisions", user=alice, body=new_decision)
    assert reply.status == 201, reply
    decision = Decision.objects.get(pk=reply.body["id"])
    assert decision.extent == Decimal("12.5")
    assert decision.unit == "tim/vecka"  # the intervention type's unit
    assert decision.caseworker == alice  # the token's user
    assert decision.ifo_share_pct == Decimal(25)
    [version] = reply.body["versions"]
    assert (version["number"], version["kind"], version["source"], version["changed_by"]) == (
        1, "created", "api", "alice")
    assert version["changes"]["price"] == [None, "420"]
    event = AuditEvent.objects.get(action=AuditAction.DECISION_CREATED)
    assert event.actor == alice and event.object_id == str(decision.pk)
    assert event.detail["source"] == ChangeSource.API


def test_create_accepts_a_named_caseworker_and_unit(api, hanna, alice, new_decision):
    reply = api.post("/api/decisions", user=hanna, body={**new_decision, "caseworker": "alice", "unit": "tim/manad"})
    assert reply.status == 201, reply
    assert reply.body["caseworker"] == "alice"
    assert reply.body["unit"] == "tim/månad"


def test_patch_changes_only_the_given_fields_and_records_a_version(api, alice, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={"price": "3400.50", "level": "4", "version": 1})
    assert reply.status == 200, reply
    decision_a.refresh_from_db()
    assert decision_a.price == Decimal("3400.50") and decision_a.level == "4"
    assert decision_a.start_date == dt.date(2025, 2, 1)
    latest = reply.body["versions"][-1]
    assert latest["number"] == 2 and latest["kind"] == "changed" and latest["source"] == "api"
    assert latest["changes"] == {"price": ["3250", "3400.50"], "level": ["", "4"]}
    assert AuditEvent.objects.filter(action=AuditAction.DECISION_CHANGED, object_id=str(decision_a.pk)).exists()


def test_patch_can_move_a_decision_to_another_provider_and_caseworker(api, hanna, decision_a, bob, db):
    from insatskollen.register.models import Provider

    other = Provider.objects.create(name="Egen regi Vuxen")
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=hanna,
                      body={"provider": other.pk, "caseworker": "bob"}, headers={"If-Match": f'"{decision_a.pk}-1"'})
    assert reply.status == 200, reply
    assert reply.body["provider"]["name"] == "Egen regi Vuxen"
    assert reply.body["caseworker"] == "bob"
    assert set(reply.body["versions"][-1]["changes"]) == {"provider_id", "caseworker_id"}


def test_a_patch_that_changes_nothing_records_no_version(api, alice, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={"price": 3250, "version": 1})
    assert reply.status == 200
    assert DecisionVersion.objects.filter(decision=decision_a).count() == 1


def test_end_records_an_ended_version(api, alice, decision_a):
    reply = api.post(f"/api/decisions/{decision_a.pk}/end", user=alice, body={"end_date": "2025-06-30", "version": 1})
    assert reply.status == 200, reply
    assert reply.body["end_date"] == "2025-06-30"
    assert reply.body["versions"][-1]["kind"] == ChangeKind.ENDED
    assert AuditEvent.objects.filter(action=AuditAction.DECISION_ENDED, actor=alice).exists()


def test_alice_cannot_read_or_change_bobs_teams_decision(api, alice, decision_b):
    before = Decision.objects.values().get(pk=decision_b.pk)
    assert api.get(f"/api/decisions/{decision_b.pk}", user=alice).status == 404
    assert api.patch(f"/api/decisions/{decision_b.pk}", user=alice, body={"price": 1}).status == 404
    assert api.post(f"/api/decisions/{decision_b.pk}/end", user=alice, body={"end_date": "2025-03-31"}).status == 404
    assert Decision.objects.values().get(pk=decision_b.pk) == before
    assert DecisionVersion.objects.filter(decision=decision_b).count() == 1
    assert not AuditEvent.objects.filter(action__in=[AuditAction.DECISION_CHANGED, AuditAction.DECISION_ENDED])


def test_alice_cannot_create_a_decision_for_bobs_teams_client(api, alice, client_b, new_decision):
    reply = api.post("/api/decisions", user=alice, body={**new_decision, "client": client_b.pk})
    assert reply.status == 404
    assert not Decision.objects.exists()


def test_the_controller_may_not_change_and_is_told_why(api, carl, decision_a):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=carl, body={"price": 1})
    assert reply.status == 403
    assert reply.body["detail"] == "Din roll får inte ändra beslut."
    decision_a.refresh_from_db()
    assert decision_a.price == Decimal(3250)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end_date": "2025-01-01"}, "end_date", "Slutdatum kan inte vara före startdatum."),
    ({"extent": -1}, "extent", "Omfattningen kan inte vara negativ."),
    ({"ifo_share_pct": 120}, "ifo_share_pct", "IFO-andelen ska vara mellan 0 och 100 procent."),
    ({"price": "tusen"}, "price", "Värdet ska vara ett tal, t.ex. 1 234,50."),
    ({"start_date": "2025-02-30"}, "start_date", "Datumet finns inte i kalendern."),
    ({"start_date": "1/2 2025"}, "start_date", "Datumet ska skrivas ÅÅÅÅ-MM-DD, t.ex. 2025-06-30."),
    ({"unit": "veckor"}, "unit", ("Okänd enhet. Tillåtna enheter: dygn, tim/vecka, tim/månad, dygn/månad, "
                                  "resor/månad, månad.")),
    ({"price": None}, "price", "Fältet får inte vara tomt."),
    ({"provider": 999999}, "provider", "Utföraren finns inte."),
    ({"caseworker": "okänd"}, "caseworker", "Det finns ingen aktiv användare med användarnamnet 'okänd'."),
    ({"pris": 5}, "pris", "Okänt fält."),
])
def test_invalid_changes_are_422_with_swedish_field_messages(api, alice, decision_a, change, field, message):
    reply = api.patch(f"/api/decisions/{decision_a.pk}", user=alice, body={**change, "version": 1})
    assert reply.status == 422, reply
    assert reply.body["errors"][field] == message
    assert reply.body["detail"].startswith("Förfrågan innehåller ogiltiga värden")
    assert DecisionVersion.objects.filter(decision=decision_a).count() == 1


def test_a_create_without_required_fields_names_each_of_them(api, alice, client_a):
    reply = api.post("/api/decisions", user=alice, body={"client": client_a.pk})
    assert reply.status == 422
    assert set(reply.body["errors"]) >= {"intervention_type", "provider", "extent", "price", "decision_date",
                                         "start_date"}
    assert reply.body["errors"]["price"] == "Fältet måste anges."


def test_a_duplicate_decision_id_is_refused(api, alice, new_decision):
    assert api.post("/api/decisions", user=alice, body=new_decision).status == 201
    reply = api.post("/api/decisions", user=alice, body=new_decision)
    assert reply.status == 422
    assert "external_id" in reply.body["errors"]
    assert Decision.objects.count() == 1


def test_decisions_without_a_decision_id_do_not_collide(api, alice, new_decision):
    for _ in range(2):
        assert api.post("/api/decisions", user=alice, body={**new_decision, "external_id": ""}).status == 201
    assert list(Decision.objects.values_list("external_id", flat=True)) == [None, None]


def test_a_body_that_is_not_json_is_refused_in_swedish(api, alice, decision_a):
    response = api.http.patch(f"/api/decisions/{decision_a.pk}", data="{price: 1", content_type="application/json",
                              headers={"Authorization": f"Bearer {api.key_for(alice)}"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Förfrågans innehåll är inte giltig JSON."
