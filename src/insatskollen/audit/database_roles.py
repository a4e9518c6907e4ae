"""PostgreSQL roles for production (`insatskollen setup_database`): an owner for migrations, a runtime role that
owns nothing, and an audit table the runtime role can only add to and read.

Run with an administrator's connection (a superuser, e.g. `postgres`). Idempotent: run it again after every
`migrate` (it also takes over tables an earlier install created as another role, and puts right any drift).

- the owner role owns the database, its `public` schema and every table: `migrate` runs as it;
- the runtime role (the web server and the worker) may connect, use the schema, and SELECT/INSERT/UPDATE/DELETE
  every table and use every sequence, present and future (default privileges), but never TRUNCATE, REFERENCES or
  TRIGGER; on the audit table only SELECT and INSERT. Owning nothing, it cannot ALTER, DISABLE or DROP a trigger or a
  table, nor create objects in the schema.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psycopg
from psycopg import sql

AUDIT_TABLE = "audit_auditevent"


@dataclass(frozen=True)
class RolePlan:
    admin_url: str  # a superuser's connection (any database of the server)
    database: str = "insatskollen"
    owner: str = "insatskollen_owner"
    runtime: str = "insatskollen_app"
    owner_password: str | None = None
    runtime_password: str | None = None


def _role(cursor, name: str, password: str | None, *, runtime: bool) -> None:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if runtime:
        attributes += " NOINHERIT"
    cursor.execute(sql.SQL(f"{verb} ROLE {{}} WITH {attributes}").format(sql.Identifier(name)))
    if password:
        cursor.execute(sql.SQL("ALTER ROLE {} WITH PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))


def setup_database(plan: RolePlan) -> list[str]:
    """Create or put right the roles, the database and the privileges; returns what was done, step by step."""
    done: list[str] = []
    owner, runtime, database = (sql.Identifier(plan.owner), sql.Identifier(plan.runtime),
                                sql.Identifier(plan.database))
    with psycopg.connect(plan.admin_url, autocommit=True) as admin, admin.cursor() as cursor:
        _role(cursor, plan.owner, plan.owner_password, runtime=False)
        _role(cursor, plan.runtime, plan.runtime_password, runtime=True)
        done.append(f"roller {plan.owner} (ägare) och {plan.runtime} (drift)")
        cursor.execute("SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                       "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s AND r.rolname = %s",
                       [plan.runtime, plan.owner])
        if cursor.fetchone():
            cursor.execute(sql.SQL("REVOKE {} FROM {}").format(owner, runtime))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [plan.database])
        if cursor.fetchone():
            cursor.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(database, owner))
        else:
            cursor.execute(sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8'").format(database, owner))
            done.append(f"databasen {plan.database}")
        cursor.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database))
        cursor.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(database, runtime))

    target = psycopg.conninfo.make_conninfo(plan.admin_url, dbname=plan.database)
    with psycopg.connect(target, autocommit=True) as admin, admin.cursor() as cursor:
        # Objects an earlier install created as another role (e.g. migrated as postgres) go to the owner.
        cursor.execute(sql.SQL("REASSIGN OWNED BY {} TO {}").format(runtime, owner))
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)",
            [plan.owner])
        kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW"}
        others = cursor.fetchall()
        for name, kind in others:
            cursor.execute(sql.SQL(f"ALTER {kinds[kind]} {{}} OWNER TO {{}}").format(sql.Identifier(name), owner))
        cursor.execute("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                       "WHERE n.nspname = 'public' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)", [plan.owner])
        for (signature,) in cursor.fetchall():
            cursor.execute(sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(sql.SQL(signature), owner))
        if others:
            done.append(f"{len(others)} tabeller överförda till {plan.owner}")

        cursor.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(owner))
        cursor.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(runtime))
        for statement in (
            ("ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
             "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {runtime}"),
            ("ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
             "REVOKE TRUNCATE, REFERENCES, TRIGGER ON TABLES FROM {runtime}"),
            "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {runtime}",
            "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {runtime}",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {runtime}",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {runtime}",
        ):
            cursor.execute(sql.SQL(statement).format(owner=owner, runtime=runtime))
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"public.{AUDIT_TABLE}"])
        if cursor.fetchone()[0]:
            cursor.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(sql.Identifier(AUDIT_TABLE)))
            cursor.execute(sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {} FROM {}").format(
                sql.Identifier(AUDIT_TABLE), runtime))
            cursor.execute(sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(sql.Identifier(AUDIT_TABLE), runtime))
            done.append(f"{plan.runtime} får bara läsa och lägga till i loggen ({AUDIT_TABLE})")
        done.append(f"{plan.runtime} får läsa och skriva övriga tabeller men äger ingenting")
    return done


def plan_from_environment(admin_url: str, database: str, owner: str, runtime: str) -> RolePlan:
    return RolePlan(admin_url=admin_url, database=database, owner=owner, runtime=runtime,
                    owner_password=os.environ.get("INSATSKOLLEN_DB_OWNER_PASSWORD") or None,
                    runtime_password=os.environ.get("INSATSKOLLEN_DB_RUNTIME_PASSWORD") or None)
