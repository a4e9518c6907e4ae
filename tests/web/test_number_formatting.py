"""Money and numbers are shown the Swedish way: "1 234 kr" with non-breaking spaces."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template

NBSP = "\u00a0"


def render(source: str, **context) -> str:
    return Template("{% load sv %}" + source).render(Context(context))


def test_sek_uses_non_breaking_spaces_and_whole_kronor():
    assert render("{{ v|sek }}", v=Decimal("1234.4")) == f"1{NBSP}234{NBSP}kr"
    assert render("{{ v|sek }}", v=Decimal("1234567.5")) == f"1{NBSP}234{NBSP}568{NBSP}kr"
    assert render("{{ v|sek:2 }}", v=Decimal("452.3")) == f"452,30{NBSP}kr"
    assert render("{{ v|sek }}", v=Decimal(-2500)) == f"−2{NBSP}500{NBSP}kr"
    assert render("{{ v|sek }}", v=None) == ""


def test_num_and_amount():
    assert render("{{ v|num }}", v=12345) == f"12{NBSP}345"
    assert render("{{ v|num:1 }}", v=Decimal("12.25")) == "12,3"
    assert render("{{ v|amount }}", v=Decimal("12.5000")) == "12,5"
    assert render("{{ v|amount }}", v=Decimal("1.0000")) == "1"


def test_pnr_masks_unless_told_otherwise():
    assert render("{{ p|pnr }}", p="198703121239") == "19870312-****"
    assert render("{{ p|pnr:full }}", p="198703121239", full=True) == "19870312-1239"
    assert render("{{ p|pnr:full }}", p="198703121239", full=False) == "19870312-****"


def test_client_page_shows_money_with_non_breaking_spaces(browser_for, hanna, make_decision, client_a):
    from django.urls import reverse

    make_decision(client_a, price=Decimal(1234))
    html = browser_for(hanna).get(reverse("web:client", args=[client_a.pk]), {"year": "2025"}).content.decode()
    assert f"1{NBSP}234,00{NBSP}kr" in html  # the price per day
    assert f"<td class=\"num\">38{NBSP}254{NBSP}kr</td>" in html  # March: 31 days × 1 234 kr
