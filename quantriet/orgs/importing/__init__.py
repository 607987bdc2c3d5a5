"""Member-list import: read an .xlsx or .csv, check every row, then write all rows or none.

The UI runs it in background tasks (`quantriet.orgs.tasks`) with progress on an ImportJob;
the API runs it inline. Both call `validate_file` and then `apply_plan`.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quantriet.core.text import fold, nfc
from quantriet.core.validation import check_fields
from quantriet.orgs import access
from quantriet.orgs.importing.files import (
    COLUMNS,
    HEADERS,
    ImportFileError,
    Sheet,
    cell_text,
    check_kind,
    read_sheet,
)
from quantriet.orgs.models import Category, Gender, ImportJob, Person
from quantriet.orgs.validators import normalise_party_card

logger = logging.getLogger(__name__)

MAX_ERRORS = 1000  # kept per import; the total is still reported
PROGRESS_EVERY = 500  # rows between progress updates
BATCH_SIZE = 500  # rows per INSERT/UPDATE and per IN (...) list
PREVIEW_ROWS = 10

Progress = Callable[[int, int], None]

_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}


@functools.cache
def _categories() -> dict[str, str]:
    """Folded labels → code. A file may use the Vietnamese or the English names, or the codes."""
    labels: dict[str, str] = {value: value for value in Category.values}
    for language in ("en", "vi"):
        with translation.override(language):
            labels |= {fold(str(label)): value for value, label in Category.choices}
    return labels


def vietnamese_labels(choices: type[models.TextChoices]) -> list[str]:
    """The Vietnamese names of a choice list: the file format's own values, in any UI language."""
    with translation.override("vi"):
        return [str(label) for label in choices.labels]


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_PHONE = re.compile(r"^\+?[\d .()\-]{6,20}$")
# "Chi bộ khu 1 - Đảng bộ phường Uông Bí": the last separator splits name and parent.
_QUALIFIER = re.compile(r"\s+[-–/>›]\s+|\s*,\s*")
# Checked against Person's own fields (their max_length), so a row PostgreSQL would refuse
# is a row error, not a DataError when the plan is applied.
_TEXT_COLUMNS = ("full_name", "position", "address", "phone", "email")


@dataclass
class Plan:
    """What a validated file would do; `errors` empty means it may be applied."""

    mode: str
    total_rows: int = 0
    to_create: list[Person] = field(default_factory=list)
    # (person id, {field: value}); only the columns present and filled in the file.
    to_update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    error_rows: set[int] = field(default_factory=set)

    def add_error(self, row: int | None, column: str | None, message: str) -> None:
        self.error_count += 1
        if row is not None:
            self.error_rows.add(row)
        if len(self.errors) < MAX_ERRORS:
            header = HEADERS[column] if column else None
            self.errors.append({"row": row, "field": header, "message": message})

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def summary(self) -> str:
        """One sentence for the top of the error list."""
        if self.ok:
            return ""
        message = ngettext(
            "%(rows)d dòng có lỗi (%(errors)d lỗi); chưa ghi dòng nào.",
            "%(rows)d dòng có lỗi (%(errors)d lỗi); chưa ghi dòng nào.",
            len(self.error_rows),
        ) % {"rows": len(self.error_rows), "errors": self.error_count}
        if self.error_count > len(self.errors):
            message += " " + _("Chỉ liệt kê %(shown)d lỗi đầu tiên.") % {"shown": len(self.errors)}
        return message


# --- reading cells ------------------------------------------------------------


def _parse_date(value: object) -> datetime.date:
    """A date from a date cell or from dd/mm/yyyy text; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if match := _DATE_TEXT.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return datetime.date(year, month, day)


def _card_text(value: object) -> str:
    """Excel turns 24.074351 into a number and 05001230 into 5001230; put the digits back."""
    if isinstance(value, float):
        return f"{value:09.6f}"
    if isinstance(value, int) and len(str(value)) == 7:
        return f"{value:08d}"
    return cell_text(value)


def _phone_text(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell loses the leading zero of 0912 345 678.
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits
    return cell_text(value)


# --- organisations -----------------------------------------------------------


class OrgLookup:
    """The organisations where the importer may manage people, read in one query."""

    def __init__(self, user: User | AnonymousUser) -> None:
        self.by_name: dict[str, list[int]] = {}
        self.by_fold: dict[str, list[int]] = {}
        self.by_parent: dict[tuple[str, str], list[int]] = {}
        self.inactive: set[int] = set()
        self.names: dict[int, str] = {}
        rows = access.orgs_for(user, access.MANAGE_PEOPLE).values_list(
            "id", "name", "search_name", "is_active", "parent__search_name"
        )
        for org_id, name, folded, is_active, parent in rows:
            self.names[org_id] = name
            self.by_name.setdefault(name, []).append(org_id)
            self.by_fold.setdefault(folded, []).append(org_id)
            self.by_parent.setdefault((folded, parent or ""), []).append(org_id)
            if not is_active:
                self.inactive.add(org_id)
        self._memo: dict[str, tuple[int | None, str]] = {}

    def resolve(self, text: str) -> tuple[int | None, str]:
        """(organisation id, "") or (None, the reason in Vietnamese)."""
        if text not in self._memo:
            self._memo[text] = self._resolve(text)
        return self._memo[text]

    def _resolve(self, text: str) -> tuple[int | None, str]:
        ids = self.by_name.get(text) or self.by_fold.get(fold(text), [])
        if len(ids) != 1:
            # Maybe qualified by the parent: "Chi bộ khu 1 - Đảng bộ phường Uông Bí".
            matches = list(_QUALIFIER.finditer(text))
            if matches:
                last = matches[-1]
                key = (fold(text[: last.start()]), fold(text[last.end() :]))
                ids = self.by_parent.get(key) or ids
        if not ids:
            return None, _(
                "Không tìm thấy tổ chức “%(name)s” trong phạm vi đồng chí được quản lý đảng viên."
            ) % {"name": text}
        if len(ids) > 1:
            return None, _(
                "Có %(count)d tổ chức tên “%(name)s” trong phạm vi của đồng chí; hãy ghi kèm tổ chức "
                "cấp trên, ví dụ “%(name)s - Đảng bộ phường …”."
            ) % {"count": len(ids), "name": text}
        if ids[0] in self.inactive:
            return None, _(
                "Tổ chức “%(name)s” đã giải thể hoặc sáp nhập; hãy chọn tổ chức đang hoạt động."
            ) % {"name": text}
        return ids[0], ""


def _existing_cards(cards: list[str]) -> dict[str, dict[str, Any]]:
    """People already holding these card numbers, one query per BATCH_SIZE cards."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(cards), BATCH_SIZE):
        chunk = cards[start : start + BATCH_SIZE]
        for row in Person.objects.filter(party_card_no__in=chunk).values(
            "id", "party_card_no", "full_name", "org__name", "org__path"
        ):
            found[row["party_card_no"]] = row
    return found


# --- validation ----------------------------------------------------------------


def _clean_row(
    plan: Plan, row_no: int, get: Callable[[str], object]
) -> tuple[dict[str, Any], bool]:
    """The row's readable values by model field, and whether all were right (errors added)."""
    values: dict[str, Any] = {}
    failed: set[str] = set()

    def fail(column: str, message: str) -> None:
        failed.add(column)
        plan.add_error(row_no, column, message)

    # NFC before counting: the length stored is the length checked.
    name = nfc(" ".join(cell_text(get("full_name")).split()))
    if not name:
        fail("full_name", _("Thiếu họ và tên."))
    values["full_name"] = name

    raw = get("date_of_birth")
    if cell_text(raw):
        try:
            born = _parse_date(raw)
            if not datetime.date(1900, 1, 1) <= born <= timezone.localdate():
                raise ValueError(born)
            values["date_of_birth"] = born
        except (ValueError, TypeError):
            fail(
                "date_of_birth",
                _("Ngày sinh “%(value)s” không hợp lệ, cần dạng dd/mm/yyyy.")
                % {"value": cell_text(raw)},
            )

    text = cell_text(get("gender"))
    if text:
        if fold(text) in _GENDERS:
            values["gender"] = _GENDERS[fold(text)]
        else:
            fail(
                "gender",
                _("Giới tính “%(value)s” không hợp lệ: ghi Nam hoặc Nữ.") % {"value": text},
            )

    text = cell_text(get("category"))
    if text:
        if fold(text) in _categories():
            values["category"] = _categories()[fold(text)]
        else:
            labels = ", ".join(vietnamese_labels(Category))
            fail(
                "category",
                _("Đối tượng “%(value)s” không hợp lệ: chọn một trong %(labels)s.")
                % {"value": text, "labels": labels},
            )

    text = _card_text(get("party_card_no"))
    if text:
        try:
            values["party_card_no"] = normalise_party_card(text)
        except ValidationError as exc:
            fail("party_card_no", exc.messages[0])
        if values.get("category") == Category.CITIZEN:
            fail("party_card_no", _("Quần chúng không có số thẻ đảng viên; hãy sửa đối tượng."))

    for column in ("position", "address"):
        if text := " ".join(cell_text(get(column)).split()):
            values[column] = text
    if text := _phone_text(get("phone")):
        if _PHONE.match(text):
            values["phone"] = text
        else:
            fail("phone", _("Số điện thoại “%(value)s” không hợp lệ.") % {"value": text})
    if text := cell_text(get("email")):
        try:
            validate_email(text)
            values["email"] = text.lower()
        except ValidationError:
            fail("email", _("Địa chỉ email “%(value)s” không hợp lệ.") % {"value": text})

    texts = {c: values[c] for c in _TEXT_COLUMNS if values.get(c) and c not in failed}
    for column, messages in check_fields(Person, texts).items():
        fail(column, messages[0])
    return values, not failed


def validate_sheet(
    *, user: User | AnonymousUser, sheet: Sheet, mode: str, progress: Progress | None = None
) -> Plan:
    """Check every row; the queries are a fixed few plus one per BATCH_SIZE card numbers."""
    plan = Plan(mode=mode, total_rows=len(sheet.rows))
    scope = access.scope_for(user)
    manage_paths = scope.paths(access.MANAGE_PEOPLE)
    view_paths = scope.paths(access.VIEW_PEOPLE)
    orgs = OrgLookup(user)

    cleaned: list[tuple[int, dict[str, Any]]] = []
    first_row_of_card: dict[str, int] = {}
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):

        def get(column: str, cells: list[object] = cells) -> object:
            index = sheet.columns.get(column)
            return cells[index] if index is not None and index < len(cells) else None

        values, ok = _clean_row(plan, row_no, get)
        org_text = " ".join(cell_text(get("org")).split())
        org_id, reason = orgs.resolve(org_text) if org_text else (None, _("Thiếu đơn vị / chi bộ."))
        if org_id is None:
            plan.add_error(row_no, "org", reason)
        # A bad row's card still counts, so a later row repeating it is named too.
        if card := values.get("party_card_no"):
            if card in first_row_of_card:
                plan.add_error(
                    row_no,
                    "party_card_no",
                    _("Số thẻ đảng viên %(card)s trùng với dòng %(row)d trong tệp.")
                    % {"card": card, "row": first_row_of_card[card]},
                )
                ok = False
            else:
                first_row_of_card[card] = row_no
        if ok and org_id is not None:
            values["org_id"] = org_id
            cleaned.append((row_no, values))
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, plan.total_rows)

    existing = _existing_cards(sorted(first_row_of_card))
    for row_no, values in cleaned:
        person = existing.get(values.get("party_card_no", ""))
        if person is None:
            plan.to_create.append(_new_person(values))
            continue
        path = person["org__path"]
        manageable = scope.is_superuser or any(path.startswith(p) for p in manage_paths)
        if mode == ImportJob.Mode.UPDATE and manageable:
            plan.to_update.append((person["id"], values))
            continue
        visible = manageable or person["id"] == scope.person_id
        visible = visible or any(path.startswith(p) for p in view_paths)
        if mode == ImportJob.Mode.UPDATE:
            message = _(
                "Số thẻ đảng viên %(card)s thuộc một người ngoài phạm vi đồng chí được quản lý."
            ) % {"card": values["party_card_no"]}
        elif visible:
            message = _(
                "Số thẻ đảng viên %(card)s đã có trong hệ thống: %(name)s (%(org)s). "
                "Chọn chế độ cập nhật nếu muốn sửa thông tin người này."
            ) % {
                "card": values["party_card_no"],
                "name": person["full_name"],
                "org": person["org__name"],
            }
        else:
            message = _("Số thẻ đảng viên %(card)s đã được dùng cho một người khác.") % {
                "card": values["party_card_no"]
            }
        plan.add_error(row_no, "party_card_no", message)
    if progress:
        progress(plan.total_rows, plan.total_rows)
    plan.errors.sort(key=lambda error: error["row"] or 0)
    return plan


def _new_person(values: dict[str, Any]) -> Person:
    # bulk_create skips Person.save(), which normalises the name and fills search_name.
    person = Person(**values)
    person.full_name = nfc(person.full_name).strip()
    person.search_name = fold(person.full_name)
    return person


def validate_file(
    *,
    user: User | AnonymousUser,
    file: IO[bytes],
    name: str,
    mode: str,
    progress: Progress | None = None,
) -> Plan:
    """Read and check a whole file; a file-level problem raises ImportFileError."""
    sheet = read_sheet(file, name)
    return validate_sheet(user=user, sheet=sheet, mode=mode, progress=progress)


# --- writing -------------------------------------------------------------------


def apply_plan(plan: Plan) -> tuple[int, int]:
    """Write a valid plan all or nothing; returns (created, updated).

    Raises ImportFileError when the database changed under it (a card number taken meanwhile).
    """
    if not plan.ok:
        raise ValueError("Only a plan without errors can be applied.")
    now = timezone.now()
    try:
        with transaction.atomic():
            Person.objects.bulk_create(plan.to_create, batch_size=BATCH_SIZE)
            _update_people(plan.to_update, now)
    except IntegrityError as exc:
        logger.warning("Member import rolled back: %s", exc)
        raise ImportFileError(
            _(
                "Dữ liệu vừa thay đổi trong lúc nhập (một số thẻ đảng viên đã được dùng); "
                "chưa ghi dòng nào, hãy kiểm tra lại tệp."
            )
        ) from exc
    return len(plan.to_create), len(plan.to_update)


def _update_people(rows: list[tuple[int, dict[str, Any]]], now: datetime.datetime) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        chunk = rows[start : start + BATCH_SIZE]
        people = Person.objects.in_bulk([person_id for person_id, _values in chunk])
        changed: set[str] = {"search_name", "updated_at"}
        for person_id, values in chunk:
            person = people[person_id]
            for name, value in values.items():
                setattr(person, name, value)
            changed.update(values)
            person.full_name = nfc(person.full_name).strip()
            person.search_name = fold(person.full_name)
            person.updated_at = now
        Person.objects.bulk_update(list(people.values()), sorted(changed))


def check_upload(file: IO[bytes], name: str, size: int) -> None:
    """Cheap checks before storing an upload: extension, size, and the first bytes."""
    limit = settings.MAX_IMPORT_BYTES
    if size > limit:
        raise ImportFileError(_("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": limit // (1024 * 1024)})
    head = file.read(8)
    file.seek(0)
    check_kind(head, name)


__all__ = [
    "COLUMNS",
    "HEADERS",
    "ImportFileError",
    "Plan",
    "apply_plan",
    "check_upload",
    "validate_file",
    "validate_sheet",
]
