"""The attendance workbook of a conference: a summary sheet, then one sheet per site.

Rows are what the user may see (`access.visible_invitations`); the query count is fixed
whatever the number of rows or sites.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from quantriet.conferences import access
from quantriet.conferences.attendance import selectors as attendance_selectors
from quantriet.conferences.models import CheckIn, Conference, Method

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_TITLE = 31


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = _FORBIDDEN.sub(" ", name).strip(" '") or _("Điểm cầu")
    title = base[:MAX_SHEET_TITLE].rstrip()
    n = 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title = base[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(title.casefold())
    return title


def _local(value: object) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")  # type: ignore[arg-type]


def _method_label(value: str | None) -> str:
    return str(Method(value).label) if value in Method.values else ""


def _bold_header(sheet: object, headers: list[str], widths: list[int]) -> None:
    sheet.append(headers)  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]


def attendance_workbook(conference: Conference, user: User | AnonymousUser) -> bytes:
    """The .xlsx bytes. Four queries: sites with counts, invitees, uninvited check-ins, none else."""
    summary = attendance_selectors.attendance_by_site(conference)
    invitees = attendance_selectors.visible_invitees(user, conference)
    uninvited = (
        access.visible_checkins(user, conference)
        .filter(invited=False)
        .select_related("person", "person__org")
        .order_by("site_id", "person__search_name", "pk")
    )
    rows_by_site: dict[int, list[list[object]]] = defaultdict(list)
    for invitation in invitees:
        rows_by_site[invitation.site_id].append(
            [
                invitation.person.full_name,
                invitation.person.org.name,
                attendance_selectors.status_label(invitation.status),
                _local(invitation.checkin_at),
                _method_label(invitation.checkin_method),
            ]
        )
    checkin: CheckIn
    for checkin in uninvited:
        rows_by_site[checkin.site_id].append(
            [
                checkin.person.full_name,
                checkin.person.org.name,
                _("Có mặt (ngoài danh sách mời)"),
                _local(checkin.at),
                _method_label(checkin.method),
            ]
        )

    book = Workbook()
    taken: set[str] = set()
    sheet = book.active
    sheet.title = sheet_title(_("Tổng hợp"), taken)
    _bold_header(
        sheet,
        [
            _("Điểm cầu"),
            _("Tổ chức"),
            _("Được mời"),
            _("Dự kiến"),
            _("Có mặt"),
            _("Đi muộn"),
            _("Vắng có lý do"),
            _("Vắng không lý do"),
            _("Học bù"),
            _("Tỷ lệ (%)"),
            _("Tỷ lệ gồm học bù (%)"),
            _("Đã báo cáo"),
        ],
        [36, 36, 10, 10, 10, 10, 14, 10, 10, 10, 18, 12],
    )
    for row in summary.sites:
        sheet.append(
            [
                row.site.name,
                row.site.org.name,
                row.invited,
                row.expected,
                row.present,
                row.late,
                row.excused,
                row.absent,
                row.made_up,
                row.rate,
                row.rate_with_makeup,
                _("Có") if row.reported else _("Chưa"),
            ]
        )
    totals = summary.totals
    sheet.append(
        [
            _("Tổng cộng"),
            "",
            totals.invited,
            totals.expected,
            totals.present,
            totals.late,
            totals.excused,
            totals.absent,
            totals.made_up,
            totals.rate,
            totals.rate_with_makeup,
            f"{totals.reported}/{totals.sites}",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)

    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Đơn vị"),
        _("Trạng thái"),
        _("Thời điểm điểm danh"),
        _("Hình thức điểm danh"),
    ]
    for row in summary.sites:
        site_sheet = book.create_sheet(sheet_title(row.site.name, taken))
        _bold_header(site_sheet, headers, [6, 30, 36, 22, 20, 26])
        for number, values in enumerate(rows_by_site.get(row.site.pk, []), start=1):
            site_sheet.append([number, *values])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_filename(conference: Conference) -> str:
    return f"diem-danh-hoi-nghi-{conference.pk}.xlsx"
