"""The programme's bounds hold in the services, whoever calls them: a too-long title, number or
unit, a target past its digits, progress past 100 % are refused naming the field (not a
PostgreSQL DataError, not stored by SQLite)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from quantriet.programs import services
from quantriet.programs.models import Program, ProgressUpdate, Task
from tests.documents.conftest import make_document
from tests.factories import PersonFactory

JSON = "application/json"


@pytest.fixture
def resolution(db):
    return make_document(number="15-NQ/ĐH", title="Nghị quyết Đại hội Đảng bộ phường")


@pytest.fixture
def program(tree, resolution):
    return services.create_program(
        org=tree.ward_a,
        document=resolution,
        title="Chương trình hành động",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        by=None,
    )


def test_create_program_too_long_title_is_refused_and_nothing_written(tree, resolution):
    with pytest.raises(ValidationError) as caught:
        services.create_program(
            org=tree.ward_a,
            document=resolution,
            title="x" * 301,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            by=None,
        )
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 301)."]}
    assert not Program.objects.exists()


def test_update_program_too_long_title_keeps_the_old_one(program):
    with pytest.raises(ValidationError) as caught:
        services.update_program(program, {"title": "x" * 301})
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 301)."]}
    program.refresh_from_db()
    assert program.title == "Chương trình hành động"


def test_add_task_bounds_name_each_field_and_nothing_is_written(program):
    with pytest.raises(ValidationError) as caught:
        services.add_task(
            program,
            title="Tuyên truyền",
            indicator="x" * 201,
            unit="đảng viên được quán triệt",  # 25: fits
            target=Decimal("123456789012"),
            progress=101,
        )
    assert caught.value.message_dict == {
        "indicator": ["Tối đa 200 ký tự (hiện có 201)."],
        "target": ["Tối đa 10 chữ số ở phần nguyên."],
        "progress": ["Giá trị phải từ 0 đến 100."],
    }
    assert not Task.objects.exists()


def test_issue_too_long_number_keeps_the_programme_submitted(program):
    services.add_task(
        program,
        title="Việc",
        owner=PersonFactory(org=program.org),
        due_on=datetime.date(2026, 6, 30),
    )
    services.submit(program)
    with pytest.raises(ValidationError) as caught:
        services.issue(program, number="0" * 41, issued_on=datetime.date(2026, 1, 5))
    assert caught.value.message_dict == {"number": ["Tối đa 40 ký tự (hiện có 41)."]}
    program.refresh_from_db()
    assert program.status == Program.State.SUBMITTED and program.number == ""
    assert not program.transitions.filter(to_status=Program.State.ISSUED).exists()


def test_progress_past_100_is_refused_by_the_database_too(program):
    task = services.add_task(program, title="Việc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(progress=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(task=task, progress=150, note="Vượt")


def test_api_task_target_past_its_digits_is_a_400_naming_the_field(api, users, program):
    task = services.add_task(program, title="Việc")
    response = api(users.officer_a).patch(
        f"/api/v1/tasks/{task.pk}", {"target": "100000000000"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "target", "message": "Tối đa 10 chữ số ở phần nguyên."}
    ]
    task.refresh_from_db()
    assert task.target is None


def test_api_issue_too_long_number_is_a_400_naming_the_field(api, users, program):
    services.add_task(
        program,
        title="Việc",
        owner=PersonFactory(org=program.org),
        due_on=datetime.date(2026, 6, 30),
    )
    services.submit(program)
    response = api(users.officer_a).patch(
        f"/api/v1/programs/{program.pk}",
        {"status": "issued", "number": "0" * 41},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "number", "message": "Tối đa 40 ký tự (hiện có 41)."}
    ]
    program.refresh_from_db()
    assert program.status == Program.State.SUBMITTED


def test_task_form_shows_the_bound_and_adds_nothing(users, login, program):
    response = login(users.officer_a).post(
        reverse("programs:task_add", args=[program.pk]),
        {"title": "Việc", "target": "100000000000"},
    )
    assert response.status_code == 400
    assert "10 chữ số" in response.content.decode()
    assert not Task.objects.exists()


def test_issue_form_says_the_length_like_the_service(users, login, program):
    services.add_task(
        program,
        title="Việc",
        owner=PersonFactory(org=program.org),
        due_on=datetime.date(2026, 6, 30),
    )
    services.submit(program)
    response = login(users.officer_a).post(
        reverse("programs:issue", args=[program.pk]),
        {"number": "0" * 41, "issued_on": "2026-01-05"},
    )
    assert response.status_code == 400
    assert "Tối đa 40 ký tự (hiện có 41)." in response.content.decode()
    program.refresh_from_db()
    assert program.status == Program.State.SUBMITTED
