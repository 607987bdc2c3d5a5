"""A bulletin's bounds hold in the service, whoever calls it: a title past its 300 characters
is refused naming the field (not a PostgreSQL DataError), and no draft is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quantriet.bulletins import services
from quantriet.bulletins.models import Bulletin

JSON = "application/json"


def test_create_bulletin_too_long_title_is_refused_and_nothing_written(tree, users):
    with pytest.raises(ValidationError) as caught:
        services.create_bulletin(
            user=users.officer_a,
            org=tree.ward_a,
            title="x" * 301,
            month=datetime.date(2026, 3, 15),
        )
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 301)."]}
    assert not Bulletin.objects.exists()


def test_api_too_long_title_is_a_400_naming_the_field(tree, users, api):
    response = api(users.officer_a).post(
        "/api/v1/bulletins",
        {"org": tree.ward_a.pk, "title": "x" * 400, "month": "2026-03-01"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "title", "message": "Tối đa 300 ký tự (hiện có 400)."}
    ]
    assert not Bulletin.objects.exists()


def test_bulletin_form_says_the_length_like_the_service(tree, users, login):
    response = login(users.officer_a).post(
        reverse("bulletins:create"),
        {"org": tree.ward_a.pk, "month": "2026-03", "title": "x" * 301, "body": "Nội dung."},
    )
    assert response.status_code == 400
    assert "Tối đa 300 ký tự (hiện có 301)." in response.content.decode()
    assert not Bulletin.objects.exists()
