import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

pytestmark = pytest.mark.django_db

#: The demo and serve commands below run in a subprocess on their own SQLite data directory
#: (they drop DATABASE_URL), so the PostgreSQL pass of the suite would repeat them unchanged.
embedded_only = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs on its own SQLite data directory; tested in the SQLite pass",
)


def test_health_reports_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_health_answers_503_when_the_database_is_gone(client):
    with mock.patch("wijkregie.system.views.connection.cursor", side_effect=DatabaseError):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "unavailable",
        "version": response.json()["version"],
    }


def test_anonymous_users_are_sent_to_login(client):
    for path in ("/", "/organisaties/", "/wijken/1/", "/account/auditlog/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/account/login/?next={path}")


def test_demo_command_refuses_production_settings(settings):
    settings.WIJKREGIE_ENVIRONMENT = "production"
    settings.WIJKREGIE_DEMO_PASSWORD = None
    with pytest.raises(CommandError, match="productie"):
        call_command("demo", "--no-serve")


def _cli(args, data_dir, extra_env=None, cwd=None):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "WIJKREGIE_PSEUDONYM_KEY"}
    }
    environment.update({"WIJKREGIE_DATA_DIR": str(data_dir), **(extra_env or {})})
    return subprocess.run(
        [sys.executable, "-m", "wijkregie", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
    )


@embedded_only
def test_demo_cli_prepares_a_data_directory_that_works_from_anywhere(tmp_path):
    data_dir = tmp_path / "demo"
    first = _cli(["demo", "--data-dir", str(data_dir), "--no-serve"], tmp_path / "unused")
    assert first.returncode == 0, first.stderr
    assert "contractmanager" in first.stdout and "wijkregie-demo" in first.stdout
    # A short summary: the demo's notification e-mails wait in the outbox, not on the terminal.
    assert "Subject:" not in first.stdout and len(first.stdout.splitlines()) < 30, first.stdout
    with sqlite3.connect(data_dir / "db.sqlite3") as database:
        (mails,) = database.execute("SELECT count(*) FROM system_outboxmessage").fetchone()
    assert mails > 0 and f"{mails} " in first.stdout
    secrets = (data_dir / "secrets.env").read_text()
    assert "SECRET_KEY=" in secrets and "WIJKREGIE_PSEUDONYM_KEY=" in secrets
    # Commands run with translation off; the demo still writes its generated texts in Dutch.
    with sqlite3.connect(data_dir / "db.sqlite3") as database:
        titles = [row[0] for row in database.execute("SELECT title FROM conversations_agendaitem")]
    assert any("tegen een streefwaarde van" in title for title in titles)
    assert not any("against a target of" in title for title in titles)
    # Idempotent: a second run keeps the secrets and the data.
    second = _cli(["demo", "--data-dir", str(data_dir), "--no-serve"], tmp_path / "unused")
    assert second.returncode == 0, second.stderr
    assert (data_dir / "secrets.env").read_text() == secrets
    # Any management command works on that directory from another working directory.
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    shown = _cli(["showmigrations", "accounts"], data_dir, cwd=elsewhere)
    assert shown.returncode == 0 and "[X] 0001_initial" in shown.stdout
    code = _cli(["demo_totp"], data_dir, cwd=elsewhere)
    assert code.returncode == 0 and code.stdout.strip().isdigit()
    _sigterm_stops_server_and_worker(data_dir, tmp_path)
    # --reset starts from scratch with new secrets.
    reset = _cli(["demo", "--data-dir", str(data_dir), "--reset", "--no-serve"], tmp_path)
    assert reset.returncode == 0, reset.stderr
    assert (data_dir / "secrets.env").read_text() != secrets


def test_demo_cli_refuses_production(tmp_path):
    result = _cli(["demo", "--no-serve"], tmp_path, {"WIJKREGIE_ENV": "production"})
    assert result.returncode == 2
    assert "productie" in result.stderr


def test_reset_refuses_a_directory_that_is_not_a_demo(tmp_path):
    precious = tmp_path / "belangrijk"
    precious.mkdir()
    (precious / "rapport.docx").write_text("niet weggooien")
    result = _cli(["demo", "--data-dir", str(precious), "--reset", "--no-serve"], tmp_path)
    assert result.returncode == 2
    assert (precious / "rapport.docx").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@embedded_only
def test_serve_runs_gunicorn_with_production_settings(tmp_path):
    """`wijkregie serve` starts gunicorn under production settings and answers /health/."""
    import time
    import urllib.request

    port = _free_port()
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment.update(
        {
            "WIJKREGIE_ENV": "production",
            "WIJKREGIE_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "s" * 60,
            "WIJKREGIE_PSEUDONYM_KEY": "p" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "WIJKREGIE_SECURE_COOKIES": "false",
        }
    )
    migrate = subprocess.run(
        [sys.executable, "-m", "wijkregie", "migrate", "--no-input"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wijkregie",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _attempt in range(60):  # bounded: at most ~30 s
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as r:
                    body = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "gunicorn did not answer"
        assert '"database": "ok"' in body
        assert "gunicorn" in headers.get("Server", "")
        # Production sends the security headers.
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _sigterm_stops_server_and_worker(data_dir, tmp_path) -> None:
    """`wijkregie demo` serving: SIGTERM stops the web server and its background worker."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment["WIJKREGIE_DATA_DIR"] = str(data_dir)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wijkregie",
            "demo",
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/health/", timeout=2
                ) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the demo server did not start"
            assert server.poll() is None, "the demo server stopped"
            time.sleep(0.5)
        workers = _children(server.pid)
        assert workers, "no background worker beside the server"
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
        time.sleep(0.5)
        assert not [
            pid
            for pid in workers
            if Path(f"/proc/{pid}").exists()
            and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]
        ]
    finally:
        if server.poll() is None:
            server.kill()
