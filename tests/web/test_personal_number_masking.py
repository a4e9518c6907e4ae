"""Full personnummer only on the client's own page, and never for the controller."""

from __future__ import annotations

from django.urls import reverse


def test_controller_sees_masked_personal_number_on_client_page(browser_for, carl, client_a):
    html = browser_for(carl).get(reverse("web:client", args=[client_a.pk])).content.decode()
    assert "19870312-****" in html
    assert "1239" not in html
    assert "Personnumret visas maskerat för din roll." in html


def test_caseworker_sees_full_personal_number_on_client_page(browser_for, alice, client_a):
    html = browser_for(alice).get(reverse("web:client", args=[client_a.pk])).content.decode()
    assert "19870312-1239" in html


def test_client_list_masks_personal_numbers_for_everyone(browser_for, hanna, client_a, client_b):
    html = browser_for(hanna).get(reverse("web:clients")).content.decode()
    assert "19870312-****" in html and "19950704-****" in html
    assert "19870312-1239" not in html and "19950704-2464" not in html
