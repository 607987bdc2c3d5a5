import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quantriet.documents.models import Attachment, Circulation, Document, DocumentLink, DownloadLog
from quantriet.orgs.models import OrgLevel
from tests.documents.conftest import PDF_BYTES, docx_bytes, make_document, upload

LIST = reverse("documents:list")


def _detail(document):
    return reverse("documents:detail", args=[document.pk])


def test_list_shows_documents_with_marks(docs, users, login):
    response = login(users.officer_a).get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng" in page
    assert "05-CT/ĐU" in page
    assert "qt-badge-secret" in page
    assert "Khẩn" in page


def test_list_requires_login(client):
    response = client.get(LIST)
    assert response.status_code == 302


def test_list_filters_and_accent_insensitive_search(docs, users, login):
    client = login(users.officer_a)
    page = client.get(LIST, {"q": "nghi quyet dai hoi"}).content.decode()
    assert "lần thứ XIV của Đảng" in page
    assert "45-KH/ĐU" in page  # its title mentions "Nghị quyết Đại hội XIV" too
    page = client.get(LIST, {"q": "dai bieu toan quoc"}).content.decode()
    assert "lần thứ XIV của Đảng" in page and "45-KH/ĐU" not in page
    page = client.get(LIST, {"kind": "plan"}).content.decode()
    assert "45-KH/ĐU" in page and "lần thứ XIV của Đảng" not in page
    page = client.get(LIST, {"level": "central"}).content.decode()
    assert "lần thứ XIV của Đảng" in page and "45-KH/ĐU" not in page
    page = client.get(LIST, {"year": "2025"}).content.decode()
    assert "05-CT/ĐU" in page and "45-KH/ĐU" not in page
    page = client.get(LIST, {"term": "2025–2030"}).content.decode()
    assert "45-KH/ĐU" in page and "05-CT/ĐU" not in page


def test_marked_document_hidden_from_list_and_search_outside_scope(docs, users, login):
    for user in (users.officer_b, users.outsider):
        client = login(user)
        assert "05-CT/ĐU" not in client.get(LIST).content.decode()
        assert "05-CT/ĐU" not in client.get(LIST, {"q": "bi mat"}).content.decode()
    assert "05-CT/ĐU" in login(users.officer_a).get(LIST, {"q": "bi mat"}).content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_is_fixed(tree, users, login, rows, django_assert_num_queries):
    for n in range(rows):
        make_document(number=f"{n + 1}-NQ/TW", secrecy="mat", circulation=[(tree.ward_a, "")])
        make_document(number=f"{n + 10}-KL/TW", term=f"khóa {n}")
    client = login(users.officer_a)
    # session, user, grants, person, levels, years, terms, count, page; base.html's user.person
    with django_assert_num_queries(10):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 2 * rows


def test_detail_puts_core_and_new_points_first(docs, users, login):
    page = login(users.outsider).get(_detail(docs.congress)).content.decode()
    core = page.index("Phát triển nhanh và bền vững")
    new = page.index("kỷ nguyên vươn mình")
    summary = page.index("Tóm tắt nghị quyết Đại hội XIV")
    meta = page.index("Thông tin văn bản")
    assert core < new < summary < meta


def test_marked_document_in_scope(docs, users, login):
    client = login(users.officer_a)
    response = client.get(_detail(docs.secret))
    assert response.status_code == 200
    assert "chi-thi-mat.pdf" in response.content.decode()
    download = client.get(reverse("documents:attachment_download", args=[docs.attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "chi-thi-mat.pdf" in download["Content-Disposition"]
    log = DownloadLog.objects.get()
    assert (log.user, log.attachment, log.via) == (users.officer_a, docs.attachment, "web")
    assert log.ip_address == "127.0.0.1"


def test_unmarked_download_not_logged(docs, users, login):
    url = reverse("documents:attachment_download", args=[docs.open_attachment.pk])
    assert login(users.outsider).get(url).status_code == 200
    assert not DownloadLog.objects.exists()


@pytest.mark.parametrize("who", ["officer_b", "outsider"])
def test_marked_document_404_outside_scope(docs, users, login, who):
    client = login(getattr(users, who))
    urls = [
        _detail(docs.secret),
        reverse("documents:edit", args=[docs.secret.pk]),
        reverse("documents:download_log", args=[docs.secret.pk]),
        reverse("documents:attachment_upload", args=[docs.secret.pk]),
        reverse("documents:attachment_download", args=[docs.attachment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert not DownloadLog.objects.exists()


def test_links_shown_both_ways_only_to_visible(docs, users, login):
    DocumentLink.objects.create(source=docs.plan, target=docs.congress, relation="implements")
    DocumentLink.objects.create(source=docs.secret, target=docs.congress, relation="relates")
    page = login(users.officer_b).get(_detail(docs.congress)).content.decode()
    assert "Kế hoạch học tập, quán triệt" in page
    assert "bảo vệ bí mật" not in page
    assert "triển khai thực hiện" in page
    page = login(users.officer_a).get(_detail(docs.congress)).content.decode()
    assert "bảo vệ bí mật" in page
    page = login(users.officer_a).get(_detail(docs.plan)).content.decode()
    assert "lần thứ XIV của Đảng" in page


def test_link_add(docs, users, login):
    response = login(users.officer_a).post(
        reverse("documents:link_add", args=[docs.plan.pk]),
        {"relation": "implements", "target": docs.congress.pk},
    )
    assert response.status_code == 302
    assert DocumentLink.objects.filter(source=docs.plan, target=docs.congress).exists()


def test_link_add_to_invisible_target_refused(docs, users, tree, login):
    plan_b = make_document(kind="plan", number="3-KH/ĐU", issuing_org=tree.ward_b)
    response = login(users.officer_b).post(
        reverse("documents:link_add", args=[plan_b.pk]),
        {"relation": "implements", "target": docs.secret.pk},
    )
    assert response.status_code == 400
    assert not DocumentLink.objects.exists()


def _form_data(tree, **overrides):
    data = {
        "kind": "plan",
        "number": "12-KH/ĐU",
        "level": OrgLevel.objects.get(code="commune").pk,
        "issuer": "Đảng ủy phường Uông Bí",
        "issuing_org": tree.ward_a.pk,
        "issued_on": "2026-02-01",
        "term": "2025–2030",
        "title": "Kế hoạch tuyên truyền Nghị quyết",
        "core_points": "Ba đột phá chiến lược.",
        "audiences": ["party_member"],
        "secrecy": "mat",
        "urgency": "",
        "circulation_orgs": [tree.ward_a.pk],
        "circulation_roles": ["officer"],
    }
    data.update(overrides)
    return data


def test_create_through_form(tree, users, login):
    response = login(users.officer_a).post(reverse("documents:create"), _form_data(tree))
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(document)
    assert document.created_by == users.officer_a
    assert document.audiences == ["party_member"]
    assert list(Circulation.objects.values_list("org_id", "role")) == [(tree.ward_a.pk, "officer")]


def test_create_form_shows_number_message(tree, users, login):
    response = login(users.officer_a).post(
        reverse("documents:create"), _form_data(tree, number="NQ21")
    )
    assert response.status_code == 200
    assert "339-QĐ/TW" in response.content.decode()
    assert not Document.objects.exists()


def test_create_form_marked_without_circulation(tree, users, login):
    response = login(users.officer_a).post(
        reverse("documents:create"), _form_data(tree, circulation_orgs=[])
    )
    assert "phạm vi lưu hành" in response.content.decode()
    assert not Document.objects.exists()


def test_create_form_offers_only_own_orgs(tree, users, login):
    response = login(users.officer_a).get(reverse("documents:create"))
    choices = {org.pk for org in response.context["form"].fields["circulation_orgs"].queryset}
    assert choices == {tree.ward_a.pk, tree.cell_a1.pk}


def test_member_cannot_register(tree, users, login):
    assert login(users.member_a).get(reverse("documents:create")).status_code == 403


def test_edit_own_document(docs, users, login):
    client = login(users.officer_a)
    url = reverse("documents:edit", args=[docs.plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**_edit_data(docs.plan), "title": "Kế hoạch đã sửa"})
    assert response.status_code == 302
    docs.plan.refresh_from_db()
    assert docs.plan.title == "Kế hoạch đã sửa"


def _edit_data(document):
    return {
        "kind": document.kind,
        "number": document.number,
        "level": document.level_id,
        "issuer": document.issuer,
        "issuing_org": document.issuing_org_id or "",
        "issued_on": document.issued_on.isoformat(),
        "term": document.term,
        "title": document.title,
        "secrecy": document.secrecy,
        "urgency": document.urgency,
        "circulation_orgs": [row.org_id for row in document.circulation.all()],
    }


def test_other_ward_officer_cannot_edit(docs, users, login):
    client = login(users.officer_b)
    assert client.get(reverse("documents:edit", args=[docs.plan.pk])).status_code == 403
    response = client.post(
        reverse("documents:edit", args=[docs.plan.pk]),
        {**_edit_data(docs.plan), "title": "Sửa trộm"},
    )
    assert response.status_code == 403
    docs.plan.refresh_from_db()
    assert docs.plan.title != "Sửa trộm"


def test_upload_pdf_and_docx(docs, users, login):
    client = login(users.officer_a)
    url = reverse("documents:attachment_upload", args=[docs.plan.pk])
    assert client.post(url, {"file": upload("Kế hoạch.pdf", PDF_BYTES)}).status_code == 302
    assert client.post(url, {"file": upload("phu-luc.docx", docx_bytes())}).status_code == 302
    names = set(docs.plan.attachments.values_list("original_name", flat=True))
    assert {"Kế hoạch.pdf", "phu-luc.docx"} <= names


def test_upload_fake_pdf_refused(docs, users, login):
    before = Attachment.objects.count()
    response = login(users.officer_a).post(
        reverse("documents:attachment_upload", args=[docs.plan.pk]),
        {"file": upload("gia-mao.pdf", b"khong phai pdf")},
    )
    assert response.status_code == 400
    assert "PDF hoặc DOCX" in response.content.decode()
    assert Attachment.objects.count() == before


def test_upload_oversize_refused(docs, users, login, settings):
    settings.MAX_ATTACHMENT_BYTES = 16
    before = Attachment.objects.count()
    response = login(users.officer_a).post(
        reverse("documents:attachment_upload", args=[docs.plan.pk]),
        {"file": upload("lon.pdf", PDF_BYTES)},
    )
    assert "quá lớn" in response.content.decode()
    assert Attachment.objects.count() == before


def test_upload_forbidden_for_reader(docs, users, login):
    response = login(users.member_a).post(
        reverse("documents:attachment_upload", args=[docs.plan.pk]),
        {"file": upload("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == 403


def test_download_log_page_for_editors(docs, users, login):
    client = login(users.officer_a)
    client.get(reverse("documents:attachment_download", args=[docs.attachment.pk]))
    page = client.get(reverse("documents:download_log", args=[docs.secret.pk]))
    assert page.status_code == 200
    assert "officer_a" in page.content.decode()
    assert (
        login(users.member_a)
        .get(reverse("documents:download_log", args=[docs.secret.pk]))
        .status_code
        == 403
    )


def test_future_date_refused(tree, users, login):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = login(users.officer_a).post(
        reverse("documents:create"), _form_data(tree, issued_on=tomorrow)
    )
    assert "sau ngày hôm nay" in response.content.decode()


def test_pagination_keeps_the_filters(users, login):
    for number in ("1-NQ/TW", "2-NQ/TW", "3-NQ/TW"):
        make_document(number=number, kind="resolution")

    body = login(users.officer_a).get("/documents/?kind=resolution&page_size=1").content.decode()

    assert "kind=resolution&amp;page_size=1&amp;page=2" in body
    assert "Trang 1/3" in body
