"""The corps' bounds hold in the services, whoever calls them: standards, courses and review
rounds refuse what the model refuses, naming the field, and write nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from quantriet.presenters import services
from quantriet.presenters.models import Presenter, ReviewRound, Standard, Tier, Training
from tests.factories import PersonFactory

JSON = "application/json"
DAY = datetime.date(2026, 2, 24)


def test_save_standard_out_of_range_is_refused_and_nothing_written(tree):
    with pytest.raises(ValidationError) as caught:
        services.save_standard(
            org=tree.ward_a,
            values={"min_theory_level": 7, "training_hours": 1001, "min_score": 101},
        )
    assert caught.value.message_dict == {
        "min_theory_level": ["Giá trị không nằm trong danh sách cho phép."],
        "training_hours": ["Giá trị phải từ 0 đến 1000."],
        "min_score": ["Giá trị phải từ 0 đến 100."],
    }
    assert not Standard.objects.exists()


def test_add_training_bounds_name_each_field(tree):
    with pytest.raises(ValidationError) as caught:
        services.add_training(
            org=tree.ward_a,
            title="x" * 301,
            kind="course",
            starts_on=DAY,
            ends_on=DAY,
            hours=0,
        )
    assert caught.value.message_dict == {
        "title": ["Tối đa 300 ký tự (hiện có 301)."],
        "hours": ["Giá trị phải từ 1 đến 1000."],
    }
    assert not Training.objects.exists()


def test_training_of_zero_hours_is_refused_by_the_database_too(tree):
    training = services.add_training(
        org=tree.ward_a, title="Lớp", kind="course", starts_on=DAY, ends_on=DAY, hours=8
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Training.objects.filter(pk=training.pk).update(hours=0)


@pytest.mark.parametrize(
    ("year", "title", "field", "message"),
    [
        (1999, "Rà soát", "year", "Giá trị phải từ 2000 đến 2100."),
        (2026, "x" * 201, "title", "Tối đa 200 ký tự (hiện có 201)."),
    ],
)
def test_open_round_bounds(tree, year, title, field, message):
    with pytest.raises(services.CorpsError) as caught:
        services.open_round(org=tree.ward_a, year=year, title=title, by=None)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert not ReviewRound.objects.exists()


def test_api_training_of_blank_title_is_a_400_naming_the_field(api, users, tree):
    response = api(users.officer_a).post(
        "/api/v1/presenter-trainings",
        {
            "org": tree.ward_a.pk,
            "title": "   ",
            "kind": "update",
            "starts_on": DAY.isoformat(),
            "ends_on": DAY.isoformat(),
            "hours": 8,
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "title", "message": "Trường này là bắt buộc."}]
    assert not Training.objects.exists()


def test_training_form_shows_the_bound_and_adds_nothing(users, tree, login):
    response = login(users.officer_a).post(
        reverse("presenters:trainings"),
        {
            "managing_org": tree.ward_a.pk,
            "title": "Lớp bồi dưỡng",
            "kind": "course",
            "starts_on": DAY.isoformat(),
            "ends_on": DAY.isoformat(),
            "hours": 1001,
        },
    )
    assert response.status_code == 400
    assert "Giá trị phải từ 1 đến 1000." in response.content.decode()
    assert not Training.objects.exists()


# --- the presenter's profile: one service for the page and the API --------------


def test_create_presenter_bounds_name_each_field_and_nothing_is_written(tree):
    person = PersonFactory(full_name="Ngô Thị Mới", org=tree.cell_a1)
    with pytest.raises(ValidationError) as caught:
        services.create_presenter(
            person=person,
            org=tree.ward_a,
            tier=Tier.objects.get(code="commune"),
            theory_level=9,
            education="x" * 161,
            decision_number="0" * 41,
            term_start=datetime.date(2026, 1, 1),
            term_end=datetime.date(2025, 1, 1),
        )
    assert caught.value.message_dict == {
        "theory_level": ["Giá trị không nằm trong danh sách cho phép."],
        "education": ["Tối đa 160 ký tự (hiện có 161)."],
        "decision_number": ["Tối đa 40 ký tự (hiện có 41)."],
        "term_end": ["Nhiệm kỳ kết thúc trước khi bắt đầu."],
    }
    assert not Presenter.objects.exists()


def test_update_presenter_too_long_education_keeps_the_old_one(corps):
    presenter = corps("Đỗ Văn Cũ")
    with pytest.raises(ValidationError) as caught:
        services.update_presenter(presenter=presenter, changes={"education": "x" * 161})
    assert caught.value.message_dict == {"education": ["Tối đa 160 ký tự (hiện có 161)."]}
    presenter.refresh_from_db()
    assert presenter.education == ""


def test_api_create_too_long_decision_number_is_a_400_naming_the_field(api, users, tree):
    person = PersonFactory(full_name="Ngô Thị Mới", org=tree.cell_a1)
    response = api(users.officer_a).post(
        "/api/v1/presenters",
        {
            "person": person.pk,
            "org": tree.ward_a.pk,
            "tier": "commune",
            "decision_number": "0" * 300,
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "decision_number", "message": "Tối đa 40 ký tự (hiện có 300)."}
    ]
    assert not Presenter.objects.exists()


def test_api_patch_too_long_education_is_a_400_and_keeps_the_old_one(api, users, corps):
    presenter = corps("Đỗ Văn Cũ")
    response = api(users.officer_a).patch(
        f"/api/v1/presenters/{presenter.pk}", {"education": "x" * 300}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "education", "message": "Tối đa 160 ký tự (hiện có 300)."}
    ]
    presenter.refresh_from_db()
    assert presenter.education == ""


def test_presenter_form_shows_the_bound_and_adds_nothing(users, tree, login):
    person = PersonFactory(full_name="Ngô Thị Mới", org=tree.cell_a1)
    response = login(users.officer_a).post(
        reverse("presenters:create") + f"?person={person.pk}",
        {
            "managing_org": tree.ward_a.pk,
            "kind": "presenter",
            "tier": Tier.objects.get(code="commune").pk,
            "theory_level": 0,
            "decision_number": "0" * 41,
        },
    )
    assert response.status_code == 400
    assert "Tối đa 40 ký tự (hiện có 41)." in response.content.decode()
    assert not Presenter.objects.exists()
