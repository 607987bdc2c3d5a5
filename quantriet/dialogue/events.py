"""Write a live event and publish it once the transaction commits."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from quantriet.dialogue.broker import channel_name, get_broker
from quantriet.dialogue.models import Event


def emit(
    *, conference_id: int, kind: str, data: dict[str, Any], audience: str = Event.Audience.PUBLIC
) -> Event:
    """Record the event (for Last-Event-ID catch-up) and publish it after commit."""
    event = Event.objects.create(
        conference_id=conference_id, kind=kind, data=data, audience=audience
    )
    message = encode(event)
    channel = channel_name(conference_id, audience)
    transaction.on_commit(lambda: get_broker().publish(channel, message))
    return event


def encode(event: Event) -> str:
    return json.dumps(
        {"id": event.pk, "kind": event.kind, "data": event.data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )


def sse_frame(message: str) -> str:
    """One Server-Sent Events frame from a published message."""
    payload = json.loads(message)
    data = json.dumps(payload["data"], ensure_ascii=False)
    return f"id: {payload['id']}\nevent: {payload['kind']}\ndata: {data}\n\n"
