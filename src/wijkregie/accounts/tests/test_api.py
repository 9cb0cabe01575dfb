import pytest

pytestmark = pytest.mark.django_db


def test_token_round_trip(client, demo):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "beleidsadviseur", "password": "wijkregie-demo"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    body = me.json()
    assert body["username"] == "beleidsadviseur"
    assert body["memberships"][0]["role"] == "policy_adviser"
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token ongeldig").status_code == 401


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"username": "x"},
        {"password": "y"},
        {"username": "", "password": ""},
        {"username": ["a", "b"], "password": 5},
    ],
)
def test_malformed_token_requests_get_a_readable_400(client, demo, payload):
    response = client.post("/api/v1/auth/token/", payload, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and "errors" in body


def test_broken_json_gets_a_400_not_a_500(client, demo):
    response = client.post("/api/v1/auth/token/", "{niet: json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_wrong_password_gets_a_dutch_400(client, demo):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "raadslid", "password": "fout"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Gebruikersnaam of wachtwoord is onjuist."


def test_administrators_get_no_token(client, demo):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "beheerder", "password": "wijkregie-demo"},
        content_type="application/json",
    )
    assert response.status_code == 403
