"""A backup taken while the application runs restores to a copy with the same costs and an unbroken audit chain.

SQLite: `backup_database` (the online backup API), restored by copying the file into place. PostgreSQL (CI's
PostgreSQL run): `backup_database` (pg_dump), restored as docs/operations.md says — setup_database, pg_restore as
the owner role, setup_database again — and read as the runtime role.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.core.backup import pg_connection_args
from insatskollen.register.importing.service import register_import

from ..register.helpers import FIXTURES

FIGURES = [["costs", "--year", "2025", "--json"], ["costs", "--year", "2025", "--by", "klient", "--json"],
           ["costs", "--year", "2025", "--by", "insatskod", "--json"]]


def app(command: list[str], database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "insatskollen.cli", *command], capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": database_url}, timeout=600, check=False)


def here(command: list[str]) -> str:
    out = StringIO()
    call_command(*command, stdout=out)
    return out.getvalue()


@pytest.fixture
def a_register_in_use(db):
    """The register of formats.md imported (committed: the backup reads another connection), read and logged."""
    register_import(FIXTURES / "register_small.csv", actor="cli")
    for n in range(3):
        audit_record(actor="cli", action=AuditAction.CLIENT_VIEWED, client_id=n, summary=f"Klient {n} öppnad",
                     detail={"fields": ["personnummer"], "n": n})
    figures = [here(command) for command in FIGURES]
    assert json.loads(figures[0])["total"]["cost"] not in (0, "0", "0.00")
    return figures


def same_figures_and_verified_chain(figures: list[str], database_url: str) -> None:
    for command, original in zip(FIGURES, figures, strict=True):
        restored = app(command, database_url)
        assert restored.returncode == 0, restored.stderr[-2000:]
        assert json.loads(restored.stdout) == json.loads(original)
    verified = app(["verify_audit"], database_url)
    assert verified.returncode == 0, verified.stderr[-2000:]
    assert "Loggen är hel" in verified.stdout


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's online backup")
def test_a_sqlite_backup_restores_to_the_same_costs_and_a_whole_audit_log(a_register_in_use, tmp_path):
    backup = tmp_path / "backup" / "insatskollen-2026-12-04.sqlite3"
    assert "Säkerhetskopian är skriven" in here(["backup_database", "--out", str(backup)])
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    restored = tmp_path / "restored" / "insatskollen.sqlite3"  # restore: the file copied into place
    restored.parent.mkdir()
    shutil.copyfile(backup, restored)
    same_figures_and_verified_chain(a_register_in_use, f"sqlite:///{restored}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
def test_a_postgresql_backup_restores_to_the_same_costs_and_a_whole_audit_log(a_register_in_use, tmp_path):
    backup = tmp_path / "insatskollen.dump"
    here(["backup_database", "--out", str(backup)])
    settings_dict = connection.settings_dict
    suffix = hashlib.sha1(settings_dict["NAME"].encode()).hexdigest()[:8]
    database, owner, runtime = f"{settings_dict['NAME']}_restored", f"ik_rowner_{suffix}", f"ik_rapp_{suffix}"
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    admin_url = f"postgres://{settings_dict['USER']}{password}@{host}:{port}/postgres"
    roles = {"admin_url": admin_url, "database": database, "owner": owner, "runtime": runtime}
    try:
        call_command("setup_database", **roles)
        args, env = pg_connection_args(settings_dict)
        restore = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--role", owner, *args,
                                  "--dbname", database, str(backup)], env=env, capture_output=True, text=True,
                                 check=False)
        assert restore.returncode == 0, restore.stderr[-2000:]
        call_command("setup_database", **roles)
        same_figures_and_verified_chain(a_register_in_use, f"postgres://{runtime}@{host}:{port}/{database}")
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            for role in (runtime, owner):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
