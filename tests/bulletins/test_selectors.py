import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.bulletins import selectors, services
from quantriet.orgs.access import scope_for
from tests.bulletins.conftest import make_presenter


def test_bulletins_for_manager_counts_reads(tree, users, corps, publish):
    bulletin = publish(tree.province)
    services.mark_read(user=corps.hoa.person.user, bulletin=bulletin)
    row = selectors.bulletins_for(users.admin).get(pk=bulletin.pk)
    assert (row.read, row.total) == (1, 3)


def test_bulletins_for_presenter_are_only_those_addressed(tree, users, corps, publish):
    ward_a = publish(tree.ward_a, title="Phường Uông Bí", by=users.officer_a)
    ward_b = publish(tree.ward_b, title="Phường Yên Tử", by=users.officer_b)
    rows = list(selectors.bulletins_for(corps.hoa.person.user))
    assert [r.pk for r in rows] == [ward_a.pk]
    assert rows[0].my_read_at is None and rows[0].my_receipt is not None
    assert selectors.unread_count(corps.hoa.person.user) == 1
    assert [r.pk for r in selectors.bulletins_for(corps.binh.person.user)] == [ward_b.pk]
    assert list(selectors.bulletins_for(corps.nghi.person.user)) == []


def test_unread_of_lists_who_has_not_read(tree, users, corps, publish):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    services.mark_read(user=corps.nam.person.user, bulletin=bulletin)
    assert [r.presenter_id for r in selectors.unread_of(users.officer_a, bulletin)] == [
        corps.hoa.pk
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_bulletin_list_query_is_one_whatever_the_rows(tree, users, corps, publish, n):
    for i in range(n):
        publish(tree.province, title=f"Bản tin {i}")
    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.bulletins_for(users.admin))
    assert len(rows) == n
    assert len(queries) == 1  # the list with its counts (the scope is cached on the user)


def _report(presenter, topic, area, text="Nội dung"):
    return services.submit_report(presenter=presenter, topic=topic, area=area, summary=text)


def test_opinion_summary_groups_by_topic_and_area(tree, users, corps, topics):
    land = topics["Đất đai, giải phóng mặt bằng"]
    _report(corps.hoa, land, tree.cell_a1)
    _report(corps.nam, land, tree.cell_a1)
    _report(corps.nam, land, tree.ward_a)
    _report(corps.binh, land, tree.ward_b)
    _report(corps.hoa, topics["Y tế, giáo dục"], tree.ward_a)
    summary = selectors.opinion_summary(users.officer_a)
    first = summary[0]
    assert first.topic == land and first.count == 3 and first.new == 3
    assert [(a.name, a.count) for a in first.areas] == [("Chi bộ khu 1", 2), (tree.ward_a.name, 1)]
    assert summary[1].topic.name == "Y tế, giáo dục" and summary[1].count == 1
    assert len(summary) == 8 and summary[-1].count == 0
    assert sum(row.count for row in selectors.opinion_summary(users.admin)) == 5
    assert sum(row.count for row in selectors.opinion_summary(users.outsider)) == 0


@pytest.mark.parametrize("n", [1, 4])
def test_opinion_summary_queries_do_not_grow(tree, users, corps, topics, n):
    names = list(topics)
    for i in range(n):
        extra = make_presenter(f"Người {i}", tree.ward_a, cell=tree.cell_a1)
        _report(extra, topics[names[i % len(names)]], tree.cell_a1)
    scope_for(users.admin)
    with CaptureQueriesContext(connection) as queries:
        selectors.opinion_summary(users.admin)
    assert len(queries) == 3  # topics, by topic, by topic and area
