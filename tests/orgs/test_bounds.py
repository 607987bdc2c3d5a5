"""People's and organisations' bounds hold in the services, whoever calls them: a name, phone,
e-mail or address past its column is refused naming the field (not a PostgreSQL DataError,
not stored by SQLite), and so is an import row that carries one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quantriet.orgs import services
from quantriet.orgs.models import Org, OrgKind, OrgLevel, Person
from tests.orgs.test_import import HEADER, validate, xlsx_bytes, xlsx_upload
from tests.orgs.test_views import person_data

JSON = "application/json"
LONG_EMAIL = "a" * 250 + "@example.vn"  # a well-formed address, 261 characters


def test_create_person_bounds_name_each_field_and_nothing_is_written(tree):
    with pytest.raises(ValidationError) as caught:
        services.create_person(
            full_name="x" * 121,
            org=tree.cell_a1,
            phone="0" * 21,
            email=LONG_EMAIL,
            position="Bí thư",
            address="y" * 256,
        )
    assert caught.value.message_dict == {
        "full_name": ["Tối đa 120 ký tự (hiện có 121)."],
        "phone": ["Tối đa 20 ký tự (hiện có 21)."],
        "email": ["Tối đa 254 ký tự (hiện có 261)."],
        "address": ["Tối đa 255 ký tự (hiện có 256)."],
    }
    assert not Person.objects.filter(org=tree.cell_a1, position="Bí thư").exists()


def test_update_person_too_long_position_keeps_the_old_one(people):
    with pytest.raises(ValidationError) as caught:
        services.update_person(person=people.an, position="x" * 161)
    assert caught.value.message_dict == {"position": ["Tối đa 160 ký tự (hiện có 161)."]}
    people.an.refresh_from_db()
    assert people.an.position == "Bí thư Đảng ủy"


def test_create_org_too_long_name_is_refused_and_nothing_written(tree):
    count = Org.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.create_org(
            name="x" * 256,
            kind=OrgKind.objects.get(code="dependent-cell"),
            level=OrgLevel.objects.get(code="cell"),
            parent=tree.ward_a,
            short_name="y" * 81,
        )
    assert caught.value.message_dict == {
        "name": ["Tối đa 255 ký tự (hiện có 256)."],
        "short_name": ["Tối đa 80 ký tự (hiện có 81)."],
    }
    assert Org.objects.count() == count


def test_api_person_too_long_email_is_a_400_naming_the_field(api, users, tree):
    response = api(users.officer_a).post(
        "/api/v1/people",
        {"full_name": "Phạm Thị Dung", "org": tree.cell_a1.pk, "email": LONG_EMAIL},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "email", "message": "Tối đa 254 ký tự (hiện có 261)."}
    ]
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


def test_api_patch_too_long_name_is_a_400_and_keeps_the_old_one(api, users, people):
    response = api(users.officer_a).patch(
        f"/api/v1/people/{people.an.pk}", {"full_name": "x" * 300}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "full_name", "message": "Tối đa 120 ký tự (hiện có 300)."}
    ]
    people.an.refresh_from_db()
    assert people.an.full_name == "Nguyễn Văn An"


def test_person_form_says_the_length_like_the_service(users, tree, login):
    response = login(users.officer_a).post(
        reverse("orgs:person_create"), person_data(tree.cell_a1, phone="0" * 21)
    )
    assert response.status_code == 200
    assert "Tối đa 20 ký tự (hiện có 21)." in response.content.decode()
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


def test_import_row_with_a_300_character_name_is_a_row_error(users):
    rows = [
        ["x" * 300, "01/01/1990", "Nam", "24.700001", "Chi bộ khu 1", "", "Đảng viên"],
        ["Ngô Thị Hà", "01/01/1990", "Nữ", "24.700002", "Chi bộ khu 1", "y" * 161, ""],
    ]
    plan = validate(users.officer_a, xlsx_bytes(rows, header=HEADER))
    assert [(e["row"], e["field"], e["message"]) for e in plan.errors] == [
        (2, "Họ và tên", "Tối đa 120 ký tự (hiện có 300)."),
        (3, "Chức vụ", "Tối đa 160 ký tự (hiện có 161)."),
    ]
    assert not plan.ok and not plan.to_create


def test_api_import_of_a_too_long_name_is_a_400_and_writes_nothing(users, api):
    before = Person.objects.count()
    rows = [["x" * 300, "01/01/1990", "Nam", "24.700001", "Chi bộ khu 1", "", ""]]
    response = api(users.officer_a).post("/api/v1/people/import", {"file": xlsx_upload(rows)})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 2, "field": "Họ và tên", "message": "Tối đa 120 ký tự (hiện có 300)."}
    ]
    assert Person.objects.count() == before
