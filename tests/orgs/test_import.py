"""Member-list import: the service, the pages and the template."""

import csv
import datetime
import io
import os
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quantriet.orgs import importing
from quantriet.orgs.models import Category, ImportJob, Person
from tests.factories import PersonFactory, make_org

HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số thẻ đảng viên",
    "Đơn vị / Chi bộ",
    "Chức vụ",
    "Đối tượng",
]
GOOD_ROWS = [
    ["Nguyễn Văn Bình", "17/05/1980", "Nam", "24.500001", "Chi bộ khu 1", "Bí thư", "Đảng viên"],
    ["Trần Thị Lan", "02/09/1975", "Nữ", "24.500002", "Chi bộ khu 1", "", "Cán bộ chủ chốt"],
    ["Lê Minh Đức", "", "Nam", "", "Đảng bộ phường Uông Bí", "", "Quần chúng"],
]


def xlsx_bytes(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_upload(rows, header=HEADER, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, header))


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def cp1258(text):
    """Windows-1258 as Vietnamese Excel writes it: base letter, then a combining tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (base + "".join(c for c in decomposed if c in tones)).encode("cp1258")
    return out


def bad_rows():
    """Five good rows, then a bad date (row 7), an unknown org (row 8), a repeated card (row 9)."""
    rows = [
        [f"Người Thứ {i}", "01/01/1990", "Nam", f"24.5100{i:02d}", "Chi bộ khu 1", "", ""]
        for i in range(5)
    ]
    rows.append(["Phạm Văn Hùng", "31/02/1980", "Nam", "24.520001", "Chi bộ khu 1", "", ""])
    rows.append(["Đỗ Thị Mai", "01/03/1985", "Nữ", "24.520002", "Chi bộ khu 9", "", ""])
    rows.append(["Vũ Văn Nam", "01/04/1986", "Nam", "24.510001", "Chi bộ khu 1", "", ""])
    return rows


def validate(user, data, name="danh-sach.xlsx", mode="create"):
    return importing.validate_file(user=user, file=io.BytesIO(data), name=name, mode=mode)


def errors_by_row(errors):
    return {error["row"]: (error["field"], error["message"]) for error in errors}


# --- pages ---------------------------------------------------------------------


def test_upload_with_three_bad_rows_writes_nothing_and_names_them(users, login):
    client = login(users.officer_a)
    before = Person.objects.count()

    response = client.post(
        reverse("orgs:import"), {"file": xlsx_upload(bad_rows()), "mode": "create"}, follow=True
    )

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert Person.objects.count() == before
    errors = errors_by_row(job.errors)
    assert set(errors) == {7, 8, 9}
    assert errors[7] == (
        "Ngày sinh",
        "Ngày sinh “31/02/1980” không hợp lệ, cần dạng dd/mm/yyyy.",
    )
    assert errors[8][0] == "Đơn vị / Chi bộ"
    assert "Không tìm thấy tổ chức “Chi bộ khu 9”" in errors[8][1]
    assert errors[9] == (
        "Số thẻ đảng viên",
        "Số thẻ đảng viên 24.510001 trùng với dòng 3 trong tệp.",
    )
    body = response.content.decode()
    assert "3 dòng có lỗi (3 lỗi); chưa ghi dòng nào." in body
    assert "Ngày sinh “31/02/1980” không hợp lệ, cần dạng dd/mm/yyyy." in body
    assert "Áp dụng" not in body


def test_good_file_is_previewed_then_applied(users, login):
    client = login(users.officer_a)

    response = client.post(
        reverse("orgs:import"), {"file": xlsx_upload(GOOD_ROWS), "mode": "create"}, follow=True
    )
    job = ImportJob.objects.get()
    body = response.content.decode()
    assert job.status == ImportJob.Status.VALID
    assert "3 dòng hợp lệ." in body
    assert "Nguyễn Văn Bình" in body and "Áp dụng" in body
    assert not Person.objects.filter(full_name="Nguyễn Văn Bình").exists()

    response = client.post(reverse("orgs:import_apply", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED
    assert (job.created_count, job.updated_count) == (3, 0)
    assert "Đã nhập xong: thêm mới 3 người, cập nhật 0 người." in response.content.decode()
    binh = Person.objects.get(party_card_no="24.500001")
    assert binh.search_name == "nguyen van binh"
    assert binh.date_of_birth == datetime.date(1980, 5, 17)
    assert binh.org.name == "Chi bộ khu 1"
    lan = Person.objects.get(party_card_no="24.500002")
    assert (lan.gender, lan.category) == ("female", Category.KEY_CADRE)
    assert Person.objects.get(full_name="Lê Minh Đức").category == Category.CITIZEN


def test_apply_twice_writes_once(users, login):
    client = login(users.officer_a)
    client.post(reverse("orgs:import"), {"file": xlsx_upload(GOOD_ROWS), "mode": "create"})
    job = ImportJob.objects.get()
    client.post(reverse("orgs:import_apply", args=[job.pk]))

    response = client.post(reverse("orgs:import_apply", args=[job.pk]), follow=True)

    assert Person.objects.filter(party_card_no__startswith="24.5").count() == 2
    assert "không ở trạng thái chờ ghi" in response.content.decode()


def test_xlsx_that_is_really_text_is_refused_on_the_form(users, login):
    upload = SimpleUploadedFile("danh-sach.xlsx", b"Ho va ten,Don vi\nAn,Chi bo khu 1\n")

    response = login(users.officer_a).post(
        reverse("orgs:import"), {"file": upload, "mode": "create"}
    )

    assert response.status_code == 200
    assert "không phải tệp Excel .xlsx hợp lệ" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("who", ["member_a", "outsider"])
def test_people_without_manage_right_may_not_import(users, login, who):
    client = login(getattr(users, who))
    assert client.get(reverse("orgs:import")).status_code == 403
    assert client.get(reverse("orgs:import_template")).status_code == 403


def test_anonymous_is_sent_to_login(db, client):
    response = client.get(reverse("orgs:import"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_users_job_is_404(users, login):
    login(users.officer_a).post(
        reverse("orgs:import"), {"file": xlsx_upload(GOOD_ROWS), "mode": "create"}
    )
    job = ImportJob.objects.get()
    other = login(users.officer_b)

    assert other.get(reverse("orgs:import_job", args=[job.pk])).status_code == 404
    assert other.post(reverse("orgs:import_apply", args=[job.pk])).status_code == 404
    assert login(users.officer_a).get(reverse("orgs:import_job", args=[job.pk])).status_code == 200
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID


def test_progress_partial_shows_percent_and_stops_polling_when_done(users, login):
    job = ImportJob.objects.create(
        created_by=users.officer_a,
        file="imports/x.xlsx",
        original_name="x.xlsx",
        status=ImportJob.Status.VALIDATING,
        total_rows=10_000,
        processed_rows=4_000,
    )
    client = login(users.officer_a)
    url = reverse("orgs:import_job", args=[job.pk])

    body = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "<html" not in body
    assert "40%" in body and "Đang kiểm tra dòng 4.000/10.000" in body
    assert 'hx-trigger="every 1s"' in body

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.APPLIED, processed_rows=10_000, created_count=10_000
    )
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in body
    assert "thêm mới 10.000 người" in body


def test_template_download_opens_and_validates(users, login):
    client = login(users.officer_a)

    response = client.get(reverse("orgs:import_template"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:7] == HEADER
    assert headers[7:] == ["Điện thoại", "Email", "Địa chỉ"]
    assert sheet["A1"].font.bold
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"Nam,Nữ"' in lists
    assert '"Cán bộ chủ chốt,Đảng viên,Đoàn viên,Hội viên,Quần chúng"' in lists
    # The sample row is in the officer's own scope, so the template itself passes.
    plan = validate(users.officer_a, response.content)
    assert plan.ok and len(plan.to_create) == 1


def test_template_downloaded_in_english_keeps_vietnamese_values_and_imports(users, login):
    client = login(users.officer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get(reverse("orgs:import_template"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"Nam,Nữ"' in lists
    upload = SimpleUploadedFile("template.xlsx", response.content)
    result = client.post(reverse("orgs:import"), {"file": upload, "mode": "create"}, follow=True)
    assert result.status_code == 200
    assert ImportJob.objects.get().status == ImportJob.Status.VALID


def test_english_category_names_are_accepted_too(users):
    rows = [["Lê Văn Tám", "01/01/1990", "Male", "", "Chi bộ khu 1", "", "Party member"]]
    plan = validate(users.officer_a, xlsx_upload(rows).read())
    assert plan.ok, plan.errors
    assert plan.to_create[0].category == Category.PARTY_MEMBER


def test_csv_template_has_bom_and_headers(users, login):
    response = login(users.officer_a).get(reverse("orgs:import_template") + "?format=csv")

    assert response.content.startswith(b"\xef\xbb\xbf")
    first = response.content.decode("utf-8-sig").splitlines()[0]
    assert first.split(",")[:2] == ["Họ và tên", "Ngày sinh"]


# --- the service ----------------------------------------------------------------


def test_missing_name_wrong_category_and_card_in_database(users):
    PersonFactory(
        full_name="Hoàng Văn Sơn", org=users.member_a.person.org, party_card_no="24.600001"
    )
    rows = [
        ["", "01/01/1990", "Nam", "24.600002", "Chi bộ khu 1", "", "Đảng viên"],
        ["Ngô Thị Hà", "01/01/1990", "Nữ", "24.600003", "Chi bộ khu 1", "", "Thanh niên"],
        ["Hoàng Văn Sơn", "01/01/1970", "Nam", "24600001", "Chi bộ khu 1", "", "Đảng viên"],
    ]

    plan = validate(users.officer_a, xlsx_bytes(rows))

    errors = errors_by_row(plan.errors)
    assert errors[2] == ("Họ và tên", "Thiếu họ và tên.")
    assert errors[3][0] == "Đối tượng"
    assert errors[3][1].startswith("Đối tượng “Thanh niên” không hợp lệ: chọn một trong Cán bộ")
    assert errors[4][0] == "Số thẻ đảng viên"
    assert "đã có trong hệ thống: Hoàng Văn Sơn (Chi bộ khu 1)" in errors[4][1]
    assert not plan.ok


def test_card_in_database_outside_scope_is_not_named(users, tree):
    PersonFactory(full_name="Hoàng Văn Sơn", org=tree.cell_a1, party_card_no="24.600001")
    rows = [["Hoàng Văn Sơn", "", "Nam", "24.600001", "Chi bộ khu 2", "", ""]]

    for mode in ("create", "update"):
        plan = validate(users.officer_b, xlsx_bytes(rows), mode=mode)
        (error,) = plan.errors
        assert "Hoàng Văn Sơn" not in error["message"]
        assert error["row"] == 2 and error["field"] == "Số thẻ đảng viên"


def test_officer_cannot_import_into_another_ward(users):
    rows = [["Nguyễn Văn Bình", "", "Nam", "", "Chi bộ khu 2", "", ""]]

    plan = validate(users.officer_a, xlsx_bytes(rows))

    assert plan.errors == [
        {
            "row": 2,
            "field": "Đơn vị / Chi bộ",
            "message": "Không tìm thấy tổ chức “Chi bộ khu 2” trong phạm vi đồng chí được quản lý đảng viên.",
        }
    ]


def test_update_mode_changes_people_in_scope_and_keeps_blank_cells(users, tree):
    person = PersonFactory(
        full_name="Hoàng Văn Sơn", org=tree.cell_a1, party_card_no="24.600001", position="Đảng viên"
    )
    rows = [
        ["Hoàng Văn Sơn", "", "", "24.600001", "Đảng bộ phường Uông Bí", "Phó bí thư", ""],
        ["Người Mới", "", "", "24.600009", "Chi bộ khu 1", "", ""],
    ]

    plan = validate(users.officer_a, xlsx_bytes(rows), mode="update")
    assert importing.apply_plan(plan) == (1, 1)

    person.refresh_from_db()
    assert (person.position, person.org) == ("Phó bí thư", tree.ward_a)
    assert person.date_of_birth == datetime.date(1980, 5, 17)  # blank cell: unchanged


def test_create_mode_refuses_existing_card(users, tree):
    PersonFactory(org=tree.cell_a1, party_card_no="24.600001")
    rows = [["Hoàng Văn Sơn", "", "", "24.600001", "Chi bộ khu 1", "", ""]]
    assert not validate(users.officer_a, xlsx_bytes(rows)).ok


def test_folded_headers_org_names_and_nfd_text(users):
    header = [
        "STT",
        "Ho va ten",
        "Ngay sinh",
        "Gioi tinh",
        "So the dang vien",
        "Don vi",
        "Doi tuong",
    ]
    name = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    rows = [[1, name, datetime.date(1990, 1, 2), "nu", 24.05, "chi bo khu 1", "dang vien"]]

    plan = validate(users.officer_a, xlsx_bytes(rows, header))
    importing.apply_plan(plan)

    person = Person.objects.get(party_card_no="24.050000")
    assert person.full_name == "Nguyễn Thị Ánh"
    assert person.search_name == "nguyen thi anh"
    assert (person.date_of_birth, person.gender) == (datetime.date(1990, 1, 2), "female")


def test_ambiguous_org_name_needs_its_parent(users, tree):
    make_org("Chi bộ khu 1", tree.ward_b, kind="dependent-cell", level="cell")
    rows = [
        ["An", "", "", "", "Chi bộ khu 1", "", ""],
        ["Bình", "", "", "", "Chi bộ khu 1 - Đảng bộ phường Yên Tử", "", ""],
    ]

    plan = validate(users.admin, xlsx_bytes(rows))

    assert [error["row"] for error in plan.errors] == [2]
    assert "Có 2 tổ chức tên “Chi bộ khu 1”" in plan.errors[0]["message"]
    assert plan.to_create[0].org.parent == tree.ward_b


def test_csv_with_bom_and_semicolons(users):
    data = csv_bytes(GOOD_ROWS, delimiter=";")
    plan = validate(users.officer_a, data, name="danh-sach.csv")
    assert plan.ok and len(plan.to_create) == 3


def test_csv_in_windows_1258(users):
    data = cp1258(csv_bytes(GOOD_ROWS[:1]).decode("utf-8-sig"))
    plan = validate(users.officer_a, data, name="danh-sach.csv")
    assert plan.ok and plan.to_create[0].full_name == "Nguyễn Văn Bình"


def test_missing_required_header_is_one_file_error(users):
    with pytest.raises(importing.ImportFileError) as caught:
        validate(users.officer_a, xlsx_bytes(GOOD_ROWS, ["Họ và tên", "Ngày sinh"]))
    assert "thiếu cột: Đơn vị / Chi bộ" in caught.value.message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlsx", b"just text", "không phải tệp Excel .xlsx hợp lệ"),
        ("a.xlsx", b"PK\x03\x04broken zip", "không phải tệp Excel .xlsx hợp lệ"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "Excel 97–2003"),
        ("a.pdf", b"%PDF", "Chỉ nhận tệp .xlsx hoặc .csv."),
        ("a.csv", b"PK\x03\x04", "không phải .csv"),
    ],
)
def test_bad_files_give_a_clear_message(users, name, data, message):
    with pytest.raises(importing.ImportFileError) as caught:
        validate(users.officer_a, data, name=name)
    assert message in caught.value.message


def test_apply_writes_nothing_when_a_card_is_taken_meanwhile(users, tree):
    plan = validate(users.officer_a, xlsx_bytes(GOOD_ROWS))
    PersonFactory(org=tree.cell_a1, party_card_no="24.500002")
    before = Person.objects.count()

    with pytest.raises(importing.ImportFileError):
        importing.apply_plan(plan)

    assert Person.objects.count() == before


def test_stored_errors_are_capped_with_the_total(users):
    rows = [["", "", "", "", "Chi bộ khu 1", "", ""]] * 1100

    plan = validate(users.officer_a, xlsx_bytes(rows))

    assert len(plan.errors) == importing.MAX_ERRORS
    assert plan.error_count == 1100
    assert "Chỉ liệt kê 1000 lỗi đầu tiên." in plan.summary()


@pytest.mark.parametrize("mode", ["create", "update"])
def test_validation_runs_a_fixed_number_of_queries(users, mode):
    def rows(n):
        return [
            [f"Người {i}", "01/01/1990", "Nam", f"24.7{i:05d}", "Chi bộ khu 1", "", ""]
            for i in range(n)
        ]

    counts = []
    for n in (10, 100):
        data = xlsx_bytes(rows(n))
        users.officer_a.__dict__.pop("_quantriet_scope", None)
        with CaptureQueriesContext(connection) as queries:
            validate(users.officer_a, data, mode=mode)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5


def test_finished_job_keeps_counts_but_not_the_file(users, login):
    client = login(users.officer_a)
    client.post(reverse("orgs:import"), {"file": xlsx_upload(GOOD_ROWS), "mode": "create"})
    job = ImportJob.objects.get()
    stored = job.file.path

    client.post(reverse("orgs:import_apply", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED and job.created_count == 3
    assert not job.file
    assert not os.path.exists(stored)


def test_card_of_a_bad_row_still_counts_for_duplicates(users):
    rows = [
        ["", "", "", "24.500001", "Chi bộ khu 1", "", ""],
        ["Trần Văn Bảo", "", "", "24.500001", "Chi bộ khu 1", "", ""],
    ]

    plan = validate(users.officer_a, xlsx_bytes(rows))

    assert [(e["row"], e["field"]) for e in plan.errors] == [
        (2, "Họ và tên"),
        (3, "Số thẻ đảng viên"),
    ]
