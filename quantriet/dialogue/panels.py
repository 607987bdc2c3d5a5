"""What the dialogue app shows on other apps' pages, through `core.registry` (see apps.py).

On a document's page: a few published questions about it (one query, no answers, no askers),
each linked to its conference's Q&A page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from quantriet.dialogue.published import published_questions, qa_url
from quantriet.documents.models import Document

SHOWN = 5


def published_qa_panel(request: HttpRequest, document: Document) -> dict[str, Any] | None:
    """`{"qa": {"items": [{"text", "url", "site", "conference"}], "more", "conferences"}}`, or
    None (no panel) when nothing about the document is published for this user."""
    rows = list(published_questions(user=request.user, document=document)[: SHOWN + 1])
    if not rows:
        return None
    shown = rows[:SHOWN]
    items = [
        {
            "text": q.text,
            "url": qa_url(q),
            "site": q.site.name if q.site else "",
            "conference": q.conference.title,
        }
        for q in shown
    ]
    conferences: dict[int, dict[str, str]] = {}
    for q in shown:
        url = qa_url(q).split("#", 1)[0]
        if url:
            conferences.setdefault(q.conference_id, {"title": q.conference.title, "url": url})
    return {
        "qa": {"items": items, "more": len(rows) > SHOWN, "conferences": list(conferences.values())}
    }
