"""A conference on the shared tree (see tests/conftest.py):

host site at the province, site A at ward A (operator `operator_a`), site B at ward B;
invitees: two people of cell A1 (site A) and one of cell B1 (site B).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from quantriet.conferences.models import Conference, Invitation, Site
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def conf(tree, users):
    starts = timezone.now() + datetime.timedelta(hours=1)
    conference = Conference.objects.create(
        title="Hội nghị học tập, quán triệt Nghị quyết Đại hội XIV của Đảng",
        format="hybrid",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        host_org=tree.province,
    )
    host = Site.objects.create(
        conference=conference, name="Điểm cầu Tỉnh ủy", org=tree.province, is_host=True, expected=50
    )
    site_a = Site.objects.create(
        conference=conference, name="Điểm cầu phường Uông Bí", org=tree.ward_a, expected=40
    )
    site_b = Site.objects.create(
        conference=conference, name="Điểm cầu phường Yên Tử", org=tree.ward_b, expected=30
    )
    operator_a = UserFactory(username="operator_a")
    site_a.operators.add(operator_a)
    an = PersonFactory(full_name="Nguyễn Văn An", org=tree.cell_a1)
    binh = PersonFactory(full_name="Trần Thị Bình", org=tree.cell_a1)
    cuong = PersonFactory(full_name="Lê Văn Cường", org=tree.cell_b1)
    for person, site in ((an, site_a), (binh, site_a), (cuong, site_b)):
        Invitation.objects.create(conference=conference, person=person, site=site)
    return SimpleNamespace(
        conference=conference,
        host=host,
        site_a=site_a,
        site_b=site_b,
        operator_a=operator_a,
        an=an,
        binh=binh,
        cuong=cuong,
    )
