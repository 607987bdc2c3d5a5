"""Documents fixtures: a few documents, a Mật one circulated to ward A with an attachment."""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from quantriet.documents.models import Attachment, Circulation, Document
from quantriet.orgs.models import OrgLevel

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_document(**fields) -> Document:
    """A document saved directly (tests of services build theirs through the services)."""
    circulation = fields.pop("circulation", [])
    level = fields.pop("level", "central")
    defaults = {
        "kind": "resolution",
        "number": "21-NQ/TW",
        "issuer": "Ban Chấp hành Trung ương",
        "issued_on": datetime.date(2025, 3, 1),
        "title": "Nghị quyết về công tác tuyên giáo",
        "level": OrgLevel.objects.get(code=level),
    }
    defaults.update(fields)
    document = Document.objects.create(**defaults)
    for org, role in circulation:
        Circulation.objects.create(document=document, org=org, role=role)
    return document


def make_attachment(document: Document, name: str = "van-ban.pdf") -> Attachment:
    attachment = Attachment(
        document=document,
        original_name=name,
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    attachment.file.save("test.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def docs(tree, users):
    """An open Congress resolution, a ward A plan, and a Mật directive circulated to ward A."""
    congress = make_document(
        number="",
        title="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        issued_on=datetime.date(2026, 1, 23),
        term="khóa XIV",
        core_points="Phát triển nhanh và bền vững đất nước.",
        new_points="Lần đầu xác định kỷ nguyên vươn mình của dân tộc.",
        summary="Tóm tắt nghị quyết Đại hội XIV.",
    )
    plan = make_document(
        kind="plan",
        number="45-KH/ĐU",
        level="commune",
        issuer="Đảng ủy phường Uông Bí",
        issuing_org=tree.ward_a,
        issued_on=datetime.date(2026, 2, 10),
        term="2025–2030",
        title="Kế hoạch học tập, quán triệt Nghị quyết Đại hội XIV",
    )
    secret = make_document(
        kind="directive",
        number="05-CT/ĐU",
        level="commune",
        issuer="Đảng ủy phường Uông Bí",
        issuing_org=tree.ward_a,
        issued_on=datetime.date(2025, 9, 5),
        title="Chỉ thị về bảo vệ bí mật nhà nước trong tình hình mới",
        secrecy="mat",
        urgency="khan",
        circulation=[(tree.ward_a, "")],
    )
    attachment = make_attachment(secret, "chi-thi-mat.pdf")
    open_attachment = make_attachment(plan, "ke-hoach.pdf")
    return SimpleNamespace(
        congress=congress,
        plan=plan,
        secret=secret,
        attachment=attachment,
        open_attachment=open_attachment,
    )
