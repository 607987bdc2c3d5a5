"""Reads for planning pages and the API: user-scoped querysets, each page a fixed query count."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from quantriet.conferences import access
from quantriet.conferences.models import (
    AgendaItem,
    Conference,
    Invitation,
    InvitationRule,
    Material,
    Site,
)
from quantriet.core.text import fold
from quantriet.documents.access import visible_documents
from quantriet.documents.models import Document
from quantriet.orgs.access import get_visible_or_404
from quantriet.orgs.models import Category, Org


def _count(queryset: QuerySet[Any], outer: str) -> Coalesce:
    """`COUNT(*)` of `queryset` rows whose `outer` points at the outer row, as a subquery."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def meeting_url(conference: Conference) -> str | None:
    """The Jitsi room of an online or hybrid conference; None when in person or not configured."""
    base = (getattr(settings, "JITSI_BASE_URL", "") or "").rstrip("/")
    if not base or not conference.is_online:
        return None
    return f"{base}/{conference.meeting_room}"


def conferences_for(user: User | AnonymousUser, *, q: str | None = None) -> QuerySet[Conference]:
    """Visible conferences with their host, number of sites and of invitees (one query)."""
    qs = (
        access.visible_conferences(user)
        .select_related("host_org")
        .annotate(
            site_count=_count(Site.objects.all(), "conference"),
            invitee_count=_count(Invitation.objects.all(), "conference"),
        )
        .order_by("-starts_at", "-id")
    )
    folded = fold(q or "")
    if folded:
        # Titles are not folded in the database; a few hundred conferences a year scan fine.
        ids = [pk for pk, title in qs.values_list("pk", "title") if folded in fold(title)]
        qs = qs.filter(pk__in=ids)
    return qs


def sites_of(conference: Conference) -> QuerySet[Site]:
    """Sites with their organisation, operators and invitee count (host first)."""
    return (
        Site.objects.filter(conference=conference)
        .select_related("org")
        .prefetch_related("operators")
        .annotate(invitee_count=_count(Invitation.objects.all(), "site"))
    )


def rules_of(conference: Conference) -> QuerySet[InvitationRule]:
    return InvitationRule.objects.filter(conference=conference).prefetch_related(
        Prefetch("orgs", queryset=Org.objects.order_by("path"))
    )


def category_labels(codes: list[str]) -> list[str]:
    return [str(Category(code).label) for code in codes if code in Category.values]


def documents_of(user: User | AnonymousUser, conference: Conference) -> QuerySet[Document]:
    """The documents studied that this user may see (a marked one stays hidden otherwise)."""
    return visible_documents(user).filter(conferences=conference).order_by("-issued_on", "id")


def conference_detail(user: User | AnonymousUser, conference: Conference) -> dict[str, Any]:
    """Everything the conference page shows, in a fixed number of queries."""
    can_manage = access.can_manage_conference(user, conference)
    operable = access.operable_site_ids(user, conference)
    sites = list(sites_of(conference))
    rules = list(rules_of(conference))
    for rule in rules:
        rule.category_labels = category_labels(rule.categories)  # type: ignore[attr-defined]
    for site in sites:
        site.can_operate = site.pk in operable  # type: ignore[attr-defined]
    return {
        "conference": conference,
        "documents": list(documents_of(user, conference)),
        "presenters": list(conference.presenters.select_related("org").order_by("search_name")),
        "agenda": list(
            AgendaItem.objects.filter(conference=conference).select_related("presenter")
        ),
        "materials": list(Material.objects.filter(conference=conference)),
        "sites": sites,
        "rules": rules,
        "invitee_total": sum(site.invitee_count for site in sites),  # type: ignore[attr-defined]
        "expected_total": sum(site.expected for site in sites),
        "can_manage": can_manage,
        "meeting_url": meeting_url(conference),
    }


def invitees_for(
    user: User | AnonymousUser,
    conference: Conference,
    *,
    q: str | None = None,
    site: int | None = None,
) -> QuerySet[Invitation]:
    """Invitations this user may see (an officer elsewhere sees only their own people)."""
    qs = access.visible_invitations(user, conference).select_related(
        "person", "person__org", "site"
    )
    folded = fold(q or "")
    if folded:
        qs = qs.filter(person__search_name__contains=folded)
    if site:
        qs = qs.filter(site_id=site)
    return qs.order_by("site__name", "person__search_name", "id")


def invitee_counts(user: User | AnonymousUser, conference: Conference) -> dict[int, int]:
    """{site id: visible invitees} in one `GROUP BY`."""
    rows = (
        access.visible_invitations(user, conference)
        .order_by()
        .values("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    return dict(rows)


def get_material(user: User | AnonymousUser, pk: object) -> Material:
    """A material of a conference the user may see; anything else is a 404."""
    return get_visible_or_404(
        Material.objects.filter(conference__in=access.visible_conferences(user)), pk
    )


# --- presenters' bookings ---------------------------------------------------------------

# An agenda item without an end time is taken to last this long when checking for clashes.
DEFAULT_SESSION = datetime.timedelta(hours=1)


def item_end(item: AgendaItem) -> datetime.datetime:
    return item.ends_at or item.starts_at + DEFAULT_SESSION


def presenter_clashes(item: AgendaItem) -> QuerySet[AgendaItem]:
    """Other agenda items of the same presenter that overlap this one (any conference)."""
    if item.presenter_id is None:
        return AgendaItem.objects.none()
    start, end = item.starts_at, item_end(item)
    return (
        AgendaItem.objects.filter(presenter_id=item.presenter_id, starts_at__lt=end)
        .filter(
            Q(ends_at__gt=start) | Q(ends_at__isnull=True, starts_at__gt=start - DEFAULT_SESSION)
        )
        .exclude(pk=item.pk)
        .select_related("conference")
    )


def overlapping(items: list[AgendaItem]) -> list[tuple[AgendaItem, AgendaItem]]:
    """Pairs of one presenter's items that overlap, from items already read (sorted sweep)."""
    pairs = []
    by_person: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.presenter_id is not None:
            by_person.setdefault(item.presenter_id, []).append(item)
    for mine in by_person.values():
        mine.sort(key=lambda i: i.starts_at)
        for i, first in enumerate(mine):
            for second in mine[i + 1 :]:
                if second.starts_at >= item_end(first):
                    break
                pairs.append((first, second))
    return pairs
