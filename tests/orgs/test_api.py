import datetime

import pytest
from django.contrib.auth.models import User

from quantriet.orgs.models import Grant, Person
from tests.factories import PersonFactory, UserFactory

JSON = "application/json"


def names(response):
    return [item["full_name"] for item in response.json()["items"]]


def new_person(org, **overrides):
    data = {
        "full_name": "Phạm Thị Dung",
        "gender": "female",
        "date_of_birth": "1990-09-02",
        "category": "party_member",
        "party_card_no": "24555666",
        "org": org.pk,
        "position": "Chi ủy viên",
        "phone": "0912345678",
        "email": "dung@example.vn",
    }
    data.update(overrides)
    return data


# --- GET /people ---------------------------------------------------------------


def test_people_requires_token(db, api):
    response = api().get("/api/v1/people")
    assert response.status_code == 401


def test_officer_lists_exactly_own_ward(users, people, api):
    response = api(users.officer_a).get("/api/v1/people")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert names(response) == ["Nguyễn Văn An", "Trần Thị Bình", "Vũ Thị Hoa"]
    binh = response.json()["items"][1]
    assert binh == {
        "id": people.binh.pk,
        "full_name": "Trần Thị Bình",
        "gender": "female",
        "date_of_birth": "1999-03-08",
        "category": "youth_member",
        "party_card_no": "24.000002",
        "org": people.binh.org_id,
        "org_name": "Chi bộ khu 1",
        "position": "Đảng viên",
        "phone": "",
        "email": "",
        "address": "",
        "user": None,
    }


def test_member_lists_only_self(users, people, api):
    response = api(users.member_a).get("/api/v1/people")
    assert names(response) == ["Vũ Thị Hoa"]


def test_other_ward_lists_only_its_people(users, people, api):
    assert names(api(users.officer_b).get("/api/v1/people")) == ["Lê Văn Cường"]


def test_filters_org_subtree_category_and_q(users, people, tree, group_a, api):
    PersonFactory(full_name="Đỗ Đức Giang", org=group_a, category="citizen")
    client = api(users.admin)
    by_org = client.get("/api/v1/people", {"org": tree.cell_a1.pk})
    assert names(by_org) == ["Đỗ Đức Giang", "Trần Thị Bình", "Vũ Thị Hoa"]
    assert names(client.get("/api/v1/people", {"category": "citizen"})) == ["Đỗ Đức Giang"]
    assert names(client.get("/api/v1/people", {"q": "do duc giang"})) == ["Đỗ Đức Giang"]


def test_filter_on_org_outside_scope_matches_nobody(users, people, tree, api):
    response = api(users.officer_a).get("/api/v1/people", {"org": tree.cell_b1.pk})
    assert response.json() == {"count": 0, "items": []}


def test_pagination(users, people, api):
    response = api(users.admin).get("/api/v1/people", {"page": 2, "page_size": 3})
    assert response.json()["count"] == 4
    assert names(response) == ["Vũ Thị Hoa"]


def test_page_size_over_limit_is_400(users, api):
    response = api(users.admin).get("/api/v1/people", {"page_size": 501})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "page_size", "message": "Giá trị quá lớn."}]


@pytest.mark.parametrize("extra", [1, 3, 10])
def test_people_list_query_count_is_fixed(users, tree, api, extra, django_assert_num_queries):
    for _ in range(extra):
        PersonFactory(org=tree.cell_a1)
    client = api(users.officer_a)
    # token, scope (2), count, rows.
    with django_assert_num_queries(5):
        response = client.get("/api/v1/people")
    assert response.json()["count"] == extra + 1
    assert len(response.json()["items"]) == extra + 1


# --- GET /people/{id} ------------------------------------------------------------


def test_get_person_in_scope(users, people, api):
    response = api(users.officer_a).get(f"/api/v1/people/{people.binh.pk}")
    assert response.json()["full_name"] == "Trần Thị Bình"


def test_member_gets_self_but_404_for_others(users, people, api):
    client = api(users.member_a)
    assert client.get(f"/api/v1/people/{people.hoa.pk}").json()["full_name"] == "Vũ Thị Hoa"
    response = client.get(f"/api/v1/people/{people.binh.pk}")
    assert response.status_code == 404


def test_person_of_other_ward_is_404_in_error_shape(users, people, api):
    response = api(users.officer_b).get(f"/api/v1/people/{people.binh.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy.", "errors": []}


# --- POST /people --------------------------------------------------------------


def test_officer_creates_person(users, tree, api):
    response = api(users.officer_a).post(
        "/api/v1/people", new_person(tree.cell_a1), content_type=JSON
    )
    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["id"])
    assert person.full_name == "Phạm Thị Dung"
    assert person.party_card_no == "24.555666"
    assert person.date_of_birth == datetime.date(1990, 9, 2)
    assert response.json()["org_name"] == "Chi bộ khu 1"


def test_member_may_not_create(users, tree, api):
    response = api(users.member_a).post(
        "/api/v1/people", new_person(tree.cell_a1), content_type=JSON
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Đồng chí không có quyền thực hiện thao tác này."
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


def test_officer_may_not_create_in_other_ward(users, tree, api):
    response = api(users.officer_b).post(
        "/api/v1/people", new_person(tree.cell_a1), content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "org", "message": "Tổ chức không có hoặc nằm ngoài phạm vi đồng chí quản lý."}
    ]
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "party_card_no",
            "12-34",
            "Số thẻ đảng viên “12-34” không hợp lệ: cần 8 chữ số, dạng 24.074351.",
        ),
        (
            "party_card_no",
            "24 000001",
            "Số thẻ đảng viên 24.000001 đã được dùng cho một người khác trong hệ thống.",
        ),
        ("date_of_birth", "2999-01-01", "Ngày sinh 01/01/2999 ở tương lai; vui lòng kiểm tra lại."),
        ("email", "khong-phai-email", "Địa chỉ thư điện tử “khong-phai-email” không hợp lệ."),
    ],
)
def test_bad_input_is_400_field_by_field(users, people, tree, api, field, value, message):
    response = api(users.officer_a).post(
        "/api/v1/people", new_person(tree.cell_a1, **{field: value}), content_type=JSON
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Dữ liệu gửi lên không hợp lệ.",
        "errors": [{"field": field, "message": message}],
    }
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


def test_missing_name_is_named(users, tree, api):
    data = new_person(tree.cell_a1)
    del data["full_name"]
    response = api(users.officer_a).post("/api/v1/people", data, content_type=JSON)
    assert response.status_code == 400
    assert {"field": "full_name", "message": "Trường này là bắt buộc."} in response.json()["errors"]


# --- PATCH /people/{id} ----------------------------------------------------------


def test_officer_patches_only_given_fields(users, people, api):
    response = api(users.officer_a).patch(
        f"/api/v1/people/{people.binh.pk}", {"position": "Bí thư chi bộ"}, content_type=JSON
    )
    assert response.status_code == 200
    people.binh.refresh_from_db()
    assert people.binh.position == "Bí thư chi bộ"
    assert people.binh.party_card_no == "24.000002"
    assert people.binh.category == "youth_member"


def test_patch_duplicate_card_changes_nothing(users, people, api):
    response = api(users.officer_a).patch(
        f"/api/v1/people/{people.binh.pk}",
        {"party_card_no": "24.000001", "position": "Mới"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "party_card_no"
    people.binh.refresh_from_db()
    assert people.binh.party_card_no == "24.000002"
    assert people.binh.position == "Đảng viên"


def test_patch_moving_person_out_of_scope_is_refused(users, people, tree, api):
    response = api(users.officer_a).patch(
        f"/api/v1/people/{people.binh.pk}", {"org": tree.cell_b1.pk}, content_type=JSON
    )
    assert response.status_code == 400
    people.binh.refresh_from_db()
    assert people.binh.org == tree.cell_a1


def test_member_patching_self_is_403(users, people, api):
    response = api(users.member_a).patch(
        f"/api/v1/people/{people.hoa.pk}", {"full_name": "Tên khác"}, content_type=JSON
    )
    assert response.status_code == 403
    people.hoa.refresh_from_db()
    assert people.hoa.full_name == "Vũ Thị Hoa"


def test_other_ward_patching_is_404(users, people, api):
    response = api(users.officer_b).patch(
        f"/api/v1/people/{people.binh.pk}", {"position": "x"}, content_type=JSON
    )
    assert response.status_code == 404


def test_only_admins_link_accounts(users, people, api):
    fresh = UserFactory(username="fresh")
    url = f"/api/v1/people/{people.binh.pk}"
    officer = api(users.officer_a).patch(url, {"user": fresh.pk}, content_type=JSON)
    assert officer.status_code == 403
    admin = api(users.admin).patch(url, {"user": fresh.pk}, content_type=JSON)
    assert admin.json()["user"] == fresh.pk
    people.binh.refresh_from_db()
    assert people.binh.user == fresh


# --- POST /accounts ------------------------------------------------------------


def test_admin_creates_account(users, people, api):
    response = api(users.admin).post(
        "/api/v1/accounts",
        {"person": people.binh.pk, "username": "binh", "password": "Hoc-tap-2026!"},
        content_type=JSON,
    )
    assert response.status_code == 201
    people.binh.refresh_from_db()
    assert response.json() == {
        "id": people.binh.user_id,
        "username": "binh",
        "person": people.binh.pk,
    }
    assert people.binh.user.check_password("Hoc-tap-2026!")


def test_account_errors_are_field_by_field(users, people, api):
    response = api(users.admin).post(
        "/api/v1/accounts",
        {"person": people.binh.pk, "username": "officer_a", "password": "12345"},
        content_type=JSON,
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"field": "username", "message": "Tên đăng nhập “officer_a” đã có người dùng."} in errors
    assert {"field": "password", "message": "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."} in errors
    people.binh.refresh_from_db()
    assert people.binh.user is None


def test_officer_may_not_create_accounts(users, people, api):
    response = api(users.officer_a).post(
        "/api/v1/accounts",
        {"person": people.binh.pk, "username": "binh", "password": "Hoc-tap-2026!"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="binh").exists()


def test_ward_admin_gets_404_for_person_of_other_ward(users, people, tree, api):
    ward_admin = UserFactory(username="ward_admin_b")
    Grant.objects.create(account=ward_admin, role="admin", org=tree.ward_b)
    response = api(ward_admin).post(
        "/api/v1/accounts",
        {"person": people.binh.pk, "username": "binh", "password": "Hoc-tap-2026!"},
        content_type=JSON,
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="binh").exists()


# --- grants ---------------------------------------------------------------------


def test_admin_lists_all_grants_member_only_own(users, api):
    everything = api(users.admin).get("/api/v1/grants").json()
    assert everything["count"] == 4
    own = api(users.member_a).get("/api/v1/grants").json()
    assert [(g["username"], g["role"], g["org_name"]) for g in own["items"]] == [
        ("member_a", "member", "Chi bộ khu 1")
    ]


def test_officer_lists_only_own_grant(users, api):
    items = api(users.officer_b).get("/api/v1/grants").json()["items"]
    assert [g["username"] for g in items] == ["officer_b"]


def test_admin_grants_role_which_reaches_subtree(users, people, tree, api):
    response = api(users.admin).post(
        "/api/v1/grants",
        {"account": users.member_a.pk, "role": "officer", "org": tree.ward_a.pk},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert response.json()["org_name"] == "Đảng bộ phường Uông Bí"
    # The new role takes effect at once: member_a now sees ward A's people.
    assert names(api(users.member_a).get("/api/v1/people")) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Vũ Thị Hoa",
    ]


def test_officer_may_not_grant(users, tree, api):
    response = api(users.officer_a).post(
        "/api/v1/grants",
        {"account": users.member_a.pk, "role": "admin", "org": tree.ward_a.pk},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not Grant.objects.filter(account=users.member_a, role="admin").exists()


def test_ward_admin_may_not_grant_outside_own_ward(users, tree, api):
    ward_admin = UserFactory(username="ward_admin_b")
    Grant.objects.create(account=ward_admin, role="admin", org=tree.ward_b)
    response = api(ward_admin).post(
        "/api/v1/grants",
        {"account": users.member_a.pk, "role": "officer", "org": tree.ward_a.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"org", "account"}
    assert not Grant.objects.filter(account=users.member_a, role="officer").exists()


def test_unknown_role_is_400(users, tree, api):
    response = api(users.admin).post(
        "/api/v1/grants",
        {"account": users.member_a.pk, "role": "king", "org": tree.ward_a.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "role"


def test_admin_revokes_grant(users, api):
    grant = Grant.objects.get(account=users.officer_a)
    response = api(users.admin).delete(f"/api/v1/grants/{grant.pk}")
    assert response.status_code == 204
    assert not Grant.objects.filter(pk=grant.pk).exists()


def test_member_may_not_revoke_own_grant(users, api):
    grant = Grant.objects.get(account=users.member_a)
    assert api(users.member_a).delete(f"/api/v1/grants/{grant.pk}").status_code == 403
    assert Grant.objects.filter(pk=grant.pk).exists()


def test_other_ward_revoking_is_404(users, api):
    grant = Grant.objects.get(account=users.officer_a)
    assert api(users.officer_b).delete(f"/api/v1/grants/{grant.pk}").status_code == 404
    assert Grant.objects.filter(pk=grant.pk).exists()


# --- organisations ------------------------------------------------------------------


def test_orgs_in_scope_only(users, tree, api):
    items = api(users.officer_a).get("/api/v1/orgs").json()["items"]
    assert [o["name"] for o in items] == ["Đảng bộ phường Uông Bí", "Chi bộ khu 1"]
    assert items[1]["parent"] == tree.ward_a.pk
    assert api(users.officer_a).get(f"/api/v1/orgs/{tree.ward_b.pk}").status_code == 404
    member = api(users.member_a).get("/api/v1/orgs").json()["items"]
    assert [o["name"] for o in member] == ["Chi bộ khu 1"]
