from django.test import Client


def test_healthz_reports_database(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_home_requires_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_home_is_vietnamese_and_shows_scope(users, login):
    response = login(users.officer_a).get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'lang="vi"' in body
    assert "Cán bộ phụ trách công tác tuyên giáo — Đảng bộ phường Uông Bí" in body


def test_login_with_password_then_logout(users, password):
    client = Client()
    response = client.post("/accounts/login/", {"username": "officer_a", "password": password})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_wrong_password_shows_message_in_vietnamese(users):
    response = Client().post("/accounts/login/", {"username": "officer_a", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_login(users, password):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "officer_a", "password": "sai"})
    response = client.post("/accounts/login/", {"username": "officer_a", "password": password})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_password_change(users, login, password):
    client = login(users.officer_a)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "Nghi-quyet-2026!",
            "new_password2": "Nghi-quyet-2026!",
        },
    )
    assert response.status_code == 302
    users.officer_a.refresh_from_db()
    assert users.officer_a.check_password("Nghi-quyet-2026!")


def test_language_switch_to_english(users, login):
    client = login(users.officer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body


def test_english_browser_still_gets_vietnamese(users, login):
    client = login(users.officer_a)
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="vi"' in body


def test_language_switch_offers_english_by_its_own_name(users, login):
    body = login(users.officer_a).get("/").content.decode()
    assert 'value="en"' in body
    assert "English" in body
