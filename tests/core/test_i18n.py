"""The English catalogue: reached only by the language switch, and complete."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conferences.conftest import conf  # noqa: F401  (fixture)


def _english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def _body(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


NAVIGATION = ["Documents", "Party and association members", "Organisations", "Log out", "Home"]
VIETNAMESE_NAVIGATION = ["Văn bản", "Đảng viên, hội viên", "Đăng xuất", "Trang chủ"]


@pytest.mark.parametrize(
    ("url", "english", "vietnamese"),
    [
        (
            "/",
            ["Hello, ", "Your roles", "Officer in charge of the organisation"],
            ["Xin chào", "Vai trò của đồng chí"],
        ),
        (
            "/documents/",
            ["Directives, resolutions and documents", "Number and symbol", "Issuing level"],
            ["Chỉ thị, nghị quyết và văn bản", "Số, ký hiệu", "Cấp ban hành"],
        ),
        (
            "/orgs/people/",
            ["Full name", "Party card number", "All categories", "Filter"],
            ["Họ và tên", "Số thẻ đảng viên", "Tất cả đối tượng"],
        ),
        (
            "/orgs/",
            ["Organisation structure", "Organisation name", "Level"],
            ["Hệ thống tổ chức", "Tên tổ chức", "Số người trực tiếp"],
        ),
    ],
)
def test_pages_in_english_after_the_switch(users, login, url, english, vietnamese):
    body = _body(_english(login(users.officer_a)), url)
    assert 'lang="en"' in body
    for text in NAVIGATION + english:
        assert text in body, text
    for text in VIETNAMESE_NAVIGATION + vietnamese:
        assert text not in body, text


def test_people_list_counts_in_english(users, login):
    body = _body(_english(login(users.officer_a)), "/orgs/people/")
    assert "1 person" in body
    assert "Party member" in body


def test_conference_list_in_english(users, login):
    body = _body(_english(login(users.officer_a)), "/conferences/")
    assert 'lang="en"' in body
    for text in [
        "Conferences for studying and mastering resolutions",
        "Search conferences",
        "Invitees",
        "No conferences yet.",
    ]:
        assert text in body, text
    for text in [
        "Hội nghị học tập, quán triệt",
        "Tìm hội nghị",
        "Người được mời",
        "Chưa có hội nghị nào.",
    ]:
        assert text not in body, text


def test_dialogue_page_in_english(users, login, conf):  # noqa: F811
    body = _body(_english(login(users.admin)), f"/dialogue/{conf.conference.pk}/")
    assert 'lang="en"' in body
    for text in ["Live Q&A", "Big screen", "Moderation", "No questions yet.", "Awaiting approval"]:
        assert text in body, text
    for text in ["Hỏi đáp trực tiếp", "Màn hình lớn", "Chưa có câu hỏi nào.", "Chờ duyệt"]:
        assert text not in body, text


def test_login_error_in_english(users):
    client = _english(Client())
    response = client.post("/accounts/login/", {"username": "officer_a", "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The username or password is incorrect. Note: both are case-sensitive." in body
    assert "Tên đăng nhập hoặc mật khẩu không đúng" not in body
    assert "Username" in body and "Password" in body


def test_switching_back_to_vietnamese(users, login):
    client = _english(login(users.officer_a))
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    body = _body(client, "/documents/")
    assert "Chỉ thị, nghị quyết và văn bản" in body
    assert "Directives, resolutions and documents" not in body


# --- the catalogue itself ---------------------------------------------------------


def _catalogue() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def _entries(path: Path) -> list[dict[str, str]]:
    """Each entry's msgid/msgid_plural/msgstr/msgstr[n], plus its flags; obsolete ones skipped."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    key = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            entry["flags"] = line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += line[1:-1]
        else:
            key, _space, value = line.partition(" ")
            entry[key] = value[1:-1]
    if entry:
        entries.append(entry)
    return entries


def test_every_catalogue_entry_is_translated():
    entries = [entry for entry in _entries(_catalogue()) if entry.get("msgid")]
    assert len(entries) > 300
    untranslated = [
        entry["msgid"]
        for entry in entries
        if any(not value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry.get("flags", "")]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_forms():
    plurals = [entry for entry in _entries(_catalogue()) if "msgid_plural" in entry]
    assert plurals
    for entry in plurals:
        assert entry.get("msgstr[0]") and entry.get("msgstr[1]"), entry["msgid"]
