"""The register's import lock: two imports at once run one after the other.

On PostgreSQL a transaction-scoped advisory lock, waited for at most `IMPORT_LOCK_WAIT_SECONDS`; on SQLite the
import's write transaction itself (BEGIN IMMEDIATE, see settings) holds the database's write lock, and a second
writer waits up to the connection's timeout. Either way a wait that runs out is `ImportBusy`, with a Swedish message,
and nothing is written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import OperationalError, connection

LOCK_KEY = 0x1B5A7_2E61  # "the register's imports": any constant shared by every process of the installation


class ImportBusy(Exception):
    """Another import held the lock for longer than we wait."""

    def __init__(self) -> None:
        super().__init__("En annan import av registret pågår. Inget sparades; försök igen när den är klar.")


def import_lock() -> None:
    """Take the lock for the rest of the current transaction (call inside transaction.atomic)."""
    if connection.vendor != "postgresql":
        return  # SQLite: BEGIN IMMEDIATE already serialises the import's transaction
    wait = int(getattr(settings, "IMPORT_LOCK_WAIT_SECONDS", 600))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = %s", [f"{wait}s"])
        try:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        except OperationalError as error:  # lock_timeout: another import held it too long
            raise ImportBusy() from error
        cursor.execute("SET LOCAL lock_timeout = 0")
