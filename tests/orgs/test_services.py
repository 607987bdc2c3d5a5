import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from quantriet.orgs import services
from quantriet.orgs.models import Category, Grant, Person


def test_create_person_normalises_card_and_name(tree):
    person = services.create_person(
        full_name="  Nguyễn Văn An ",
        org=tree.cell_a1,
        party_card_no="24 074351",
        date_of_birth=datetime.date(1975, 4, 30),
        email="an@example.vn",
    )
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn An"
    assert person.party_card_no == "24.074351"
    assert person.search_name == "nguyen van an"
    assert person.category == Category.PARTY_MEMBER


def test_blank_card_is_stored_as_null_so_many_may_have_none(tree):
    first = services.create_person(full_name="Hội viên 1", org=tree.cell_a1, party_card_no="")
    second = services.create_person(full_name="Hội viên 2", org=tree.cell_a1, party_card_no=" ")
    assert first.party_card_no is None
    assert second.party_card_no is None


def test_invalid_card_is_rejected_and_nothing_created(tree):
    with pytest.raises(ValidationError) as exc:
        services.create_person(full_name="Nguyễn Văn An", org=tree.cell_a1, party_card_no="12-34")
    assert exc.value.message_dict["party_card_no"] == [
        "Số thẻ đảng viên “12-34” không hợp lệ: cần 8 chữ số, dạng 24.074351."
    ]
    assert not Person.objects.exists()


def test_duplicate_card_names_the_card(tree, people):
    with pytest.raises(ValidationError) as exc:
        services.create_person(full_name="Người mới", org=tree.cell_a1, party_card_no="24000002")
    assert exc.value.message_dict["party_card_no"] == [
        "Số thẻ đảng viên 24.000002 đã được dùng cho một người khác trong hệ thống."
    ]
    assert not Person.objects.filter(full_name="Người mới").exists()


def test_future_date_of_birth_is_rejected(tree):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.create_person(full_name="Trẻ", org=tree.cell_a1, date_of_birth=tomorrow)
    assert "ở tương lai" in exc.value.message_dict["date_of_birth"][0]
    assert tomorrow.strftime("%d/%m/%Y") in exc.value.message_dict["date_of_birth"][0]
    assert not Person.objects.exists()


def test_absurd_date_of_birth_is_rejected(tree):
    with pytest.raises(ValidationError) as exc:
        services.create_person(
            full_name="Cụ", org=tree.cell_a1, date_of_birth=datetime.date(1850, 1, 1)
        )
    assert exc.value.message_dict["date_of_birth"] == [
        "Ngày sinh 01/01/1850 không hợp lý (quá 120 năm trước)."
    ]


def test_all_errors_are_reported_at_once(tree):
    with pytest.raises(ValidationError) as exc:
        services.create_person(
            full_name=" ", org=tree.cell_a1, email="khong-phai-email", gender="x", category="y"
        )
    assert set(exc.value.message_dict) == {"full_name", "email", "gender", "category"}
    assert exc.value.message_dict["full_name"] == ["Họ và tên không được để trống."]


def test_update_person_changes_only_given_fields(people, tree):
    services.update_person(person=people.binh, position="Bí thư chi bộ", org=tree.ward_a)
    people.binh.refresh_from_db()
    assert people.binh.position == "Bí thư chi bộ"
    assert people.binh.org == tree.ward_a
    assert people.binh.party_card_no == "24.000002"
    assert people.binh.gender == "female"


def test_update_person_may_keep_own_card(people):
    services.update_person(person=people.binh, party_card_no="24000002")
    people.binh.refresh_from_db()
    assert people.binh.party_card_no == "24.000002"


def test_update_with_duplicate_card_changes_nothing(people):
    with pytest.raises(ValidationError):
        services.update_person(person=people.binh, party_card_no="24.000001", position="Mới")
    people.binh.refresh_from_db()
    assert people.binh.party_card_no == "24.000002"
    assert people.binh.position != "Mới"


def test_update_person_refuses_account_linked_elsewhere(people, users):
    with pytest.raises(ValidationError) as exc:
        services.update_person(person=people.binh, user=users.member_a)
    assert exc.value.message_dict["user"] == ["Tài khoản này đã gắn với một người khác."]


def test_create_account_links_person_and_sets_password(people):
    user = services.create_account(
        person=people.binh, username="binh.tran", password="Hoc-tap-2026!"
    )
    people.binh.refresh_from_db()
    assert people.binh.user == user
    assert user.check_password("Hoc-tap-2026!")


def test_weak_password_gives_vietnamese_messages_and_no_account(people):
    with pytest.raises(ValidationError) as exc:
        services.create_account(person=people.binh, username="binh", password="1234")
    messages = exc.value.message_dict["password"]
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in messages
    assert "Mật khẩu không được chỉ gồm chữ số." in messages
    assert not User.objects.filter(username="binh").exists()


def test_taken_username_and_existing_account_are_rejected(people, users):
    with pytest.raises(ValidationError) as exc:
        services.create_account(person=people.hoa, username="OFFICER_A", password="Hoc-tap-2026!")
    assert exc.value.message_dict["username"] == ["Tên đăng nhập “OFFICER_A” đã có người dùng."]
    assert exc.value.message_dict["person"] == ["Người này đã có tài khoản đăng nhập."]


def test_grant_role_is_idempotent_and_revocable(users, tree):
    first = services.grant_role(account=users.outsider, role="officer", org=tree.ward_b)
    again = services.grant_role(account=users.outsider, role="officer", org=tree.ward_b)
    assert first == again
    assert Grant.objects.filter(account=users.outsider).count() == 1
    services.revoke_role(grant=first)
    assert not Grant.objects.filter(account=users.outsider).exists()


def test_unknown_role_is_rejected(users, tree):
    with pytest.raises(ValidationError) as exc:
        services.grant_role(account=users.outsider, role="king", org=tree.ward_b)
    assert "Vai trò không hợp lệ" in exc.value.message_dict["role"][0]
