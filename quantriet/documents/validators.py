"""Checks for document numbers and attachments, shared by forms, services and the API."""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from quantriet.core.text import nfc

# Symbols use Latin capitals plus the Vietnamese ones (ĐU, TƯ); a few keep a small letter (QĐi, TTg).
_UP = "A-ZĐĂÂÊÔƠƯ"
_ANY = "A-Za-zĐđĂăÂâÊêÔôƠơƯư"
_PART = f"[{_UP}0-9][{_ANY}0-9]*"
# Party style: number, hyphen, kind, slash, issuer (339-QĐ/TW, 01-CTr/ĐU, 45-KH/BTGDVTU).
PARTY_NUMBER = re.compile(rf"^\d{{1,5}}-[{_UP}][{_ANY}]{{0,5}}/{_PART}([/-]{_PART})*$")
# State style: number, optional year, kind-issuer (13/2023/NĐ-CP, 123/QĐ-UBND, 45/2019/QH14).
STATE_NUMBER = re.compile(rf"^\d{{1,5}}/(\d{{4}}/)?[{_UP}][{_ANY}0-9]*(-[{_UP}][{_ANY}0-9]*)*$")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {".pdf": PDF, ".docx": DOCX}


def normalize_number(value: str) -> str:
    """NFC, without any spaces: `339 - QĐ / TW` → `339-QĐ/TW`."""
    return "".join(nfc(value).split())


def number_style(value: str) -> str | None:
    """ "party", "state" or None for a normalised number."""
    if PARTY_NUMBER.match(value):
        return "party"
    if STATE_NUMBER.match(value):
        return "state"
    return None


def validate_number(value: str) -> str:
    """Return the normalised number; blank is allowed (Congress resolutions have none)."""
    number = normalize_number(value)
    if number and number_style(number) is None:
        raise ValidationError(
            _(
                "Số, ký hiệu “%(value)s” không đúng mẫu. Văn bản của Đảng ghi dạng 339-QĐ/TW "
                "(số, gạch nối, ký hiệu); văn bản nhà nước ghi dạng 13/2023/NĐ-CP (có dấu gạch chéo)."
            ),
            code="invalid_number",
            params={"value": number},
        )
    return number


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    content_type: str
    extension: str
    size: int


def _is_docx(stream: IO[bytes]) -> bool:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)


def check_attachment(stream: IO[bytes], name: str, size: int) -> CheckedFile:
    """Accept a PDF or DOCX within the size limit, judged by its content as well as its name."""
    original = PurePath(nfc(name).replace("\\", "/")).name.strip() or "tep-dinh-kem"
    limit = settings.MAX_ATTACHMENT_BYTES
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s); chỉ nhận tệp tối đa %(limit)s."),
            code="too_large",
            params={"name": original, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), code="empty", params={"name": original})
    extension = PurePath(original).suffix.lower()
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    guessed = filetype.guess(head)
    mime = guessed.mime if guessed else ""
    if mime == PDF and head.startswith(b"%PDF-"):
        detected = ".pdf"
    elif mime in {DOCX, "application/zip"} and _is_docx(stream):
        detected = ".docx"
    else:
        detected = ""
    if not detected or extension != detected:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải văn bản PDF hoặc Word (.docx) hợp lệ: nội dung tệp "
                "không khớp với định dạng cho phép. Chỉ nhận tệp PDF hoặc DOCX."
            ),
            code="bad_type",
            params={"name": original},
        )
    return CheckedFile(
        original_name=original[:255],
        content_type=ALLOWED_TYPES[detected],
        extension=detected,
        size=size,
    )


def store_checked_file(instance: Any, stream: IO[bytes], name: str, size: int) -> Any:
    """Check an uploaded PDF/DOCX, then save it under a random name on `instance` (a model with
    `file`, `original_name`, `content_type` and `size`); the original name is kept for downloads.

    A bad file raises ValidationError({"file": …}) and stores nothing.
    """
    try:
        checked = check_attachment(stream, name, size)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    stream.seek(0)
    instance.original_name = checked.original_name
    instance.content_type = checked.content_type
    instance.size = checked.size
    with transaction.atomic():
        instance.file.save(f"{uuid.uuid4().hex}{checked.extension}", File(stream), save=False)
        try:
            instance.save()
        except Exception:
            instance.file.delete(save=False)
            raise
    return instance
