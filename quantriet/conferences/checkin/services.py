"""Check-in services: by QR code, by roll call and by a member themself.

A check-in is one `INSERT … ON CONFLICT DO NOTHING RETURNING id` keyed by the client's UUID and
unique per (conference, person): a retried, replayed or simultaneous scan counts once, and only
a conflict costs one more SELECT to return the original record. A batch (an offline device
syncing) is the same with one INSERT for all items, never a query per item. The statements are
in `sql.py`; what the caller may do, cached for the hot path, in `context.py`.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from quantriet.conferences.checkin import sql
from quantriet.conferences.checkin.context import Context, context_for
from quantriet.conferences.checkin.tokens import InvalidToken, person_id_from_token
from quantriet.conferences.models import CheckIn, Conference, Method, Site
from quantriet.orgs.models import Person

MAX_BATCH = 1000
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)
EARLIEST_BEFORE_START = datetime.timedelta(days=1)
# Plain strings: `Method.values` builds a list on every access and enum members cost a lookup.
_METHODS = frozenset(Method.values)
_SELF = str(Method.SELF.value)
_MANUAL = str(Method.MANUAL.value)


class CheckInError(Exception):
    """A refused check-in: `status` 400 (bad input), 403 (not allowed) or 404 (not visible)."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status

    def as_errors(self) -> list[dict[str, Any]]:
        return [{"field": self.field, "message": self.message}]


# --- one item, checked without touching the database ----------------------------------


@dataclass
class Item:
    """A requested check-in, as sent by a client."""

    client_id: uuid.UUID
    site: int
    method: str
    person: int | None = None
    qr: str | None = None
    at: datetime.datetime | None = None
    code: str | None = None


@dataclass
class Result:
    index: int
    status: int
    checkin: CheckIn | None = None
    created: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""


def _validate(ctx: Context, item: Item, now: datetime.datetime) -> int:
    """Check what needs no query; return the person id. Raises CheckInError."""
    site = ctx.sites.get(item.site)
    # Only the site's code opens a conference the caller cannot otherwise see.
    if not ctx.visible and (
        item.method != _SELF or site is None or not _code_matches(site, item.code)
    ):
        raise CheckInError(_("Không tìm thấy hội nghị."), status=404)
    if site is None:
        raise CheckInError(_("Điểm cầu này không thuộc hội nghị."), field="site")
    if item.method not in _METHODS:
        raise CheckInError(_("Cách điểm danh không hợp lệ."), field="method")
    if item.qr:
        try:
            person_id = person_id_from_token(item.qr)
        except InvalidToken as exc:
            raise CheckInError(str(exc), field="qr") from None
        if item.person is not None and item.person != person_id:
            raise CheckInError(_("Mã QR không phải của người này."), field="qr")
    elif item.person is not None:
        person_id = item.person
    elif item.method == _SELF and ctx.person_id is not None:
        person_id = ctx.person_id
    else:
        raise CheckInError(_("Cần mã QR hoặc người được điểm danh."), field="person")
    if item.method == _SELF:
        if ctx.person_id is None:
            raise CheckInError(
                _("Tài khoản của đồng chí chưa gắn với một đảng viên, hội viên."), status=403
            )
        if person_id != ctx.person_id:
            raise CheckInError(_("Đồng chí chỉ có thể tự điểm danh cho chính mình."), status=403)
        if not _code_matches(site, item.code):
            raise CheckInError(_("Mã điểm cầu không đúng."), field="code")
    elif item.site not in ctx.operable:
        raise CheckInError(_("Đồng chí không có quyền điểm danh tại điểm cầu này."), status=403)
    at = item.at or now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now + FUTURE_TOLERANCE:
        raise CheckInError(_("Thời điểm điểm danh ở tương lai."), field="at")
    if at < ctx.conference.starts_at - EARLIEST_BEFORE_START:
        raise CheckInError(_("Thời điểm điểm danh quá sớm so với hội nghị."), field="at")
    item.at = at
    return person_id


def _code_matches(site: Site, code: str | None) -> bool:
    return bool(code) and code.strip().upper() == site.code.upper()  # type: ignore[union-attr]


def repeat_message(checkin: CheckIn, site_name: str) -> str:
    return _("Đã điểm danh lúc %(time)s tại %(site)s.") % {
        "time": timezone.localtime(checkin.at).strftime("%H:%M"),
        "site": site_name,
    }


def _new_template(invited: bool, late: bool) -> str:
    if not invited:
        return _("Đã điểm danh %(name)s (không có trong danh sách mời).")
    if late:
        return _("Đã điểm danh %(name)s (đi muộn).")
    return _("Đã điểm danh %(name)s.")


# (language, invited, late) → translated template: a gettext lookup per scan adds up.
_TEMPLATES: dict[tuple[str | None, bool, bool], str] = {}


def _new_message(name: str, *, invited: bool, late: bool) -> str:
    key = (get_language(), invited, late)
    template = _TEMPLATES.get(key)
    if template is None:
        template = _TEMPLATES[key] = _new_template(invited, late)
    return template % {"name": name}


def _record_invited(
    ctx: Context, item: Item, person_id: int, now: datetime.datetime, by_id: int | None
) -> Result | None:
    """The happy path of one item: an invited person's first check-in, one statement. None when
    nothing was inserted (a repeat, someone not invited or unknown, a client_id in use): the
    general path then answers exactly as it always does."""
    conference = ctx.conference
    at = item.at or now
    late = at > conference.starts_at + datetime.timedelta(minutes=conference.late_after_minutes)
    db = sql.db_for_checkins()
    uuid_value, datetime_value = sql.adapters(db)
    params = [
        conference.pk,
        item.site,
        uuid_value(item.client_id),
        item.method,
        datetime_value(at),
        datetime_value(now),
        by_id,
        late,
        conference.pk,
        person_id,
    ]
    row = sql.fetch(db, sql.invited_sql(db), params, one=True)
    if row is None:
        # PostgreSQL answers a plain repeat with one more statement; elsewhere the general path.
        return _repeat(db, ctx, person_id, params[2]) if db.vendor == "postgresql" else None
    pk, name = row
    checkin = sql.new_checkin(
        conference.pk, person_id, item.site, item.client_id, item.method, at, now, by_id, True, late
    )
    checkin.pk = pk
    checkin._person_name = name  # type: ignore[attr-defined]
    return Result(
        index=0,
        status=201,
        checkin=checkin,
        created=True,
        message=_new_message(name, invited=True, late=late),
    )


def _repeat(db: BaseDatabaseWrapper, ctx: Context, person_id: int, client_id: Any) -> Result | None:
    """PostgreSQL, after the invited INSERT met a conflict: 200 with the original when it is a
    plain repeat of this invited person. None for anything else — not invited, unknown, a
    client_id held by another check-in, a conflict with a check-in committed in between — and
    the general path answers as it always does."""
    conference_id = ctx.conference.pk
    with db.cursor() as cursor:
        cursor.execute(
            sql.met_sql(db), [conference_id, person_id] * 3 + [client_id, conference_id, person_id]
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    pk, name, *values, invited_now = rows[0]
    if len({row[0] for row in rows}) != 1 or not invited_now:
        return None
    if values[0] != conference_id or values[1] != person_id:
        return None
    original = sql.new_checkin(*values)
    original.pk = pk
    original._person_name = name  # type: ignore[attr-defined]
    site = ctx.sites.get(original.site_id)
    return Result(
        index=0,
        status=200,
        checkin=original,
        message=repeat_message(original, site.name if site else ""),
    )


def record(ctx: Context, items: Sequence[Item], *, by: User | AnonymousUser) -> list[Result]:
    """Check in every valid item; one result per item, in order. Queries: person lookup 1,
    INSERT 1, and one SELECT only when some item met an existing check-in.

    A single item first tries `_record_invited` (one statement: the usual case at the door);
    when that inserts nothing, the general path below runs without inserting that invited
    person again (the INSERT just met a conflict), so a repeat costs 3 queries as before."""
    now = timezone.now()
    attempted: set[int] = set()
    if len(items) == 1:
        item = items[0]
        try:
            person_id = _validate(ctx, item, now)
        except CheckInError as exc:
            return [Result(index=0, status=exc.status, errors=exc.as_errors(), message=exc.message)]
        result = _record_invited(ctx, item, person_id, now, by.pk if by.is_authenticated else None)
        if result is not None:
            return [result]
        attempted.add(person_id)
    return _record_general(ctx, items, by=by, now=now, attempted=attempted)


def _record_general(
    ctx: Context,
    items: Sequence[Item],
    *,
    by: User | AnonymousUser,
    now: datetime.datetime,
    attempted: set[int],
) -> list[Result]:
    conference = ctx.conference
    results = [Result(index=i, status=0) for i in range(len(items))]
    person_ids: dict[int, int] = {}
    for i, item in enumerate(items):
        try:
            person_ids[i] = _validate(ctx, item, now)
        except CheckInError as exc:
            results[i].status = exc.status
            results[i].errors = exc.as_errors()
            results[i].message = exc.message
    wanted = set(person_ids.values())
    people = sql.people(conference.pk, wanted) if wanted else {}
    late_after = conference.starts_at + datetime.timedelta(minutes=conference.late_after_minutes)
    by_id = by.pk if by.is_authenticated else None
    rows: list[CheckIn] = []
    first_for_person: dict[int, int] = {}
    first_for_client: dict[uuid.UUID, int] = {}
    for i, person_id in list(person_ids.items()):
        item, result = items[i], results[i]
        person = people.get(person_id)
        invited = person is not None and person["invited_site"] is not None
        problem: CheckInError | None = None
        if person is None:
            field_name = "qr" if item.qr else "person"
            problem = CheckInError(_("Không tìm thấy người này."), field=field_name)
        elif not invited and not conference.allow_uninvited:
            problem = CheckInError(
                _("%(name)s không có trong danh sách mời của hội nghị.")
                % {"name": person["full_name"]},
                field="person",
            )
        elif (
            not invited
            and item.method == _MANUAL
            and not ctx.can_view_org_path(person["org__path"])
        ):
            problem = CheckInError(_("Không tìm thấy người này."), field="person")
        if problem is not None:
            del person_ids[i]
            result.status, result.errors, result.message = (
                problem.status,
                problem.as_errors(),
                problem.message,
            )
            continue
        # Duplicates inside the batch: the first one is inserted, the others answered later.
        if person_id in first_for_person or item.client_id in first_for_client:
            continue
        first_for_person[person_id] = i
        first_for_client[item.client_id] = i
        at = item.at or now
        rows.append(
            sql.new_checkin(
                conference.pk,
                person_id,
                item.site,
                item.client_id,
                item.method,
                at,
                now,
                by_id,
                invited,
                at > late_after,
            )
        )
    # An invited person whose one-statement insert just met a conflict is not tried again.
    inserted = sql.insert_ignoring_conflicts(
        [row for row in rows if not (row.invited and row.person_id in attempted)]
    )
    existing: dict[int, CheckIn] = {}
    by_client: dict[uuid.UUID, CheckIn] = {}
    for row in rows:
        if row.person_id in inserted:
            row.pk = inserted[row.person_id]
            existing[row.person_id] = row
            by_client[row.client_id] = row
    pending_persons = [p for p in person_ids.values() if p not in inserted]
    if pending_persons:
        pending_clients = [items[i].client_id for i, p in person_ids.items() if p not in inserted]
        for row in CheckIn.objects.filter(
            Q(conference_id=conference.pk, person_id__in=set(pending_persons))
            | Q(client_id__in=set(pending_clients))
        ):
            if row.conference_id == conference.pk:
                existing.setdefault(row.person_id, row)
            by_client.setdefault(row.client_id, row)
    fresh = {row.client_id for row in rows if row.person_id in inserted}
    templates: dict[tuple[bool, bool], str] = {}
    for i, person_id in person_ids.items():
        item, result = items[i], results[i]
        owner = by_client.get(item.client_id)
        if owner is not None and (
            owner.person_id != person_id or owner.conference_id != conference.pk
        ):
            error = CheckInError(
                _("Mã lượt điểm danh (client_id) đã được dùng cho một lượt điểm danh khác."),
                field="client_id",
            )
            result.status, result.errors, result.message = 400, error.as_errors(), error.message
            continue
        row = existing.get(person_id)
        if row is None:  # a concurrent delete between INSERT and SELECT
            error = CheckInError(_("Không ghi nhận được lượt điểm danh, hãy thử lại."))
            result.status, result.errors, result.message = 400, error.as_errors(), error.message
            continue
        result.checkin = row
        name = people[person_id]["full_name"]
        row._person_name = name  # type: ignore[attr-defined]
        if row.client_id in fresh and first_for_client.get(row.client_id) == i:
            fresh.discard(row.client_id)
            result.status, result.created = 201, True
            key = (row.invited, row.late)
            if key not in templates:  # translated once per batch, not once per item
                templates[key] = _new_template(*key)
            result.message = templates[key] % {"name": name}
        else:
            site = ctx.sites.get(row.site_id)
            result.status = 200
            result.message = repeat_message(row, site.name if site else "")
    return results


def _first_error(result: Result) -> CheckInError:
    first = result.errors[0] if result.errors else {"field": None, "message": result.message}
    return CheckInError(first["message"], field=first["field"], status=result.status)


# --- the services ---------------------------------------------------------------------


def check_in(
    *,
    conference: Conference,
    site: Site,
    client_id: uuid.UUID,
    method: str,
    by: User | AnonymousUser,
    person: Person | int | None = None,
    token: str | None = None,
    at: datetime.datetime | None = None,
    code: str | None = None,
) -> tuple[CheckIn, bool]:
    """Check one person in at `site`; → (the check-in, created). A repeat returns the original.

    Raises CheckInError (400 bad input, 403 not allowed, 404 conference not visible)."""
    ctx = context_for(by, conference.pk)
    item = Item(
        client_id=client_id,
        site=site.pk,
        method=method,
        person=person.pk if isinstance(person, Person) else person,
        qr=token,
        at=at,
        code=code,
    )
    [result] = record(ctx, [item], by=by)
    if result.checkin is None:
        raise _first_error(result)
    return result.checkin, result.created


def check_in_result(
    *, conference_id: int, item: Item, by: User | AnonymousUser
) -> tuple[Context, Result]:
    """The API's single path: the same as `check_in`, with the message for the response."""
    ctx = context_for(by, conference_id)
    [result] = record(ctx, [item], by=by)
    return ctx, result


def check_in_batch(
    *, conference: Conference | int, items: Iterable[Item], by: User | AnonymousUser
) -> list[Result]:
    """Check in a device's queued scans: one result per item, in order, no query per item."""
    conference_id = conference if isinstance(conference, int) else conference.pk
    ctx = context_for(by, conference_id)
    items = list(items)
    if len(items) > MAX_BATCH:
        raise CheckInError(
            _("Tối đa %(n)s lượt điểm danh trong một lần gửi.") % {"n": MAX_BATCH}, field="items"
        )
    if not ctx.visible and all(item.method != Method.SELF for item in items):
        raise Http404
    return record(ctx, items, by=by)
