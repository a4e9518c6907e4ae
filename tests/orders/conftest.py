"""Helpers for the orders tests: orders made through the service."""

from __future__ import annotations

import datetime as dt

import pytest

from insatskollen.orders.services import order_create


@pytest.fixture
def place_order():
    """place_order(decision, "YYYY-MM-DD") → an Order made by the system through order_create."""

    def make(decision, ordered_on: str):
        return order_create(decision=decision, actor=None, ordered_on=dt.date.fromisoformat(ordered_on))

    return make
