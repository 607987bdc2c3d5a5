import datetime

import pytest

from quantriet.documents.access import can_edit_document, visible_documents
from quantriet.documents.selectors import documents_for, snippet, terms_for, years_for
from tests.documents.conftest import make_document
from tests.factories import UserFactory


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "q", ["nghi quyet dai hoi", "Nghị quyết Đại hội", "NGHI QUYET DAI HOI", "dai hoi nghi quyet"]
)
def test_search_ignores_accents_case_and_order(docs, users, q):
    found = documents_for(users.outsider, q=q)
    assert docs.congress in found


def test_search_every_word_must_match(docs, users):
    assert not documents_for(users.outsider, q="nghi quyet dai hoi khong-co-tu-nay").exists()


def test_search_by_number(docs, users):
    assert list(documents_for(users.officer_a, q="45-kh/du")) == [docs.plan]


def test_filters(docs, users):
    user = users.officer_a
    assert _ids(documents_for(user, kind="plan")) == {docs.plan.pk}
    assert _ids(documents_for(user, level="central")) == {docs.congress.pk}
    assert _ids(documents_for(user, year=2025)) == {docs.secret.pk}
    assert _ids(documents_for(user, term="khóa XIV")) == {docs.congress.pk}
    assert _ids(documents_for(user, kind="plan", year=2025)) == set()


def test_filter_choices(docs, users):
    assert terms_for(users.officer_a) == ["khóa XIV", "2025–2030"]
    assert years_for(users.officer_a) == [2026, 2025]
    # The Mật document's year is not revealed to someone outside its scope.
    assert years_for(users.officer_b) == [2026]


def test_marked_document_visible_only_in_circulation_scope(docs, users):
    assert docs.secret in visible_documents(users.officer_a)
    assert docs.secret in visible_documents(users.member_a)  # any role in ward A's subtree
    for user in (users.officer_b, users.outsider, users.admin):
        assert docs.secret not in visible_documents(user)
        assert docs.congress in visible_documents(user)


def test_marked_document_visible_to_creator_and_superuser(tree, users):
    secret = make_document(secrecy="toi_mat", created_by=users.officer_b)
    root = UserFactory(username="root", is_superuser=True)
    assert secret in visible_documents(users.officer_b)
    assert secret in visible_documents(root)
    assert secret not in visible_documents(users.officer_a)


def test_circulation_limited_to_a_role(tree, users):
    secret = make_document(secrecy="mat", circulation=[(tree.ward_a, "officer")])
    assert secret in visible_documents(users.officer_a)
    assert secret not in visible_documents(users.member_a)


def test_circulation_to_parent_reaches_subtree(tree, users):
    secret = make_document(secrecy="mat", circulation=[(tree.province, "")])
    for user in (users.admin, users.officer_a, users.officer_b, users.member_a):
        assert secret in visible_documents(user)
    assert secret not in visible_documents(users.outsider)


def test_visibility_is_one_query(docs, users, django_assert_num_queries):
    visible_documents(users.officer_a)  # reads the grants once
    with django_assert_num_queries(1):
        list(documents_for(users.officer_a, q="ke hoach"))


def test_can_edit(docs, users):
    assert can_edit_document(users.officer_a, docs.plan)
    assert can_edit_document(users.admin, docs.plan)
    assert not can_edit_document(users.officer_b, docs.plan)
    assert not can_edit_document(users.member_a, docs.plan)
    assert not can_edit_document(users.officer_a, docs.congress)


def test_snippet_around_match(tree):
    document = make_document(
        summary="Phần mở đầu. " * 30 + "Kỷ nguyên vươn mình của dân tộc Việt Nam.",
        issued_on=datetime.date(2025, 1, 1),
    )
    text = snippet(document, "ky nguyen vuon minh")
    assert "Kỷ nguyên vươn mình" in text
    assert text.startswith("…")
