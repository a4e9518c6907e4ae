"""Registering, changing and ending a decision through the forms records the decision's history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from insatskollen.register.models import ChangeKind, ChangeSource, Decision


def form_data(group_home, provider, caseworker, **overrides) -> dict:
    data = {
        "intervention_type": group_home.pk, "extent": "1", "unit": "dygn", "price": "3 250,50",
        "provider": provider.pk, "decision_date": "2025-03-01", "start_date": "2025-03-15", "end_date": "",
        "caseworker": caseworker.pk, "last_review_date": "", "level": "3", "ifo_share_pct": "",
        "revenue_per_unit": "", "revenue_source": "", "comment": "Ny plats", "external_id": "B-9001",
    }
    data.update(overrides)
    return data


def test_create_change_and_end_through_the_forms(browser_for, alice, client_a, group_home, provider):
    browser = browser_for(alice)
    created = browser.post(reverse("web:decision_create", args=[client_a.pk]),
                           form_data(group_home, provider, alice))
    decision = Decision.objects.get(external_id="B-9001")
    assert created.status_code == 302
    assert created["Location"] == reverse("web:client", args=[client_a.pk]) + f"#beslut-{decision.pk}"
    assert decision.price == Decimal("3250.50") and decision.ifo_share_pct == 0
    first = decision.versions.get()
    assert (first.number, first.kind, first.source, first.changed_by) == (1, ChangeKind.CREATED, ChangeSource.UI,
                                                                          alice)

    browser.post(reverse("web:decision_change", args=[decision.pk]),
                 form_data(group_home, provider, alice, extent="2", version="1", valid_from="2025-03-15", confirm="1"))
    second = decision.versions.get(number=2)
    assert second.kind == ChangeKind.CHANGED and second.changes == {"extent": ["1", "2"]}
    assert second.valid_from == dt.date(2025, 3, 15)

    browser.post(reverse("web:decision_end", args=[decision.pk]), {"end_date": "2025-09-30", "version": "2"})
    third = decision.versions.get(number=3)
    assert third.kind == ChangeKind.ENDED and third.end_date == dt.date(2025, 9, 30)

    page = browser.get(reverse("web:client", args=[client_a.pk])).content.decode()
    assert "Omfattning</span>: 1 → 2" in page
    assert "Slutdatum</span>: – → 2025-09-30" in page
    assert "Alice Andersson" in page


def test_saving_without_changes_records_no_version(browser_for, hanna, decision_a):
    browser = browser_for(hanna)
    form = browser.get(reverse("web:decision_change", args=[decision_a.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in data.items()}
    data["extent"] = "1"
    data["price"] = "3250"
    response = browser.post(reverse("web:decision_change", args=[decision_a.pk]), data, follow=True)
    assert "Inget ändrades" in response.content.decode()
    assert decision_a.versions.count() == 1
