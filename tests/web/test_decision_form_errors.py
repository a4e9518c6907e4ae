"""A form with mistakes is shown again with Swedish messages, each linked to its field."""

from __future__ import annotations

from django.urls import reverse

from insatskollen.register.models import Decision
from tests.web.test_decision_forms_record_history import form_data


def test_missing_and_wrong_values_get_swedish_messages(browser_for, alice, client_a, group_home, provider):
    data = form_data(group_home, provider, alice, price="abc", start_date="", end_date="2025-01-01",
                     ifo_share_pct="150")
    response = browser_for(alice).post(reverse("web:decision_create", args=[client_a.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["price"] == ["Värdet ska vara ett tal, t.ex. 1 234,50."]
    assert errors["start_date"] == ["Detta fält måste fyllas i."]
    assert errors["ifo_share_pct"] == ["Värdet får inte vara större än 100."]
    html = response.content.decode()
    assert "Formuläret innehåller fel" in html
    assert 'aria-describedby="id_price_helptext id_price_error"' in html
    assert 'id="id_price_error"' in html and 'aria-invalid="true"' in html
    assert not Decision.objects.exists()


def test_end_before_start_is_refused(browser_for, alice, client_a, group_home, provider):
    data = form_data(group_home, provider, alice, start_date="2025-05-01", end_date="2025-04-30")
    response = browser_for(alice).post(reverse("web:decision_create", args=[client_a.pk]), data)
    assert response.context["form"].errors["end_date"] == ["Slutdatum kan inte vara före startdatum."]


def test_service_errors_land_on_the_right_field(browser_for, alice, decision_a, group_home, provider):
    """The Beslut-id is unique: the service refuses a second one, and the form shows it at the field."""
    data = form_data(group_home, provider, alice, external_id=decision_a.external_id)
    response = browser_for(alice).post(reverse("web:decision_create", args=[decision_a.client_id]), data)
    assert response.status_code == 200
    assert "external_id" in response.context["form"].errors
    assert "finns redan" in response.context["form"].errors["external_id"][0]


def test_end_date_before_start_on_the_end_form(browser_for, alice, decision_a):
    response = browser_for(alice).post(reverse("web:decision_end", args=[decision_a.pk]), {"end_date": "2024-01-01"})
    assert response.context["form"].errors["end_date"] == ["Slutdatum kan inte vara före startdatum."]
    decision_a.refresh_from_db()
    assert decision_a.end_date is None


def test_messages_stay_swedish_for_a_browser_asking_for_english(browser_for, alice, client_a):
    response = browser_for(alice).post(reverse("web:decision_create", args=[client_a.pk]), {},
                                       HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.context["form"].errors["start_date"] == ["Detta fält måste fyllas i."]
