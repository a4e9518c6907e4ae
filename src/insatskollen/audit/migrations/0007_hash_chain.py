"""The audit log's hash chain: two columns, the existing rows chained in id order, and the runtime role kept out.

The existing rows are hashed with the triggers briefly disabled (PostgreSQL) or before the trigger is recreated
(SQLite remakes the table for the new columns, which drops its trigger). On PostgreSQL every role but the table's
owner loses UPDATE, DELETE, TRUNCATE, TRIGGER and REFERENCES on the table (default privileges granted by
`setup_database` would otherwise give the runtime role UPDATE and DELETE on a table created after them).
"""

import django.utils.timezone
from django.db import migrations, models

from insatskollen.audit import chain

TABLE = "audit_auditevent"
SQLITE_TRIGGER = """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"""
REVOKE_FROM_OTHERS = f"""
DO $$
DECLARE grantee_name text;
BEGIN
  FOR grantee_name IN
    SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
     WHERE g.table_name = '{TABLE}' AND g.table_schema = current_schema()
       AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
       AND g.grantee <> (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                          WHERE c.oid = '{TABLE}'::regclass)
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON {TABLE} FROM %I',
                   CASE WHEN grantee_name = 'PUBLIC' THEN 'public' ELSE grantee_name END);
  END LOOP;
END $$;"""


def chain_existing_rows(apps, schema_editor):
    from django.conf import settings

    AuditEvent = apps.get_model("audit", "AuditEvent")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_event_append_only")
    previous = chain.GENESIS
    for row in AuditEvent.objects.order_by("id").values("id", *chain.FIELDS).iterator(chunk_size=2000):
        current = chain.row_hash(previous, row, settings.AUDIT_CHAIN_KEY)
        AuditEvent.objects.filter(id=row["id"]).update(prev_hash=previous, row_hash=current)
        previous = current
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_event_append_only")
        schema_editor.execute(REVOKE_FROM_OTHERS, params=None)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_allocation_actions")]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False,
                                       verbose_name="tidpunkt"),
        ),
        migrations.AddField(
            model_name="auditevent", name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64,
                                   verbose_name="föregående kontrollsumma"),
        ),
        migrations.AddField(
            model_name="auditevent", name="row_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="kontrollsumma"),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
    ]
