import uuid

import pytest
from django.urls import reverse

from quantriet.conferences.checkin import services as checkin
from quantriet.conferences.checkin.context import clear_context_cache
from quantriet.conferences.checkin.tokens import checkin_token
from quantriet.conferences.models import CheckIn
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_context_cache()


def test_operator_page_lists_the_sites_invitees_with_folded_search(conf, login):
    response = login(conf.operator_a).get(reverse("conferences:checkin", args=[conf.site_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html
    assert "Lê Văn Cường" not in html  # site B
    assert 'data-search="nguyen van an chi bo khu 1"' in html
    assert f'data-batch-url="/api/v1/conferences/{conf.conference.pk}/checkins/batch"' in html
    assert "quantriet/checkin.js" in html and "vendor/jsQR.js" in html
    assert "<script>" not in html and "style=" not in html


def test_operator_page_shows_who_is_present(conf, login):
    checkin.check_in(
        conference=conf.conference,
        site=conf.site_a,
        client_id=uuid.uuid4(),
        method="manual",
        by=conf.operator_a,
        person=conf.an,
    )
    response = login(conf.operator_a).get(reverse("conferences:checkin", args=[conf.site_a.pk]))
    assert 'data-counter="present">1<' in response.content.decode()
    assert "is-present" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("operator_a", 200),
        ("admin", 200),
        ("officer_a", 200),
        ("officer_b", 403),
        ("outsider", 404),
    ],
)
def test_operator_page_access(conf, users, login, who, status):
    user = conf.operator_a if who == "operator_a" else getattr(users, who)
    response = login(user).get(reverse("conferences:checkin", args=[conf.site_a.pk]))
    assert response.status_code == status


def test_operator_of_site_a_is_refused_site_b(conf, login):
    response = login(conf.operator_a).get(reverse("conferences:checkin", args=[conf.site_b.pk]))
    assert response.status_code == 403


def test_cards_show_names_and_qr_codes(conf, login):
    response = login(conf.operator_a).get(reverse("conferences:cards", args=[conf.site_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" in html and "Lê Văn Cường" not in html
    assert html.count('class="qt-qr"') == 3  # two invitees and the site's self check-in code
    assert conf.site_a.code in html
    assert "quantriet/cards.css" in html
    assert checkin_token(conf.an) not in html  # the token lives only inside the QR


@pytest.mark.parametrize(
    ("who", "status"), [("officer_b", 403), ("outsider", 404), ("member_a", 403)]
)
def test_cards_refused_to_others(conf, users, login, who, status):
    if who == "member_a":
        conf.conference.invitations.create(person=users.member_a.person, site=conf.site_a)
    response = login(getattr(users, who)).get(reverse("conferences:cards", args=[conf.site_a.pk]))
    assert response.status_code == status


def test_cards_page_breaks_every_eight(conf, login, tree):
    for person in PersonFactory.create_batch(8, org=tree.cell_a1):
        conf.conference.invitations.create(person=person, site=conf.site_a)
    html = (
        login(conf.operator_a)
        .get(reverse("conferences:cards", args=[conf.site_a.pk]))
        .content.decode()
    )
    assert html.count('<section class="qt-sheet">') == 2  # 10 cards: 8 + 2


def test_self_check_in_with_right_and_wrong_code(conf, users, login):
    member = users.member_a.person
    conf.conference.invitations.create(person=member, site=conf.site_a)
    client = login(users.member_a)
    page = reverse("conferences:self_checkin", args=[conf.conference.pk])
    form = client.get(page)
    assert form.status_code == 200 and 'class="qt-qr"' in form.content.decode()
    wrong = client.post(
        page, {"code": "ZZZZZZ", "client_id": form.context["client_id"]}, follow=True
    )
    assert "Mã điểm cầu không đúng." in wrong.content.decode()
    assert not CheckIn.objects.exists()
    right = client.post(
        page,
        {"code": conf.site_a.code.lower(), "client_id": form.context["client_id"]},
        follow=True,
    )
    assert "Điểm danh thành công tại Điểm cầu phường Uông Bí." in right.content.decode()
    row = CheckIn.objects.get()
    assert row.person == member and row.method == "self" and row.site == conf.site_a
    again = client.post(page, {"code": conf.site_a.code}, follow=True)
    assert "Đã điểm danh lúc" in again.content.decode()
    assert CheckIn.objects.count() == 1


def test_self_check_in_page_hidden_without_code_for_strangers(conf, users, login):
    page = reverse("conferences:self_checkin", args=[conf.conference.pk])
    assert login(users.member_a).get(page).status_code == 404
    # the site's QR (a URL with ?code=) opens it; uninvited people are recorded with a flag
    with_code = login(users.member_a).get(page, {"code": conf.site_a.code})
    assert with_code.status_code == 200
    login(users.member_a).post(page, {"code": conf.site_a.code})
    assert CheckIn.objects.get().invited is False


def test_self_check_in_needs_login(conf, client):
    page = reverse("conferences:self_checkin", args=[conf.conference.pk])
    assert client.get(page).status_code == 302
