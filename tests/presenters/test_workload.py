import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.conferences.models import AgendaItem, Conference
from quantriet.presenters.models import Presenter, Status, Tier
from tests.factories import PersonFactory

UTC = datetime.UTC


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def booked(tree, users):
    tier = Tier.objects.get(code="commune")
    person = PersonFactory(full_name="Lương Văn Bận", org=tree.cell_a1)
    presenter = Presenter.objects.create(
        person=person, org=tree.ward_a, tier=tier, status=Status.ACTIVE, theory_level=2
    )
    morning = Conference.objects.create(
        title="Hội nghị sáng", starts_at=at(10, 1), ends_at=at(10, 5), host_org=tree.ward_a
    )
    other = Conference.objects.create(
        title="Hội nghị khác", starts_at=at(10, 1), ends_at=at(10, 5), host_org=tree.ward_a
    )
    AgendaItem.objects.create(
        conference=morning,
        starts_at=at(10, 1),
        ends_at=at(10, 3),
        title="Chuyên đề 1",
        presenter=person,
    )
    return presenter, other


def test_booking_a_presenter_twice_at_once_warns_on_the_agenda_page(booked, login, users, tree):
    presenter, other = booked
    other.presenters.add(presenter.person)
    response = login(users.officer_a).post(
        f"/conferences/{other.pk}/agenda/",
        {"starts_at": "2026-03-10T09:30", "title": "Chuyên đề 2", "presenter": presenter.person_id},
        follow=True,
    )
    text = response.content.decode()
    assert "Đã thêm mục chương trình." in text
    assert "trùng giờ" in text and "Chuyên đề 1" in text


def test_workload_counts_sessions_per_month_and_flags_clashes(booked, login, users):
    presenter, other = booked
    AgendaItem.objects.create(
        conference=other, starts_at=at(10, 2), title="Chuyên đề 2", presenter=presenter.person
    )
    AgendaItem.objects.create(
        conference=other, starts_at=at(10, 4), title="Chuyên đề 3", presenter=presenter.person
    )
    client = login(users.officer_a)
    page = client.get("/presenters/workload/?year=2026").content.decode()
    assert "Lương Văn Bận" in page and "Trùng lịch" in page
    assert "“Chuyên đề 1”" in page and "“Chuyên đề 2”" in page
    assert "“Chuyên đề 3”" not in page  # starts after the first one ends
    with CaptureQueriesContext(connection) as small:
        client.get("/presenters/workload/?year=2026")
    tier = Tier.objects.get(code="commune")
    for _ in range(5):
        Presenter.objects.create(
            person=PersonFactory(org=presenter.person.org),
            org=presenter.org,
            tier=tier,
            status=Status.ACTIVE,
        )
    with CaptureQueriesContext(connection) as large:
        client.get("/presenters/workload/?year=2026")
    assert len(large) == len(small)


def test_workload_of_another_committee_is_invisible(booked, login, users):
    page = login(users.officer_b).get("/presenters/workload/?year=2026").content.decode()
    assert "Lương Văn Bận" not in page
