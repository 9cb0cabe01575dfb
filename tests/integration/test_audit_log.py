import pytest
from django.db import DatabaseError, connection, transaction

from wijkregie.accounts.models import AuditEvent
from wijkregie.accounts.services import audit_event_create, record_read_log
from wijkregie.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_append_only_in_the_model():
    event = audit_event_create(action=AuditEvent.Action.LOGIN, username="iemand")
    event.action = AuditEvent.Action.LOGOUT
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="logout")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.LOGIN


def test_append_only_in_the_database():
    """Even raw SQL cannot rewrite history: a trigger refuses every UPDATE."""
    event = audit_event_create(action=AuditEvent.Action.LOGIN, username="iemand")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_auditevent SET actor_username = %s WHERE id = %s",
            ["vervalst", event.pk],
        )
    assert AuditEvent.objects.get(pk=event.pk).actor_username == "iemand"


def test_login_logout_and_failures_are_logged(client, demo):
    client.post("/account/login/", {"username": "raadslid", "password": "fout"})
    client.post("/account/login/", {"username": "raadslid", "password": "wijkregie-demo"})
    client.post("/account/logout/")
    actions = list(
        AuditEvent.objects.filter(actor_username="raadslid")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["login_failed", "login", "logout"]


def test_permission_denials_are_logged(login_as):
    client = login_as("raadslid")
    response = client.get("/account/auditlog/")
    assert response.status_code == 403
    event = AuditEvent.objects.filter(action="permission_denied").latest("id")
    assert event.actor_username == "raadslid"
    assert event.path == "/account/auditlog/"


def test_api_permission_denials_are_logged(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("zonder-rol"))
    assert client.get("/api/v1/organisations/").status_code == 403
    assert AuditEvent.objects.filter(
        action="permission_denied", actor_username="zonder-rol", path="/api/v1/organisations/"
    ).exists()


def test_record_read_names_the_object(rf, demo):
    from wijkregie.accounts.models import User

    request = rf.get("/registraties/1/")
    request.user = User.objects.get(username="dock-manager")
    dock = Organisation.objects.get(code="dock")
    record_read_log(request=request, obj=dock, detail={"rows": 12})
    event = AuditEvent.objects.get(action="record_read")
    assert (event.actor_username, event.object_type, event.object_id, event.detail) == (
        "dock-manager",
        "organisations.organisation",
        str(dock.pk),
        {"rows": 12},
    )


def test_audit_log_page_filters(login_as):
    client = login_as("beheerder")
    audit_event_create(action=AuditEvent.Action.LOGIN_FAILED, username="indringer")
    response = client.get("/account/auditlog/", {"action": "login_failed", "q": "indringer"})
    assert response.status_code == 200
    events = list(response.context["page"])
    assert [e.actor_username for e in events] == ["indringer"]
    bad = client.get("/account/auditlog/", {"since": "31-02-2025"})
    assert bad.status_code == 400
