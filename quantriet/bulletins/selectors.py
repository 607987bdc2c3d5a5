"""Reads for bulletins and opinion reports, each page with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery

from quantriet.bulletins.access import followed_receipts, visible_bulletins, visible_reports
from quantriet.bulletins.models import Bulletin, OpinionReport, Receipt, ReportStatus, Topic
from quantriet.orgs.access import scope_for


def bulletins_for(user: User | AnonymousUser) -> QuerySet[Bulletin]:
    """Visible bulletins with the read count and recipients among the presenters the user
    manages (`read`, `total`) and, for a recipient, whether it is addressed to them
    (`my_receipt`), when they read it (`my_read_at`) and when they were reminded."""
    person_id = scope_for(user).person_id
    mine = Receipt.objects.filter(bulletin=OuterRef("pk"), presenter__person_id=person_id)
    followed = followed_receipts(user, prefix="receipts__")
    return (
        visible_bulletins(user)
        .select_related("org")
        .annotate(
            total=Count("receipts", filter=followed),
            read=Count("receipts", filter=followed & Q(receipts__read_at__isnull=False)),
            my_receipt=Subquery(mine.values("pk")[:1]),
            my_read_at=Subquery(mine.values("read_at")[:1]),
            my_reminded_at=Subquery(mine.values("reminded_at")[:1]),
        )
        .order_by("-month", "-id")
    )


def unread_count(user: User | AnonymousUser) -> int:
    """Published bulletins addressed to the user that they have not opened yet."""
    person_id = scope_for(user).person_id
    if person_id is None:
        return 0
    return Receipt.objects.filter(
        presenter__person_id=person_id,
        read_at__isnull=True,
        bulletin__published_at__isnull=False,
    ).count()


def receipts_of(user: User | AnonymousUser, bulletin: Bulletin) -> QuerySet[Receipt]:
    """The recipients the user manages, with their managing committee, unread first, by name."""
    return (
        Receipt.objects.filter(followed_receipts(user), bulletin=bulletin)
        .select_related("presenter__person", "presenter__org")
        # Unread first on every database (PostgreSQL puts NULLs last by default).
        .order_by(F("read_at").asc(nulls_first=True), "presenter__person__search_name", "id")
    )


def unread_of(user: User | AnonymousUser, bulletin: Bulletin) -> QuerySet[Receipt]:
    return receipts_of(user, bulletin).filter(read_at__isnull=True)


def reports_for(
    user: User | AnonymousUser,
    *,
    topic: int | None = None,
    status: str | None = None,
    area: int | None = None,
) -> QuerySet[OpinionReport]:
    qs = visible_reports(user).select_related(
        "presenter__person", "presenter__org", "topic", "area"
    )
    if topic:
        qs = qs.filter(topic_id=topic)
    if status:
        qs = qs.filter(status=status)
    if area:
        qs = qs.filter(area_id=area)
    return qs.order_by("-created_at", "-id")


@dataclass
class AreaCount:
    area_id: int
    name: str
    count: int


@dataclass
class TopicSummary:
    topic: Topic
    count: int = 0
    new: int = 0
    latest: datetime | None = None
    areas: list[AreaCount] = field(default_factory=list)


def opinion_summary(user: User | AnonymousUser) -> list[TopicSummary]:
    """Visible reports by topic: how many, how many still new, the latest, and per area.

    Three queries whatever the number of reports: the topics, the counts by topic, and the
    counts by topic and area.
    """
    reports = visible_reports(user).order_by()
    rows = {topic.pk: TopicSummary(topic=topic) for topic in Topic.objects.all()}
    for item in reports.values("topic_id").annotate(
        count=Count("id"),
        new=Count("id", filter=Q(status=ReportStatus.NEW)),
        latest=Max("created_at"),
    ):
        row = rows.get(item["topic_id"])
        if row is not None:
            row.count, row.new, row.latest = item["count"], item["new"], item["latest"]
    by_area = (
        reports.values("topic_id", "area_id", "area__name")
        .annotate(count=Count("id"))
        .order_by("topic_id", "-count", "area__name")
    )
    for item in by_area:
        row = rows.get(item["topic_id"])
        if row is not None:
            row.areas.append(AreaCount(item["area_id"], item["area__name"], item["count"]))
    return sorted(rows.values(), key=lambda r: (-r.count, r.topic.rank, r.topic.pk))
