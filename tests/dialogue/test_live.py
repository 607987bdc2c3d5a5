"""The SSE endpoint: catch-up with Last-Event-ID, live delivery, audiences, scope."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from django.db import transaction
from django.test import AsyncClient

from quantriet.dialogue.broker import channel_name, get_broker, reset_broker
from quantriet.dialogue.events import emit, encode
from quantriet.dialogue.models import Event


def _frames(client, url, count, headers=None, during=None, timeout=5.0):
    """Read `count` event frames (skipping comments and `retry:`) from the stream."""

    async def read():
        response = await client.get(url, headers=headers or {})
        assert response.status_code == 200, response.status_code
        assert response["Content-Type"].startswith("text/event-stream")
        frames, buffer = [], ""
        stream = response.streaming_content.__aiter__()
        if during is not None:
            first = await asyncio.wait_for(stream.__anext__(), timeout)  # subscribed by now
            buffer += first if isinstance(first, str) else first.decode()
            await during()
        while len(frames) < count:
            chunk = await asyncio.wait_for(stream.__anext__(), timeout)
            buffer += chunk if isinstance(chunk, str) else chunk.decode()
            *done, buffer = buffer.split("\n\n")
            frames += [f for f in done if f.startswith("id:")]
        await stream.aclose()
        return frames

    return async_to_sync(read)()


def _emit(conference, kind, audience=Event.Audience.PUBLIC, **data):
    with transaction.atomic():
        return emit(conference_id=conference.pk, kind=kind, data=data, audience=audience)


def test_reconnect_with_last_event_id_replays_what_was_missed(
    conf, users, django_capture_on_commit_callbacks
):
    reset_broker()
    first = _emit(conf.conference, "question.added", id=1, text="Một")
    second = _emit(conf.conference, "question.added", id=2, text="Hai <b>")
    third = _emit(conf.conference, "question.voted", id=2, votes=3)
    client = AsyncClient()
    client.force_login(users.admin)

    frames = _frames(
        client,
        f"/conferences/{conf.conference.pk}/live",
        2,
        headers={"Last-Event-ID": f"{first.seq}.0"},
    )

    # The admin also moderates: the id carries both audiences' positions.
    assert frames[0].startswith(f"id: {second.seq}.0\nevent: question.added\ndata: ")
    assert '"Hai <b>"' in frames[0]  # JSON data; clients insert it as text
    assert frames[1].startswith(f"id: {third.seq}.0\nevent: question.voted")


def test_live_event_arrives_and_moderators_only_events_stay_private(conf, users):
    reset_broker()
    conference = conf.conference
    member = AsyncClient()
    member.force_login(users.officer_a)  # sees the conference (a site in scope), not a moderator
    moderator = AsyncClient()
    moderator.force_login(users.admin)

    async def publish():
        def write():
            with transaction.atomic():
                emit(
                    conference_id=conference.pk,
                    kind="question.added",
                    data={"id": 9},
                    audience=Event.Audience.MODERATORS,
                )
                emit(conference_id=conference.pk, kind="question.voted", data={"id": 8, "votes": 1})
            # Test transactions never commit: publish what on_commit would have.
            for event in Event.objects.filter(conference=conference).order_by("id"):
                get_broker().publish(channel_name(conference.pk, event.audience), encode(event))

        await sync_to_async(write)()

    seen_by_member = _frames(member, f"/conferences/{conference.pk}/live", 1, during=publish)
    assert "question.voted" in seen_by_member[0]
    assert all("question.added" not in f for f in seen_by_member)

    seen_by_moderator = _frames(
        moderator, f"/conferences/{conference.pk}/live", 2, headers={"Last-Event-ID": "0"}
    )
    assert ["question.added" in seen_by_moderator[0], "question.voted" in seen_by_moderator[1]] == [
        True,
        True,
    ]


def test_live_stream_is_404_outside_the_users_view(conf, users):
    client = AsyncClient()
    client.force_login(users.outsider)
    response = async_to_sync(client.get)(f"/conferences/{conf.conference.pk}/live")
    assert response.status_code == 404
    anonymous = async_to_sync(AsyncClient().get)(f"/conferences/{conf.conference.pk}/live")
    assert anonymous.status_code == 404


def test_event_published_out_of_order_is_not_lost(conf, users):
    """Commits publish after the fact, so number 2 may reach a listener before number 1: the
    listener fetches 1 from the table first, and the late copy of 1 is not sent again."""
    reset_broker()
    conference = conf.conference
    client = AsyncClient()
    client.force_login(users.officer_a)
    channel = channel_name(conference.pk, Event.Audience.PUBLIC)

    async def publish_backwards():
        def write():
            with transaction.atomic():
                one = emit(
                    conference_id=conference.pk, kind="question.voted", data={"id": 1, "votes": 1}
                )
                two = emit(
                    conference_id=conference.pk, kind="question.voted", data={"id": 1, "votes": 2}
                )
            get_broker().publish(channel, encode(two))
            get_broker().publish(channel, encode(one))
            get_broker().publish(channel, encode(two))

        await sync_to_async(write)()

    frames = _frames(client, f"/conferences/{conference.pk}/live", 2, during=publish_backwards)

    assert [f.split("\n")[0] for f in frames] == ["id: 1", "id: 2"]
    assert '"votes": 1' in frames[0] and '"votes": 2' in frames[1]


def test_site_operator_follows_the_pending_questions_of_their_site(dialogue, conf):
    """Site moderation: operator_a sees site A's pending question on the stream, no other."""
    from quantriet.dialogue import services

    services.ask_question(conference=conf.conference, by=dialogue.an_user, text="Câu hỏi ở A")
    services.ask_question(conference=conf.conference, by=dialogue.cuong_user, text="Câu hỏi ở B")
    client = AsyncClient()
    client.force_login(conf.operator_a)

    frames = _frames(
        client, f"/conferences/{conf.conference.pk}/live", 1, headers={"Last-Event-ID": "0.0"}
    )

    assert frames[0].startswith("id: 0.1\nevent: question.added")
    assert "Câu hỏi ở A" in frames[0]
    assert "Câu hỏi ở B" not in "".join(frames)
