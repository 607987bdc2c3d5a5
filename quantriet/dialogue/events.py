"""Write a live event and publish it once the transaction commits.

Each (conference, audience) numbers its events 1, 2, 3… with a counter row locked until the
writing transaction commits: sequence order is commit order, with no gaps. Publication happens
after commit and may still reach a listener out of order; the listener then fetches the missing
numbers from the table (see `quantriet.dialogue.live`), so nothing is lost or repeated.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F

from quantriet.dialogue.broker import channel_name, get_broker
from quantriet.dialogue.models import Event, EventCounter


def emit(
    *, conference_id: int, kind: str, data: dict[str, Any], audience: str = Event.Audience.PUBLIC
) -> Event:
    """Record the event (for Last-Event-ID catch-up) and publish it after commit."""
    with transaction.atomic():
        EventCounter.objects.bulk_create(
            [EventCounter(conference_id=conference_id, audience=audience)], ignore_conflicts=True
        )
        counter = EventCounter.objects.filter(conference_id=conference_id, audience=audience)
        counter.update(last=F("last") + 1)  # takes the row lock until commit
        seq = counter.values_list("last", flat=True).get()
        event = Event.objects.create(
            conference_id=conference_id, audience=audience, seq=seq, kind=kind, data=data
        )
    message = encode(event)
    channel = channel_name(conference_id, audience)
    transaction.on_commit(lambda: get_broker().publish(channel, message))
    return event


def encode(event: Event) -> str:
    return json.dumps(
        {
            "audience": event.audience,
            "seq": event.seq,
            "kind": event.kind,
            "data": event.data,
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )
