"""Check-in API: single scans, offline batches, and each person's QR code.

The single check-in is the hot path (thousands per second at a large conference): it answers
with a plain JsonResponse built from the service's result, and the caller's rights come from
the service's short-lived per-process cache (see `quantriet.conferences.checkin`).
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Router, Schema
from pydantic import Field

from quantriet.api.auth import BearerAuth
from quantriet.api.common import ErrorOut
from quantriet.conferences.checkin import services
from quantriet.conferences.checkin.services import CheckInError, Context, Item, Result
from quantriet.conferences.checkin.tokens import checkin_token, qr_png, qr_svg_document
from quantriet.conferences.models import CheckIn
from quantriet.orgs.access import get_person

router = Router(tags=["check-in"])


class CheckInIn(Schema):
    client_id: uuid.UUID
    site: int
    method: Literal["qr", "manual", "self"]
    person: int | None = None
    qr: str | None = Field(None, max_length=200)
    at: datetime.datetime | None = None
    # The site's self check-in code, for method "self".
    code: str | None = Field(None, max_length=20)


class BatchIn(Schema):
    items: list[CheckInIn] = Field(..., max_length=services.MAX_BATCH)


class CheckInOut(Schema):
    id: int
    client_id: uuid.UUID
    person: int
    person_name: str
    site: int
    site_name: str
    method: str
    at: datetime.datetime
    at_local: str
    recorded_at: datetime.datetime
    invited: bool
    late: bool
    repeat: bool
    message: str


class BatchResult(Schema):
    index: int
    status: int
    checkin: CheckInOut | None
    errors: list[dict[str, Any]]


class BatchOut(Schema):
    results: list[BatchResult]


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_METHODS = frozenset(("qr", "manual", "self"))
_QR_MAX = 200
_CODE_MAX = 20


def _plain_item(data: Any) -> Item | None:
    """The usual body of a scan, checked by hand: only what `CheckInIn` accepts as it is and
    turns into the same values. None for anything else (a time, a number as text, a bad value):
    `CheckInIn` then decides, with its own errors."""
    if type(data) is not dict:
        return None
    client_id = data.get("client_id")
    site = data.get("site")
    method = data.get("method")
    person = data.get("person")
    qr = data.get("qr")
    code = data.get("code")
    if (
        type(client_id) is not str
        or _UUID.fullmatch(client_id) is None
        or type(site) is not int
        or type(method) is not str
        or method not in _METHODS
        or (person is not None and type(person) is not int)
        or (qr is not None and (type(qr) is not str or len(qr) > _QR_MAX))
        or (code is not None and (type(code) is not str or len(code) > _CODE_MAX))
        or data.get("at") is not None
    ):
        return None
    return Item(
        client_id=uuid.UUID(client_id), site=site, method=method, person=person, qr=qr, code=code
    )


def _json(request: HttpRequest) -> Any:
    """The parsed body, or `_NOT_PLAIN` when Django Ninja should read (and refuse) it."""
    if not request.body:
        return _NOT_PLAIN
    try:
        return json.loads(request.body)
    except Exception:  # Django Ninja reads it again and answers
        return _NOT_PLAIN


_NOT_PLAIN = object()


def _plain_batch(request: HttpRequest) -> list[Item] | None:
    """The body of `POST …/checkins/batch`, `{"items": [...]}` or a bare list, read by hand when
    every item is a plain scan; None when Django Ninja should read it (and decide its errors)."""
    data = _json(request)
    if type(data) is dict:
        data = data.get("items")
        if type(data) is list and len(data) > services.MAX_BATCH:
            return None  # BatchIn's own error
    if type(data) is not list:
        return None
    items = [_plain_item(one) for one in data]
    return None if None in items else items  # type: ignore[return-value]


def _item(payload: CheckInIn) -> Item:
    return Item(
        client_id=payload.client_id,
        site=payload.site,
        method=payload.method,
        person=payload.person,
        qr=payload.qr,
        at=payload.at,
        code=payload.code,
    )


def checkin_out(ctx: Context, row: CheckIn, *, repeat: bool, message: str) -> dict[str, Any]:
    site = ctx.sites.get(row.site_id)
    at = row.at.isoformat()
    # The deployment's zone (TIME_ZONE; nothing activates another): the active zone would be
    # looked up in a context-local store, about a quarter of this function's time.
    local = row.at.astimezone(timezone.get_default_timezone())
    return {
        "id": row.pk,
        "client_id": str(row.client_id),
        "person": row.person_id,
        "person_name": getattr(row, "_person_name", ""),
        "site": row.site_id,
        "site_name": site.name if site else "",
        "method": row.method,
        "at": at,
        "at_local": f"{local.hour:02d}:{local.minute:02d}",
        # A scan without its own time is recorded when it arrives: the same instant, once.
        "recorded_at": at if row.recorded_at is row.at else row.recorded_at.isoformat(),
        "invited": row.invited,
        "late": row.late,
        "repeat": repeat,
        "message": message,
    }


def _results_out(ctx: Context, results: list[Result]) -> list[dict[str, Any]]:
    """The batch answer: each result as `checkin_out` gives it, built for a thousand items at a
    time (the time zone looked up once, each distinct time formatted once)."""
    tz = timezone.get_default_timezone()  # as in `checkin_out`
    # Keyed with the offset too: equal instants in other offsets print differently.
    iso: dict[tuple[datetime.datetime, Any], str] = {}
    local: dict[tuple[datetime.datetime, Any], str] = {}
    site_names = {pk: site.name for pk, site in ctx.sites.items()}
    out = []
    for result in results:
        row = result.checkin
        checkin = None
        if row is not None:
            at = (row.at, row.at.utcoffset())
            recorded_at = (row.recorded_at, row.recorded_at.utcoffset())
            if at not in iso:
                iso[at] = row.at.isoformat()
            if at not in local:
                local[at] = row.at.astimezone(tz).strftime("%H:%M")
            if recorded_at not in iso:
                iso[recorded_at] = row.recorded_at.isoformat()
            checkin = {
                "id": row.pk,
                "client_id": str(row.client_id),
                "person": row.person_id,
                "person_name": getattr(row, "_person_name", ""),
                "site": row.site_id,
                "site_name": site_names.get(row.site_id, ""),
                "method": row.method,
                "at": iso[at],
                "at_local": local[at],
                "recorded_at": iso[recorded_at],
                "invited": row.invited,
                "late": row.late,
                "repeat": not result.created,
                "message": result.message,
            }
        out.append(
            {
                "index": result.index,
                "status": result.status,
                "checkin": checkin,
                "errors": result.errors,
                "message": result.message,
            }
        )
    return out


@router.post(
    "/conferences/{conference_id}/checkins",
    response={201: CheckInOut, 200: CheckInOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_checkin(request: HttpRequest, conference_id: int, payload: CheckInIn) -> HttpResponse:
    """201 for a new check-in; 200 with the original record when the person (or this client_id)
    was already checked in."""
    return _check_in(request, conference_id, _item(payload))


def _check_in(request: HttpRequest, conference_id: int, item: Item) -> HttpResponse:
    ctx, result = services.check_in_result(conference_id=conference_id, item=item, by=request.user)
    if result.checkin is None:
        detail = result.message if result.status != 404 else _("Không tìm thấy.")
        errors = result.errors if result.status == 400 else []
        return JsonResponse({"detail": detail, "errors": errors}, status=result.status)
    body = checkin_out(ctx, result.checkin, repeat=not result.created, message=result.message)
    return JsonResponse(body, status=result.status)


def fast_checkin_view(api: NinjaAPI, operation: str) -> Callable[..., HttpResponse]:
    """A scanner's `POST …/checkins` or `…/checkins/batch` (a bearer token and a plain body)
    served without Django Ninja's per-request machinery — its authentication loop, path and body
    models and temporal response cost about 60–90 µs of CPU a request, a fifth of the single
    scan's Python time. Mounted ahead of `api`'s URLs (config/urls.py); it runs the same
    service and turns exceptions into answers with `api`'s own handlers. Any other method, a
    session caller, a missing or bad token, or a body that is not the plain usual one goes to
    `api`'s operation named `operation`, which reads and refuses it and documents the endpoint."""
    ninja_view = next(p.callback for p in api.urls[0] if p.name == operation)
    handle = {"create_checkin": _fast_single, "create_checkins_batch": _fast_batch}[operation]
    bearer = BearerAuth()

    @csrf_exempt
    def view(request: HttpRequest, conference_id: int) -> HttpResponse:
        user = bearer(request) if request.method == "POST" else None
        if not user:
            return ninja_view(request, conference_id=conference_id)
        request.auth = user  # type: ignore[attr-defined]
        try:
            response = handle(request, conference_id)
        except Exception as exc:  # Ninja's handlers: 400/404 JSON; anything else re-raised
            return api.on_exception(request, exc)
        return ninja_view(request, conference_id=conference_id) if response is None else response

    return view


def _fast_single(request: HttpRequest, conference_id: int) -> HttpResponse | None:
    item = _plain_item(_json(request))
    return None if item is None else _check_in(request, conference_id, item)


def _fast_batch(request: HttpRequest, conference_id: int) -> HttpResponse | None:
    items = _plain_batch(request)
    return None if items is None else _check_in_batch(request, conference_id, items)


@router.post(
    "/conferences/{conference_id}/checkins/batch",
    response={200: BatchOut, 400: ErrorOut, 404: ErrorOut},
)
def create_checkins_batch(
    request: HttpRequest, conference_id: int, payload: BatchIn | list[CheckInIn]
) -> HttpResponse:
    """Scans queued by a device that was offline (≤ 1000): one result per item, in order.

    Send `{"items": [...]}` or a bare list."""
    items = [_item(p) for p in (payload if isinstance(payload, list) else payload.items)]
    return _check_in_batch(request, conference_id, items)


def _check_in_batch(request: HttpRequest, conference_id: int, items: list[Item]) -> HttpResponse:
    if len(items) > services.MAX_BATCH:
        error = CheckInError(
            _("Tối đa %(n)s lượt điểm danh trong một lần gửi.") % {"n": services.MAX_BATCH},
            field="items",
        )
        return JsonResponse({"detail": error.message, "errors": error.as_errors()}, status=400)
    ctx = services.context_for(request.user, conference_id)
    results = services.check_in_batch(conference=conference_id, items=items, by=request.user)
    return JsonResponse({"results": _results_out(ctx, results)})


@router.get("/people/{person_id}/qr", response={200: None, 404: ErrorOut})
def person_qr(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's check-in QR code: SVG, or PNG when the client accepts image/png first."""
    person = get_person(request.user, person_id)
    token = checkin_token(person)
    accept = request.headers.get("Accept", "")
    wants_png = "image/png" in accept and "image/svg+xml" not in accept.split("image/png")[0]
    if wants_png:
        response = HttpResponse(qr_png(token), content_type="image/png")
    else:
        response = HttpResponse(qr_svg_document(token), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    response["Vary"] = "Accept"
    return response
