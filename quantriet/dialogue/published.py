"""Published Q&A: after a conference ends, its answered questions are public to everyone who
may see the conference, on the conference's Q&A page, on each studied document's page and in
the site-wide search.

Askers are never named here, whatever the conference's anonymity setting: only the site shows.
Search ignores case and diacritics: `Question.search_text` is stored folded; answers have no
folded copy, so their text is folded in SQL by `Folded`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, Func, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from quantriet.conferences.access import visible_conferences
from quantriet.conferences.models import Conference
from quantriet.core.text import fold
from quantriet.dialogue.models import Answer, Question
from quantriet.documents.models import Document

# Every Vietnamese letter with a diacritic, and the plain letter it folds to.
_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậ"
    + "èéẻẽẹêềếểễệ"
    + "ìíỉĩị"
    + "òóỏõọôồốổỗộơờớởỡợ"
    + "ùúủũụưừứửữự"
    + "ỳýỷỹỵ"
    + "đ"
)
_PLAIN = "a" * 17 + "e" * 11 + "i" * 5 + "o" * 17 + "u" * 11 + "y" * 5 + "d"
FOLD_FROM = _LOWER + _LOWER.upper()
FOLD_TO = _PLAIN + _PLAIN

SQLITE_FOLD = "quantriet_fold"
SNIPPET_WIDTH = 200
TITLE_WIDTH = 120


class Folded(Func):
    """`fold()` in SQL for a text column (NFC text assumed; spaces are left as they are).

    PostgreSQL: `lower(translate(…))`; SQLite: `fold` itself, registered on the connection
    (its `lower` only knows ASCII, and 134 nested `replace` calls overflow its parser).
    """

    output_field = Answer._meta.get_field("text")

    def __init__(self, expression: Any) -> None:
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # Other databases: case-insensitive only.
        return Lower(self.source_expressions[0]).as_sql(compiler, connection, **extra_context)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        connection.ensure_connection()
        connection.connection.create_function(SQLITE_FOLD, 1, fold, deterministic=True)
        return Func(
            self.source_expressions[0], function=SQLITE_FOLD, output_field=self.output_field
        ).as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        translated = Func(
            self.source_expressions[0],
            Value(FOLD_FROM),
            Value(FOLD_TO),
            function="TRANSLATE",
            output_field=self.output_field,
        )
        return Lower(translated).as_sql(compiler, connection, **extra_context)


def _matches(q: str) -> Q:
    """Every word of `q` in the question or in one of its answers."""
    condition = Q()
    for word in fold(q).split():
        in_answer = (
            Answer.objects.filter(question=OuterRef("pk"))
            .annotate(folded=Folded("text"))
            .filter(folded__contains=word)
        )
        condition &= Q(search_text__contains=word) | Q(Exists(in_answer))
    return condition


def published_questions(
    *,
    user: User | AnonymousUser,
    conference: Conference | None = None,
    document: Document | None = None,
    q: str | None = None,
) -> QuerySet[Question]:
    """Answered questions of ended conferences the user may see; site and conference selected.

    Answers are not fetched (see `published_qa`).
    """
    ended = visible_conferences(user).filter(ends_at__lte=timezone.now())
    qs = Question.objects.filter(
        status=Question.Status.ANSWERED, conference__in=ended.values("pk")
    ).filter(Exists(Answer.objects.filter(question=OuterRef("pk"))))
    if conference is not None:
        qs = qs.filter(conference=conference)
    if document is not None:
        qs = qs.filter(conference__documents=document)
    if q and fold(q):
        qs = qs.filter(_matches(q))
    return qs.select_related("conference", "site").order_by(
        "-conference__starts_at", "-votes", "created_at", "id"
    )


def published_qa(
    *,
    user: User | AnonymousUser,
    conference: Conference | None = None,
    document: Document | None = None,
    q: str | None = None,
) -> QuerySet[Question]:
    """`published_questions` with their answers (and presenters) prefetched: two queries."""
    answers = Answer.objects.select_related("presenter").order_by("created_at", "id")
    return published_questions(
        user=user, conference=conference, document=document, q=q
    ).prefetch_related(Prefetch("answers", queryset=answers))


def _shorten(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def qa_url(question: Question) -> str:
    """The question on its conference's Q&A page ("" while the Q&A pages are not mounted)."""
    try:
        url = reverse("dialogue:qa", kwargs={"pk": question.conference_id})
    except NoReverseMatch:
        return ""
    return f"{url}#q-{question.pk}"


def search_items(
    *, user: User | AnonymousUser, q: str, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """Questions and answers for `/api/v1/search`: (count, items of type "question").

    Three queries at most (count, page, answers); no query for the page when `limit` is 0.
    """
    qs = published_qa(user=user, q=q)
    count = qs.count()
    if limit <= 0 or offset >= count:
        return count, []
    items = []
    for question in qs[offset : offset + limit]:
        answer = next((a.text for a in question.answers.all() if a.text.strip()), "")
        items.append(
            {
                "type": "question",
                "id": question.pk,
                "title": _shorten(question.text, TITLE_WIDTH),
                "number": "",
                "snippet": _shorten(answer, SNIPPET_WIDTH),
                "url": qa_url(question),
            }
        )
    return count, items
