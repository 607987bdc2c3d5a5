"""`check_fields`: a model's own bounds, in the words a Vietnamese user reads, on any database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from quantriet.conferences.models import Conference, Format, Site
from quantriet.core.validation import check_fields, clean_fields, require_fields
from quantriet.orgs.models import Person
from quantriet.presenters.models import Presenter
from quantriet.programs.models import Task


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_check_fields_accepts_values_within_bounds():
    assert (
        check_fields(
            Conference,
            {
                "title": "x" * 300,
                "description": "",
                "format": Format.ONLINE,
                "late_after_minutes": 600,
                "starts_at": datetime.datetime(2026, 2, 7, 8, tzinfo=datetime.UTC),
            },
        )
        == {}
    )


def test_check_fields_too_long_title_says_how_long():
    assert check_fields(Conference, {"title": "ơ" * 301}) == {
        "title": ["Tối đa 300 ký tự (hiện có 301)."]
    }


@pytest.mark.parametrize("value", [-1, 601])
def test_check_fields_number_out_of_range_gives_both_bounds(value):
    assert check_fields(Conference, {"late_after_minutes": value}) == {
        "late_after_minutes": ["Giá trị phải từ 0 đến 600."]
    }


def test_check_fields_column_range_is_postgresqls_on_every_database():
    # A PositiveIntegerField on SQLite would take 2**40; PostgreSQL's column would not.
    assert check_fields(Site, {"expected": 2**40}) == {
        "expected": ["Giá trị phải từ 0 đến 2147483647."]
    }


@pytest.mark.parametrize("value", ["12", 1.5, True])
def test_check_fields_integer_must_be_an_int(value):
    assert check_fields(Site, {"expected": value}) == {"expected": ["Cần một số nguyên."]}


def test_check_fields_choices_and_required():
    assert check_fields(Conference, {"format": "radio", "title": ""}) == {
        "format": ["Giá trị không nằm trong danh sách cho phép."],
        "title": ["Trường này là bắt buộc."],
    }
    assert check_fields(Presenter, {"theory_level": 7}) == {
        "theory_level": ["Giá trị không nằm trong danh sách cho phép."]
    }


def test_check_fields_null_where_the_column_refuses_it():
    assert check_fields(Conference, {"starts_at": None, "host_org": None}) == {
        "starts_at": ["Trường này là bắt buộc."],
        "host_org": ["Trường này là bắt buộc."],
    }
    assert check_fields(Task, {"target": None, "owner": None}) == {}


def test_check_fields_decimal_digits():
    assert check_fields(Task, {"target": Decimal("12345678901")}) == {
        "target": ["Tối đa 10 chữ số ở phần nguyên."]
    }
    assert check_fields(Task, {"target": Decimal("1.234")}) == {
        "target": ["Tối đa 2 chữ số sau dấu thập phân."]
    }
    assert check_fields(Task, {"target": 2.5}) == {}


def test_check_fields_email_and_phone():
    assert check_fields(Person, {"email": "khong-phai-thu", "phone": "0" * 21}) == {
        "email": ["Địa chỉ thư điện tử không hợp lệ."],
        "phone": ["Tối đa 20 ký tự (hiện có 21)."],
    }


def test_check_fields_in_english_after_the_switch():
    with translation.override("en"):
        assert check_fields(Conference, {"title": "x" * 301, "late_after_minutes": 601}) == {
            "title": ["At most 300 characters (this has 301)."],
            "late_after_minutes": ["The value must be from 0 to 600."],
        }


def test_clean_fields_keeps_a_services_own_message_for_a_field():
    errors = {"title": ["Cần tên hội nghị."]}
    clean_fields(Conference, {"title": "", "late_after_minutes": 601}, errors)
    assert errors == {
        "title": ["Cần tên hội nghị."],
        "late_after_minutes": ["Giá trị phải từ 0 đến 600."],
    }


def test_require_fields_raises_naming_the_field():
    with pytest.raises(ValidationError) as caught:
        require_fields(Conference, {"title": "x" * 301})
    assert caught.value.message_dict == {"title": ["Tối đa 300 ký tự (hiện có 301)."]}
    require_fields(Conference, {"title": "x"})
