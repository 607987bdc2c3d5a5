"""Reading a member list: .xlsx (openpyxl, read-only) or .csv, header row matched by folded name."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from quantriet.core.text import fold, nfc

MAX_ROWS = 100_000
HEADER_SCAN_ROWS = 10  # a title line or two may sit above the header row
EXTENSIONS = (".xlsx", ".csv")


@dataclass(frozen=True)
class Column:
    key: str  # Person field, or "org"
    header: str  # as written in the template; a file format, so not translated
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ten")),
    Column("date_of_birth", "Ngày sinh", False, ("ngay thang nam sinh",)),
    Column("gender", "Giới tính", False, ("gioi",)),
    Column("party_card_no", "Số thẻ đảng viên", False, ("so the", "so the dang")),
    Column("org", "Đơn vị / Chi bộ", True, ("don vi", "chi bo", "to chuc", "chi bo don vi")),
    Column("position", "Chức vụ", False),
    Column("category", "Đối tượng", False, ("loai doi tuong",)),
    Column("phone", "Điện thoại", False, ("so dien thoai", "dien thoai di dong", "sdt")),
    Column("email", "Email", False, ("thu dien tu", "e mail")),
    Column("address", "Địa chỉ", False, ("noi o", "dia chi thuong tru")),
)
HEADERS = {column.key: column.header for column in COLUMNS}


def _header_key(text: str) -> str:
    """ "Đơn vị / Chi bộ (*)" → "don vi chi bo": folded, punctuation and stars dropped."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


_BY_HEADER = {
    name: column.key for column in COLUMNS for name in (_header_key(column.header), *column.aliases)
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, bad encoding, missing columns."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.field = field

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class Sheet:
    columns: dict[str, int]  # column key → index in the row
    rows: list[tuple[int, list[object]]]  # (row number as the spreadsheet shows it, cells)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def check_kind(head: bytes, name: str) -> str:
    """The file's kind ("xlsx" or "csv") from its name, checked against its first bytes."""
    lower = name.lower()
    if lower.endswith(".xls"):
        raise ImportFileError(
            _("Tệp .xls (Excel 97–2003) chưa được hỗ trợ; hãy lưu lại dưới dạng .xlsx hoặc .csv.")
        )
    if not lower.endswith(EXTENSIONS):
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    is_zip = head.startswith(b"PK\x03\x04")
    if lower.endswith(".xlsx") and not is_zip:
        raise ImportFileError(
            _(
                "Tệp “%(name)s” không phải tệp Excel .xlsx hợp lệ (có thể đã bị đổi đuôi); "
                "hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
            )
            % {"name": name}
        )
    if lower.endswith(".csv") and (is_zip or head.startswith(b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(
            _("Tệp “%(name)s” là tệp Excel chứ không phải .csv; hãy đổi đuôi thành .xlsx.")
            % {"name": name}
        )
    return "xlsx" if lower.endswith(".xlsx") else "csv"


def read_sheet(file: IO[bytes], name: str, *, limit: int | None = None) -> Sheet:
    """The header mapping and the non-empty data rows (at most `limit` when given)."""
    head = file.read(8)
    file.seek(0)
    kind = check_kind(head, name)
    rows = _xlsx_rows(file) if kind == "xlsx" else _csv_rows(file)
    try:
        return _to_sheet(rows, limit)
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged archive or XML fails in many ways; never a 500
        raise ImportFileError(
            _("Không đọc được nội dung tệp “%(name)s”: tệp bị hỏng hoặc không đúng định dạng.")
            % {"name": name}
        ) from exc


def _xlsx_rows(file: IO[bytes]) -> Any:
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged archive
        raise ImportFileError(
            _("Tệp không phải tệp Excel .xlsx hợp lệ; hãy mở bằng Excel và lưu lại.")
        ) from exc
    try:
        # The first sheet holds the list; the template's second sheet is reference only.
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("Tệp .csv chứa dữ liệu nhị phân; hãy lưu lại dưới dạng CSV UTF-8."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Vietnamese Windows saves "CSV" in Windows-1258, with combining tone marks.
        return nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "Không đọc được bảng mã của tệp .csv; hãy lưu lại với bảng mã UTF-8 "
                "(Excel: “CSV UTF-8 (Comma delimited)”)."
            )
        ) from None


def _csv_rows(file: IO[bytes]) -> Any:
    text = _decode(file.read())
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _is_blank(cells: Any) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _to_sheet(rows: Any, limit: int | None) -> Sheet:
    columns: dict[str, int] = {}
    best: dict[str, int] = {}
    header_row = 0
    data: list[tuple[int, list[object]]] = []
    for row_no, cells in enumerate(rows, start=1):
        if not columns:
            if row_no > HEADER_SCAN_ROWS:
                break
            found: dict[str, int] = {}
            for index, cell in enumerate(cells):
                key = _BY_HEADER.get(_header_key(cell_text(cell)))
                if key and key not in found:
                    found[key] = index
            if len(found) > len(best):
                best, header_row = found, row_no
            if all(c.key in found for c in COLUMNS if c.required):
                columns = found
            continue
        if _is_blank(cells):
            continue
        data.append((row_no, list(cells)))
        if limit is not None and len(data) >= limit:
            break
        if len(data) > MAX_ROWS:
            raise ImportFileError(
                _("Tệp có quá %(max)d dòng; hãy chia thành nhiều tệp nhỏ hơn.") % {"max": MAX_ROWS}
            )
    if not columns:
        missing = [c.header for c in COLUMNS if c.required and c.key not in best]
        raise ImportFileError(
            _(
                "Không tìm thấy dòng tiêu đề có đủ các cột bắt buộc; thiếu cột: %(missing)s. "
                "Hãy dùng tệp mẫu."
            )
            % {"missing": ", ".join(missing)},
            row=header_row or None,
        )
    if not data and limit is None:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return Sheet(columns=columns, rows=data)
