"""Rules every decision must satisfy, whoever writes it (UI, API, import). Pure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def decision_field_errors(fields: dict[str, Any]) -> dict[str, str]:
    """Field name → a plain Swedish message, for every rule the values break."""
    errors: dict[str, str] = {}
    start, end = fields.get("start_date"), fields.get("end_date")
    if start and end and end < start:
        errors["end_date"] = "Slutdatum kan inte vara före startdatum."
    extent = fields.get("extent")
    if extent is not None and Decimal(extent) < 0:
        errors["extent"] = "Omfattningen kan inte vara negativ."
    price = fields.get("price")
    if price is not None and Decimal(price) < 0:
        errors["price"] = "Priset kan inte vara negativt."
    revenue = fields.get("revenue_per_unit")
    if revenue is not None and Decimal(revenue) < 0:
        errors["revenue_per_unit"] = "Intäkten per enhet kan inte vara negativ."
    share = fields.get("ifo_share_pct")
    if share is not None and not Decimal(0) <= Decimal(share) <= Decimal(100):
        errors["ifo_share_pct"] = "IFO-andelen ska vara mellan 0 och 100 procent."
    decided, review = fields.get("decision_date"), fields.get("last_review_date")
    if decided and review and review < decided:
        errors["last_review_date"] = "Omprövningsdatum kan inte vara före beslutsdatum."
    return errors
