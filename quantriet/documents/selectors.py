"""Reads: user-scoped document querysets with a fixed query count per page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.urls import reverse

from quantriet.core.text import fold
from quantriet.documents.access import visible_documents
from quantriet.documents.models import Attachment, Document, DocumentLink, DownloadLog


def documents_for(
    user: User | AnonymousUser,
    *,
    kind: str | None = None,
    level: str | None = None,
    year: int | None = None,
    term: str | None = None,
    q: str | None = None,
) -> QuerySet[Document]:
    """Visible documents, filtered; `q` matches every word, ignoring case and diacritics."""
    qs = visible_documents(user).select_related("level", "issuing_org")
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level__code=level)
    if year:
        qs = qs.filter(issued_on__year=year)
    if term:
        qs = qs.filter(term=term)
    for word in fold(q or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs


def terms_for(user: User | AnonymousUser) -> list[str]:
    """Distinct terms among visible documents, for the filter's choices (one query)."""
    rows = visible_documents(user).exclude(term="").values_list("term", flat=True)
    return sorted(set(rows.order_by().distinct()), reverse=True)


def years_for(user: User | AnonymousUser) -> list[int]:
    rows = visible_documents(user).dates("issued_on", "year", order="DESC")
    return [d.year for d in rows]


def attachments_of(document: Document) -> QuerySet[Attachment]:
    return document.attachments.all()


@dataclass(frozen=True)
class LinkRow:
    relation: str
    relation_label: str
    outgoing: bool
    document: Document


def links_of(user: User | AnonymousUser, document: Document) -> list[LinkRow]:
    """Links both ways, to visible documents only (two queries)."""
    visible = visible_documents(user)
    outgoing = (
        DocumentLink.objects.filter(source=document, target__in=visible)
        .select_related("target")
        .order_by("relation", "-target__issued_on")
    )
    incoming = (
        DocumentLink.objects.filter(target=document, source__in=visible)
        .select_related("source")
        .order_by("relation", "-source__issued_on")
    )
    rows = [
        LinkRow(link.relation, link.get_relation_display(), True, link.target) for link in outgoing
    ]
    rows += [
        LinkRow(link.relation, link.get_relation_display(), False, link.source) for link in incoming
    ]
    return rows


def downloads_of(document: Document) -> QuerySet[DownloadLog]:
    return (
        DownloadLog.objects.filter(attachment__document=document)
        .select_related("attachment", "user", "user__person")
        .order_by("-at", "-id")
    )


def snippet(document: Document, q: str, width: int = 160) -> str:
    """A piece of the title, summary or points around the first match of `q`."""
    words = fold(q).split()
    for text in (document.summary, document.core_points, document.new_points, document.title):
        if not text:
            continue
        folded = _fold_same_length(text)
        positions = [folded.find(word) for word in words]
        found = [p for p in positions if p >= 0]
        if found:
            start = max(0, min(found) - width // 3)
            piece = " ".join(text[start : start + width].split())
            prefix = "…" if start > 0 else ""
            suffix = "…" if start + width < len(text) else ""
            return f"{prefix}{piece}{suffix}"
    text = document.summary or document.title
    return " ".join(text[:width].split()) + ("…" if len(text) > width else "")


def _fold_same_length(text: str) -> str:
    """`fold` character by character, so a position in the result is one in `text`."""
    out = []
    for ch in text:
        folded = fold(ch) if not ch.isspace() else " "
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


def search_items(
    *, user: User | AnonymousUser, q: str, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """Documents for the one search box (`core.registry`): (count, items of type "document").

    Two queries at most (count, page); no page query when the page falls past the documents."""
    qs = documents_for(user, q=q)
    count = qs.count()
    if limit <= 0 or offset >= count:
        return count, []
    return count, [
        {
            "type": "document",
            "id": document.pk,
            "title": document.title,
            "number": document.number,
            "snippet": snippet(document, q),
            "url": reverse("documents:detail", kwargs={"pk": document.pk}),
        }
        for document in qs[offset : offset + limit]
    ]
