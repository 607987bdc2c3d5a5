from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.presenters.models import Presenter, Status, StatusChange, Tier
from tests.factories import PersonFactory, UserFactory


def test_officer_sees_the_corps_and_the_ranking_with_reasons(corps, login, users):
    corps("Nguyễn Văn Báo")
    client = login(users.officer_a)
    page = client.get("/presenters/")
    assert page.status_code == 200 and "Nguyễn Văn Báo" in page.content.decode()
    ranking = client.get("/presenters/ranking/").content.decode()
    assert "Nguyễn Văn Báo" in ranking and "Bồi dưỡng thêm" in ranking
    assert "Bồi dưỡng 0/16 giờ trong năm" in ranking


def test_ranking_page_queries_do_not_grow_with_the_corps(corps, login, users):
    client = login(users.officer_a)
    corps("Người 1")
    client.get("/presenters/ranking/")
    with CaptureQueriesContext(connection) as small:
        client.get("/presenters/ranking/")
    for i in range(2, 9):
        corps(f"Người {i}")
    with CaptureQueriesContext(connection) as large:
        client.get("/presenters/ranking/")
    assert len(large) == len(small)


def test_officer_recognises_a_person_from_their_page(tree, login, users):
    person = PersonFactory(full_name="Lý Thị Mới", org=tree.cell_a1)
    client = login(users.officer_a)
    assert "Công nhận báo cáo viên" in client.get(f"/orgs/people/{person.pk}/").content.decode()
    form = client.get(f"/presenters/new/?person={person.pk}")
    assert form.status_code == 200 and "Lý Thị Mới" in form.content.decode()
    tier = Tier.objects.get(code="commune")
    response = client.post(
        f"/presenters/new/?person={person.pk}",
        {"managing_org": tree.ward_a.pk, "kind": "presenter", "tier": tier.pk, "theory_level": 3},
    )
    assert response.status_code == 302
    presenter = Presenter.objects.get(person=person)
    assert presenter.status == Status.CANDIDATE and presenter.org == tree.ward_a


def test_bad_term_is_refused_with_a_message(corps, login, users):
    presenter = corps("Phan Văn Kỳ")
    response = login(users.officer_a).post(
        f"/presenters/{presenter.pk}/edit/",
        {
            "kind": "presenter",
            "tier": presenter.tier_id,
            "theory_level": 2,
            "term_start": "2026-05-01",
            "term_end": "2025-05-01",
        },
    )
    assert response.status_code == 400
    assert "Nhiệm kỳ kết thúc trước khi bắt đầu." in response.content.decode()


def test_replacing_from_the_page_records_who_and_why(corps, login, users):
    old, new = corps("Cao Văn Cũ"), corps("Hà Thị Mới", status=Status.CANDIDATE)
    client = login(users.officer_a)
    response = client.post(
        f"/presenters/{old.pk}/status/",
        {
            "status": "replaced",
            "reason": "Nghỉ hưu theo chế độ",
            "on": "2026-06-01",
            "replaced_by": new.pk,
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Status.REPLACED and old.replaced_by == new
    assert new.status == Status.ACTIVE
    change = StatusChange.objects.get(presenter=old)
    assert change.reason == "Nghỉ hưu theo chế độ" and change.replaced_by == new
    page = client.get(f"/presenters/{old.pk}/").content.decode()
    assert "Nghỉ hưu theo chế độ" in page and "Hà Thị Mới" in page


def test_replacing_without_a_successor_is_refused_and_changes_nothing(corps, login, users):
    old = corps("Đinh Văn Ở")
    response = login(users.officer_a).post(
        f"/presenters/{old.pk}/status/",
        {"status": "replaced", "reason": "Thử", "on": "2026-06-01"},
    )
    assert response.status_code == 400
    assert "Cần chọn người thay thế." in response.content.decode()
    old.refresh_from_db()
    assert old.status == Status.ACTIVE and not StatusChange.objects.exists()


def test_presenter_sees_own_page_only_and_officer_elsewhere_sees_nothing(corps, login, users):
    account = UserFactory(username="bcv2")
    me, other = corps("Tạ Văn Tôi", user=account), corps("Lò Thị Khác")
    client = login(account)
    assert client.get(f"/presenters/{me.pk}/").status_code == 200
    assert client.get(f"/presenters/{other.pk}/").status_code == 404
    assert client.post(f"/presenters/{me.pk}/status/", {"status": "retired"}).status_code == 403
    outsider = login(users.officer_b)
    assert outsider.get(f"/presenters/{me.pk}/").status_code == 404
    assert outsider.get(f"/presenters/{me.pk}/edit/").status_code == 404
    refused = outsider.post(
        f"/presenters/{me.pk}/status/", {"status": "retired", "reason": "x", "on": "2026-06-01"}
    )
    assert refused.status_code == 404 and me.history.count() == 0
    assert "Tạ Văn Tôi" not in outsider.get("/presenters/ranking/").content.decode()
    assert login(users.outsider).get("/presenters/new/").status_code == 403
    # An officer of Yên Tử may recognise presenters for Yên Tử only.
    form = outsider.get("/presenters/new/").content.decode()
    assert "Đảng bộ phường Yên Tử" in form and "Đảng bộ phường Uông Bí" not in form
