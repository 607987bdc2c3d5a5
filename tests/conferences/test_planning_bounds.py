"""The model's bounds hold whichever way planning is written to: a service called directly (the
demo, a command), the API, the pages. On PostgreSQL an over-long string or an out-of-range number
would otherwise be a DataError (500); on SQLite it would be stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quantriet.conferences.models import AgendaItem, Conference, Site
from quantriet.conferences.planning import services as planning
from tests.factories import make_org

TOO_MANY = 2**31  # one past PostgreSQL's integer column


def _create(users, tree, **overrides):
    starts = timezone.now() + datetime.timedelta(days=1)
    values = {
        "user": users.admin,
        "title": "Hội nghị quán triệt Nghị quyết 66-NQ/TW",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "host_org": tree.province,
    } | overrides
    return planning.create_conference(**values)


def test_create_conference_too_long_title_is_refused_and_nothing_written(tree, users):
    with pytest.raises(ValidationError) as caught:
        _create(users, tree, title="Hội nghị " + "ơ" * 300)
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 309)."]}
    assert not Conference.objects.exists()


def test_update_conference_too_long_title_keeps_the_old_one(conf, users):
    before = conf.conference.title
    with pytest.raises(ValidationError) as caught:
        planning.update_conference(
            user=users.admin, conference=conf.conference, changes={"title": "x" * 301}
        )
    assert caught.value.message_dict["title"] == ["Tối đa 300 ký tự (hiện có 301)."]
    conf.conference.refresh_from_db()
    assert conf.conference.title == before


def test_agenda_item_too_long_title_is_refused(conf, users):
    with pytest.raises(ValidationError) as caught:
        planning.add_agenda_item(
            user=users.admin,
            conference=conf.conference,
            starts_at=conf.conference.starts_at,
            title="x" * 301,
        )
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 301)."]}
    assert not AgendaItem.objects.exists()


def test_add_site_out_of_range_expected_and_long_address_are_refused(conf, users, tree):
    with pytest.raises(ValidationError) as caught:
        planning.add_site(
            user=users.admin,
            conference=conf.conference,
            org=tree.cell_a1,
            address="x" * 256,
            expected=TOO_MANY,
        )
    assert caught.value.message_dict == {
        "address": ["Tối đa 255 ký tự (hiện có 256)."],
        "expected": ["Giá trị phải từ 0 đến 2147483647."],
    }
    assert not Site.objects.filter(org=tree.cell_a1).exists()


def test_update_site_too_long_name_keeps_the_old_one(conf, users):
    with pytest.raises(ValidationError) as caught:
        planning.update_site(user=users.admin, site=conf.site_b, changes={"name": "x" * 256})
    assert caught.value.message_dict == {"name": ["Tối đa 255 ký tự (hiện có 256)."]}
    conf.site_b.refresh_from_db()
    assert conf.site_b.name == "Điểm cầu phường Yên Tử"


def test_site_named_after_a_long_organisation_fits_its_column(conf, users, tree):
    org = make_org("Đảng bộ " + "ơ" * 247, tree.ward_a)  # 255 characters, the longest allowed
    site = planning.add_site(user=users.admin, conference=conf.conference, org=org)
    site.refresh_from_db()
    assert len(site.name) == 255
    assert site.name.startswith("Điểm cầu Đảng bộ ơơ")


def test_api_site_out_of_range_expected_is_a_400_naming_the_field(conf, tree, users, api):
    response = api(users.admin).post(
        f"/api/v1/conferences/{conf.conference.pk}/sites",
        {"org": tree.cell_a1.pk, "expected": TOO_MANY},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "expected", "message": "Giá trị phải từ 0 đến 2147483647."}
    ]
    assert not Site.objects.filter(org=tree.cell_a1).exists()


def test_api_too_long_title_is_a_400_naming_the_field(tree, users, api):
    starts = timezone.now() + datetime.timedelta(days=1)
    response = api(users.admin).post(
        "/api/v1/conferences",
        {
            "title": "x" * 301,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + datetime.timedelta(hours=2)).isoformat(),
            "host_org": tree.province.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["title"]
    assert not Conference.objects.exists()


def test_site_form_shows_the_bound_and_keeps_the_site(conf, users, login):
    response = login(users.admin).post(
        reverse("conferences:site_edit", args=[conf.site_b.pk]),
        {"name": "Hội trường phường Yên Tử", "address": "", "expected": TOO_MANY},
    )
    assert response.status_code == 200
    assert "Giá trị phải từ 0 đến 2147483647." in response.content.decode()
    conf.site_b.refresh_from_db()
    assert conf.site_b.expected == 30


def test_conference_form_says_the_range_like_the_service(tree, users, login):
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=1))
    response = login(users.admin).post(
        reverse("conferences:create"),
        {
            "title": "Hội nghị",
            "format": "online",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "host_org": tree.province.pk,
            "late_after_minutes": 601,
        },
    )
    assert "Giá trị phải từ 0 đến 600." in response.content.decode()
    assert not Conference.objects.exists()
