"""People in the shared tree, and one level deeper under cell A1 for depth tests.

Ward A (Uông Bí): "Nguyễn Văn An" (ward office), "Trần Thị Bình" (cell A1),
"Vũ Thị Hoa" (cell A1, the log-in `member_a`); ward B (Yên Tử): "Lê Văn Cường" (cell B1).
"""

import datetime
from types import SimpleNamespace

import pytest

from quantriet.orgs.models import Category, Person
from tests.factories import PersonFactory, make_org


@pytest.fixture
def people(tree, users):
    return SimpleNamespace(
        an=PersonFactory(
            full_name="Nguyễn Văn An",
            org=tree.ward_a,
            party_card_no="24.000001",
            position="Bí thư Đảng ủy",
        ),
        binh=PersonFactory(
            full_name="Trần Thị Bình",
            gender="female",
            org=tree.cell_a1,
            party_card_no="24.000002",
            category=Category.YOUTH_MEMBER,
            date_of_birth=datetime.date(1999, 3, 8),
        ),
        hoa=Person.objects.get(user=users.member_a),
        cuong=PersonFactory(full_name="Lê Văn Cường", org=tree.cell_b1, party_card_no="24.000003"),
    )


@pytest.fixture
def group_a(tree):
    """A fourth level: a group (tổ đảng) under cell A1."""
    return make_org("Tổ đảng số 1", tree.cell_a1, kind="dependent-cell", level="cell")
