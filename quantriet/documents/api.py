"""Documents API: registry, attachments, links, and the accent-insensitive /search."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, ListOut, PageParams, paginate, whole_list
from quantriet.core import registry
from quantriet.core.files import file_response
from quantriet.core.http import client_ip
from quantriet.documents import access, selectors, services
from quantriet.documents.models import Attachment, Document
from quantriet.orgs.access import visible_orgs
from quantriet.orgs.models import Org, OrgLevel

router = Router(tags=["documents"])


class CirculationEntry(Schema):
    org: int
    role: str = ""


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    download_url: str

    @staticmethod
    def resolve_name(obj: Attachment) -> str:
        return obj.original_name

    @staticmethod
    def resolve_download_url(obj: Attachment) -> str:
        return reverse("api:attachment_download", kwargs={"attachment_id": obj.pk})


class LinkOut(Schema):
    relation: str
    relation_name: str
    direction: Literal["out", "in"]
    document: int
    number: str
    title: str


class DocumentFields(Schema):
    id: int
    kind: str
    kind_name: str
    number: str
    level: str
    level_name: str
    issuer: str
    issuing_org: int | None
    issued_on: date
    term: str
    title: str
    summary: str
    core_points: str
    new_points: str
    audiences: list[str]
    secrecy: str
    urgency: str


class DocumentOut(DocumentFields):
    """A list item, read from a Document (with `level` selected)."""

    @staticmethod
    def resolve_kind_name(obj: Document) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_level(obj: Document) -> str:
        return obj.level.code

    @staticmethod
    def resolve_level_name(obj: Document) -> str:
        return obj.level.name

    @staticmethod
    def resolve_issuing_org(obj: Document) -> int | None:
        return obj.issuing_org_id


class DocumentDetailOut(DocumentFields):
    """Built by `_detail` from a DocumentOut plus circulation, attachments and links."""

    circulation: list[CirculationEntry]
    attachments: list[AttachmentOut]
    links: list[LinkOut]
    can_edit: bool


class DocumentPage(Schema):
    count: int
    items: list[DocumentOut]


class DocumentFilter(PageParams):
    kind: str | None = None
    level: str | None = None
    year: int | None = None
    term: str | None = None
    q: str | None = None


class DocumentIn(Schema):
    kind: str
    number: str = ""
    level: str = Field(description="Mã cấp ban hành (OrgLevel.code), ví dụ central, province")
    issuer: str
    issuing_org: int | None = None
    issued_on: date
    term: str = ""
    title: str
    summary: str = ""
    core_points: str = ""
    new_points: str = ""
    audiences: list[str] = []
    secrecy: str = ""
    urgency: str = ""
    circulation: list[CirculationEntry] = []


class DocumentPatch(Schema):
    kind: str | None = None
    number: str | None = None
    level: str | None = None
    issuer: str | None = None
    issuing_org: int | None = None
    issued_on: date | None = None
    term: str | None = None
    title: str | None = None
    summary: str | None = None
    core_points: str | None = None
    new_points: str | None = None
    audiences: list[str] | None = None
    secrecy: str | None = None
    urgency: str | None = None
    circulation: list[CirculationEntry] | None = None


class LinkIn(Schema):
    target: int
    relation: str


class SearchItem(Schema):
    type: str
    id: int
    title: str
    number: str
    snippet: str
    url: str


class SearchPage(Schema):
    count: int
    items: list[SearchItem]


class SearchParams(PageParams):
    q: str = ""


# --- helpers -------------------------------------------------------------------


def _resolve(user: User, data: dict[str, Any], document: Document | None) -> dict[str, Any]:
    """Turn codes and ids into objects; an id the caller cannot see is reported as not found."""
    errors: dict[str, list[str]] = {}
    orgs = visible_orgs(user)
    known: set[int] = set()
    if document is not None:
        known = set(document.circulation.values_list("org_id", flat=True))
        if document.issuing_org_id:
            known.add(document.issuing_org_id)
    if data.get("level") is not None:
        level = OrgLevel.objects.filter(code=data["level"]).first()
        if level is None:
            errors["level"] = [_("Cấp ban hành “%(code)s” không có.") % {"code": data["level"]}]
        data["level"] = level
    elif "level" in data:
        errors["level"] = [_("Trường này là bắt buộc.")]
    ids = {entry["org"] for entry in data.get("circulation") or []}
    if data.get("issuing_org") is not None:
        ids.add(data["issuing_org"])
    in_scope = set(orgs.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    found = {
        org.pk: org
        for org in Org.objects.filter(pk__in=ids)
        if org.pk in in_scope or org.pk in known
    }
    if data.get("issuing_org") is not None:
        org = found.get(data["issuing_org"])
        if org is None:
            errors["issuing_org"] = [_("Không tìm thấy tổ chức ban hành.")]
        data["issuing_org"] = org
    if data.get("circulation") is not None:
        entries = []
        for entry in data["circulation"]:
            org = found.get(entry["org"])
            if org is None:
                errors.setdefault("circulation", []).append(
                    _("Không tìm thấy tổ chức %(id)s.") % {"id": entry["org"]}
                )
            else:
                entries.append((org, entry.get("role") or ""))
        data["circulation"] = entries
    for name in ("kind", "issuer", "title", "issued_on"):
        if name in data and data[name] is None:
            errors[name] = [_("Trường này là bắt buộc.")]
    for name in ("number", "term", "summary", "core_points", "new_points", "secrecy", "urgency"):
        if name in data and data[name] is None:
            data[name] = ""
    if "audiences" in data and data["audiences"] is None:
        data["audiences"] = []
    if errors:
        raise ValidationError(errors)
    return data


def _detail(user: User, document: Document) -> dict[str, Any]:
    links = [
        {
            "relation": row.relation,
            "relation_name": row.relation_label,
            "direction": "out" if row.outgoing else "in",
            "document": row.document.pk,
            "number": row.document.number,
            "title": row.document.title,
        }
        for row in selectors.links_of(user, document)
    ]
    out = DocumentOut.model_validate(document).model_dump()
    out.update(
        circulation=[
            {"org": org_id, "role": role}
            for org_id, role in document.circulation.values_list("org_id", "role")
        ],
        attachments=list(selectors.attachments_of(document)),
        links=links,
        can_edit=access.can_edit_document(user, document),
    )
    return out


# --- documents -------------------------------------------------------------------


@router.get("/documents", response=DocumentPage)
def list_documents(request: HttpRequest, filters: Query[DocumentFilter]) -> dict[str, Any]:
    qs = selectors.documents_for(
        request.user,
        kind=filters.kind,
        level=filters.level,
        year=filters.year,
        term=filters.term,
        q=filters.q,
    )
    return paginate(qs, filters)


@router.post("/documents", response={201: DocumentDetailOut, **ERRORS})
def create_document(request: HttpRequest, payload: DocumentIn) -> Status:
    user = request.user
    access.require_register_documents(user)
    data = _resolve(user, payload.model_dump(), None)  # type: ignore[arg-type]
    document = services.create_document(user=user, **data)  # type: ignore[arg-type]
    return Status(201, _detail(user, access.get_document(user, document.pk)))  # type: ignore[arg-type]


@router.get("/documents/{document_id}", response={200: DocumentDetailOut, 404: ErrorOut})
def get_document(request: HttpRequest, document_id: int) -> dict[str, Any]:
    document = access.get_document(request.user, document_id)
    return _detail(request.user, document)  # type: ignore[arg-type]


@router.patch("/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS})
def update_document(request: HttpRequest, document_id: int, payload: DocumentPatch) -> Any:
    user = request.user
    document = access.get_document(user, document_id)
    access.require_edit_document(user, document)
    changes = _resolve(user, payload.model_dump(exclude_unset=True), document)  # type: ignore[arg-type]
    services.update_document(user=user, document=document, changes=changes)  # type: ignore[arg-type]
    return _detail(user, access.get_document(user, document.pk))  # type: ignore[arg-type]


# --- attachments and links ---------------------------------------------------------


@router.get(
    "/documents/{document_id}/attachments", response={200: ListOut[AttachmentOut], 404: ErrorOut}
)
def list_attachments(request: HttpRequest, document_id: int) -> Any:
    document = access.get_document(request.user, document_id)
    return whole_list(selectors.attachments_of(document))


@router.post("/documents/{document_id}/attachments", response={201: AttachmentOut, **ERRORS})
def upload_attachment(request: HttpRequest, document_id: int, file: File[UploadedFile]) -> Status:
    document = access.get_document(request.user, document_id)
    attachment = services.add_attachment(
        user=request.user,  # type: ignore[arg-type]
        document=document,
        stream=file,
        name=file.name or "",
        size=file.size or 0,
    )
    return Status(201, attachment)


@router.get(
    "/attachments/{attachment_id}/download",
    response={200: None, 404: ErrorOut},
    url_name="attachment_download",
)
def download_attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = access.get_attachment(request.user, attachment_id)
    response = file_response(attachment)
    services.log_download(
        user=request.user,  # type: ignore[arg-type]
        attachment=attachment,
        ip_address=client_ip(request),
        via="api",
    )
    return response


@router.post("/documents/{document_id}/links", response={201: LinkOut, **ERRORS})
def add_link(request: HttpRequest, document_id: int, payload: LinkIn) -> Status:
    user = request.user
    source = access.get_document(user, document_id)
    access.require_edit_document(user, source)
    target = access.visible_documents(user).filter(pk=payload.target).first()
    if target is None:
        raise ValidationError({"target": _("Không tìm thấy văn bản được liên kết.")})
    link = services.link_documents(
        user=user,  # type: ignore[arg-type]
        source=source,
        target=target,
        relation=payload.relation,
    )
    return Status(
        201,
        {
            "relation": link.relation,
            "relation_name": str(link.get_relation_display()),
            "direction": "out",
            "document": target.pk,
            "number": target.number,
            "title": target.title,
        },
    )


# --- search -------------------------------------------------------------------------


@router.get("/search", response=SearchPage)
def search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Accent-insensitive search (`nghi quyet dai hoi` finds `Nghị quyết Đại hội`).

    Documents first, then what other apps add through `core.registry` (published questions
    and answers: `type` "question"; news will add its own `type`).
    """
    if not params.q.strip():
        return {"count": 0, "items": []}
    count, items = registry.search(
        user=request.user,
        q=params.q,
        offset=(params.page - 1) * params.page_size,
        limit=params.page_size,
    )
    return {"count": count, "items": items}
