from django.test import Client
from django.utils import timezone

from quantriet.api import auth
from quantriet.api.auth import forget_tokens
from quantriet.api.models import ApiToken
from quantriet.orgs.models import Grant


def test_token_then_me(users, password):
    client = Client()
    response = client.post(
        "/api/v1/auth/token",
        {"username": "officer_a", "password": password},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["expires_at"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["username"] == "officer_a"
    assert me["roles"][0]["role"] == "officer"
    assert me["roles"][0]["org_name"] == "Đảng bộ phường Uông Bí"


def test_wrong_credentials_are_401_in_error_shape(users):
    response = Client().post(
        "/api/v1/auth/token",
        {"username": "officer_a", "password": "sai"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Sai tên đăng nhập hoặc mật khẩu.", "errors": []}


def test_repeated_failures_are_throttled_with_429(users, password):
    client = Client()
    for _ in range(5):
        client.post(
            "/api/v1/auth/token",
            {"username": "officer_a", "password": "sai"},
            content_type="application/json",
        )
    response = client.post(
        "/api/v1/auth/token",
        {"username": "officer_a", "password": password},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json()["detail"]


def test_missing_field_names_the_field(db):
    response = Client().post(
        "/api/v1/auth/token", {"username": "x"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "password", "message": "Trường này là bắt buộc."}
    ]


def test_no_or_bad_token_is_401(db):
    assert Client().get("/api/v1/me").status_code == 401
    response = Client(headers={"Authorization": "Bearer nope"}).get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["errors"] == []


def test_openapi_schema_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/auth/token" in response.json()["paths"]


def test_missing_upload_names_the_file_field(users, api):
    response = api(users.officer_a).post("/api/v1/people/import", {})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "file"


def test_api_docs_load_their_scripts_locally(db):
    response = Client().get("/api/v1/docs")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()


def test_token_of_a_deactivated_user_is_refused_once_forgotten(users, api):
    client = api(users.officer_a)
    assert client.get("/api/v1/me").status_code == 200
    users.officer_a.is_active = False
    users.officer_a.save()
    forget_tokens()  # what TOKEN_CACHE_SECONDS does by itself in a running worker
    assert client.get("/api/v1/me").status_code == 401


def test_remembered_token_still_sees_current_grants(users, api, tree):
    client = api(users.officer_a)
    assert client.get("/api/v1/me").json()["roles"]
    Grant.objects.filter(account=users.officer_a).delete()
    assert client.get("/api/v1/me").json()["roles"] == []


def test_expired_token_is_refused_even_when_remembered(users, api):
    client = api(users.officer_a)
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now())
    for key, (values, _expires, until) in list(auth._verified.items()):
        auth._verified[key] = (values, timezone.now(), until)
    assert client.get("/api/v1/me").status_code == 401
