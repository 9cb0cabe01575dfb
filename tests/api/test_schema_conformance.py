"""schemathesis against the published OpenAPI schema, as three roles, in process (WSGI).

Every operation gets generated requests, valid and invalid; every response must be no server
error, with a documented status code, content type, headers and a body that matches the schema;
authentication may not be ignored. Two checks are left out, on purpose: whether schema-valid data
is *accepted* (``positive_data_acceptance``: a well-formed request for a nonexistent object or in
the wrong state is rightly refused with 400/404/409, which no schema can express) and whether
schema-invalid data is rejected (``negative_data_rejection``: generated "invalid" inputs that the
API reads leniently, e.g. an empty filter meaning "no filter")."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks

from wijkregie.accounts.models import User

ROLES = ("contractmanager", "dock-manager", "raadslid")
EXAMPLES = int(os.environ.get("WIJKREGIE_SCHEMATHESIS_EXAMPLES", "8"))
EXCLUDED = [checks.positive_data_acceptance, checks.negative_data_rejection]


def _runner(operation, token: str):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples in every run: CI is reproducible
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(
            headers={"Authorization": f"Token {token}"}, excluded_checks=EXCLUDED
        )

    return check


@pytest.fixture
def keep_connection():
    """Requests go through the real WSGI handler, whose end-of-request signal would close the
    database connection inside the test's transaction (PostgreSQL then loses it); Django's test
    client keeps it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms_to_the_schema_as_three_roles(demo, keep_connection):
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    tokens = {
        role: Token.objects.get_or_create(user=User.objects.get(username=role))[0].key
        for role in ROLES
    }
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for role, token in tokens.items():
            try:
                _runner(operation, token)()
            except Exception as exc:
                failures.append(f"{role} {operation.label}: {str(exc)[:1500]}")
    assert operations >= 50
    assert not failures, "\n\n".join(failures)
