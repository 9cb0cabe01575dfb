"""Every environment variable Wijkregie reads, declared once with its help text.

Settings modules read values only through :func:`get`; ``docs/configuration.md`` is generated
from :data:`VARIABLES` (``wijkregie configuration_docs``) and a test fails when it is stale.

A data directory prepared by ``wijkregie demo`` holds a ``secrets.env`` file with generated
values for the secret variables; they are used when the environment does not set them, so that
``WIJKREGIE_DATA_DIR=DIR wijkregie <command>`` works on that directory from anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


CASTS: dict[str, Callable[[str], Any]] = {"str": str, "bool": _bool, "int": int, "list": _list}


@dataclass(frozen=True)
class Variable:
    name: str
    group: str
    help: str
    default: str | None = None
    cast: str = "str"
    secret: bool = False
    example: str = ""
    environments: tuple[str, ...] = field(default=("dev", "ci", "production"))

    @property
    def required_in_production(self) -> bool:
        return self.default is None and "production" in self.environments


VARIABLES: tuple[Variable, ...] = (
    # --- Core -------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_ENV",
        "Core",
        "Which settings module the `wijkregie` command loads: `dev` (demo, laptops), `ci` (tests) "
        "or `production`. `wijkregie serve` defaults to `production`. `DJANGO_SETTINGS_MODULE`, "
        "when set, wins.",
        default="dev",
        example="production",
    ),
    Variable(
        "WIJKREGIE_DATA_DIR",
        "Core",
        "Directory for the embedded SQLite database, generated demo secrets, collected static "
        "files and other local state. Relative paths are resolved against the working directory.",
        default=".wijkregie-demo",
        example="/var/lib/wijkregie",
    ),
    Variable(
        "SECRET_KEY",
        "Core",
        "Django's secret key (sessions, CSRF, password-reset tokens). Production refuses to start "
        "without one, or with a value shorter than 50 characters or starting with "
        "`django-insecure`.",
        secret=True,
        example="(50+ random characters)",
    ),
    Variable(
        "DEBUG",
        "Core",
        "Django debug mode. Only for development; production refuses to start when it is on.",
        default="false",
        cast="bool",
    ),
    Variable(
        "ALLOWED_HOSTS",
        "Core",
        "Comma-separated host names this instance answers to. Production refuses `*` and an "
        "empty list.",
        default="localhost,127.0.0.1",
        cast="list",
        example="wijkregie.zaanstad.nl",
    ),
    Variable(
        "CSRF_TRUSTED_ORIGINS",
        "Core",
        "Comma-separated origins (scheme + host) trusted for unsafe requests behind a proxy.",
        default="",
        cast="list",
        example="https://wijkregie.zaanstad.nl",
    ),
    Variable(
        "DATABASE_URL",
        "Database",
        "Database connection URL. When empty, Wijkregie uses the SQLite database "
        "`db.sqlite3` in `WIJKREGIE_DATA_DIR`. PostgreSQL is the production database.",
        default="",
        secret=True,
        example="postgres://wijkregie:…@db.internal:5432/wijkregie",
    ),
    Variable(
        "DATABASE_CONN_MAX_AGE",
        "Database",
        "Seconds a database connection is kept open between requests (0 closes after each), "
        "on PostgreSQL and on SQLite.",
        default="60",
        cast="int",
    ),
    # --- Privacy ------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_PSEUDONYM_KEY",
        "Privacy",
        "Key for the keyed HMAC-SHA256 that pseudonymises BSNs and client numbers at import. "
        "Never stored in the database. Keep it in a secrets manager; losing it means new imports "
        "no longer link to earlier pseudonyms. At least 32 characters.",
        secret=True,
        example="(32+ random characters)",
    ),
    Variable(
        "WIJKREGIE_PSEUDONYM_KEY_VERSION",
        "Privacy",
        "Version label stored with every pseudonym, so that a key rotation is traceable.",
        default="1",
    ),
    Variable(
        "WIJKREGIE_SUPPRESSION_THRESHOLD",
        "Privacy",
        "Person counts below this number are shown as `<N` to roles without record-level rights "
        "(CBS practice).",
        default="10",
        cast="int",
    ),
    # --- Commission register ---------------------------------------------------------------------
    Variable(
        "WIJKREGIE_SMALL_BUDGET_EUR",
        "Commission register",
        "Yearly budget (euros) below which an additional assignment counts as small; two or more "
        "small assignments on one theme are flagged as candidates for bundling.",
        default="50000",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_FTE_COST_EUR",
        "Commission register",
        "Yearly employer cost (euros) of one FTE in the first year of a budget series; grown with "
        "the CAO wage growth to express the purchasing-power gap in FTE.",
        default="72000",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_ENDING_SOON_DAYS",
        "Commission register",
        "Additional assignments ending within this many days are flagged as ending soon.",
        default="92",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_DEDUCE_CACHE_DIR",
        "Privacy",
        "Directory where the `deduce` de-identification model keeps its lookup cache (~80 MB, "
        "built once in ~2 minutes on first use). Empty: `deduce/` in the data directory.",
        default="",
    ),
    Variable(
        "WIJKREGIE_PLACES",
        "Privacy",
        "The municipality's places (woonplaatsen), comma-separated: kept in de-identified text, "
        "like the wijken, organisations, themes and chains of the registers.",
        default="Zaanstad,Zaandam,Koog aan de Zaan,Zaandijk,Wormerveer,Krommenie,Assendelft,"
        "Westzaan,Westknollendam",
        cast="list",
    ),
    Variable(
        "WIJKREGIE_DEIDENTIFY_ALLOW",
        "Privacy",
        "Further words, comma-separated, that de-identification keeps (never a person's name). "
        "Prefer the registers: a new wijk, partner or theme is kept without any setting.",
        default="",
        cast="list",
    ),
    # --- Registrations ---------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_RECORD_RETENTION_DAYS",
        "Registrations",
        "Days that imported trajectory records are kept after they ended (open ones: after they "
        "started); `wijkregie registraties opruimen` removes older ones and keeps the computed "
        "figures.",
        default="1095",
        cast="int",
    ),
    # --- Indicators and deliveries ----------------------------------------------------------------
    Variable(
        "WIJKREGIE_DELIVERY_DUE_DAYS",
        "Indicators and deliveries",
        "Days after the end of a half-year by which the team organisations' half-year delivery "
        "is due.",
        default="45",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_RECONCILIATION_TOLERANCE",
        "Indicators and deliveries",
        "Where a delivered and a computed indicator answer the same question, the largest "
        "difference (in percent of the delivered figure) the measurability lint accepts.",
        default="10",
        cast="int",
    ),
    # --- Chains ----------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_ACKNOWLEDGE_DAYS",
        "Chains",
        "Days after publication of a change notice before a party that has not acknowledged it "
        "is reminded (and counted as overdue); reminders repeat at the same interval.",
        default="10",
        cast="int",
    ),
    # --- Social map ------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_SOCIALMAP_UPDATE_DAYS",
        "Social map",
        "How often each kind of social-map entry must be checked by its owner, in days: "
        "kind=days pairs (service, location, contact_role, collaboration). An entry not checked "
        "within its period is shown as stale.",
        default="service=180,location=365,contact_role=90,collaboration=365",
        cast="list",
    ),
    Variable(
        "WIJKREGIE_SOCIALMAP_REMIND_DAYS",
        "Social map",
        "Days before an entry falls due that its owner's editors are reminded; reminders "
        "repeat at the same interval until the entry is checked.",
        default="14",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_SOCIALMAP_ESCALATE_DAYS",
        "Social map",
        "Days an entry may be stale before the chain directors are told.",
        default="30",
        cast="int",
    ),
    # --- Surveys ---------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_SURVEY_THRESHOLD",
        "Surveys",
        "Respondent groups of a survey wave smaller than this are shown to the survey's owners "
        "only (disclosure control for surveys).",
        default="10",
        cast="int",
    ),
    # --- Signals --------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_SIGNAL_RESPONSE_DAYS",
        "Signals",
        "Days within which a signal from practice gets its first response, per kind: kind=days "
        "pairs (rule, gap, waiting_list, bottleneck, other). A signal without a response after "
        "that is on the overdue list.",
        default="rule=20,gap=20,waiting_list=10,bottleneck=10,other=20",
        cast="list",
    ),
    # --- Publication ----------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_PUBLIC_ROUNDING",
        "Publication",
        "On the public dashboard, its open data and the public API every person count that is "
        "shown is rounded to a multiple of this (CBS practice), after the counts below the "
        "suppression threshold are hidden.",
        default="5",
        cast="int",
    ),
    # --- Security -----------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_LOGIN_FAILURE_LIMIT",
        "Security",
        "Failed logins for one user name from one address before the account is locked out "
        "(django-axes).",
        default="5",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_LOGIN_COOLOFF_MINUTES",
        "Security",
        "Minutes a lockout lasts.",
        default="15",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_SECURE_COOKIES",
        "Security",
        "Send session and CSRF cookies only over HTTPS. On by default in production.",
        default="true",
        cast="bool",
        environments=("production",),
    ),
    Variable(
        "WIJKREGIE_HSTS_SECONDS",
        "Security",
        "Strict-Transport-Security max-age in production (0 disables it).",
        default="31536000",
        cast="int",
        environments=("production",),
    ),
    Variable(
        "WIJKREGIE_CLIENT_IP_HEADER",
        "Security",
        "Request header in which the trusted reverse proxy passes the client's address (e.g. "
        "`X-Forwarded-For` or `X-Real-IP`). Login lockouts and the audit log use it; set it only "
        "behind a proxy that overwrites the header. Empty: the connection's address.",
        default="",
    ),
    Variable(
        "WIJKREGIE_TRUSTED_PROXY_COUNT",
        "Security",
        "With a comma-separated header such as `X-Forwarded-For`: the number of trusted proxies "
        "that appended to it; the address that many places from the end is the client's.",
        default="1",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_MAX_UPLOAD_MB",
        "Security",
        "Largest upload in MB for spreadsheets and other files (deliveries, assignments). A "
        "larger request is refused before its body is read.",
        default="20",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_MAX_REGISTRATION_UPLOAD_MB",
        "Security",
        "Largest registration export in MB that the browser upload takes.",
        default="500",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_MAX_SPREADSHEET_CELLS",
        "Security",
        "Most cells an uploaded spreadsheet may hold (all sheets; a zip bomb is refused before "
        "it is unpacked). Registration exports are read as a stream and are not capped by this.",
        default="2000000",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_BEHIND_PROXY",
        "Security",
        "Trust the `X-Forwarded-Proto` header of a TLS-terminating reverse proxy.",
        default="false",
        cast="bool",
        environments=("production",),
    ),
    # --- E-mail -------------------------------------------------------------------------------
    Variable(
        "EMAIL_URL",
        "E-mail",
        "Where mail goes: `smtp://user:password@host:587?tls=1`, `console:`, `file:` (writes to "
        "`WIJKREGIE_DATA_DIR/mail`) or `outbox:` (kept in the database; each user reads their "
        "mail on `/postvak/`). Default: `outbox:` in development and the demo, `console:` "
        "otherwise; set an SMTP URL in production.",
        default="console:",
        secret=True,
        example="smtp://wijkregie:…@smtp.zaanstad.nl:587?tls=1",
    ),
    Variable(
        "DEFAULT_FROM_EMAIL",
        "E-mail",
        "Sender address of mail from Wijkregie.",
        default="Wijkregie <noreply@localhost>",
        example="Wijkregie <wijkregie@zaanstad.nl>",
    ),
    # --- Single sign-on -------------------------------------------------------------------
    Variable(
        "OIDC_ENABLED",
        "Single sign-on (OIDC)",
        "Offer login through the municipality's OpenID Connect provider (mozilla-django-oidc). "
        "Password login stays available for accounts that have a password.",
        default="false",
        cast="bool",
    ),
    Variable(
        "OIDC_RP_CLIENT_ID", "Single sign-on (OIDC)", "Client id at the provider.", default=""
    ),
    Variable(
        "OIDC_RP_CLIENT_SECRET",
        "Single sign-on (OIDC)",
        "Client secret at the provider.",
        default="",
        secret=True,
    ),
    Variable(
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "Single sign-on (OIDC)",
        "Authorization endpoint of the provider.",
        default="",
        example="https://login.zaanstad.nl/realms/medewerkers/protocol/openid-connect/auth",
    ),
    Variable(
        "OIDC_OP_TOKEN_ENDPOINT",
        "Single sign-on (OIDC)",
        "Token endpoint of the provider.",
        default="",
    ),
    Variable(
        "OIDC_OP_USER_ENDPOINT",
        "Single sign-on (OIDC)",
        "Userinfo endpoint of the provider.",
        default="",
    ),
    Variable(
        "OIDC_OP_JWKS_ENDPOINT",
        "Single sign-on (OIDC)",
        "JWKS endpoint of the provider (for RS256-signed ID tokens).",
        default="",
    ),
    Variable(
        "OIDC_RP_SIGN_ALGO",
        "Single sign-on (OIDC)",
        "Signing algorithm of the ID token.",
        default="RS256",
    ),
    Variable(
        "OIDC_USERNAME_CLAIM",
        "Single sign-on (OIDC)",
        "Claim that holds the user name a Wijkregie account is matched on. Roles and "
        "organisations are not taken from the provider: an administrator grants them.",
        default="preferred_username",
    ),
    # --- Server -------------------------------------------------------------------------------
    Variable(
        "WIJKREGIE_BIND",
        "Server",
        "Address gunicorn binds to in `wijkregie serve`.",
        default="0.0.0.0:8000",
    ),
    Variable(
        "WIJKREGIE_WORKERS",
        "Server",
        "Number of gunicorn worker processes in `wijkregie serve`.",
        default="3",
        cast="int",
    ),
    Variable(
        "WIJKREGIE_LOG_LEVEL",
        "Server",
        "Log level of Wijkregie's own loggers.",
        default="INFO",
    ),
)

BY_NAME: dict[str, Variable] = {variable.name: variable for variable in VARIABLES}


def data_dir() -> Path:
    raw = os.environ.get("WIJKREGIE_DATA_DIR") or BY_NAME["WIJKREGIE_DATA_DIR"].default or "."
    return Path(raw).expanduser().resolve()


def read_secrets_file(directory: Path) -> dict[str, str]:
    """Values written by ``wijkregie demo`` into ``DIR/secrets.env`` (KEY=value lines)."""
    path = directory / "secrets.env"
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip()
    return values


def get(name: str, *, fallback_to_data_dir: bool = True) -> Any:
    """The value of a declared variable, cast to its type (``None`` when unset without default)."""
    variable = BY_NAME[name]  # KeyError: every variable must be declared above
    raw = os.environ.get(name)
    if raw is None and variable.secret and fallback_to_data_dir:
        raw = read_secrets_file(data_dir()).get(name)
    if raw is None:
        raw = variable.default
    if raw is None:
        return None
    try:
        return CASTS[variable.cast](raw)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc


def markdown() -> str:
    """``docs/configuration.md``, generated from :data:`VARIABLES`."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated by `wijkregie configuration_docs` from src/wijkregie/conf/env.py. "
        "Do not edit by hand: a test fails when this file is stale. -->",
        "",
        "Wijkregie is configured through environment variables only. Each is declared once, with "
        "this help text, in `src/wijkregie/conf/env.py`. Secret values are never logged.",
        "",
    ]
    groups: dict[str, list[Variable]] = {}
    for variable in VARIABLES:
        groups.setdefault(variable.group, []).append(variable)
    for group, variables in groups.items():
        lines += [f"## {group}", "", "| Variable | Default | Description |", "|---|---|---|"]
        for variable in variables:
            if variable.default is None:
                default = "*(required in production)*"
            elif variable.default == "":
                default = "*(empty)*"
            else:
                default = f"`{variable.default}`"
            description = variable.help
            if variable.example:
                description += f" Example: `{variable.example}`."
            if variable.secret:
                description += " **Secret.**"
            if variable.environments != ("dev", "ci", "production"):
                description += f" Used in: {', '.join(variable.environments)}."
            lines.append(f"| `{variable.name}` | {default} | {description} |")
        lines.append("")
    return "\n".join(lines)
