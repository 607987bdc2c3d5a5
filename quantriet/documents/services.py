"""Writes for documents. Forms and the API both call these, so both validate the same way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.core.files import store_checked_file
from quantriet.core.text import nfc
from quantriet.core.validation import clean_fields
from quantriet.documents import access
from quantriet.documents.models import (
    Attachment,
    Circulation,
    Document,
    DocumentLink,
    DownloadLog,
    LinkKind,
)
from quantriet.documents.validators import validate_number
from quantriet.orgs.models import Category, Org, OrgLevel, Role

# Fields a caller may set; "circulation" is a list of (Org, role) pairs.
DOCUMENT_FIELDS = (
    "kind",
    "number",
    "level",
    "issuer",
    "issuing_org",
    "issued_on",
    "term",
    "title",
    "summary",
    "core_points",
    "new_points",
    "audiences",
    "secrecy",
    "urgency",
)

CirculationEntries = Iterable[tuple[Org, str]]

# Stored as NFC without surrounding spaces (Document.save), so checked that way.
TEXT_FIELDS = ("issuer", "term", "title", "summary", "core_points", "new_points")


def create_document(
    *,
    user: User,
    kind: str,
    level: OrgLevel,
    issuer: str,
    issued_on: date,
    title: str,
    number: str = "",
    issuing_org: Org | None = None,
    term: str = "",
    summary: str = "",
    core_points: str = "",
    new_points: str = "",
    audiences: Iterable[str] = (),
    secrecy: str = "",
    urgency: str = "",
    circulation: CirculationEntries = (),
) -> Document:
    """Register a document with its circulation scope, recording who registered it."""
    access.require_register_documents(user)
    document = Document(created_by=user)
    values = {
        "kind": kind,
        "number": number,
        "level": level,
        "issuer": issuer,
        "issuing_org": issuing_org,
        "issued_on": issued_on,
        "term": term,
        "title": title,
        "summary": summary,
        "core_points": core_points,
        "new_points": new_points,
        "audiences": list(audiences),
        "secrecy": secrecy,
        "urgency": urgency,
    }
    return _save(user=user, document=document, values=values, circulation=list(circulation))


def update_document(*, user: User, document: Document, changes: Mapping[str, Any]) -> Document:
    """Apply `changes` (any of DOCUMENT_FIELDS, and "circulation") to a visible document."""
    access.require_edit_document(user, document)
    unknown = set(changes) - {*DOCUMENT_FIELDS, "circulation"}
    if unknown:
        raise ValidationError({name: _("Trường này không được phép thay đổi.") for name in unknown})
    values = {name: changes[name] for name in DOCUMENT_FIELDS if name in changes}
    circulation = list(changes["circulation"]) if "circulation" in changes else None
    return _save(user=user, document=document, values=values, circulation=circulation)


def _current_circulation(document: Document) -> list[tuple[Org, str]]:
    if document.pk is None:
        return []
    return [(row.org, row.role) for row in document.circulation.select_related("org")]


def _save(
    *,
    user: User,
    document: Document,
    values: dict[str, Any],
    circulation: list[tuple[Org, str]] | None,
) -> Document:
    errors: dict[str, list[str]] = {}
    before_issuing_id = document.issuing_org_id
    before = _current_circulation(document)

    for name in TEXT_FIELDS:
        if name in values:
            values[name] = nfc(values[name] or "").strip()
    if "number" in values:
        try:
            values["number"] = validate_number(values["number"] or "")
        except ValidationError as exc:
            errors["number"] = exc.messages
    for name in ("secrecy", "urgency"):
        if name in values:
            values[name] = values[name] or ""
    if "audiences" in values:
        audiences = list(dict.fromkeys(values["audiences"] or []))
        bad = [code for code in audiences if code not in Category.values]
        if bad:
            errors["audiences"] = [
                _("Đối tượng không hợp lệ: %(codes)s.") % {"codes": ", ".join(map(str, bad))}
            ]
        values["audiences"] = audiences
    issued_on = values.get("issued_on")
    if isinstance(issued_on, date) and issued_on > timezone.localdate():
        errors["issued_on"] = [_("Ngày ban hành không được sau ngày hôm nay.")]
    issuing = values.get("issuing_org", document.issuing_org if document.pk else None)
    if (
        "issuing_org" in values
        and issuing is not None
        and issuing.pk != before_issuing_id
        and not access.can_use_org(user, issuing)
    ):
        errors["issuing_org"] = [_("Tổ chức ban hành nằm ngoài phạm vi quản lý của đồng chí.")]

    entries = before if circulation is None else _clean_circulation(circulation)
    if circulation is not None:
        kept = {(org.pk, role) for org, role in before}
        for org, role in entries:
            if role not in ("", *Role.values):
                errors.setdefault("circulation", []).append(
                    _("Vai trò “%(role)s” không hợp lệ.") % {"role": role}
                )
            elif (org.pk, role) not in kept and not access.can_use_org(user, org):
                errors.setdefault("circulation", []).append(
                    _("Tổ chức “%(org)s” nằm ngoài phạm vi quản lý của đồng chí.")
                    % {"org": org.name}
                )
    secrecy = values.get("secrecy", document.secrecy)
    if secrecy and not entries:
        errors.setdefault("circulation", []).append(
            _("Văn bản có độ mật phải có phạm vi lưu hành (ít nhất một tổ chức).")
        )

    # The model's own bounds (lengths, choices, required fields) for what the checks above
    # have not already found wrong: a title past 500 characters is a field error, not a
    # PostgreSQL DataError.
    clean_fields(Document, values, errors)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(document, name, value)

    with transaction.atomic():
        document.save()
        if circulation is not None:
            document.circulation.all().delete()
            Circulation.objects.bulk_create(
                Circulation(document=document, org=org, role=role) for org, role in entries
            )
    return document


def _clean_circulation(entries: Iterable[tuple[Org, str]]) -> list[tuple[Org, str]]:
    seen: dict[tuple[int, str], tuple[Org, str]] = {}
    for org, role in entries:
        seen.setdefault((org.pk, role or ""), (org, role or ""))
    return list(seen.values())


def circulation_from(orgs: Iterable[Org], roles: Iterable[str]) -> list[tuple[Org, str]]:
    """Every chosen organisation × every chosen role; any role when none is chosen."""
    roles = list(roles) or [""]
    return [(org, role) for org in orgs for role in roles]


# --- attachments -------------------------------------------------------------


def add_attachment(
    *, user: User, document: Document, stream: IO[bytes], name: str, size: int
) -> Attachment:
    """Store a checked PDF or DOCX under a random name; the original name is kept for downloads."""
    access.require_edit_document(user, document)
    return store_checked_file(Attachment(document=document, uploaded_by=user), stream, name, size)


def log_download(
    *, user: User, attachment: Attachment, ip_address: str | None, via: str
) -> DownloadLog | None:
    """Record a download of a marked document's attachment; unmarked ones are not logged."""
    if not attachment.document.is_marked:
        return None
    return DownloadLog.objects.create(
        attachment=attachment, user=user, ip_address=ip_address or None, via=via
    )


# --- links -------------------------------------------------------------------


def link_documents(
    *, user: User, source: Document, target: Document, relation: str
) -> DocumentLink:
    """`source` <relation> `target`; the caller may edit `source` and see `target`."""
    access.require_edit_document(user, source)
    if relation not in LinkKind.values:
        raise ValidationError({"relation": _("Quan hệ không hợp lệ.")})
    if not access.visible_documents(user).filter(pk=target.pk).exists():
        raise ValidationError({"target": _("Không tìm thấy văn bản được liên kết.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("Không thể liên kết văn bản với chính nó.")})
    try:
        with transaction.atomic():
            return DocumentLink.objects.create(source=source, target=target, relation=relation)
    except IntegrityError:
        raise ValidationError({"target": _("Liên kết này đã có.")}) from None
