"""The downloadable template: the headers, a sample row, and drop-down lists in the .xlsx."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from quantriet.orgs import access
from quantriet.orgs.importing import vietnamese_labels
from quantriet.orgs.importing.files import COLUMNS
from quantriet.orgs.models import Category, Gender

TEMPLATE_ROWS = 2000  # drop-down lists reach this far down the sheet
_WIDTHS = {"full_name": 26, "org": 34, "position": 22, "address": 36, "category": 18}


def sample_row(org_name: str) -> list[str]:
    sample = {
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "17/05/1980",
        "gender": vietnamese_labels(Gender)[0],
        "party_card_no": "24.074351",
        "org": org_name,
        "position": "Bí thư chi bộ",
        "category": vietnamese_labels(Category)[1],
        "phone": "0912345678",
        "email": "nguyenvanan@example.vn",
        "address": "Khu 1, phường Uông Bí",
    }
    return [sample[column.key] for column in COLUMNS]


def _org_names(user: User | AnonymousUser) -> list[str]:
    orgs = access.orgs_for(user, access.MANAGE_PEOPLE).filter(is_active=True)
    return list(orgs.order_by("path").values_list("name", flat=True)[:5000])


def _sample_org(user: User | AnonymousUser, names: list[str]) -> str:
    """A Party cell in the user's scope: the sample row is a Party member with a card."""
    cell = (
        access.orgs_for(user, access.MANAGE_PEOPLE)
        .filter(is_active=True, kind__is_party=True, numchild=0)
        .order_by("path")
        .values_list("name", flat=True)
        .first()
    )
    return cell or (names[-1] if names else "Chi bộ khu 1")


def template_csv(user: User | AnonymousUser) -> bytes:
    """UTF-8 with a BOM, so Excel shows the Vietnamese headers correctly."""
    names = _org_names(user)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow(sample_row(_sample_org(user, names)))
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(user: User | AnonymousUser) -> bytes:
    names = _org_names(user)
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append([column.header for column in COLUMNS])
    sheet.append(sample_row(_sample_org(user, names)))
    fill = PatternFill("solid", fgColor="FDECEA")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="8C0E15" if column.required else "000000")
        cell.fill = fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(column.key, 16)
        # Text cells: Excel would otherwise eat the leading zero of cards and phone numbers.
        if column.key in {"party_card_no", "phone", "date_of_birth"}:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    lists = book.create_sheet("Danh mục")
    lists.append([_("Giới tính"), _("Đối tượng"), _("Đơn vị / Chi bộ trong phạm vi của đồng chí")])
    columns = (vietnamese_labels(Gender), vietnamese_labels(Category), names)
    for row in range(max(len(values) for values in columns)):
        lists.append([str(values[row]) if row < len(values) else None for values in columns])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    lists.column_dimensions["C"].width = 50

    def drop_down(key: str, source: str, *, strict: bool) -> None:
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        rule = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            errorStyle="stop" if strict else "warning",
            showErrorMessage=True,
            errorTitle=_("Giá trị không có trong danh sách"),
            error=_("Hãy chọn một giá trị trong danh sách."),
        )
        rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(rule)

    drop_down("gender", '"{}"'.format(",".join(vietnamese_labels(Gender))), strict=True)
    drop_down("category", '"{}"'.format(",".join(vietnamese_labels(Category))), strict=True)
    if names:
        # A name qualified by its parent is allowed too, so only warn.
        drop_down("org", f"'Danh mục'!$C$2:$C${len(names) + 1}", strict=False)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
