"""A consistent copy of the database while the application serves (`insatskollen backup_database`).

SQLite: the online backup API (pages copied under the database's locks, so a write in progress is either wholly
in the copy or not at all). PostgreSQL: `pg_dump --format=custom` (one snapshot), for `pg_restore`. Restoring is in
docs/operations.md.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path


def sqlite_backup(source: Path, target: Path) -> None:
    temporary = target.with_name(target.name + ".part")
    temporary.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original, sqlite3.connect(temporary) as copy:
        original.backup(copy)
    original.close()
    copy.close()
    os.replace(temporary, target)


def pg_connection_args(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore arguments and environment for a Django database's settings (no password in argv)."""
    args = ["--host", settings_dict.get("HOST") or "127.0.0.1", "--port", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def postgres_backup(settings_dict: dict, target: Path) -> None:
    args, env = pg_connection_args(settings_dict)
    temporary = target.with_name(target.name + ".part")
    subprocess.run(["pg_dump", "--format=custom", "--file", str(temporary), *args, settings_dict["NAME"]],
                   env=env, check=True, capture_output=True, text=True)
    os.replace(temporary, target)
