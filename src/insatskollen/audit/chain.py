"""The audit log's hash chain (pure: no Django).

Each row carries the hash of the row before it (`prev_hash`) and its own (`row_hash`): an HMAC-SHA256, keyed with
`INSATSKOLLEN_AUDIT_KEY` (empty by default), over the previous hash and the row's content in a canonical form. A
changed row no longer matches its hash; a removed row breaks the link of the row after it; an inserted row breaks
the link of the row after it (or, with a key the intruder lacks, its own hash). `verify` walks the rows in id order
and names the first broken one.

The canonical form reads the row as the database gives it back: numbers as normalised decimals (PostgreSQL's jsonb
gives 1e20 back as 100000000000000000000), every value tagged with its type so that a number cannot pass for a
string, timestamps in UTC to the microsecond.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first row
FIELDS = ("at", "actor_id", "actor_name", "action", "object_type", "object_id", "client_id", "summary", "detail")


def _number(value: int | float) -> str:
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return format(number.normalize(), "f")


def canonical(value: Any) -> Any:
    """A JSON value in a form whose text does not depend on the database that stored it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return ["n", _number(value)]
    if isinstance(value, str):
        return ["s", value]
    if isinstance(value, dt.datetime):
        return ["t", value.astimezone(dt.UTC).isoformat(timespec="microseconds")]
    if isinstance(value, Mapping):
        return ["d", {str(key): canonical(item) for key, item in value.items()}]
    if isinstance(value, (list, tuple)):
        return ["l", [canonical(item) for item in value]]
    raise TypeError(f"not part of an audit row: {type(value).__name__}")


def row_hash(prev_hash: str, row: Mapping[str, Any], key: str = "") -> str:
    """The hash of a row (a mapping with FIELDS) that follows the row whose hash is `prev_hash`."""
    content = json.dumps([prev_hash, [canonical(row[name]) for name in FIELDS]], sort_keys=True,
                         ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key.encode(), content.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    row_id: int
    kind: str  # "changed" | "removed_before" | "inserted" | "checkpoint_missing"
    message: str  # Swedish, for the admin


@dataclass(frozen=True)
class Verification:
    rows: int
    head_id: int | None
    head_hash: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(rows: Iterable[Mapping[str, Any]], *, key: str = "",
           find_by_hash: Callable[[str], int | None] = lambda _hash: None,
           first_id_after: Callable[[int], int | None] = lambda _id: None,
           checkpoint: tuple[int, str] | None = None) -> Verification:
    """Walk the rows (mappings with `id`, `prev_hash`, `row_hash` and FIELDS) in id order; stop at the first break.

    `find_by_hash(h)` gives the id of the row whose stored hash is h (to tell an inserted row from a removed one),
    `first_id_after(id)` the next row's id; `checkpoint` = (id, hash) of a head recorded earlier outside the
    database, which must still be there unchanged (a removed tail leaves no other trace).
    """
    expected, count, head_id, checkpoint_seen = GENESIS, 0, None, checkpoint is None
    for row in rows:
        if row_hash(row["prev_hash"], row, key) != row["row_hash"]:
            return Verification(count, head_id, expected, Break(
                row["id"], "changed", f"Rad {row['id']} har ändrats: innehållet stämmer inte med dess kontrollsumma."))
        if row["prev_hash"] != expected:
            earlier = find_by_hash(row["prev_hash"]) if row["prev_hash"] != GENESIS else None
            if earlier is not None and earlier < row["id"]:
                inserted = first_id_after(earlier) or row["id"]
                return Verification(count, head_id, expected, Break(
                    inserted, "inserted", f"Rad {inserted} har lagts till i efterhand: rad {row['id']} hänger "
                                          f"ihop med rad {earlier}, inte med raderna emellan."))
            return Verification(count, head_id, expected, Break(
                row["id"], "removed_before", f"Rader före rad {row['id']} saknas: den pekar på en rad som inte "
                                             f"längre finns (föregående rad i loggen: "
                                             f"{head_id if head_id is not None else 'ingen'})."))
        if checkpoint is not None and row["id"] == checkpoint[0]:
            if row["row_hash"] != checkpoint[1]:
                return Verification(count, head_id, expected, Break(
                    row["id"], "checkpoint_missing", f"Rad {row['id']} är inte den rad som kontrollpunkten sparade."))
            checkpoint_seen = True
        expected, count, head_id = row["row_hash"], count + 1, row["id"]
    if not checkpoint_seen:
        assert checkpoint is not None
        return Verification(count, head_id, expected, Break(
            checkpoint[0], "checkpoint_missing", f"Rad {checkpoint[0]} saknas: kontrollpunkten sparade den som "
                                                 f"loggens senaste rad, men den har tagits bort."))
    return Verification(count, head_id, expected, None)
