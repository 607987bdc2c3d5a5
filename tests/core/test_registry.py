"""The registry through which upper apps add to lower apps' pages and search."""

import pytest
from django.test import RequestFactory

from quantriet.core import registry
from tests.factories import PersonFactory


@pytest.fixture
def providers(monkeypatch):
    """Three providers of 3, 0 and 4 items in place of the installed ones."""
    monkeypatch.setattr(registry, "_providers", [])

    def make(kind, n):
        def search(*, user, q, offset, limit):
            items = [{"type": kind, "id": i} for i in range(n)]
            return n, items[offset : offset + max(limit, 0)]

        return search

    registry.add_search_provider("b", make("b", 0), order=20)
    registry.add_search_provider("a", make("a", 3), order=10)
    registry.add_search_provider("c", make("c", 4), order=30)


@pytest.mark.parametrize(
    ("offset", "limit", "expected"),
    [
        (0, 2, [("a", 0), ("a", 1)]),
        (2, 2, [("a", 2), ("c", 0)]),
        (4, 10, [("c", 1), ("c", 2), ("c", 3)]),
        (7, 5, []),
    ],
)
def test_search_pages_through_providers_in_order_as_one_list(providers, offset, limit, expected):
    count, items = registry.search(user=None, q="x", offset=offset, limit=limit)
    assert count == 7
    assert [(i["type"], i["id"]) for i in items] == expected


def test_a_provider_is_added_once(providers):
    registry.add_search_provider("a", lambda **kw: (99, []), order=1)
    assert registry.search(user=None, q="x", offset=0, limit=0)[0] == 7


def test_panels_render_in_order_and_hide_when_their_context_is_none(
    monkeypatch, tmp_path, settings
):
    monkeypatch.setattr(registry, "_panels", {})
    (tmp_path / "one.html").write_text("one {{ n }}")
    (tmp_path / "two.html").write_text("two {{ n }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    registry.add_panel("x.page", template="two.html", context=lambda r, obj: {"n": obj}, order=2)
    registry.add_panel("x.page", template="one.html", context=lambda r, obj: {"n": obj}, order=1)
    registry.add_panel("x.page", template="gone.html", context=lambda r, obj: None, order=0)
    request = RequestFactory().get("/")
    assert [str(p) for p in registry.render_panels("x.page", request, 5)] == ["one 5", "two 5"]
    assert registry.render_panels("y.page", request, 5) == []


def test_person_page_links_the_presenter_profile_only_for_who_may_see_it(tree, users, login):
    """The presenters app adds its link to the person page through the registry."""
    from quantriet.presenters.models import Presenter, Status, Tier

    person = PersonFactory(full_name="Đỗ Văn Nói", org=tree.cell_a1)
    officer = login(users.officer_a)
    assert "Công nhận báo cáo viên" in officer.get(f"/orgs/people/{person.pk}/").content.decode()
    presenter = Presenter.objects.create(
        person=person, org=tree.ward_a, tier=Tier.objects.get(code="commune"), status=Status.ACTIVE
    )
    page = officer.get(f"/orgs/people/{person.pk}/").content.decode()
    assert f"/presenters/{presenter.pk}/" in page and "Công nhận báo cáo viên" not in page
