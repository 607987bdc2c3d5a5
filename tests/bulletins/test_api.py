import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quantriet.bulletins.models import Bulletin, OpinionReport, Receipt
from quantriet.orgs.access import forget_scope
from tests.bulletins.conftest import make_presenter

URL = "/api/v1/bulletins"
REPORTS = "/api/v1/opinion-reports"


def _payload(org, **overrides):
    payload = {
        "org": org.pk,
        "title": "Thông tin định hướng tháng 3/2026",
        "month": "2026-03-20",
        "body": "Tuyên truyền kết quả Đại hội XIV của Đảng.",
        "publish": True,
    }
    payload.update(overrides)
    return payload


def test_create_and_publish(tree, users, corps, api):
    response = api(users.officer_a).post(
        URL, _payload(tree.ward_a), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["month"] == "2026-03-01"
    assert (body["read"], body["total"]) == (0, 2)
    assert body["published_at"] and body["can_manage"] is True


def test_create_draft_then_publish(tree, users, corps, api):
    client = api(users.officer_a)
    body = client.post(
        URL, _payload(tree.ward_a, publish=False), content_type="application/json"
    ).json()
    assert body["published_at"] is None and body["total"] == 0
    published = client.post(f"{URL}/{body['id']}/publish").json()
    assert published["total"] == 2
    again = client.post(f"{URL}/{body['id']}/publish")
    assert again.status_code == 400
    assert again.json()["errors"][0]["message"] == "Bản tin này đã được phát hành."


def test_create_for_another_ward_is_a_400_in_vietnamese_and_nothing_saved(tree, users, corps, api):
    response = api(users.officer_a).post(
        URL, _payload(tree.ward_b), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "org", "message": "Không tìm thấy cấp ủy phát hành."}
    ]
    assert not Bulletin.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Cần nhập tiêu đề bản tin."),
        ({"month": "tháng 3"}, "month", "Ngày không hợp lệ, cần dạng YYYY-MM-DD."),
    ],
)
def test_bad_input_is_a_clear_400(tree, users, corps, api, overrides, field, message):
    response = api(users.officer_a).post(
        URL, _payload(tree.ward_a, **overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert {"field": field, "message": message} in response.json()["errors"]
    assert not Bulletin.objects.exists()


def test_publish_without_recipients_is_a_400_and_leaves_no_draft(tree, users, api):
    response = api(users.officer_b).post(
        URL, _payload(tree.ward_b), content_type="application/json"
    )
    assert response.status_code == 400
    assert "Không có báo cáo viên" in response.json()["errors"][0]["message"]
    assert not Bulletin.objects.exists()


def test_presenter_cannot_create(tree, corps, api):
    response = api(corps.hoa.person.user).post(
        URL, _payload(tree.ward_a), content_type="application/json"
    )
    assert response.status_code == 403


def test_presenter_lists_only_their_bulletins_and_opening_marks_read(
    tree, users, corps, publish, api
):
    mine = publish(tree.ward_a, title="Bản tin phường Uông Bí", by=users.officer_a)
    other = publish(tree.ward_b, title="Bản tin phường Yên Tử", by=users.officer_b)
    client = api(corps.hoa.person.user)
    items = client.get(URL).json()["items"]
    assert [i["id"] for i in items] == [mine.pk]
    assert items[0]["is_recipient"] is True and items[0]["read_at"] is None
    assert items[0]["read"] is None and items[0]["total"] is None
    detail = client.get(f"{URL}/{mine.pk}").json()
    assert detail["body"] == "Tuyên truyền kết quả Đại hội XIV của Đảng."
    assert detail["read_at"] is not None and detail["can_manage"] is False
    first = Receipt.objects.get(bulletin=mine, presenter=corps.hoa).read_at
    client.get(f"{URL}/{mine.pk}")
    assert Receipt.objects.get(bulletin=mine, presenter=corps.hoa).read_at == first
    assert client.get(f"{URL}/{other.pk}").status_code == 404
    assert client.get(f"{URL}/{mine.pk}/receipts").status_code == 403
    assert client.post(f"{URL}/{mine.pk}/remind").status_code == 403


def test_officer_of_another_ward_gets_404_and_sees_nothing(tree, users, corps, publish, api):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    client = api(users.officer_b)
    assert client.get(URL).json() == {"count": 0, "items": []}
    for response in (
        client.get(f"{URL}/{bulletin.pk}"),
        client.get(f"{URL}/{bulletin.pk}/receipts"),
        client.post(f"{URL}/{bulletin.pk}/remind"),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "Không tìm thấy."
    assert len(mail.outbox) == 0


def test_receipts_and_remind(tree, users, corps, publish, api):
    bulletin = publish(tree.ward_a, by=users.officer_a)
    api(corps.nam.person.user).get(f"{URL}/{bulletin.pk}")
    client = api(users.officer_a)
    receipts = client.get(f"{URL}/{bulletin.pk}/receipts").json()
    assert (receipts["read"], receipts["total"]) == (1, 2)
    assert receipts["items"][0]["name"] == "Nguyễn Thị Hoa"
    assert receipts["items"][0]["read_at"] is None
    assert client.post(f"{URL}/{bulletin.pk}/remind").json() == {"reminded": 1, "emailed": 1}
    assert mail.outbox[0].to == ["hoa@example.vn"]
    after = client.get(f"{URL}/{bulletin.pk}/receipts").json()
    assert after["items"][0]["reminded_at"] is not None


@pytest.mark.parametrize("n", [1, 3])
def test_list_queries_do_not_grow(tree, users, corps, publish, api, n):
    client = api(users.admin)
    publish(tree.province, title="Bản tin 0")
    client.get(URL)  # the token is looked up once, then remembered
    forget_scope(users.admin)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for i in range(1, n + 2):
        publish(tree.province, title=f"Bản tin {i}")
    forget_scope(users.admin)
    with CaptureQueriesContext(connection) as large:
        body = client.get(URL).json()
    assert body["count"] == n + 2 and body["items"][0]["total"] == 3
    assert len(large) == len(small)


# --- opinion reports -------------------------------------------------------------


def test_presenter_submits_and_lists_own_reports(tree, users, corps, topics, api):
    client = api(corps.hoa.person.user)
    response = client.post(
        REPORTS,
        {
            "topic": topics["Môi trường, khai thác than"].pk,
            "area": tree.cell_a1.pk,
            "summary": "Bụi than trên tuyến đường khu 1.",
            "suggested_response": "Đề nghị công ty than tưới nước.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["topic_name"] == "Môi trường, khai thác than" and body["status"] == "new"
    OpinionReport.objects.create(
        presenter=corps.binh, topic=topics["Khác"], area=tree.ward_b, summary="Của phường khác"
    )
    assert [r["summary"] for r in client.get(REPORTS).json()["items"]] == [
        "Bụi than trên tuyến đường khu 1."
    ]


def test_report_outside_own_area_is_a_400_and_nothing_saved(tree, corps, topics, api):
    response = api(corps.hoa.person.user).post(
        REPORTS,
        {"topic": 9999, "area": tree.ward_b.pk, "summary": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "topic": "Không có chủ đề này.",
        "area": "Địa bàn nằm ngoài phạm vi cấp ủy quản lý đồng chí.",
    }
    assert not OpinionReport.objects.exists()


def test_report_with_empty_summary_is_a_400(tree, corps, topics, api):
    response = api(corps.hoa.person.user).post(
        REPORTS,
        {"topic": topics["Khác"].pk, "area": tree.ward_a.pk, "summary": "  "},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "summary", "message": "Cần tóm tắt nội dung dư luận."}
    ]


def test_officer_cannot_submit_reports(tree, users, topics, api):
    response = api(users.officer_a).post(
        REPORTS,
        {"topic": topics["Khác"].pk, "area": tree.ward_a.pk, "summary": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_department_lists_reviews_and_summarises(tree, users, corps, topics, api):
    land = topics["Đất đai, giải phóng mặt bằng"]
    mine = OpinionReport.objects.create(
        presenter=corps.hoa, topic=land, area=tree.cell_a1, summary="Giá đền bù"
    )
    OpinionReport.objects.create(presenter=corps.binh, topic=land, area=tree.ward_b, summary="B")
    client = api(users.officer_a)
    assert [r["id"] for r in client.get(REPORTS).json()["items"]] == [mine.pk]
    summary = client.get(f"{REPORTS}/summary").json()
    assert summary[0]["name"] == "Đất đai, giải phóng mặt bằng" and summary[0]["count"] == 1
    assert summary[0]["areas"] == [{"area": tree.cell_a1.pk, "name": "Chi bộ khu 1", "count": 1}]
    reviewed = client.post(
        f"{REPORTS}/{mine.pk}/review", {"note": "Chuyển UBND"}, content_type="application/json"
    ).json()
    assert reviewed["status"] == "reviewed" and reviewed["reviewer_note"] == "Chuyển UBND"
    assert [r["id"] for r in client.get(REPORTS, {"status": "new"}).json()["items"]] == []
    outsider = api(users.officer_b)
    assert (
        outsider.post(
            f"{REPORTS}/{mine.pk}/review", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert api(corps.hoa.person.user).get(f"{REPORTS}/summary").status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_summary_queries_do_not_grow(tree, users, corps, topics, api, n):
    client = api(users.admin)
    names = list(topics)
    OpinionReport.objects.create(
        presenter=corps.hoa, topic=topics["Khác"], area=tree.ward_a, summary="x"
    )
    client.get(f"{REPORTS}/summary")  # the token is looked up once, then remembered
    with CaptureQueriesContext(connection) as small:
        client.get(f"{REPORTS}/summary")
    for i in range(n):
        extra = make_presenter(f"Người {i}", tree.ward_a, cell=tree.cell_a1)
        OpinionReport.objects.create(
            presenter=extra, topic=topics[names[i]], area=tree.cell_a1, summary="y"
        )
    with CaptureQueriesContext(connection) as large:
        body = client.get(f"{REPORTS}/summary").json()
    assert sum(row["count"] for row in body) == n + 1
    assert len(large) == len(small)


def test_ward_officer_sees_receipts_of_their_corps_only_on_the_province_bulletin(
    tree, users, corps, publish, api
):
    bulletin = publish(tree.province)
    client = api(users.officer_a)
    item = client.get(URL).json()["items"][0]
    assert (item["id"], item["read"], item["total"]) == (bulletin.pk, 0, 2)
    receipts = client.get(f"{URL}/{bulletin.pk}/receipts").json()
    assert {r["name"] for r in receipts["items"]} == {"Nguyễn Thị Hoa", "Trần Văn Nam"}
    assert client.post(f"{URL}/{bulletin.pk}/remind").json()["reminded"] == 2
    assert not Receipt.objects.filter(presenter=corps.binh, reminded_at__isnull=False).exists()
    assert client.post(f"{URL}/{bulletin.pk}/publish").status_code == 403
