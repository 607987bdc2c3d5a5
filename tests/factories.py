"""Factories shared by all test modules. App-specific ones live in tests/<app>/conftest.py."""

import datetime

import factory
from django.contrib.auth.models import User

from quantriet.orgs.models import Category, Grant, Org, OrgKind, OrgLevel, Person
from quantriet.orgs.services import create_org

PASSWORD = "mat-khau-thu-nghiem"


def make_org(
    name: str, parent: Org | None = None, kind: str = "commune-party", level: str = "commune"
) -> Org:
    """Create an organisation under `parent` (or as a root) with a kind and level by code."""
    return create_org(
        name=name,
        parent=parent,
        kind=OrgKind.objects.get(code=kind),
        level=OrgLevel.objects.get(code=level),
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Iterator(
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Đức Giang"]
    )
    gender = "male"
    date_of_birth = datetime.date(1980, 5, 17)
    category = Category.PARTY_MEMBER
    party_card_no = factory.Sequence(lambda n: f"24.{n + 100000:06d}")
    position = "Đảng viên"


def grant(user: User, role: str, org: Org) -> Grant:
    return Grant.objects.create(account=user, role=role, org=org)
