"""`manage.py load_demo`: a small version of the Uông Bí demo, loaded once per module."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client

from quantriet.core.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from quantriet.core.demo.orgs_data import OLD_CITY_NAME, ROOT_NAME
from quantriet.documents.models import Circulation, Document, DocumentLink
from quantriet.orgs.access import visible_people
from quantriet.orgs.models import Grant, Org, Person
from quantriet.orgs.validators import normalise_party_card

PEOPLE = 300
WARDS = ["Đảng bộ phường Uông Bí", "Đảng bộ phường Yên Tử", "Đảng bộ phường Vàng Danh"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module (the load is the slow part), and clean up after."""
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("load_demo", people=PEOPLE, stdout=out)
        yield out.getvalue()
        for model in (DocumentLink, Circulation, Document, Grant, Person):
            model.objects.all().delete()
        User.objects.all().delete()
        for org in Org.objects.order_by("-depth"):
            org.delete()


@pytest.fixture
def loaded(demo, db):
    return demo


def test_tree_has_root_wards_history_and_mass_organisations(loaded):
    root = Org.objects.get(depth=1, name=ROOT_NAME)
    assert root.kind.code == "province-party"
    for name in WARDS:
        ward = Org.objects.get(name=name)
        assert ward.parent == root
        assert ward.kind.code == "commune-party"
        kinds = set(Org.objects.filter(parent=ward).values_list("kind__code", flat=True))
        assert {"dependent-cell", "fatherland-front", "youth-union", "womens-union"} <= kinds
    old_city = Org.objects.get(name=OLD_CITY_NAME)
    assert not old_city.is_active
    assert old_city.dissolved_on.isoformat() == "2025-06-30"
    assert not old_city.people.exists()
    assert Org.objects.filter(name__startswith="Đảng bộ Công ty Than").count() == 3
    assert 150 <= Org.objects.count() <= 250


def test_people_are_about_the_number_asked_with_unique_cards(loaded):
    assert PEOPLE <= Person.objects.count() <= PEOPLE + len(DEMO_ACCOUNTS)
    cards = list(Person.objects.exclude(party_card_no=None).values_list("party_card_no", flat=True))
    assert cards
    assert len(cards) == len(set(cards))
    assert all(normalise_party_card(card) == card for card in cards)
    assert not Person.objects.filter(search_name="").exists()
    person = Person.objects.filter(full_name__contains="ị").first()
    assert person is not None
    assert "ị" not in person.search_name


def test_documents_include_a_secret_one_with_circulation_and_linked_plan(loaded):
    assert Document.objects.count() >= 12
    secret = Document.objects.get(secrecy="mat")
    assert Circulation.objects.filter(document=secret, role="officer").count() == 3
    assert Circulation.objects.filter(document=secret, role="admin", org__depth=1).exists()
    plan = Document.objects.get(number="15-KH/ĐU")
    link = DocumentLink.objects.get(source=plan)
    assert link.relation == "implements"
    assert "Đảng bộ tỉnh Quảng Ninh lần thứ XVI" in link.target.title
    assert Document.objects.filter(number="57-NQ/TW", search_text__contains="doi moi").exists()


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_each_demo_account_logs_in_and_holds_its_grant(loaded, account):
    client = Client()
    assert client.login(request=HttpRequest(), username=account.username, password=DEMO_PASSWORD)
    user = User.objects.get(username=account.username)
    if not account.role:
        assert user.is_superuser
        return
    assert Grant.objects.filter(
        account=user, role=account.role, org__name=account.org_name
    ).exists()
    assert user.person.full_name == account.full_name


def test_ward_officer_sees_only_the_ward_subtree(loaded):
    officer = User.objects.get(username="uongbi")
    ward = Org.objects.get(name="Đảng bộ phường Uông Bí")
    visible = visible_people(officer)
    assert visible.count() == Person.objects.filter(org__path__startswith=ward.path).count() > 0
    assert not visible.exclude(org__path__startswith=ward.path).exists()


def test_member_account_is_a_party_member_of_a_residential_cell(loaded):
    person = User.objects.get(username="dangvien").person
    assert person.party_card_no
    assert person.org.name == "Chi bộ khu 1"
    assert person.org.parent.name == "Đảng bộ phường Uông Bí"


def test_running_twice_changes_nothing_and_prints_the_accounts(loaded):
    assert "Tài khoản demo" in loaded
    counts = (Org.objects.count(), Person.objects.count(), Document.objects.count())
    out = io.StringIO()
    call_command("load_demo", people=PEOPLE, stdout=out)
    assert (Org.objects.count(), Person.objects.count(), Document.objects.count()) == counts
    assert "không nạp lại" in out.getvalue()
    assert "bantuyengiao" in out.getvalue()
