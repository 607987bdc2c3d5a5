"""POST /api/v1/people/import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quantriet.orgs.models import Person
from tests.factories import PersonFactory
from tests.orgs.test_import import GOOD_ROWS, bad_rows, csv_bytes, xlsx_upload

URL = "/api/v1/people/import"


def test_dry_run_counts_and_writes_nothing(users, api):
    response = api(users.officer_a).post(URL + "?dry_run=1", {"file": xlsx_upload(GOOD_ROWS)})

    assert response.status_code == 200
    assert response.json() == {"created": 3, "updated": 0, "errors": []}
    assert not Person.objects.filter(party_card_no="24.500001").exists()


def test_good_file_is_applied(users, api):
    response = api(users.officer_a).post(URL, {"file": xlsx_upload(GOOD_ROWS)})

    assert response.status_code == 200
    assert response.json() == {"created": 3, "updated": 0, "errors": []}
    assert Person.objects.get(party_card_no="24.500001").search_name == "nguyen van binh"


def test_three_bad_rows_change_nothing_and_are_named(users, api):
    before = Person.objects.count()

    response = api(users.officer_a).post(URL, {"file": xlsx_upload(bad_rows())})

    assert response.status_code == 400
    body = response.json()
    assert (body["created"], body["updated"]) == (0, 0)
    assert body["detail"] == "3 dòng có lỗi (3 lỗi); chưa ghi dòng nào."
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (7, "Ngày sinh"),
        (8, "Đơn vị / Chi bộ"),
        (9, "Số thẻ đảng viên"),
    ]
    assert body["errors"][0]["message"] == (
        "Ngày sinh “31/02/1980” không hợp lệ, cần dạng dd/mm/yyyy."
    )
    assert Person.objects.count() == before


def test_update_mode(users, api, tree):
    PersonFactory(full_name="Nguyễn Văn Bình", org=tree.cell_a1, party_card_no="24.500001")

    response = api(users.officer_a).post(URL + "?mode=update", {"file": xlsx_upload(GOOD_ROWS)})

    assert response.json() == {"created": 2, "updated": 1, "errors": []}
    assert Person.objects.get(party_card_no="24.500001").position == "Bí thư"


def test_csv_upload(users, api):
    upload = SimpleUploadedFile("ds.csv", csv_bytes(GOOD_ROWS, delimiter=";"))
    response = api(users.officer_a).post(URL, {"file": upload})
    assert response.json()["created"] == 3


def test_text_named_xlsx_is_a_clear_400(users, api):
    upload = SimpleUploadedFile("ds.xlsx", b"Ho va ten;Don vi\n")

    response = api(users.officer_a).post(URL, {"file": upload})

    assert response.status_code == 400
    assert "không phải tệp Excel .xlsx hợp lệ" in response.json()["detail"]
    assert response.json()["errors"][0]["row"] is None


def test_missing_file_is_400_in_the_error_shape(users, api):
    response = api(users.officer_a).post(URL, {})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].startswith("file")


@pytest.mark.parametrize("who", ["member_a", "outsider"])
def test_users_who_may_not_manage_people_get_403(users, api, who):
    response = api(getattr(users, who)).post(URL, {"file": xlsx_upload(GOOD_ROWS)})
    assert response.status_code == 403
    assert not Person.objects.filter(party_card_no="24.500001").exists()


def test_anonymous_gets_401(db, api):
    assert api(None).post(URL, {"file": xlsx_upload(GOOD_ROWS)}).status_code == 401
