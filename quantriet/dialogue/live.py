"""`GET /conferences/{id}/live`: Server-Sent Events from an async view under ASGI.

Events are numbered without gaps per audience (see `quantriet.dialogue.events`). A listener
keeps, per audience it follows, the last number it sent; the SSE id is those numbers ("12" for
the audience, "12.7" for a moderator who also follows the moderators' channel), so a browser
that reconnects sends them back as Last-Event-ID. On connect the listener subscribes first,
then replays from the table what follows those numbers; afterwards a message that skips ahead
makes it fetch the missing numbers first, and one already sent is dropped. So nothing is missed
across a reconnect, and nothing is sent twice or out of order.

Database connections are closed after each synchronous step: a stream may stay open for hours
and must not hold a connection (or a pool slot) while it waits.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from quantriet.conferences.models import Site
from quantriet.dialogue import access
from quantriet.dialogue.broker import Subscription, channel_name
from quantriet.dialogue.events import encode
from quantriet.dialogue.models import Event
from quantriet.dialogue.services import site_audience

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


def _release() -> None:
    """Give the connection back (to the pool) between steps; not inside a test's transaction."""
    if not connection.in_atomic_block:
        connection.close()


# (user id, conference id) → (audiences, expiry). A wave of reconnects (a site's Wi-Fi, a proxy
# restart) would otherwise repeat the visibility queries for every listener; a change of rights
# reaches an open stream's next reconnect within ACCESS_TTL seconds.
ACCESS_TTL = 30.0
ACCESS_CACHE_SIZE = 20_000
_access: dict[tuple[int, int], tuple[list[str], float]] = {}


def _prepare(request: HttpRequest, pk: int) -> list[str]:
    """The audiences this user follows; Http404 outside the user's view."""
    try:
        user = _authenticate(request)
        key = (user.pk or 0, pk)
        cached = _access.get(key)
        if user.is_authenticated and cached is not None and cached[1] > time.monotonic():
            return cached[0]
        conference = access.get_live_conference(user, pk)
        audiences = [Event.Audience.PUBLIC]
        if access.can_moderate(user, conference):
            audiences.append(Event.Audience.MODERATORS)
        elif user.is_authenticated:
            operated = Site.objects.filter(conference_id=pk, operators=user).order_by("pk")
            audiences += [
                site_audience(site_id) for site_id in operated.values_list("pk", flat=True)
            ]
        if len(_access) >= ACCESS_CACHE_SIZE:
            _access.clear()
        _access[key] = (audiences, time.monotonic() + ACCESS_TTL)
        return audiences
    finally:
        _release()


def forget_access() -> None:
    """Drop remembered rights (tests)."""
    _access.clear()


def _fetch(pk: int, audience: str, after: int, before: int) -> list[str]:
    """Events of one audience numbered strictly between `after` and `before`, in order."""
    try:
        rows = Event.objects.filter(
            conference_id=pk, audience=audience, seq__gt=after, seq__lt=before
        )
        return [encode(e) for e in rows.order_by("seq")[:CATCH_UP_LIMIT]]
    finally:
        _release()


def _catch_up(pk: int, positions: dict[str, int]) -> list[str]:
    """Everything after the given positions, all audiences together in the order written."""
    try:
        after = Q(pk__in=[])
        for audience, seq in positions.items():
            after |= Q(audience=audience, seq__gt=seq)
        rows = Event.objects.filter(after, conference_id=pk).order_by("id")[:CATCH_UP_LIMIT]
        return [encode(e) for e in rows]
    finally:
        _release()


def _positions(request: HttpRequest, audiences: list[str]) -> dict[str, int]:
    """Last-Event-ID ("12" or "12.7"), header or ?last_event_id=, as numbers per audience."""
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id") or ""
    parts = raw.split(".")
    positions = {}
    for index, audience in enumerate(audiences):
        try:
            positions[audience] = max(0, int(parts[index])) if index < len(parts) else 0
        except ValueError:
            positions[audience] = 0
    return positions


def _frame(payload: dict[str, object], positions: dict[str, int], audiences: list[str]) -> str:
    event_id = ".".join(str(positions[a]) for a in audiences)
    data = json.dumps(payload["data"], ensure_ascii=False)
    return f"id: {event_id}\nevent: {payload['kind']}\ndata: {data}\n\n"


async def live(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        audiences = await sync_to_async(_prepare)(request, pk)
    except Http404:
        return HttpResponse(status=404)
    positions = _positions(request, audiences)
    channels = [channel_name(pk, a) for a in audiences]

    async def stream() -> AsyncIterator[str]:
        async with Subscription(channels) as subscription:
            # Spread reconnects after a mass drop (a proxy restart, a site's Wi-Fi) over seconds.
            yield f"retry: {random.randint(2000, 8000)}\n\n"  # noqa: S311 — not security
            # Catch up: subscribed already, so nothing falls between the two.
            for message in await sync_to_async(_catch_up)(pk, dict(positions)):
                payload = json.loads(message)
                positions[payload["audience"]] = payload["seq"]
                yield _frame(payload, positions, audiences)
            while True:
                message = await subscription.get(KEEPALIVE_SECONDS)
                if message is Subscription.TIMEOUT:
                    yield ": keep-alive\n\n"
                    continue
                if message is None:  # fell behind: the client reconnects and catches up
                    return
                payload = json.loads(message)  # type: ignore[arg-type]
                audience, seq = payload["audience"], payload["seq"]
                if seq <= positions[audience]:
                    continue  # already sent (fetched to fill a gap, or replayed)
                if seq > positions[audience] + 1:  # published out of order: fill the gap first
                    missing = await sync_to_async(_fetch)(pk, audience, positions[audience], seq)
                    for earlier in missing:
                        earlier_payload = json.loads(earlier)
                        positions[audience] = earlier_payload["seq"]
                        yield _frame(earlier_payload, positions, audiences)
                positions[audience] = seq
                yield _frame(payload, positions, audiences)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response
