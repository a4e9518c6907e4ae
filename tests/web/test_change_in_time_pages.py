"""The web's change form names its date and previews its effect per month; a stale form is refused with what changed
meanwhile and the user's input kept; ended decisions offer no forms; closed months, corrections and the January
indexation have their pages. Time is pinned to 16 June 2025."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insatskollen.ledger.closing import month_close
from insatskollen.ledger.models import LedgerBatch, LedgerEntry
from insatskollen.register.models import ClosedMonth, Decision
from insatskollen.register.services import decision_change, start_of_day

NOW = dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def pinned(time_machine):
    time_machine.move_to(NOW, tick=False)


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def form_of(browser, decision) -> dict:
    """The change form's fields as the page filled them in."""
    form = browser.get(reverse("web:decision_change", args=[decision.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {k: ("" if v is None else getattr(v, "pk", v)) for k, v in data.items()}


@pytest.fixture
def april_closed(db):
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    for month in range(1, 5):
        LedgerEntry.objects.create(batch=batch, period=dt.date(2025, month, 1), account="4600", amount=Decimal(1))
        month_close(month=dt.date(2025, month, 1), actor=None, closed_at=start_of_day(dt.date(2025, month + 1, 6)))


def test_the_form_defaults_to_the_first_of_next_month_and_previews_before_saving(browser_for, alice, decision_a):
    browser = browser_for(alice)
    data = form_of(browser, decision_a)
    assert data["valid_from"] == dt.date(2025, 7, 1) and data["version"] == 1
    data["price"] = "3 400"
    preview = text(browser.post(reverse("web:decision_change", args=[decision_a.pk]), data))
    assert "Förhandsgranskning: så ändras kostnaden" in preview
    assert "Juli 2025" in preview and "100 750 kr" in preview and "105 400 kr" in preview and "+4 650 kr" in preview
    assert decision_a.versions.count() == 1  # nothing saved by the preview
    done = browser.post(reverse("web:decision_change", args=[decision_a.pk]), {**data, "confirm": "1"}, follow=True)
    assert "Beslut B-A1 är ändrat" in text(done)
    assert decision_a.versions.get(number=2).valid_from == dt.date(2025, 7, 1)
    assert "3 250,00 kr <span class=\"muted\">(från 2025-07-01: 3 400,00 kr)</span>" in text(done)


def test_a_stale_form_is_refused_with_what_changed_and_the_input_kept(browser_for, alice, hanna, decision_a):
    browser = browser_for(alice)
    data = form_of(browser, decision_a)
    decision_change(decision=decision_a, actor=hanna, price=Decimal(9999), valid_from=dt.date(2025, 7, 1))
    data.update(comment="Min kommentar", confirm="1")
    page = text(browser.post(reverse("web:decision_change", args=[decision_a.pk]), data))
    assert "har ändrats sedan du öppnade det (version 1 → 2, av Hanna Holm)" in page
    assert "Ändrat sedan du öppnade beslutet" in page and "3 250 → 9 999" in page
    assert "Min kommentar" in page  # the input is kept
    form = browser.post(reverse("web:decision_change", args=[decision_a.pk]), data).context["form"]
    assert form["price"].value() == "9999"  # a field the user did not touch shows the decision as it is now
    decision = Decision.objects.get(pk=decision_a.pk)
    assert (decision.price, decision.comment) == (Decimal(9999), "")


def test_a_closed_month_is_refused_in_swedish_for_the_caseworker(browser_for, alice, decision_a, april_closed):
    browser = browser_for(alice)
    data = {**form_of(browser, decision_a), "price": "3 400", "valid_from": "2025-04-01"}
    page = text(browser.post(reverse("web:decision_change", args=[decision_a.pk]), data))
    assert "stängd månad (t.o.m. 2025-04-30)" in page and "Förhandsgranskning" not in page
    assert decision_a.versions.count() == 1


def test_the_unit_head_sees_the_correction_warning_and_gives_a_reason(browser_for, hanna, decision_a, april_closed):
    browser = browser_for(hanna)
    data = {**form_of(browser, decision_a), "price": "3 400", "valid_from": "2025-04-01"}
    preview = text(browser.post(reverse("web:decision_change", args=[decision_a.pk]), data))
    assert "Den är en rättelse" in preview and "stängd" in preview
    refused = text(browser.post(reverse("web:decision_change", args=[decision_a.pk]), {**data, "confirm": "1"}))
    assert "skriv skälet till rättelsen" in refused
    browser.post(reverse("web:decision_change", args=[decision_a.pk]),
                 {**data, "confirm": "1", "reason": "Avtalets pris gällde från april"})
    listing = text(browser.get(reverse("web:corrections")))
    assert "B-A1" in listing and "Avtalets pris gällde från april" in listing and "+4 500 kr" in listing
    assert "19870312-****" in listing and "198703121239" not in listing


def test_an_ended_decision_offers_no_forms_and_the_unit_head_may_correct_it(browser_for, alice, hanna, make_decision,
                                                                            client_a):
    ended = make_decision(client_a, external_id="B-OLD", end_date=dt.date(2025, 5, 31))
    client_page = text(browser_for(alice).get(reverse("web:client", args=[client_a.pk])))
    assert reverse("web:decision_change", args=[ended.pk]) not in client_page
    assert reverse("web:order_create", args=[ended.pk]) not in client_page
    for name in ("decision_change", "decision_end", "review_record", "order_create"):
        url = reverse(f"web:{name}", args=[ended.pk])
        for method in ("get", "post"):
            response = getattr(browser_for(alice), method)(url, follow=True)
            assert "upphörde 2025-05-31 och kan inte ändras" in text(response), (name, method)
    assert ended.versions.count() == 1
    head_page = text(browser_for(hanna).get(reverse("web:client", args=[client_a.pk])))
    assert f'href="{reverse("web:decision_change", args=[ended.pk])}"' in head_page and "Rätta" in head_page
    assert "Rätta beslut B-OLD" in text(browser_for(hanna).get(reverse("web:decision_change", args=[ended.pk])))


def test_the_history_says_what_a_review_did_and_the_terms_over_time(browser_for, alice, decision_a):
    from insatskollen.casework.models import ReviewOutcome
    from insatskollen.casework.services import review_record

    review_record(decision=decision_a, actor=alice, outcome=ReviewOutcome.INCREASED, reviewed_on=dt.date(2025, 6, 16),
                  extent_after=Decimal(2), effective_from=dt.date(2025, 7, 1), note="Behöver två platser",
                  unit_forecast=False)
    page = text(browser_for(alice).get(reverse("web:client", args=[decision_a.client_id])))
    assert "Omprövning: utökat 1 → 2 dygn från 2025-07-01" in page and "Anteckning: Behöver två platser" in page
    assert "Villkor över tid" in page and "2025-02-01 – 2025-06-30" in page and "2025-07-01 – tills vidare" in page


def test_the_controller_closes_the_next_month_and_only_admins_reopen(browser_for, carl, ada, alice):
    batch = LedgerBatch.objects.create(file_name="huvudbok.csv")
    LedgerEntry.objects.create(batch=batch, period=dt.date(2025, 5, 1), account="4600", amount=Decimal(1))
    assert browser_for(alice).get(reverse("web:closed_months")).status_code == 403
    page = text(browser_for(carl).get(reverse("web:closed_months")))
    assert "Stäng maj 2025" in page and "Öppna" not in page
    browser_for(carl).post(reverse("web:close_month"), {"month": "2025-05"})
    assert ClosedMonth.objects.get().month == dt.date(2025, 5, 1)
    assert browser_for(carl).post(reverse("web:reopen_month"), {"reason": "x"}).status_code == 403
    browser_for(ada).post(reverse("web:reopen_month"), {"reason": "Fel fil inläst"})
    assert not ClosedMonth.objects.exists()


def test_the_indexation_page_previews_and_changes_prices_from_the_first_of_january(browser_for, hanna, alice,
                                                                                    decision_a):
    assert browser_for(alice).get(reverse("web:indexation")).status_code == 403
    browser = browser_for(hanna)
    form = {"year": "2026", "percent": "2,5", "contract": "", "code": "", "reason": "", "token": ""}
    preview = text(browser.post(reverse("web:indexation"), form))
    assert "Indexering 2026, 2.5 %, alla beslut" in preview and "3 331,25 kr" in preview
    assert "+29 656 kr" in preview  # 365 days × 81,25 kr more
    assert decision_a.versions.count() == 1
    browser.post(reverse("web:indexation"), {**form, "confirm": "1"})
    version = decision_a.versions.get(number=2)
    assert (version.event, version.valid_from, version.changes) == ("indexation", dt.date(2026, 1, 1),
                                                                    {"price": ["3250", "3331.25"]})
