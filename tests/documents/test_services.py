import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quantriet.documents import services
from quantriet.documents.models import Attachment, Circulation, DocumentLink, DownloadLog
from quantriet.orgs.models import OrgLevel, Role
from tests.documents.conftest import PDF_BYTES, docx_bytes, make_document


def _fields(**overrides):
    fields = {
        "kind": "plan",
        "number": "12-KH/ĐU",
        "level": OrgLevel.objects.get(code="commune"),
        "issuer": "Đảng ủy phường Uông Bí",
        "issued_on": datetime.date(2026, 2, 1),
        "title": "Kế hoạch tuyên truyền",
    }
    fields.update(overrides)
    return fields


def test_create_document_with_circulation_records_creator(tree, users):
    document = services.create_document(
        user=users.officer_a,
        secrecy="mat",
        issuing_org=tree.ward_a,
        audiences=["party_member", "key_cadre"],
        circulation=services.circulation_from([tree.cell_a1], [Role.OFFICER, Role.MEMBER]),
        **_fields(number=" 12 - KH / ĐU "),
    )
    assert document.created_by == users.officer_a
    assert document.number == "12-KH/ĐU"
    rows = set(Circulation.objects.filter(document=document).values_list("org_id", "role"))
    assert rows == {(tree.cell_a1.pk, "officer"), (tree.cell_a1.pk, "member")}


def test_circulation_without_roles_means_any_role(tree, users):
    assert services.circulation_from([tree.ward_a], []) == [(tree.ward_a, "")]


def test_marked_document_needs_circulation(tree, users):
    with pytest.raises(ValidationError) as info:
        services.create_document(user=users.officer_a, secrecy="mat", **_fields())
    assert "phạm vi lưu hành" in info.value.message_dict["circulation"][0]


def test_officer_cannot_circulate_outside_scope(tree, users):
    with pytest.raises(ValidationError) as info:
        services.create_document(
            user=users.officer_a,
            secrecy="mat",
            issuing_org=tree.ward_b,
            circulation=[(tree.ward_b, "")],
            **_fields(),
        )
    assert set(info.value.message_dict) == {"circulation", "issuing_org"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"number": "NQ 21 TW"}, "number"),
        ({"issued_on": timezone.localdate() + datetime.timedelta(days=1)}, "issued_on"),
        ({"audiences": ["party_member", "aliens"]}, "audiences"),
        ({"kind": "poem"}, "kind"),
        ({"title": ""}, "title"),
        ({"secrecy": "top"}, "secrecy"),
    ],
)
def test_create_document_refuses_bad_fields(tree, users, overrides, field):
    with pytest.raises(ValidationError) as info:
        services.create_document(user=users.admin, **_fields(**overrides))
    assert field in info.value.message_dict


def test_member_cannot_register(tree, users):
    with pytest.raises(PermissionDenied):
        services.create_document(user=users.member_a, **_fields())


def test_update_by_other_ward_officer_is_forbidden(tree, users):
    document = make_document(issuing_org=tree.ward_a, level="commune")
    with pytest.raises(PermissionDenied):
        services.update_document(user=users.officer_b, document=document, changes={"title": "X"})


def test_update_by_own_officer_changes_fields_and_search_text(tree, users):
    document = make_document(issuing_org=tree.ward_a, level="commune")
    services.update_document(
        user=users.officer_a,
        document=document,
        changes={"title": "Kế hoạch mới về Đảng", "number": "7-KH/ĐU"},
    )
    document.refresh_from_db()
    assert document.title == "Kế hoạch mới về Đảng"
    assert "ke hoach moi ve dang" in document.search_text


def test_update_cannot_mark_secret_without_circulation(tree, users):
    document = make_document()
    with pytest.raises(ValidationError):
        services.update_document(user=users.admin, document=document, changes={"secrecy": "mat"})


def test_officer_keeps_circulation_set_by_admin(tree, users):
    document = make_document(
        issuing_org=tree.ward_a, secrecy="mat", circulation=[(tree.province, "admin")]
    )
    services.update_document(
        user=users.officer_a,
        document=document,
        changes={"circulation": [(tree.province, "admin"), (tree.ward_a, "")]},
    )
    assert document.circulation.count() == 2


def _media_files():
    root = Path(settings.MEDIA_ROOT) / "documents"
    return sorted(root.rglob("*")) if root.exists() else []


def test_add_attachment_pdf_and_docx(tree, users):
    document = make_document(issuing_org=tree.ward_a)
    pdf = services.add_attachment(
        user=users.officer_a,
        document=document,
        stream=io.BytesIO(PDF_BYTES),
        name="Nghị quyết.pdf",
        size=len(PDF_BYTES),
    )
    content = docx_bytes()
    docx = services.add_attachment(
        user=users.officer_a,
        document=document,
        stream=io.BytesIO(content),
        name="C:\\tai lieu\\ke-hoach.docx",
        size=len(content),
    )
    assert pdf.original_name == "Nghị quyết.pdf"
    assert docx.original_name == "ke-hoach.docx"
    assert docx.file.name.endswith(".docx")
    assert pdf.file.read() == PDF_BYTES


def test_fake_pdf_refused_and_nothing_stored(tree, users):
    document = make_document()
    before = _media_files()
    content = b"chi la van ban thuong"
    with pytest.raises(ValidationError) as info:
        services.add_attachment(
            user=users.admin,
            document=document,
            stream=io.BytesIO(content),
            name="gia.pdf",
            size=len(content),
        )
    assert "PDF hoặc DOCX" in info.value.message_dict["file"][0]
    assert not Attachment.objects.exists()
    assert _media_files() == before


def test_oversize_refused_and_nothing_stored(tree, users, settings):
    settings.MAX_ATTACHMENT_BYTES = 16
    document = make_document()
    with pytest.raises(ValidationError) as info:
        services.add_attachment(
            user=users.admin,
            document=document,
            stream=io.BytesIO(PDF_BYTES),
            name="lon.pdf",
            size=len(PDF_BYTES),
        )
    assert "quá lớn" in info.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


def test_log_download_only_for_marked(docs, users):
    assert services.log_download(
        user=users.officer_a, attachment=docs.attachment, ip_address="10.0.0.1", via="web"
    )
    assert (
        services.log_download(
            user=users.officer_a, attachment=docs.open_attachment, ip_address=None, via="web"
        )
        is None
    )
    assert DownloadLog.objects.get().ip_address == "10.0.0.1"


def test_link_documents_and_refusals(docs, users):
    link = services.link_documents(
        user=users.officer_a, source=docs.plan, target=docs.congress, relation="implements"
    )
    assert link.source == docs.plan
    with pytest.raises(ValidationError):
        services.link_documents(
            user=users.officer_a, source=docs.plan, target=docs.congress, relation="implements"
        )
    with pytest.raises(ValidationError):
        services.link_documents(
            user=users.officer_a, source=docs.plan, target=docs.plan, relation="relates"
        )
    assert DocumentLink.objects.count() == 1


def test_link_to_invisible_document_refused(docs, users, tree):
    plan_b = make_document(kind="plan", number="3-KH/ĐU", issuing_org=tree.ward_b)
    with pytest.raises(ValidationError):
        services.link_documents(
            user=users.officer_b, source=plan_b, target=docs.secret, relation="implements"
        )
