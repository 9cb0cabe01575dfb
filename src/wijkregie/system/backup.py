"""Backup and restore of the database, and the checksums that prove a restore complete.

SQLite: the online backup API of ``sqlite3`` (consistent while Wijkregie runs). PostgreSQL:
``pg_dump --format=custom`` and ``pg_restore``. ``checksums`` gives per table the number of rows
and a SHA-256 over its rows in primary-key order, so that a restored copy can be compared with
the original table by table.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def checksums(connection) -> dict[str, tuple[int, str]]:
    """Per table: (rows, sha256 of the rows ordered by every column). ``connection`` is a
    Django connection or a raw DB-API connection of sqlite3 or psycopg."""
    raw = getattr(connection, "connection", None) if hasattr(connection, "vendor") else connection
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    sqlite = isinstance(raw, sqlite3.Connection)
    if sqlite and hasattr(connection, "vendor"):
        # Django's connection converts types on reading; checksum a plain copy instead, so the
        # figures equal those of a plain connection to a restored file.
        plain = sqlite3.connect(":memory:")
        raw.backup(plain)
        try:
            return checksums(plain)
        finally:
            plain.close()
    cursor = raw.cursor()
    if sqlite:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    tables = sorted(row[0] for row in cursor.fetchall())
    result: dict[str, tuple[int, str]] = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {_quote(table)} LIMIT 0")  # noqa: S608 - catalogue names
        columns = [d[0] for d in cursor.description]
        order = ", ".join(_quote(c) for c in columns)
        cursor.execute(f"SELECT {order} FROM {_quote(table)} ORDER BY {order}")  # noqa: S608
        digest = hashlib.sha256()
        count = 0
        for row in cursor.fetchall():
            count += 1
            digest.update(repr([_normal(v) for v in row]).encode())
        result[table] = (count, digest.hexdigest())
    cursor.close()
    return result


def _normal(value):
    """One representation for both databases' drivers (memoryview, bytes, str)."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def backup_sqlite(target: Path, alias: str = "default") -> None:
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def restore_sqlite(source: Path, database: Path) -> None:
    """Write the backup ``source`` over the database file ``database`` (Wijkregie stopped)."""
    origin = sqlite3.connect(source)
    destination = sqlite3.connect(database)
    try:
        origin.backup(destination)
    finally:
        origin.close()
        destination.close()


def _program(name: str) -> str:
    """The PostgreSQL client program: on PATH, or in Debian's versioned directory."""
    import shutil

    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)),
        None,
    )
    if not found:
        raise FileNotFoundError(f"{name} is not installed (Debian: postgresql-client)")
    return found


def _pg_env(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--host", settings_dict.get("HOST") or "localhost"]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def backup_postgresql(target: Path, alias: str = "default") -> None:
    settings_dict = connections[alias].settings_dict
    args, env = _pg_env(settings_dict)
    subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
        [
            _program("pg_dump"),
            *args,
            "--format=custom",
            "--no-owner",
            "--file",
            str(target),
            settings_dict["NAME"],
        ],
        env=env,
        check=True,
    )


def restore_postgresql(source: Path, *, database: str, alias: str = "default") -> None:
    """Restore ``source`` into the (empty or existing) database ``database`` on the server of
    ``alias``; existing objects are replaced."""
    args, env = _pg_env(connections[alias].settings_dict)
    subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
        [
            _program("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            database,
            str(source),
        ],
        env=env,
        check=True,
    )


def backup(target: Path, alias: str = "default") -> None:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        backup_sqlite(target, alias)
    elif vendor == "postgresql":
        backup_postgresql(target, alias)
    else:  # pragma: no cover - Wijkregie supports these two
        raise ValueError(f"no backup for {vendor}")


def restore(source: Path, alias: str = "default") -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        connection.close()
        restore_sqlite(source, database)
    else:
        restore_postgresql(source, database=connection.settings_dict["NAME"], alias=alias)
