"""Template tags of the dialogue app for other apps' pages.

`{% load dialogue_tags %}{% published_qa_for document as qa %}` on a document's page: a few
published questions about it (one query, no answers, no askers), each linked to its
conference's Q&A page.
"""

from __future__ import annotations

from typing import Any

from django import template

from quantriet.dialogue.published import published_questions, qa_url
from quantriet.documents.models import Document

register = template.Library()

SHOWN = 5


@register.simple_tag(takes_context=True)
def published_qa_for(context: dict[str, Any], document: Document, limit: int = SHOWN) -> dict:
    """`{"items": [{"text", "url", "site", "conference"}], "more": bool, "conferences": [...]}`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or document is None:
        return {"items": [], "more": False, "conferences": []}
    rows = list(published_questions(user=user, document=document)[: limit + 1])
    items = [
        {
            "text": q.text,
            "url": qa_url(q),
            "site": q.site.name if q.site else "",
            "conference": q.conference.title,
        }
        for q in rows[:limit]
    ]
    conferences: dict[int, dict[str, str]] = {}
    for q in rows[:limit]:
        url = qa_url(q).split("#", 1)[0]
        if url:
            conferences.setdefault(q.conference_id, {"title": q.conference.title, "url": url})
    return {"items": items, "more": len(rows) > limit, "conferences": list(conferences.values())}
