import datetime

import pytest

from quantriet.documents.models import Attachment, Circulation, Document, DocumentLink, DownloadLog
from tests.documents.conftest import PDF_BYTES, make_document, upload

URL = "/api/v1/documents"


def _payload(tree, **overrides):
    payload = {
        "kind": "resolution",
        "number": "21-NQ/TW",
        "level": "central",
        "issuer": "Ban Chấp hành Trung ương",
        "issued_on": "2025-03-01",
        "title": "Nghị quyết về công tác tuyên giáo",
        "core_points": "Đổi mới nội dung, phương thức.",
        "audiences": ["party_member"],
    }
    payload.update(overrides)
    return payload


def _ids(response):
    return {item["id"] for item in response.json()["items"]}


def test_list_and_filters(docs, users, api):
    client = api(users.officer_a)
    body = client.get(URL).json()
    assert body["count"] == 3
    item = next(i for i in body["items"] if i["id"] == docs.plan.pk)
    assert item["number"] == "45-KH/ĐU"
    assert item["level"] == "commune"
    assert item["issuing_org"] == docs.plan.issuing_org_id
    assert _ids(client.get(URL, {"kind": "plan"})) == {docs.plan.pk}
    assert _ids(client.get(URL, {"level": "central"})) == {docs.congress.pk}
    assert _ids(client.get(URL, {"year": 2025})) == {docs.secret.pk}
    assert _ids(client.get(URL, {"q": "nghi quyet dai hoi dai bieu"})) == {docs.congress.pk}


def test_requires_auth(docs, api):
    assert api(None).get(URL).status_code == 401


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_is_fixed(tree, users, api, rows, django_assert_num_queries):
    for n in range(rows):
        make_document(number=f"{n + 1}-NQ/TW", secrecy="mat", circulation=[(tree.ward_a, "")])
        make_document(number=f"{n + 10}-KL/TW")
    client = api(users.officer_a)
    # token, grants, person, count, page
    with django_assert_num_queries(5):
        response = client.get(URL, {"page_size": 500})
    assert response.json()["count"] == 2 * rows


def test_marked_document_in_scope(docs, users, api):
    client = api(users.officer_a)
    assert docs.secret.pk in _ids(client.get(URL))
    detail = client.get(f"{URL}/{docs.secret.pk}").json()
    assert detail["secrecy"] == "mat"
    assert detail["circulation"] == [{"org": docs.secret.issuing_org_id, "role": ""}]
    assert [a["name"] for a in detail["attachments"]] == ["chi-thi-mat.pdf"]
    assert docs.secret.pk in {
        i["id"] for i in client.get("/api/v1/search", {"q": "bi mat"}).json()["items"]
    }
    listing = client.get(f"{URL}/{docs.secret.pk}/attachments").json()["items"]
    response = client.get(listing[0]["download_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    log = DownloadLog.objects.get()
    assert (log.user, log.via) == (users.officer_a, "api")


@pytest.mark.parametrize("who", ["officer_b", "outsider"])
def test_marked_document_invisible_outside_scope(docs, users, api, who):
    client = api(getattr(users, who))
    assert docs.secret.pk not in _ids(client.get(URL, {"page_size": 500}))
    assert docs.secret.pk not in _ids(client.get("/api/v1/search", {"q": "chi thi bi mat"}))
    for url in (
        f"{URL}/{docs.secret.pk}",
        f"{URL}/{docs.secret.pk}/attachments",
        f"/api/v1/attachments/{docs.attachment.pk}/download",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]
    assert (
        client.patch(
            f"{URL}/{docs.secret.pk}", {"title": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert not DownloadLog.objects.exists()


def test_search_finds_congress_resolution_without_accents(docs, users, api):
    body = api(users.outsider).get("/api/v1/search", {"q": "nghi quyet dai hoi"}).json()
    item = next(i for i in body["items"] if i["id"] == docs.congress.pk)
    assert item["type"] == "document"
    assert item["title"] == "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
    assert item["snippet"]
    assert api(users.outsider).get("/api/v1/search", {"q": " "}).json() == {"count": 0, "items": []}


def test_create(tree, users, api):
    response = api(users.officer_a).post(
        URL,
        _payload(
            tree,
            kind="plan",
            number="12-KH/ĐU",
            level="commune",
            issuing_org=tree.ward_a.pk,
            secrecy="mat",
            urgency="hoa_toc",
            circulation=[{"org": tree.cell_a1.pk, "role": "member"}],
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    document = Document.objects.get(pk=body["id"])
    assert document.created_by == users.officer_a
    assert body["circulation"] == [{"org": tree.cell_a1.pk, "role": "member"}]
    assert body["urgency"] == "hoa_toc"


def test_create_state_number(tree, users, api):
    response = api(users.admin).post(
        URL, _payload(tree, kind="decree", number="13/2023/NĐ-CP"), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["number"] == "13/2023/NĐ-CP"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"number": "NQ21"}, "number"),
        ({"level": "galaxy"}, "level"),
        ({"issued_on": "2999-01-01"}, "issued_on"),
        ({"audiences": ["robots"]}, "audiences"),
        ({"secrecy": "mat"}, "circulation"),
    ],
)
def test_create_validation_errors(tree, users, api, overrides, field):
    response = api(users.admin).post(
        URL, _payload(tree, **overrides), content_type="application/json"
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert field in fields
    assert not Document.objects.exists()


def test_create_bad_number_message(tree, users, api):
    response = api(users.admin).post(
        URL, _payload(tree, number="21/NQ/TW/"), content_type="application/json"
    )
    message = response.json()["errors"][0]["message"]
    assert "339-QĐ/TW" in message and "13/2023/NĐ-CP" in message


def test_create_circulation_outside_scope(tree, users, api):
    response = api(users.officer_a).post(
        URL,
        _payload(tree, secrecy="mat", circulation=[{"org": tree.ward_b.pk, "role": ""}]),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Circulation.objects.exists()


def test_member_cannot_create(tree, users, api):
    response = api(users.member_a).post(URL, _payload(tree), content_type="application/json")
    assert response.status_code == 403


def test_patch(docs, users, api):
    response = api(users.officer_a).patch(
        f"{URL}/{docs.plan.pk}",
        {"title": "Kế hoạch sửa đổi", "new_points": "Điểm mới."},
        content_type="application/json",
    )
    assert response.status_code == 200
    docs.plan.refresh_from_db()
    assert docs.plan.title == "Kế hoạch sửa đổi"
    assert docs.plan.number == "45-KH/ĐU"  # untouched


def test_patch_by_other_ward_officer_forbidden(docs, users, api):
    response = api(users.officer_b).patch(
        f"{URL}/{docs.plan.pk}", {"title": "Sửa trộm"}, content_type="application/json"
    )
    assert response.status_code == 403
    docs.plan.refresh_from_db()
    assert docs.plan.title != "Sửa trộm"


def test_patch_bad_number(docs, users, api):
    response = api(users.officer_a).patch(
        f"{URL}/{docs.plan.pk}", {"number": "45 KH"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "number"


def test_detail_links_both_ways(docs, users, api):
    DocumentLink.objects.create(source=docs.plan, target=docs.congress, relation="implements")
    DocumentLink.objects.create(source=docs.secret, target=docs.congress, relation="relates")
    links = api(users.officer_b).get(f"{URL}/{docs.congress.pk}").json()["links"]
    assert links == [
        {
            "relation": "implements",
            "relation_name": "triển khai thực hiện",
            "direction": "in",
            "document": docs.plan.pk,
            "number": "45-KH/ĐU",
            "title": docs.plan.title,
        }
    ]
    links = api(users.officer_a).get(f"{URL}/{docs.plan.pk}").json()["links"]
    assert [(link["direction"], link["document"]) for link in links] == [("out", docs.congress.pk)]


def test_add_link(docs, users, api):
    response = api(users.officer_a).post(
        f"{URL}/{docs.plan.pk}/links",
        {"target": docs.congress.pk, "relation": "implements"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert DocumentLink.objects.filter(source=docs.plan, target=docs.congress).exists()


def test_upload_attachment(docs, users, api):
    response = api(users.officer_a).post(
        f"{URL}/{docs.plan.pk}/attachments", {"file": upload("Kế hoạch.pdf", PDF_BYTES)}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Kế hoạch.pdf"


def test_upload_fake_pdf_refused(docs, users, api):
    before = Attachment.objects.count()
    response = api(users.officer_a).post(
        f"{URL}/{docs.plan.pk}/attachments", {"file": upload("gia.pdf", b"MZ\x90\x00 not a pdf")}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "file"
    assert "PDF hoặc DOCX" in response.json()["errors"][0]["message"]
    assert Attachment.objects.count() == before


def test_upload_by_reader_forbidden(docs, users, api):
    response = api(users.member_a).post(
        f"{URL}/{docs.plan.pk}/attachments", {"file": upload("a.pdf", PDF_BYTES)}
    )
    assert response.status_code == 403


def test_creator_sees_own_marked_document(tree, users, api):
    response = api(users.officer_a).post(
        URL,
        _payload(
            tree,
            issued_on=datetime.date(2025, 1, 1).isoformat(),
            secrecy="toi_mat",
            circulation=[{"org": tree.cell_a1.pk, "role": "officer"}],
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert api(users.officer_a).get(f"{URL}/{response.json()['id']}").status_code == 200
    assert api(users.member_a).get(f"{URL}/{response.json()['id']}").status_code == 404
