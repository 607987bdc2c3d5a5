"""The app's URLs plus `POST /bench/live/<conference>/emit`, the benchmark's stand-in for the
dialogue API (not written yet when the benchmark was): it does what asking a question or voting
does for the live stream, in the server process, inside one transaction — a Question (or a Vote
and the question's vote count), and an Event through `quantriet.dialogue.events.emit`, published
after commit by the process's broker (in-process, or Redis with REDIS_URL).

The body is `{"kind": "question" | "vote", "seq": n, "ts": t}`; `ts` is the client's send time
(time.time() on the same machine), carried in the event data so every listener can measure
arrival − send. The answer gives the event's sequence number (the SSE id) and the server's time spent.

"""

import json
import time

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as app_urlpatterns
from quantriet.dialogue.events import emit
from quantriet.dialogue.models import Question, Vote
from quantriet.orgs.models import Person


@csrf_exempt
@require_POST
def emit_one(request: HttpRequest, pk: int) -> HttpResponse:
    started = time.perf_counter()
    body = json.loads(request.body)
    seq, ts = int(body["seq"]), float(body["ts"])
    mark = f"bench {seq} {ts:.6f}"
    with transaction.atomic():
        if body["kind"] == "vote":
            question = Question.objects.filter(conference_id=pk).order_by("-id").first()
            person = Person.objects.order_by("id")[seq % 1000]
            Vote.objects.create(question=question, person=person)
            Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
            event = emit(
                conference_id=pk,
                kind="question.voted",
                data={"id": question.pk, "votes": question.votes + 1, "bench": mark},
            )
        else:
            person = Person.objects.order_by("id")[seq % 1000]
            question = Question.objects.create(
                conference_id=pk,
                asked_by=person,
                asker_key=f"bench-{person.pk}",
                text=mark,
                status=Question.Status.APPROVED,
            )
            event = emit(
                conference_id=pk,
                kind="question.created",
                data={  # the shape of services.question_payload
                    "id": question.pk,
                    "text": question.text,
                    "status": question.status,
                    "votes": 0,
                    "site": None,
                    "site_id": None,
                    "addressed_to": None,
                    "addressed_to_id": None,
                    "anonymous": False,
                    "asker": person.full_name,
                    "created_at": question.created_at.isoformat(),
                    "answers": [],
                    "merged_into": None,
                    "reject_reason": "",
                    "bench": mark,
                },
            )
    server_ms = (time.perf_counter() - started) * 1000
    return JsonResponse({"event": event.seq, "server_ms": server_ms}, status=201)


urlpatterns = [path("bench/live/<int:pk>/emit", emit_one), *app_urlpatterns]
