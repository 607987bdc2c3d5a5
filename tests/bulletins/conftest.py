"""Bulletins fixtures: presenters with log-ins in ward A and ward B, and a way to publish."""

import datetime
from types import SimpleNamespace

import pytest

from quantriet.bulletins import services
from quantriet.bulletins.models import Topic
from quantriet.presenters.models import Presenter, Status, Tier
from tests.factories import PersonFactory, UserFactory


def make_presenter(name, org, *, cell=None, username=None, status=Status.ACTIVE, email=""):
    user = UserFactory(username=username) if username else None
    person = PersonFactory(full_name=name, org=cell or org, user=user, email=email)
    return Presenter.objects.create(
        person=person, org=org, tier=Tier.objects.get(code="commune"), status=status
    )


@pytest.fixture
def corps(tree, users):
    """Ward A: two active presenters with log-ins (one with an e-mail), one suspended; ward B: one."""
    hoa = make_presenter(
        "Nguyễn Thị Hoa", tree.ward_a, cell=tree.cell_a1, username="bcv_hoa", email="hoa@example.vn"
    )
    nam = make_presenter("Trần Văn Nam", tree.ward_a, cell=tree.cell_a1, username="bcv_nam")
    nghi = make_presenter(
        "Lê Văn Nghỉ", tree.ward_a, cell=tree.cell_a1, username="bcv_nghi", status=Status.SUSPENDED
    )
    binh = make_presenter("Phạm Văn Bình", tree.ward_b, cell=tree.cell_b1, username="bcv_binh")
    return SimpleNamespace(hoa=hoa, nam=nam, nghi=nghi, binh=binh)


@pytest.fixture
def publish(users):
    """`publish(org, title=…, by=…)` → a published bulletin of `org` for March 2026."""

    def _publish(org, title="Thông tin định hướng tháng 3/2026", by=None, month=None):
        bulletin = services.create_bulletin(
            user=by or users.admin,
            org=org,
            title=title,
            month=month or datetime.date(2026, 3, 15),
            body="Tuyên truyền kết quả Đại hội XIV của Đảng.",
        )
        services.publish(user=by or users.admin, bulletin=bulletin)
        return bulletin

    return _publish


@pytest.fixture
def topics():
    return {topic.name: topic for topic in Topic.objects.all()}
