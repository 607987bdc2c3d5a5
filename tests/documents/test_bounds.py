"""A document's bounds hold in the service, whoever calls it: a title, number, issuer or term
past its column is refused naming the field (not a PostgreSQL DataError), and nothing is
written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quantriet.documents import services
from quantriet.documents.models import Document
from quantriet.orgs.models import OrgLevel

JSON = "application/json"
# Of the right pattern (339-QĐ/TW, then more parts), but past the column's 64 characters.
LONG_NUMBER = "21-NQ/TW" + "-ABCDEFGHIJ" * 6


def _fields(**overrides):
    fields = {
        "kind": "plan",
        "number": "12-KH/ĐU",
        "level": OrgLevel.objects.get(code="commune"),
        "issuer": "Đảng ủy phường Uông Bí",
        "issued_on": datetime.date(2026, 2, 1),
        "title": "Kế hoạch tuyên truyền",
    }
    fields.update(overrides)
    return fields


def test_create_document_bounds_name_each_field_and_nothing_is_written(users):
    with pytest.raises(ValidationError) as caught:
        services.create_document(
            user=users.officer_a,
            **_fields(
                title="x" * 501, number=LONG_NUMBER, issuer="y" * 256, term="z" * 41, kind="memo"
            ),
        )
    assert caught.value.message_dict == {
        "title": ["Tối đa 500 ký tự (hiện có 501)."],
        "number": ["Tối đa 64 ký tự (hiện có 74)."],
        "issuer": ["Tối đa 255 ký tự (hiện có 256)."],
        "term": ["Tối đa 40 ký tự (hiện có 41)."],
        "kind": ["Giá trị không nằm trong danh sách cho phép."],
    }
    assert not Document.objects.exists()


def test_blank_title_is_refused_not_stored_empty(users):
    with pytest.raises(ValidationError) as caught:
        services.create_document(user=users.officer_a, **_fields(title="   "))
    assert caught.value.message_dict == {"title": ["Trường này là bắt buộc."]}
    assert not Document.objects.exists()


def test_update_document_too_long_title_keeps_the_old_one(docs, users):
    before = docs.plan.title
    with pytest.raises(ValidationError) as caught:
        services.update_document(
            user=users.officer_a, document=docs.plan, changes={"title": "x" * 501}
        )
    assert caught.value.message_dict == {"title": ["Tối đa 500 ký tự (hiện có 501)."]}
    docs.plan.refresh_from_db()
    assert docs.plan.title == before


def test_api_create_too_long_number_is_a_400_naming_the_field(api, users):
    payload = {
        "kind": "resolution",
        "number": LONG_NUMBER,
        "level": "central",
        "issuer": "Ban Chấp hành Trung ương",
        "issued_on": "2025-03-01",
        "title": "Nghị quyết về công tác tuyên giáo",
    }
    response = api(users.admin).post("/api/v1/documents", payload, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "number", "message": "Tối đa 64 ký tự (hiện có 74)."}
    ]
    assert not Document.objects.exists()


def test_api_patch_too_long_title_is_a_400_and_keeps_the_old_one(docs, users, api):
    before = docs.plan.title
    response = api(users.officer_a).patch(
        f"/api/v1/documents/{docs.plan.pk}", {"title": "x" * 600}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "title", "message": "Tối đa 500 ký tự (hiện có 600)."}
    ]
    docs.plan.refresh_from_db()
    assert docs.plan.title == before


def test_document_form_says_the_length_like_the_service(tree, users, login):
    data = {
        "kind": "plan",
        "number": "12-KH/ĐU",
        "level": OrgLevel.objects.get(code="commune").pk,
        "issuer": "Đảng ủy phường Uông Bí",
        "issued_on": "2026-02-01",
        "title": "x" * 501,
    }
    response = login(users.officer_a).post(reverse("documents:create"), data)
    assert response.status_code == 200
    assert "Tối đa 500 ký tự (hiện có 501)." in response.content.decode()
    assert not Document.objects.exists()
