"""Uploaded files for every app: a PDF or DOCX checked by its content, stored under a random
name, and served back under its original name."""

from __future__ import annotations

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
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from quantriet.core.models import StoredFile
from quantriet.core.text import nfc

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {".pdf": PDF, ".docx": DOCX}


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


def file_response(stored: StoredFile) -> FileResponse:
    """The stored file as a download under its original name; 404 when the file is gone."""
    try:
        handle = stored.file.open("rb")  # type: ignore[attr-defined]
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
