"""What the ledger's rows mean for the follow-up: revenue accounts, ignored accounts and activity mappings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.ledger.models import AccountKind, AccountMapping, ActivityMapping
from insatskollen.ledger.selectors import ledger_figures
from insatskollen.ledger.services import DEFAULT_ACCOUNT_MAPPINGS, default_mappings_install, ledger_import

from .helpers import write_file

pytestmark = pytest.mark.django_db

ROWS = (
    "2025-03;4600;6510;100 000;;;",
    "2025-03;3320;LASS;-80 000;Försäkringskassan;;",
    "2025-03;4620;LASS;200 000;;;",
    "2025-03;7030;6190;5 000;Norra Färdtjänsten AB;;",
    "2025-03;8420;;300;;Dröjsmålsränta;",
    "2025-03;1930;;999 999;;Bank;",
    "2025-04;4600;6510;90 000;;;",
)


def test_revenue_accounts_count_as_revenue_and_financial_accounts_are_left_out(tmp_path):
    ledger_import(write_file(tmp_path, *ROWS), actor=None)
    figures = ledger_figures(2025)
    assert figures["2025-03"].cost == Decimal(305_000)
    assert figures["2025-03"].revenue == Decimal(80_000)
    assert figures["2025-03"].net == Decimal(225_000)


def test_activity_mappings_move_costs_to_the_intervention_code(tmp_path):
    ledger_import(write_file(tmp_path, *ROWS), actor=None)
    ActivityMapping.objects.create(activity="6190", intervention_code="TBR", description="Turbundna resor")
    figures = ledger_figures(2025, by_code=True)
    assert figures[("2025-03", "TBR")].cost == Decimal(5_000)
    assert ("2025-03", "6190") not in figures
    assert figures[("2025-03", "LASS")].net == Decimal(120_000)
    assert set(ledger_figures(2025, through=dt.date(2025, 3, 31))) == {"2025-03"}


def test_an_account_mapping_overrides_kommun_bas(tmp_path):
    ledger_import(write_file(tmp_path, *ROWS), actor=None)
    AccountMapping.objects.create(prefix="7030", kind=AccountKind.IGNORE, description="Resor följs upp separat")
    assert ledger_figures(2025)["2025-03"].cost == Decimal(300_000)


def test_default_mappings_are_installed_once_and_never_over_an_edited_set():
    assert default_mappings_install() == len(DEFAULT_ACCOUNT_MAPPINGS)
    assert default_mappings_install() == 0
    assert AccountMapping.objects.get(prefix="3").kind == AccountKind.REVENUE
    assert AccountMapping.objects.get(prefix="8").kind == AccountKind.IGNORE
    AccountMapping.objects.all().delete()
    AccountMapping.objects.create(prefix="46", kind=AccountKind.COST)
    assert default_mappings_install() == 0 and AccountMapping.objects.count() == 1
