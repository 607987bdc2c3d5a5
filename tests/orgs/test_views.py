import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quantriet.orgs.models import Grant, Org, Person
from tests.factories import PersonFactory, UserFactory

PEOPLE = reverse("orgs:people")


def rows(response):
    """Names in the people table, as a user reads them."""
    body = response.content.decode()
    return re.findall(r'<td><a href="/orgs/people/\d+/">([^<]+)</a></td>', body)


def person_data(org, **overrides):
    data = {
        "full_name": "Phạm Thị Dung",
        "gender": "female",
        "date_of_birth": "1990-09-02",
        "category": "party_member",
        "party_card_no": "24.555666",
        "org": org.pk,
        "position": "Chi ủy viên",
        "phone": "0912345678",
        "email": "dung@example.vn",
        "address": "Phường Uông Bí",
    }
    data.update(overrides)
    return data


# --- people list --------------------------------------------------------------


def test_people_list_requires_login(db):
    response = Client().get(PEOPLE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_officer_sees_exactly_own_ward(users, people, login):
    response = login(users.officer_a).get(PEOPLE)
    assert rows(response) == ["Nguyễn Văn An", "Trần Thị Bình", "Vũ Thị Hoa"]
    body = response.content.decode()
    assert "08/03/1999" in body  # dates as dd/mm/yyyy
    assert "24.000002" in body
    assert "Chi bộ khu 1" in body
    assert "Thêm đảng viên, hội viên" in body


def test_officer_of_other_ward_sees_only_that_ward(users, people, login):
    response = login(users.officer_b).get(PEOPLE)
    assert rows(response) == ["Lê Văn Cường"]


def test_member_sees_only_self_and_no_add_button(users, people, login):
    response = login(users.member_a).get(PEOPLE)
    assert rows(response) == ["Vũ Thị Hoa"]
    assert "Thêm đảng viên, hội viên" not in response.content.decode()


def test_filter_by_org_takes_whole_subtree(users, people, tree, group_a, login):
    PersonFactory(full_name="Đỗ Đức Giang", org=group_a)
    response = login(users.admin).get(PEOPLE, {"org": tree.cell_a1.pk})
    assert rows(response) == ["Đỗ Đức Giang", "Trần Thị Bình", "Vũ Thị Hoa"]


def test_filter_by_org_outside_scope_shows_nobody(users, people, tree, login):
    response = login(users.officer_a).get(PEOPLE, {"org": tree.ward_b.pk})
    assert rows(response) == []
    assert "nằm ngoài phạm vi" in response.content.decode()


def test_filter_by_category_and_accent_free_name(users, people, login):
    client = login(users.officer_a)
    assert rows(client.get(PEOPLE, {"category": "youth_member"})) == ["Trần Thị Bình"]
    assert rows(client.get(PEOPLE, {"q": "tran thi binh"})) == ["Trần Thị Bình"]
    assert rows(client.get(PEOPLE, {"q": "NGUYỄN"})) == ["Nguyễn Văn An"]
    assert rows(client.get(PEOPLE, {"q": "cuong"})) == []  # ward B, out of scope


def test_people_list_paginates(users, tree, login, monkeypatch):
    monkeypatch.setattr("quantriet.orgs.views.PEOPLE_PER_PAGE", 2)
    for name in ["Ánh", "Bảo", "Cúc"]:
        PersonFactory(full_name=name, org=tree.ward_a)
    client = login(users.officer_a)
    assert rows(client.get(PEOPLE)) == ["Ánh", "Bảo"]
    second = client.get(PEOPLE, {"page": 2})
    assert rows(second) == ["Cúc", "Vũ Thị Hoa"]
    assert "Trang 2/2" in second.content.decode()


@pytest.mark.parametrize("extra", [1, 3, 10])
def test_people_list_query_count_is_fixed(users, tree, login, extra, django_assert_num_queries):
    for _ in range(extra):
        PersonFactory(org=tree.cell_a1)
    client = login(users.officer_a)
    # session, user, scope (2), filter choices, count, rows, the header's own person.
    with django_assert_num_queries(8):
        response = client.get(PEOPLE)
    assert len(rows(response)) == extra + 1


# --- person detail ------------------------------------------------------------


def test_person_detail_for_officer(users, people, login):
    response = login(users.officer_a).get(reverse("orgs:person", args=[people.binh.pk]))
    body = response.content.decode()
    assert "Trần Thị Bình" in body
    assert "08/03/1999" in body
    assert "Sửa thông tin" in body
    assert "Tạo tài khoản đăng nhập" not in body  # officers do not manage log-ins


def test_member_sees_own_page_but_not_others(users, people, login):
    client = login(users.member_a)
    own = client.get(reverse("orgs:person", args=[people.hoa.pk]))
    assert "Vũ Thị Hoa" in own.content.decode()
    assert "Sửa thông tin" not in own.content.decode()
    assert "Thành viên — Chi bộ khu 1" in own.content.decode()  # own role, read-only
    assert "Thu hồi" not in own.content.decode()
    assert client.get(reverse("orgs:person", args=[people.binh.pk])).status_code == 404


def test_person_of_other_ward_is_404(users, people, login):
    response = login(users.officer_b).get(reverse("orgs:person", args=[people.binh.pk]))
    assert response.status_code == 404


# --- create and edit ----------------------------------------------------------


def test_officer_adds_person(users, tree, login):
    client = login(users.officer_a)
    response = client.post(
        reverse("orgs:person_create"), person_data(tree.cell_a1, party_card_no="24555666")
    )
    person = Person.objects.get(full_name="Phạm Thị Dung")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:person", args=[person.pk])
    assert person.party_card_no == "24.555666"
    assert person.org == tree.cell_a1
    assert person.date_of_birth == datetime.date(1990, 9, 2)
    page = client.get(response["Location"])
    assert "Đã thêm Phạm Thị Dung vào danh sách." in page.content.decode()


def test_create_form_offers_only_orgs_in_scope(users, tree, login):
    body = login(users.officer_a).get(reverse("orgs:person_create")).content.decode()
    assert "Chi bộ khu 1" in body
    assert "Chi bộ khu 2" not in body


def test_officer_cannot_add_person_to_other_ward(users, tree, login):
    response = login(users.officer_a).post(reverse("orgs:person_create"), person_data(tree.cell_b1))
    assert response.status_code == 200
    assert "nằm ngoài phạm vi đồng chí được quản lý" in response.content.decode()
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("party_card_no", "12-34", "Số thẻ đảng viên “12-34” không hợp lệ"),
        (
            "party_card_no",
            "24.000001",
            "Số thẻ đảng viên 24.000001 đã được dùng cho một người khác",
        ),
        ("date_of_birth", "2999-01-01", "Ngày sinh 01/01/2999 ở tương lai"),
        ("date_of_birth", "1800-01-01", "không hợp lý"),
        ("email", "khong-phai-email", "Địa chỉ thư điện tử không hợp lệ."),
    ],
)
def test_bad_input_shows_message_and_saves_nothing(
    users, tree, people, login, field, value, message
):
    response = login(users.officer_a).post(
        reverse("orgs:person_create"), person_data(tree.cell_a1, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.filter(full_name="Phạm Thị Dung").exists()


def test_member_may_not_open_create_page(users, login):
    assert login(users.member_a).get(reverse("orgs:person_create")).status_code == 403


def test_officer_edits_person(users, people, tree, login):
    url = reverse("orgs:person_edit", args=[people.binh.pk])
    data = person_data(tree.ward_a, full_name="Trần Thị Bình", party_card_no="24.000002")
    response = login(users.officer_a).post(url, data)
    assert response.status_code == 302
    people.binh.refresh_from_db()
    assert people.binh.org == tree.ward_a
    assert people.binh.position == "Chi ủy viên"


def test_edit_with_duplicate_card_changes_nothing(users, people, tree, login):
    url = reverse("orgs:person_edit", args=[people.binh.pk])
    data = person_data(tree.cell_a1, full_name="Trần Thị Bình", party_card_no="24000001")
    response = login(users.officer_a).post(url, data)
    assert "Số thẻ đảng viên 24.000001 đã được dùng" in response.content.decode()
    people.binh.refresh_from_db()
    assert people.binh.party_card_no == "24.000002"
    assert people.binh.position != "Chi ủy viên"


def test_future_date_on_edit_changes_nothing(users, people, tree, login):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    url = reverse("orgs:person_edit", args=[people.binh.pk])
    data = person_data(tree.cell_a1, full_name="Trần Thị Bình", party_card_no="24000002")
    data["date_of_birth"] = future
    response = login(users.officer_a).post(url, data)
    assert "ở tương lai" in response.content.decode()
    people.binh.refresh_from_db()
    assert people.binh.date_of_birth == datetime.date(1999, 3, 8)


def test_member_editing_self_is_403(users, people, login):
    client = login(users.member_a)
    url = reverse("orgs:person_edit", args=[people.hoa.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"full_name": "Tên khác"}).status_code == 403
    people.hoa.refresh_from_db()
    assert people.hoa.full_name == "Vũ Thị Hoa"


def test_officer_of_other_ward_editing_is_404(users, people, login):
    url = reverse("orgs:person_edit", args=[people.binh.pk])
    assert login(users.officer_b).get(url).status_code == 404


# --- organisations ------------------------------------------------------------


def test_tree_links_to_org_pages(users, tree, login):
    body = login(users.officer_a).get(reverse("orgs:tree")).content.decode()
    assert reverse("orgs:org", args=[tree.cell_a1.pk]) in body
    assert "Đảng bộ phường Yên Tử" not in body


def test_org_detail_shows_children_and_subtree_headcount(users, people, tree, group_a, login):
    PersonFactory(org=group_a)
    client = login(users.officer_a)
    response = client.get(reverse("orgs:org", args=[tree.ward_a.pk]))
    body = response.content.decode()
    assert "Chi bộ khu 1" in body
    assert "Tổ đảng số 1" not in body  # a grandchild, not a child
    assert response.context["headcount"] == 4  # ward office, cell A1 (2), group (1)
    assert f"{reverse('orgs:people')}?org={tree.ward_a.pk}" in body


def test_member_sees_own_org_without_headcount(users, people, tree, login):
    response = login(users.member_a).get(reverse("orgs:org", args=[tree.cell_a1.pk]))
    assert response.status_code == 200
    assert response.context["headcount"] is None
    assert "Số người (cả cấp dưới)" not in response.content.decode()


def test_org_of_other_ward_is_404(users, tree, login):
    response = login(users.officer_b).get(reverse("orgs:org", args=[tree.ward_a.pk]))
    assert response.status_code == 404


# --- accounts and roles -------------------------------------------------------


def test_admin_creates_login_for_person(users, people, login, password):
    url = reverse("orgs:person_account", args=[people.binh.pk])
    response = login(users.admin).post(url, {"username": "binh", "password": "Hoc-tap-2026!"})
    assert response.status_code == 302
    people.binh.refresh_from_db()
    assert people.binh.user.username == "binh"
    assert people.binh.user.check_password("Hoc-tap-2026!")


def test_weak_password_is_explained(users, people, login):
    url = reverse("orgs:person_account", args=[people.binh.pk])
    response = login(users.admin).post(url, {"username": "binh", "password": "123"})
    assert response.status_code == 400
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in response.content.decode()
    assert not User.objects.filter(username="binh").exists()


def test_officer_may_not_create_logins(users, people, login):
    url = reverse("orgs:person_account", args=[people.binh.pk])
    response = login(users.officer_a).post(url, {"username": "binh", "password": "Hoc-tap-2026!"})
    assert response.status_code == 403
    assert not User.objects.filter(username="binh").exists()


def test_login_for_person_of_other_ward_is_404(users, people, login):
    url = reverse("orgs:person_account", args=[people.binh.pk])
    response = login(users.officer_b).post(url, {"username": "binh", "password": "Hoc-tap-2026!"})
    assert response.status_code == 404


def test_admin_grants_and_revokes_role(users, people, tree, login):
    client = login(users.admin)
    page = client.get(reverse("orgs:person", args=[people.hoa.pk])).content.decode()
    assert "Giao vai trò" in page
    response = client.post(
        reverse("orgs:person_grant", args=[people.hoa.pk]),
        {"role": "officer", "org": tree.cell_a1.pk},
    )
    assert response.status_code == 302
    grant = Grant.objects.get(account=users.member_a, role="officer")
    assert grant.org == tree.cell_a1
    assert grant.granted_by == users.admin
    page = client.get(reverse("orgs:person", args=[people.hoa.pk])).content.decode()
    assert "Cán bộ phụ trách công tác tuyên giáo — Chi bộ khu 1" in page

    response = client.post(reverse("orgs:person_grant_revoke", args=[people.hoa.pk, grant.pk]))
    assert response.status_code == 302
    assert not Grant.objects.filter(pk=grant.pk).exists()


def test_officer_may_not_grant_roles(users, people, tree, login):
    response = login(users.officer_a).post(
        reverse("orgs:person_grant", args=[people.hoa.pk]),
        {"role": "admin", "org": tree.ward_a.pk},
    )
    assert response.status_code == 403
    assert not Grant.objects.filter(account=users.member_a, role="admin").exists()


def test_member_may_not_revoke_own_role(users, people, login):
    grant = Grant.objects.get(account=users.member_a)
    url = reverse("orgs:person_grant_revoke", args=[people.hoa.pk, grant.pk])
    assert login(users.member_a).post(url).status_code == 403
    assert Grant.objects.filter(pk=grant.pk).exists()


def test_other_ward_cannot_grant_or_revoke(users, people, tree, login):
    grant = Grant.objects.get(account=users.member_a)
    client = login(users.officer_b)
    grant_url = reverse("orgs:person_grant", args=[people.hoa.pk])
    revoke_url = reverse("orgs:person_grant_revoke", args=[people.hoa.pk, grant.pk])
    assert client.post(grant_url, {"role": "member", "org": tree.ward_b.pk}).status_code == 404
    assert client.post(revoke_url).status_code == 404
    assert Grant.objects.filter(pk=grant.pk).exists()


# --- Django admin -------------------------------------------------------------


def _org_admin_data(tree, **overrides):
    data = {
        "name": "Chi bộ khu 3",
        "short_name": "",
        "kind": tree.cell_a1.kind_id,
        "level": tree.cell_a1.level_id,
        "address": "",
        "is_active": "on",
        "dissolved_on": "",
        "treebeard_position": "first-child",
        "treebeard_ref_node": tree.ward_a.pk,
    }
    data.update(overrides)
    return data


def test_admin_site_adds_and_moves_orgs_keeping_parent_in_step(tree, login):
    client = login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.post("/admin/orgs/org/add/", _org_admin_data(tree))
    assert response.status_code == 302
    new = Org.objects.get(name="Chi bộ khu 3")
    assert new.parent == tree.ward_a
    assert new.path.startswith(tree.ward_a.path)

    data = _org_admin_data(tree, treebeard_ref_node=tree.ward_b.pk)
    response = client.post(f"/admin/orgs/org/{new.pk}/change/", data)
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.parent == tree.ward_b
    assert new.path.startswith(tree.ward_b.path)


def test_admin_lists_open_for_superuser(people, login):
    client = login(UserFactory(username="root", is_superuser=True, is_staff=True))
    for url in ["/admin/orgs/org/", "/admin/orgs/person/", "/admin/orgs/grant/"]:
        assert client.get(url).status_code == 200
    found = client.get("/admin/orgs/person/", {"q": "Bình"})
    assert "Trần Thị Bình" in found.content.decode()
    assert client.get("/admin/orgs/importjob/add/").status_code == 403


def test_admin_drag_and_drop_move_updates_parent(tree, login):
    client = login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/orgs/org/move/",
        {"node": tree.cell_a1.pk, "target": tree.ward_b.pk, "relation": "child"},
    )
    assert response.status_code == 200
    moved = Org.objects.get(pk=tree.cell_a1.pk)
    assert moved.parent == tree.ward_b
    assert moved.path.startswith(tree.ward_b.path)
