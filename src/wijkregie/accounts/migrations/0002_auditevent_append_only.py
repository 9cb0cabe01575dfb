"""Make the audit log append-only in the database itself: UPDATE is refused by a trigger.

DELETE is refused by the model and its queryset (a database trigger would also block the test
runner's table flushes); retention, when it comes, is a deliberate migration or command.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
"""
POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION accounts_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'The audit log is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_append_only();
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS accounts_auditevent_no_update;"
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS accounts_auditevent_no_update ON accounts_auditevent;
DROP FUNCTION IF EXISTS accounts_auditevent_append_only();
"""


def _run(statements: dict):
    def run(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
