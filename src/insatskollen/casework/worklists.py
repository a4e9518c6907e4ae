"""The worklists the `worklist` command (and the pages) can build, by name.

Each entry takes (decisions the reader may see, as_of, until, team code) and returns {"items": [...]}, optionally
with a Swedish "note". Each list's own module owns its rules; this table only names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import QuerySet

from insatskollen.casework import selectors
from insatskollen.casework.sol_to_lss import NOTE as SOL_LSS_NOTE
from insatskollen.casework.sol_to_lss import sol_to_lss_items
from insatskollen.contracts.selectors import contract_watch
from insatskollen.costsharing.selectors import worklist_items as ifo_items
from insatskollen.fk.selectors import HOURS_BASIS_NOTE as FK_HOURS_NOTE
from insatskollen.fk.selectors import fk_candidates
from insatskollen.orders.selectors import plan_items

Builder = Callable[[QuerySet, dt.date, "dt.date | None", "str | None"], dict]


def _reviews(qs, as_of, until, team) -> dict:
    return {"items": selectors.review_items(qs, as_of, until, team)}


def _contracts(qs, as_of, until, team) -> dict:
    return {"items": contract_watch(qs, as_of, team)}


def _fk(qs, as_of, until, team) -> dict:
    return {"items": fk_candidates(qs, as_of, team), "note": FK_HOURS_NOTE}


def _sol_lss(qs, as_of, until, team) -> dict:
    return {"items": sol_to_lss_items(qs, as_of, team), "note": SOL_LSS_NOTE}


def _plans(qs, as_of, until, team) -> dict:
    return {"items": plan_items(qs, as_of, until, team)}


def _ifo(qs, as_of, until, team) -> dict:
    return {"items": ifo_items(qs, as_of, until, team),
            "note": "IFO är involverat (markerat eller IFO-andel i registret) men inget delningsavtal gäller: "
                    "kostnaden de kommande tolv månaderna står på spel (Svarte Petter)."}


def _threshold(qs, as_of, until, team) -> dict:
    return {"items": selectors.threshold_items(qs, as_of, team)}


WORKLISTS: dict[str, Builder] = {
    "reviews": _reviews,
    "contracts": _contracts,
    "fk": _fk,
    "plans": _plans,
    "threshold": _threshold,
    "sol_lss": _sol_lss,
    "ifo": _ifo,
}
