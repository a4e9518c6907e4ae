"""Contracts for the contract watch tests: individual agreements with a provider, through the register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from insatskollen.register.models import Contract, Provider


@pytest.fixture
def other_provider(db) -> Provider:
    return Provider.objects.create(name="Dyra Omsorgen AB", kind="privat")


@pytest.fixture
def make_contract(provider, group_home):
    def make(reference, valid_to, *, client=None, price=None, unit="dygn", individual=True, **extra):
        return Contract.objects.create(
            reference=reference, provider=extra.pop("provider", provider), intervention_type=group_home,
            price=Decimal(price) if price is not None else None, unit=unit, valid_from=dt.date(2024, 1, 1),
            valid_to=valid_to, is_individual=individual, client=client, **extra)

    return make
