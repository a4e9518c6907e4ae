"""The contract watch pages: who may see them, the window tabs, and renegotiation with preview then save."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from insatskollen.contracts.models import Renegotiation
from insatskollen.core.numbers import format_sek
from insatskollen.register.models import Decision

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(dt.datetime(2025, 6, 30, 10, 0), tick=False):
        yield


@pytest.fixture
def contracts(client_a, client_b, bob, make_contract, make_decision):
    a = make_contract("IA-A", TODAY + dt.timedelta(days=20), client=client_a, price=4000)
    b = make_contract("IA-B", TODAY + dt.timedelta(days=120), client=client_b, price=3000)
    make_decision(client_a, contract=a, price=Decimal(4000), external_id="B-A")
    make_decision(client_b, contract=b, price=Decimal(3000), external_id="B-B", caseworker=bob)
    return a, b


def page(browser, **params):
    return browser.get(reverse("web:worklist_contracts"), params)


def test_anonymous_goes_to_login(client, contracts):
    for url in (reverse("web:worklist_contracts"), reverse("web:contract_renegotiate", args=[contracts[0].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_everyone_reads_caseworker_sees_own_team_only(browser_for, contracts, alice, hanna, carl, ada):
    for person in (hanna, carl, ada):
        html = page(browser_for(person)).content.decode()
        assert "IA-A" in html and "IA-B" in html
    html = page(browser_for(alice)).content.decode()
    assert "IA-A" in html and "IA-B" not in html
    assert "Omförhandla" not in html  # read only


def test_window_tabs_narrow_the_list(browser_for, contracts, hanna):
    html = page(browser_for(hanna), inom=30).content.decode()
    assert "IA-A" in html and "IA-B" not in html
    assert 'href="?inom=30&amp;sortera=cost" aria-current="page"' in html
    assert "IA-B" in page(browser_for(hanna), inom=180, sortera="excess").content.decode()


def test_renegotiation_only_for_unit_head_and_admin(browser_for, contracts, alice, carl, hanna, ada):
    url = reverse("web:contract_renegotiate", args=[contracts[0].pk])
    assert browser_for(alice).get(url).status_code == 403
    assert browser_for(carl).get(url).status_code == 403
    assert browser_for(hanna).get(url).status_code == 200
    assert browser_for(ada).get(url).status_code == 200
    assert browser_for(hanna).get(reverse("web:contract_renegotiate", args=[9999])).status_code == 404


def test_preview_shows_the_effect_without_saving_then_save(browser_for, contracts, hanna):
    url = reverse("web:contract_renegotiate", args=[contracts[0].pk])
    browser = browser_for(hanna)
    form = {"new_price": "3 600", "effective_from": "2025-07-20", "valid_to": "2027-07-19", "note": "Förhandlat"}
    preview = browser.post(url, {**form, "action": "preview"})
    html = preview.content.decode()
    days = (dt.date(2025, 12, 31) - dt.date(2025, 7, 20)).days + 1
    assert format_sek(-400 * days) in html  # 400 kr less a day for the days from 20 July
    assert 'value="save"' in html
    assert not Renegotiation.objects.exists()
    assert Decision.objects.get(external_id="B-A").price == Decimal(4000)
    saved = browser.post(url, {**form, "action": "save"})
    assert saved.status_code == 302
    renegotiation = Renegotiation.objects.get()
    assert renegotiation.effect_this_year == Decimal(-400 * days)
    assert Decision.objects.get(external_id="B-A").price == Decimal(3600)


def test_bad_input_gives_swedish_messages_tied_to_fields(browser_for, contracts, hanna):
    url = reverse("web:contract_renegotiate", args=[contracts[0].pk])
    response = browser_for(hanna).post(url, {"new_price": "abc", "effective_from": "", "valid_to": "",
                                             "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ange från vilket datum det nya priset gäller." in html
    assert 'aria-describedby="id_new_price_error"' in html
    assert not Renegotiation.objects.exists()


def test_list_page_queries_do_not_grow_with_contracts(browser_for, contracts, hanna, client_a, make_contract,
                                                      make_decision, django_assert_max_num_queries):
    for i in range(5):
        extra = make_contract(f"IA-X{i}", TODAY + dt.timedelta(days=40 + i), client=client_a)
        make_decision(client_a, contract=extra, external_id=f"B-X{i}")
    browser = browser_for(hanna)
    with django_assert_max_num_queries(10):
        assert browser.get(reverse("web:worklist_contracts")).status_code == 200
