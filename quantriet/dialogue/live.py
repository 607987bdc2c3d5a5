"""`GET /conferences/{id}/live`: Server-Sent Events from an async view under ASGI.

A listener first subscribes, then replays the events after `Last-Event-ID` from the Event
table, then streams what the broker delivers, skipping anything already sent: so nothing is
missed across a reconnect and nothing is sent twice. Moderators (and managers) also get the
moderators' channel: pending questions and who asked where anonymity allows.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from quantriet.dialogue import access
from quantriet.dialogue.broker import Subscription, channel_name
from quantriet.dialogue.events import encode, sse_frame
from quantriet.dialogue.models import Event

KEEPALIVE_SECONDS = 15
CATCH_UP_LIMIT = 5000


def _authenticate(request: HttpRequest) -> User | AnonymousUser:
    """Session cookie, or `Authorization: Bearer` like the API."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        from quantriet.api.auth import BearerAuth

        user = BearerAuth().authenticate(request, header.split(" ", 1)[1].strip())
        return user or AnonymousUser()
    return request.user


def _prepare(request: HttpRequest, pk: int) -> tuple[list[str], list[str]]:
    user = _authenticate(request)
    conference = access.get_live_conference(user, pk)  # 404 outside the user's view
    audiences = [Event.Audience.PUBLIC]
    if access.can_moderate(user, conference):
        audiences.append(Event.Audience.MODERATORS)
    return [channel_name(conference.pk, a) for a in audiences], audiences


def _catch_up(pk: int, audiences: list[str], after: int) -> list[str]:
    rows = Event.objects.filter(conference_id=pk, audience__in=audiences, id__gt=after).order_by(
        "id"
    )
    return [encode(e) for e in rows[:CATCH_UP_LIMIT]]


def _last_event_id(request: HttpRequest) -> int:
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id") or "0"
    try:
        return max(0, int(raw))
    except ValueError:
        return 0


async def live(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        channels, audiences = await sync_to_async(_prepare)(request, pk)
    except Http404:
        return HttpResponse(status=404)
    after = _last_event_id(request)

    async def stream() -> AsyncIterator[str]:
        nonlocal after
        async with Subscription(channels) as subscription:
            yield "retry: 2000\n\n"
            for message in await sync_to_async(_catch_up)(pk, audiences, after):
                after = json.loads(message)["id"]
                yield sse_frame(message)
            while True:
                message = await subscription.get(KEEPALIVE_SECONDS)
                if message is Subscription.TIMEOUT:
                    yield ": keep-alive\n\n"
                    continue
                if message is None:  # fell behind: the client reconnects and catches up
                    return
                event_id = json.loads(message)["id"]
                if event_id <= after:
                    continue
                after = event_id
                yield sse_frame(message)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response
