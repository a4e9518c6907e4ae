"""The worklists the `worklist` command (and the pages) can build, by name.

Each entry takes (decisions the reader may see, as_of, until, team code) and returns {"items": [...]}, optionally
with a Swedish "note". Each list's own module owns its rules; this table only names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import QuerySet

from insatskollen.casework import selectors

Builder = Callable[[QuerySet, dt.date, "dt.date | None", "str | None"], dict]


def _reviews(qs, as_of, until, team) -> dict:
    return {"items": selectors.review_items(qs, as_of, until, team)}


def _contracts(qs, as_of, until, team) -> dict:
    return {"items": selectors.contract_items(qs, as_of, team)}


def _fk(qs, as_of, until, team) -> dict:
    return {"items": selectors.fk_items(qs, as_of, team)}


def _plans(qs, as_of, until, team) -> dict:
    return {"items": [], "note": selectors.PLANS_NOTE}


def _threshold(qs, as_of, until, team) -> dict:
    return {"items": selectors.threshold_items(qs, as_of, team)}


WORKLISTS: dict[str, Builder] = {
    "reviews": _reviews,
    "contracts": _contracts,
    "fk": _fk,
    "plans": _plans,
    "threshold": _threshold,
}
