"""Fan-out of live events to the SSE listeners of this process.

One process alone uses the in-process broker. With REDIS_URL set, every process publishes to
Redis and runs ONE subscription task that fans messages out to its local listeners, so N
listeners cost N asyncio queues, not N Redis connections.

`publish` is called from synchronous code (a view or service after commit); `listen` is used
by the async SSE view. Messages are JSON strings carrying the event id, kind and data, so a
listener needs no database query per event; a reconnecting client catches up from the Event
table instead (see `quantriet.dialogue.live`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import defaultdict

from django.conf import settings

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "quantriet:live:"
QUEUE_SIZE = 1000  # a listener that falls this far behind is dropped and reconnects


def channel_name(conference_id: int, audience: str) -> str:
    return f"{CHANNEL_PREFIX}{conference_id}:{audience}"


class LocalHub:
    """Listeners of this process: channel → set of (loop, queue)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: dict[
            str, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[str | None]]]
        ] = defaultdict(set)

    def add(
        self, channel: str, entry: tuple[asyncio.AbstractEventLoop, asyncio.Queue[str | None]]
    ) -> None:
        with self._lock:
            self._listeners[channel].add(entry)

    def remove(
        self, channel: str, entry: tuple[asyncio.AbstractEventLoop, asyncio.Queue[str | None]]
    ) -> None:
        with self._lock:
            self._listeners[channel].discard(entry)
            if not self._listeners[channel]:
                del self._listeners[channel]

    def deliver(self, channel: str, message: str) -> None:
        with self._lock:
            entries = list(self._listeners.get(channel, ()))
        for loop, queue in entries:
            loop.call_soon_threadsafe(_put, queue, message)

    def count(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._listeners.values())


def _put(queue: asyncio.Queue[str | None], message: str) -> None:
    try:
        queue.put_nowait(message)
    except asyncio.QueueFull:
        # Too slow a reader: end its stream; the browser reconnects with Last-Event-ID.
        with contextlib.suppress(asyncio.QueueEmpty):
            queue.get_nowait()
        queue.put_nowait(None)


class InProcessBroker:
    def __init__(self) -> None:
        self.hub = LocalHub()

    def publish(self, channel: str, message: str) -> None:
        self.hub.deliver(channel, message)

    async def ensure_started(self) -> None:
        return None


class RedisBroker:
    """Publishes through Redis; one pattern subscription per process feeds the local hub."""

    def __init__(self, url: str) -> None:
        import redis

        self.url = url
        self.hub = LocalHub()
        self._publisher = redis.Redis.from_url(url)
        self._task: asyncio.Task[None] | None = None
        self._started = threading.Lock()

    def publish(self, channel: str, message: str) -> None:
        self._publisher.publish(channel, message)

    async def ensure_started(self) -> None:
        if self._task is not None and not self._task.done():
            return
        ready = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(ready))
        await asyncio.wait_for(ready.wait(), timeout=5)

    async def _run(self, ready: asyncio.Event) -> None:
        import redis.asyncio as aioredis

        while True:
            try:
                client = aioredis.Redis.from_url(self.url)
                pubsub = client.pubsub()
                await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                ready.set()
                async for message in pubsub.listen():
                    if message.get("type") != "pmessage":
                        continue
                    channel = message["channel"].decode()
                    data = message["data"].decode()
                    self.hub.deliver(channel, data)
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis went away: retry, listeners catch up on reconnect
                logger.exception("live events: Redis subscription failed; retrying")
                await asyncio.sleep(1)


_broker: InProcessBroker | RedisBroker | None = None
_broker_lock = threading.Lock()


def get_broker() -> InProcessBroker | RedisBroker:
    global _broker  # one broker per process
    with _broker_lock:
        if _broker is None:
            url = getattr(settings, "REDIS_URL", "")
            _broker = RedisBroker(url) if url else InProcessBroker()
        return _broker


def reset_broker() -> None:
    """Forget the broker (tests switch settings)."""
    global _broker  # one broker per process
    with _broker_lock:
        _broker = None


class Subscription:
    """`async with Subscription(channels) as sub:` registers before the body runs, so a caller
    can subscribe first and then replay history without a gap."""

    TIMEOUT = object()

    def __init__(self, channels: list[str]) -> None:
        self.channels = channels
        self.queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._entry: tuple[asyncio.AbstractEventLoop, asyncio.Queue[str | None]] | None = None
        self._broker = get_broker()

    async def __aenter__(self) -> Subscription:
        await self._broker.ensure_started()
        self._entry = (asyncio.get_running_loop(), self.queue)
        for channel in self.channels:
            self._broker.hub.add(channel, self._entry)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._entry is not None:
            for channel in self.channels:
                self._broker.hub.remove(channel, self._entry)

    async def get(self, timeout: float) -> str | object | None:
        """The next message; None when this listener fell behind; TIMEOUT after `timeout` s."""
        try:
            return await asyncio.wait_for(self.queue.get(), timeout=timeout)
        except TimeoutError:
            return self.TIMEOUT
