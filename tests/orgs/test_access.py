import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from quantriet.orgs import access
from quantriet.orgs.models import Grant, Person
from tests.factories import PersonFactory, UserFactory


def names(queryset):
    return sorted(p.full_name for p in queryset)


def test_admin_sees_everyone(users, people):
    assert names(access.visible_people(users.admin)) == [
        "Lê Văn Cường",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Vũ Thị Hoa",
    ]


def test_officer_sees_exactly_own_ward_subtree(users, people):
    assert names(access.visible_people(users.officer_a)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Vũ Thị Hoa",
    ]
    assert names(access.visible_people(users.officer_b)) == ["Lê Văn Cường"]


def test_member_sees_only_self(users, people):
    assert names(access.visible_people(users.member_a)) == ["Vũ Thị Hoa"]


def test_account_without_role_or_person_sees_nobody(users, people):
    assert names(access.visible_people(users.outsider)) == []
    assert list(access.visible_orgs(users.outsider)) == []


def test_subtree_at_depth_four_in_one_query(users, people, group_a, django_assert_num_queries):
    deep = PersonFactory(full_name="Đỗ Đức Giang", org=group_a)
    access.scope_for(users.officer_a)  # the scope is read once per request
    with django_assert_num_queries(1):
        visible = list(access.visible_people(users.officer_a))
    assert deep in visible
    assert group_a.depth == 4
    assert deep not in access.visible_people(users.officer_b)


def test_officer_of_other_ward_gets_404_for_person(users, people):
    with pytest.raises(Http404):
        access.get_person(users.officer_b, people.binh.pk)
    assert access.get_person(users.officer_a, people.binh.pk) == people.binh


def test_member_viewing_self_may_not_edit(users, people):
    assert access.get_person(users.member_a, people.hoa.pk) == people.hoa
    with pytest.raises(PermissionDenied):
        access.get_person_to_manage(users.member_a, people.hoa.pk)
    with pytest.raises(Http404):
        access.get_person_to_manage(users.member_a, people.binh.pk)


def test_bad_primary_keys_are_404(users):
    for pk in ("abc", None, 10**9):
        with pytest.raises(Http404):
            access.get_person(users.admin, pk)


def test_orgs_visible_and_manageable(tree, users):
    assert set(access.visible_orgs(users.officer_a)) == {tree.ward_a, tree.cell_a1}
    assert set(access.orgs_for(users.officer_a, access.MANAGE_PEOPLE)) == {
        tree.ward_a,
        tree.cell_a1,
    }
    # A member sees the organisation they belong to but manages nothing.
    assert set(access.visible_orgs(users.member_a)) == {tree.cell_a1}
    assert list(access.orgs_for(users.member_a, access.MANAGE_PEOPLE)) == []


def test_org_for_hides_orgs_outside_scope(tree, users):
    assert access.org_for(users.officer_a, tree.cell_a1.pk, access.MANAGE_PEOPLE) == tree.cell_a1
    assert access.org_for(users.officer_a, tree.cell_b1.pk, access.MANAGE_PEOPLE) is None
    assert access.org_for(users.officer_a, "x", access.MANAGE_PEOPLE) is None
    assert access.org_for(users.officer_a, tree.ward_a.pk, access.MANAGE_ACCOUNTS) is None


def test_visible_accounts_for_administrators_only(tree, users, people):
    fresh = UserFactory(username="fresh")
    visible = set(access.visible_accounts(users.admin))
    assert {users.member_a, users.officer_a, users.officer_b, fresh} <= visible
    assert list(access.visible_accounts(users.officer_a)) == []


def test_ward_admin_does_not_see_accounts_of_other_ward(tree, users, people):
    ward_admin = UserFactory(username="ward_admin")
    Grant.objects.create(account=ward_admin, role="admin", org=tree.ward_a)
    visible = set(access.visible_accounts(ward_admin))
    assert users.member_a in visible
    assert users.officer_a in visible
    assert users.officer_b not in visible
    assert access.account_for(ward_admin, users.officer_b.pk) is None


def test_grant_visibility_and_revocation_rights(users):
    own = Grant.objects.get(account=users.member_a)
    other = Grant.objects.get(account=users.officer_a)
    assert list(access.visible_grants(users.member_a)) == [own]
    with pytest.raises(PermissionDenied):
        access.get_grant_to_manage(users.member_a, own.pk)
    with pytest.raises(Http404):
        access.get_grant_to_manage(users.officer_b, other.pk)
    assert access.get_grant_to_manage(users.admin, other.pk) == other


def test_forget_scope_picks_up_new_grants(tree, users):
    assert not access.can_manage_people(users.member_a)
    Grant.objects.create(account=users.member_a, role="officer", org=tree.cell_a1)
    assert not access.can_manage_people(users.member_a)  # cached for the request
    access.forget_scope(users.member_a)
    assert access.can_manage_people(users.member_a, tree.cell_a1)
    assert Person.objects.filter(org=tree.cell_a1).exists()
