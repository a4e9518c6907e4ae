"""On PostgreSQL the web server runs as a role that owns nothing and can only add to and read the audit log.

`insatskollen setup_database` makes the roles and a database (run three times: it is idempotent), `migrate` runs as
the owner, and then the runtime role fails to change, empty, or switch off the protection of the audit log, while
the application itself works as that role. Skipped on SQLite; CI's PostgreSQL run runs it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import errors, sql

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles")

AUDIT_INSERT = ("INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id, summary, detail, "
                "prev_hash, row_hash) VALUES (now(), 'x', 'auth.login', '', '', '', '{}', '', '')")
FORBIDDEN = [
    "UPDATE audit_auditevent SET summary = 'x'",
    "DELETE FROM audit_auditevent",
    "TRUNCATE audit_auditevent",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_event_append_only ON audit_auditevent",
    ("CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ "
     "LANGUAGE plpgsql"),
    "DROP TABLE audit_auditevent",
    "ALTER TABLE audit_auditevent ADD COLUMN note text",
    "CREATE TABLE public.shadow (id int)",
]


def url(settings_dict: dict, user: str, database: str) -> str:
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{database}"


def app(command: list[str], database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "insatskollen.cli", *command], env=env, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def production_database(django_db_setup):
    """A database set up by setup_database (as the test's superuser) and migrated as its owner; dropped after."""
    settings_dict = connection.settings_dict
    suffix = hashlib.sha1(settings_dict["NAME"].encode()).hexdigest()[:8]
    names = {"database": f"{settings_dict['NAME']}_roles", "owner": f"ik_owner_{suffix}",
             "runtime": f"ik_app_{suffix}"}
    admin_url = url(settings_dict, settings_dict["USER"], "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:  # a run that died before its clean-up
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(names["database"])))
    try:
        for _ in range(2):  # before the tables exist, twice
            call_command("setup_database", admin_url=admin_url, **names)
        migrated = app(["migrate", "--noinput"], url(settings_dict, names["owner"], names["database"]))
        assert migrated.returncode == 0, migrated.stderr[-2000:]
        yield {**names, "runtime_url": url(settings_dict, names["runtime"], names["database"]),
               "admin_url": admin_url}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(names["database"])))
            for role in (names["runtime"], names["owner"]):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def refused(runtime_url: str) -> dict[str, bool]:
    answers = {}
    with psycopg.connect(runtime_url, autocommit=True) as runtime:
        for statement in FORBIDDEN:
            try:
                runtime.execute(statement)
                answers[statement] = False
            except errors.InsufficientPrivilege:
                answers[statement] = True
    return answers


def test_the_runtime_role_cannot_alter_disable_or_empty_the_audit_log(production_database):
    db = production_database
    with psycopg.connect(db["runtime_url"], autocommit=True) as runtime:
        runtime.execute(AUDIT_INSERT)  # it may add to the log and read it
        assert runtime.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 1
        runtime.execute("INSERT INTO accounts_unit (name) VALUES ('Enheten')")  # and write the other tables
        runtime.execute("UPDATE accounts_unit SET name = 'Enheten 2'")
        runtime.execute("DELETE FROM accounts_unit")
        owned = runtime.execute("SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) "
                                "+ (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) "
                                "FROM pg_roles r WHERE r.rolname = current_user").fetchone()[0]
    assert owned == 0
    assert refused(db["runtime_url"]) == {statement: True for statement in FORBIDDEN}

    call_command("setup_database", admin_url=db["admin_url"], database=db["database"], owner=db["owner"],
                 runtime=db["runtime"])  # once more, after migrate: still so
    assert refused(db["runtime_url"]) == {statement: True for statement in FORBIDDEN}
    with psycopg.connect(db["runtime_url"], autocommit=True) as runtime:
        assert runtime.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 1


def test_the_application_serves_as_the_runtime_role_and_its_log_verifies(production_database):
    db = production_database
    with psycopg.connect(db["admin_url"].rsplit("/", 1)[0] + "/" + db["database"], autocommit=True) as admin:
        admin.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        admin.execute("DELETE FROM audit_auditevent")  # the unchained row the other test inserted by hand
        admin.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
    script = ("from insatskollen.audit.services import audit_record as r\n"
              "for i in range(3): r(actor='cli', action='auth.login', summary=str(i))")
    written = app(["shell", "-c", script], db["runtime_url"])
    assert written.returncode == 0, written.stderr[-2000:]
    verified = app(["verify_audit"], db["runtime_url"])
    assert verified.returncode == 0 and "Loggen är hel: 3 rader" in verified.stdout, verified.stderr
