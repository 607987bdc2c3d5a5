"""A small tree every test can use:

Đảng bộ tỉnh Quảng Ninh (province)          admin: `admin`
├── Đảng bộ phường Uông Bí (ward A)         officer: `officer_a`
│   └── Chi bộ khu 1 (cell A1)              member: `member_a` (a person in cell A1)
└── Đảng bộ phường Yên Tử (ward B)          officer: `officer_b`
    └── Chi bộ khu 2 (cell B1)
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from quantriet.api.auth import forget_tokens, issue_token
from quantriet.dialogue.live import forget_access
from quantriet.orgs.models import Role
from tests.factories import PASSWORD, PersonFactory, UserFactory, grant, make_org


@pytest.fixture(scope="session", autouse=True)
def _test_database_free_at_teardown(django_db_setup, django_db_blocker):
    """PostgreSQL refuses to drop the test database while a session uses it. A browser test's
    page can leave a live server thread streaming (Server-Sent Events) with its connection open
    after the server stopped accepting; end such sessions before pytest-django drops it."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _fresh_token_cache():
    """Each test starts with no remembered API tokens."""
    forget_tokens()
    forget_access()
    yield
    forget_tokens()
    forget_access()


@pytest.fixture
def tree(db):
    province = make_org("Đảng bộ tỉnh Quảng Ninh", kind="province-party", level="province")
    ward_a = make_org("Đảng bộ phường Uông Bí", province)
    cell_a1 = make_org("Chi bộ khu 1", ward_a, kind="dependent-cell", level="cell")
    ward_b = make_org("Đảng bộ phường Yên Tử", province)
    cell_b1 = make_org("Chi bộ khu 2", ward_b, kind="dependent-cell", level="cell")
    return SimpleNamespace(
        province=province, ward_a=ward_a, cell_a1=cell_a1, ward_b=ward_b, cell_b1=cell_b1
    )


@pytest.fixture
def users(tree):
    admin = UserFactory(username="admin")
    grant(admin, Role.ADMIN, tree.province)
    officer_a = UserFactory(username="officer_a")
    grant(officer_a, Role.OFFICER, tree.ward_a)
    officer_b = UserFactory(username="officer_b")
    grant(officer_b, Role.OFFICER, tree.ward_b)
    member_a = UserFactory(username="member_a")
    grant(member_a, Role.MEMBER, tree.cell_a1)
    PersonFactory(full_name="Vũ Thị Hoa", org=tree.cell_a1, user=member_a)
    outsider = UserFactory(username="outsider")
    return SimpleNamespace(
        admin=admin, officer_a=officer_a, officer_b=officer_b, member_a=member_a, outsider=outsider
    )


@pytest.fixture
def login():
    """`login(user)` → a test Client logged in as that user."""

    def _login(user):
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api():
    """`api(user)` → a Client that sends a bearer token for that user (or none for None)."""

    def _api(user=None):
        if user is None:
            return Client()
        key, _token = issue_token(user)
        return Client(headers={"Authorization": f"Bearer {key}"})

    return _api


@pytest.fixture
def password():
    return PASSWORD
