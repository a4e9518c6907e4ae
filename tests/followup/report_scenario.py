"""A small unit for the committee report, made through the real services: five decisions, a ledger file and a
budget file for 2025. The report's month is May 2025.

Decisions (register):
    B-100  gruppbostad 6510, 1 dygn × 3 250 kr from 2025-02-01     April 97 500, May 100 750 (only more days)
    B-200  hemhjälp 6115, 10 tim/vecka × 400 kr from 2025-01-01    April 17 142,86, May 17 714,29 (more days)
    B-300  daglig verksamhet 6330, 20 000 kr a month from 2025-05-01, at a provider named like a formula: new
    B-400  boendestöd 6185, 20 tim/månad × 500 kr, 2025-01-01–2025-04-30: ended
    B-500  LASS, 100 tim/vecka × 300 kr from 2025-01-01, raised to 120 tim/vecka on 2025-05-10: changed
Ledger (Jan–May; June is after the report): gruppbostad, hemhjälp, LASS with Försäkringskassan's revenue,
daglig verksamhet, and a booking without activity code.
Budget 2025: 6510 1 200 000, 6115 240 000, LASS 600 000 and 120 000 on the unit's total (spread evenly).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.ledger.services import budget_import, ledger_import
from insatskollen.register.models import ChangeSource, InterventionType, Provider
from insatskollen.register.services import decision_change, start_of_day

FORMULA_PROVIDER = "=cmd|' /C calc'!A0"

LEDGER = """Period;Konto;Verksamhet;Belopp;Motpart;Text;Verifikation
2025-04;4600;6510;97500,00;Solgläntan AB;Gruppbostad april;V-401
2025-05;4600;6510;100750,00;Solgläntan AB;Gruppbostad maj;V-501
2025-05;4600;6115;17000,00;Hemtjänst Norr;Hemhjälp maj;V-502
2025-05;4600;LASS;160000,00;Assistans AB;Assistans maj;V-503
2025-05;3300;LASS;-120000,00;Försäkringskassan;Assistansersättning;V-504
2025-05;4600;6330;20000,00;Daglig AB;Daglig verksamhet maj;V-505
2025-05;4600;;5000,00;Okänd Konsult AB;Utredning;V-506
2025-06;4600;6510;97500,00;Solgläntan AB;Gruppbostad juni;V-601
"""

BUDGET = """År;Verksamhet;Månad;Belopp
2025;6510;;1200000
2025;6115;;240000
2025;LASS;;600000
2025;;;120000
"""

MAY = dt.date(2025, 5, 1)


def _type(code: str, name: str, law: str, unit: str) -> InterventionType:
    return InterventionType.objects.create(code=code, name=name, law=law, unit=unit)


@pytest.fixture
def register_2025(make_decision, client_a, client_b, home_help, bob):
    make_decision(client_a, external_id="B-100")
    make_decision(client_b, external_id="B-200", intervention_type=home_help, unit="tim/vecka", extent=Decimal(10),
                  price=Decimal(400), start_date=dt.date(2025, 1, 1), caseworker=bob,
                  provider=Provider.objects.create(name="Hemtjänst Norr"))
    make_decision(client_a, external_id="B-300", intervention_type=_type("6330", "Daglig verksamhet", "LSS", "månad"),
                  unit="månad", extent=Decimal(1), price=Decimal(20000), decision_date=dt.date(2025, 4, 25),
                  start_date=MAY, provider=Provider.objects.create(name=FORMULA_PROVIDER))
    make_decision(client_b, external_id="B-400", intervention_type=_type("6185", "Boendestöd", "SoL", "tim/månad"),
                  unit="tim/månad", extent=Decimal(20), price=Decimal(500), decision_date=dt.date(2024, 12, 20),
                  start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 4, 30), caseworker=bob)
    assistance = make_decision(
        client_a, external_id="B-500", intervention_type=_type("LASS", "Personlig assistans (LASS)", "LASS",
                                                               "tim/vecka"),
        unit="tim/vecka", extent=Decimal(100), price=Decimal(300), revenue_per_unit=Decimal(250),
        revenue_source="FK", decision_date=dt.date(2024, 12, 20), start_date=dt.date(2025, 1, 1))
    decision_change(decision=assistance, actor=None, source=ChangeSource.COMMAND,
                    known_at=start_of_day(dt.date(2025, 5, 10)), extent=Decimal(120))


@pytest.fixture
def ledger_2025(tmp_path):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    assert ledger_import(ledger, actor=None).status == "imported"
    budget = tmp_path / "budget.csv"
    budget.write_text(BUDGET, encoding="utf-8")
    assert budget_import(budget, actor=None).status == "imported"


@pytest.fixture
def unit_2025(unit, register_2025, ledger_2025):
    """The whole scenario: register, ledger and budget."""
