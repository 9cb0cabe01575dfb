import pytest
from conftest import login
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.accounts.demo import current_demo_totp
from wijkregie.accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db


def test_password_login_and_redirect_to_start(client, demo):
    response = client.post(
        "/account/login/", {"username": "contractmanager", "password": "wijkregie-demo"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_gives_a_dutch_error(client, demo):
    response = client.post("/account/login/", {"username": "contractmanager", "password": "x"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_brute_force_locks_the_account_out(client, demo):
    for _attempt in range(3):
        client.post("/account/login/", {"username": "smd-manager", "password": "raden"})
    response = client.post(
        "/account/login/", {"username": "smd-manager", "password": "wijkregie-demo"}
    )
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert client.get("/").status_code == 302  # still not logged in
    assert AuditEvent.objects.filter(action="locked_out", actor_username="smd-manager").exists()
    # Another user name from the same address is not affected.
    ok = client.post("/account/login/", {"username": "dock-manager", "password": "wijkregie-demo"})
    assert ok.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_brute_force_through_the_api_locks_out_too(client, demo):
    for _attempt in range(3):
        client.post("/api/v1/auth/token/", {"username": "smd-manager", "password": "raden"})
    response = client.post(
        "/api/v1/auth/token/", {"username": "smd-manager", "password": "wijkregie-demo"}
    )
    assert response.status_code == 429
    assert "geblokkeerd" in response.json()["detail"]


def test_administrator_must_pass_two_factor_before_anything_else(client, demo):
    client.post("/account/login/", {"username": "beheerder", "password": "wijkregie-demo"})
    for path in ("/", "/account/auditlog/", "/organisaties/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/tweestapsverificatie/"), path
    assert client.get("/health/").status_code == 200
    wrong = client.post("/account/tweestapsverificatie/", {"token": "123456"})
    assert wrong.status_code == 400
    TOTPDevice.objects.update(throttling_failure_count=0)
    right = client.post(
        "/account/tweestapsverificatie/",
        {"token": current_demo_totp(), "next": "/account/auditlog/"},
    )
    assert right.status_code == 302 and right["Location"] == "/account/auditlog/"
    assert client.get("/account/auditlog/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, demo):
    login(client, "beheerder")
    client.post("/account/logout/")
    client.post("/account/login/", {"username": "beheerder", "password": "wijkregie-demo"})
    replay = client.post("/account/tweestapsverificatie/", {"token": current_demo_totp()})
    assert replay.status_code == 400


def test_two_factor_next_does_not_redirect_offsite(client, demo):
    client.post("/account/login/", {"username": "beheerder", "password": "wijkregie-demo"})
    TOTPDevice.objects.update(last_t=-1)
    response = client.post(
        "/account/tweestapsverificatie/",
        {"token": current_demo_totp(), "next": "https://kwaadwillend.example/"},
    )
    assert response["Location"] == "/"


def test_first_time_setup_confirms_a_new_device(client, demo):
    user = User.objects.get(username="beheerder")
    TOTPDevice.objects.filter(user=user).delete()
    client.post("/account/login/", {"username": "beheerder", "password": "wijkregie-demo"})
    page = client.get("/account/tweestapsverificatie/")
    assert page.context["setting_up"] is True
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    token = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/account/tweestapsverificatie/", {"token": token})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_safe_redirect_after_login(client, demo):
    response = client.post(
        "/account/login/?next=https://kwaadwillend.example/",
        {
            "username": "raadslid",
            "password": "wijkregie-demo",
            "next": "https://kwaadwillend.example/",
        },
    )
    assert response["Location"] == "/"


def test_a_page_open_to_everyone_does_not_load_the_session_user(
    client, demo, django_assert_num_queries
):
    """``/health/`` under load: an administrator's pending second factor is not looked up
    for a page that needs no login (only the health check's own query runs)."""
    client.post("/account/login/", {"username": "beheerder", "password": "wijkregie-demo"})
    with django_assert_num_queries(1):
        assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 302  # the second factor is still asked for


def test_django_model_permissions_grant_nothing(client, demo):
    """Roles decide (django-rules): a Django model permission given to an account by hand
    does not open a page, and the password login still works."""
    from django.contrib.auth.models import Permission

    user = User.objects.get(username="aanbieder")
    user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.post("/account/login/", {"username": "aanbieder", "password": "wijkregie-demo"})
    assert client.get("/").status_code == 200  # logged in with the password
    assert not User.objects.get(pk=user.pk).has_perm("accounts.view_auditevent")
    assert client.get("/account/auditlog/").status_code == 403
