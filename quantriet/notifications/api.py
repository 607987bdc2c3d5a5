"""Notifications API: the caller's own notices (reminders, digests) for the mobile app; nobody
else's are reachable (404)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from quantriet.api.common import ErrorOut, PageParams, paginate
from quantriet.notifications import services
from quantriet.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class NotificationFilter(PageParams):
    unread: bool = False


class ReadOut(Schema):
    marked: int


@router.get("/notifications", response=NotificationPage)
def list_notifications(request: HttpRequest, filters: Query[NotificationFilter]) -> dict[str, Any]:
    """The caller's notifications, newest first; `unread=true` for the unread ones only."""
    qs = Notification.objects.filter(user=request.user)
    if filters.unread:
        qs = qs.filter(read_at__isnull=True)
    page = paginate(qs, filters)
    return {**page, "unread": services.unread_count(request.user)}  # type: ignore[arg-type]


@router.post("/notifications/read", response=ReadOut)
def read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.mark_read(request.user)}  # type: ignore[arg-type]


@router.post("/notifications/{notification_id}/read", response={200: ReadOut, 404: ErrorOut})
def read_one(request: HttpRequest, notification_id: int) -> dict[str, int]:
    if not Notification.objects.filter(user=request.user, pk=notification_id).exists():
        raise Http404
    return {"marked": services.mark_read(request.user, notification_id)}  # type: ignore[arg-type]
