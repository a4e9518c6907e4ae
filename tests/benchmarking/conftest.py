"""A district with six persons in group housing (6510) and three in daily activity (6330), its schablon and a
budget with one transfer. Made through the real services and imports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.allocation.importing.service import schablon_import
from insatskollen.ledger.importing.budget_file import budget_import
from insatskollen.ledger.services import budget_supplement_add
from insatskollen.register.models import InterventionType, Provider
from insatskollen.register.services import client_get_or_create

# Six valid personnummer (Luhn-checked) for the six persons in group housing, three for daily activity.
NUMBERS = ["198703121239", "199507042464", "194101299297", "195505051234", "196006061235", "197007071231",
           "198008081237", "199009091233", "200001011238"]


@pytest.fixture
def daily_activity(db) -> InterventionType:
    return InterventionType.objects.create(code="6330", name="Daglig verksamhet", law="LSS", unit="dygn")


@pytest.fixture
def internal(db) -> Provider:
    return Provider.objects.create(name="Stadsdelens egen regi", kind="egen regi")


@pytest.fixture
def district(tmp_path, team_a, hanna, group_home, daily_activity, provider, internal, make_decision):
    """6510: persons 1–4 at a private provider at 3 000 kr/dygn, level 2; persons 5–6 in own regi at 2 000
    kr/dygn, level 1; all the whole of 2025. 6330: three persons at 500 kr/dygn from 1 March 2025.
    Schablon 2025: 6510 level 1 = 730 000 kr/år, level 2 = 1 095 000 kr/år. Budget 6510: 1 200 000 a month,
    and a transfer of +120 000 in March ("Ny gruppbostad")."""
    clients = [client_get_or_create(personal_number=n, actor=None, team=team_a)[0] for n in NUMBERS]
    for i, client in enumerate(clients[:6]):
        private = i < 4
        make_decision(client, external_id=f"G{i}", provider=provider if private else internal,
                      price=Decimal(3000 if private else 2000), level="2" if private else "1",
                      decision_date=dt.date(2024, 12, 1), start_date=dt.date(2025, 1, 1))
    for i, client in enumerate(clients[6:]):
        make_decision(client, external_id=f"D{i}", intervention_type=daily_activity, provider=internal,
                      price=Decimal(500), decision_date=dt.date(2025, 2, 1), start_date=dt.date(2025, 3, 1))
    rates = tmp_path / "schablon.csv"
    rates.write_text("År;Insatskod;Grupp;Nivå;Belopp;Enhet\n2025;6510;Boende LSS;1;730000;kr/år\n"
                     "2025;6510;Boende LSS;2;1095000;kr/år\n", encoding="utf-8")
    assert schablon_import(rates, actor=None).status == "imported"
    budget = tmp_path / "budget.csv"
    budget.write_text("År;Verksamhet;Belopp\n2025;6510;14400000\n", encoding="utf-8")
    assert budget_import(budget, actor=None).status == "imported"
    budget_supplement_add(year=2025, amount=Decimal(120000), decided_on=dt.date(2025, 3, 3),
                          reason="Ny gruppbostad", activity="6510", month=3, actor=None)
    return clients
