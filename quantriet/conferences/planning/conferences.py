"""The conference itself, its agenda and its materials."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quantriet.conferences import access
from quantriet.conferences.models import (
    LATE_AFTER_MAX_MINUTES,
    AgendaItem,
    Conference,
    Format,
    Material,
)
from quantriet.conferences.planning.invitations import managed_org_ids
from quantriet.core.files import store_checked_file
from quantriet.core.validation import clean_fields
from quantriet.documents.access import visible_documents
from quantriet.documents.models import Document
from quantriet.orgs.access import visible_people
from quantriet.orgs.models import Org, Person

CONFERENCE_FIELDS = (
    "title",
    "description",
    "format",
    "starts_at",
    "ends_at",
    "host_org",
    "allow_uninvited",
    "late_after_minutes",
)


# --- conferences -----------------------------------------------------------------


def _check_conference(user: User, values: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    for name in ("title", "starts_at", "ends_at", "host_org"):
        if name in values and values[name] in (None, ""):
            errors.setdefault(name, []).append(_("Trường này là bắt buộc."))
    if "format" in values and values["format"] not in Format.values:
        errors.setdefault("format", []).append(_("Hình thức hội nghị không hợp lệ."))
    if "late_after_minutes" in values:
        late = values["late_after_minutes"]
        if type(late) is not int or not 0 <= late <= LATE_AFTER_MAX_MINUTES:
            errors.setdefault("late_after_minutes", []).append(
                _("Số phút tính đi muộn phải là số nguyên từ 0 đến %(max)s.")
                % {"max": LATE_AFTER_MAX_MINUTES}
            )
    clean_fields(Conference, values, errors)  # lengths, column ranges: the model's own rules
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts and "ends_at" not in errors:
        errors.setdefault("ends_at", []).append(_("Thời gian kết thúc phải sau thời gian bắt đầu."))
    host = values.get("host_org")
    if host is not None and host.pk not in managed_org_ids(user, [host.pk]):
        errors.setdefault("host_org", []).append(
            _("Đồng chí không có quyền tổ chức hội nghị cho tổ chức này.")
        )


def _check_related(
    user: User,
    documents: Iterable[Document] | None,
    presenters: Iterable[Person] | None,
    errors: dict[str, list[str]],
) -> None:
    if documents is not None:
        ids = {doc.pk for doc in documents}
        if ids and visible_documents(user).filter(pk__in=ids).count() != len(ids):
            errors.setdefault("documents", []).append(_("Có văn bản không tìm thấy."))
    if presenters is not None:
        ids = {person.pk for person in presenters}
        if ids and visible_people(user).filter(pk__in=ids).count() != len(ids):
            errors.setdefault("presenters", []).append(_("Có báo cáo viên không tìm thấy."))


def create_conference(
    *,
    user: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    host_org: Org,
    format: str = Format.HYBRID,
    description: str = "",
    documents: Iterable[Document] = (),
    presenters: Iterable[Person] = (),
    allow_uninvited: bool = True,
    late_after_minutes: int = 15,
) -> Conference:
    if not access.can_plan_conferences(user):
        raise PermissionDenied
    documents, presenters = list(documents), list(presenters)
    values = {
        "title": (title or "").strip(),
        "description": description or "",
        "format": format,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "host_org": host_org,
        "allow_uninvited": allow_uninvited,
        "late_after_minutes": late_after_minutes,
    }
    errors: dict[str, list[str]] = {}
    _check_conference(user, values, errors)
    _check_related(user, documents, presenters, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conference = Conference.objects.create(created_by=user, **values)
        conference.documents.set(documents)
        conference.presenters.set(presenters)
    return conference


def update_conference(*, user: User, conference: Conference, changes: Mapping[str, Any]) -> None:
    """Apply `changes` (conference fields, `documents`, `presenters`); absent keys stay as they are."""
    access.require_manage_conference(user, conference)
    values = {name: changes[name] for name in CONFERENCE_FIELDS if name in changes}
    if "title" in values:
        values["title"] = (values["title"] or "").strip()
    if values.get("description") is None and "description" in values:
        values["description"] = ""
    documents = list(changes["documents"]) if changes.get("documents") is not None else None
    presenters = list(changes["presenters"]) if changes.get("presenters") is not None else None
    errors: dict[str, list[str]] = {}
    merged = {
        "starts_at": conference.starts_at,
        "ends_at": conference.ends_at,
        **values,
    }
    host = values.get("host_org")
    if host is not None and host.pk == conference.host_org_id:
        merged.pop("host_org")  # unchanged: no new permission needed
    _check_conference(user, merged, errors)
    _check_related(user, documents, presenters, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for name, value in values.items():
            setattr(conference, name, value)
        conference.save()
        if documents is not None:
            conference.documents.set(documents)
        if presenters is not None:
            conference.presenters.set(presenters)


# --- agenda and materials -------------------------------------------------------------


def add_agenda_item(
    *,
    user: User,
    conference: Conference,
    starts_at: datetime,
    title: str,
    ends_at: datetime | None = None,
    presenter: Person | None = None,
) -> AgendaItem:
    access.require_manage_conference(user, conference)
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Trường này là bắt buộc.")]
    if starts_at is None or not conference.starts_at <= starts_at < conference.ends_at:
        errors["starts_at"] = [_("Thời gian phải nằm trong thời gian diễn ra hội nghị.")]
    if ends_at is not None and starts_at is not None:
        if ends_at <= starts_at:
            errors["ends_at"] = [_("Thời gian kết thúc phải sau thời gian bắt đầu.")]
        elif ends_at > conference.ends_at:
            errors["ends_at"] = [_("Thời gian phải nằm trong thời gian diễn ra hội nghị.")]
    if presenter is not None and not visible_people(user).filter(pk=presenter.pk).exists():
        errors["presenter"] = [_("Không tìm thấy người trình bày.")]
    clean_fields(AgendaItem, {"title": (title or "").strip()}, errors)
    if errors:
        raise ValidationError(errors)
    return AgendaItem.objects.create(
        conference=conference,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title.strip(),
        presenter=presenter,
    )


def remove_agenda_item(*, user: User, item: AgendaItem) -> None:
    access.require_manage_conference(user, item.conference)
    item.delete()


def add_material(
    *, user: User, conference: Conference, stream: IO[bytes], name: str, size: int
) -> Material:
    """Store a checked PDF or DOCX (≤ 20 MB, judged by content) under a random name."""
    access.require_manage_conference(user, conference)
    return store_checked_file(Material(conference=conference, uploaded_by=user), stream, name, size)


def remove_material(*, user: User, material: Material) -> None:
    access.require_manage_conference(user, material.conference)
    material.file.delete(save=False)
    material.delete()
