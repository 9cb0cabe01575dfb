"""Property-based: no query string makes the read API fail with a server error."""

import pytest
from conftest import login
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/organisations/", "/api/v1/areas/", "/api/v1/themes/"]
PARAMETERS = st.dictionaries(
    st.sampled_from(["q", "kind", "limit", "offset", "format", "page", "x"]),
    st.text(max_size=150),
    max_size=4,
)


@pytest.fixture
def api_client(client, demo):
    login(client, "beleidsadviseur")
    return client


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(endpoint=st.sampled_from(ENDPOINTS), params=PARAMETERS)
def test_query_parameters_never_cause_a_server_error(api_client, endpoint, params):
    response = api_client.get(endpoint, params)
    assert response.status_code in (200, 400, 404), (endpoint, params, response.status_code)
    if response.status_code == 400:
        assert response.json()["detail"]
