"""Reads of organisations, people and roles, always through the access module's scoping."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, QuerySet

from quantriet.core.text import fold
from quantriet.orgs import access
from quantriet.orgs.models import Grant, Org, Person


def org_tree_for(user: User | AnonymousUser) -> QuerySet[Org]:
    """Visible organisations in tree order, with their direct headcount (one query)."""
    return (
        access.visible_orgs(user)
        .select_related("kind", "level")
        .annotate(headcount=Count("people"))
        .order_by("path")
    )


def people_for(
    user: User | AnonymousUser,
    *,
    org: Org | None = None,
    category: str = "",
    q: str = "",
) -> QuerySet[Person]:
    """People the user may see, optionally in `org`'s subtree, of a category, matching `q`.

    `q` ignores case and diacritics: "nguyen van an" finds "Nguyễn Văn An". One query for
    the rows (the organisation comes joined), whatever the page size.
    """
    qs = access.visible_people(user).select_related("org")
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if category:
        qs = qs.filter(category=category)
    folded = fold(q)
    if folded:
        qs = qs.filter(search_name__contains=folded)
    return qs.order_by("search_name", "id")


def subtree_headcount(user: User | AnonymousUser, org: Org) -> int:
    """How many people of `org`'s whole subtree the user may see, at any depth (one query)."""
    return access.visible_people(user).filter(org__path__startswith=org.path).count()


def org_children(user: User | AnonymousUser, org: Org) -> QuerySet[Org]:
    """Direct children of `org` the user may see, with their direct headcount (one query)."""
    return (
        access.visible_orgs(user)
        .filter(parent=org)
        .select_related("kind", "level")
        .annotate(headcount=Count("people"))
        .order_by("path")
    )


def org_ancestors(user: User | AnonymousUser, org: Org) -> QuerySet[Org]:
    """Visible ancestors of `org`, root first, for breadcrumbs (one query, no recursion)."""
    return access.visible_orgs(user).filter(path__in=org.ancestor_paths()[:-1]).order_by("path")


def grants_of(user: User | AnonymousUser, account: User) -> QuerySet[Grant]:
    """The roles of `account` the user may see, with their organisations."""
    return (
        access.visible_grants(user)
        .filter(account=account)
        .select_related("org", "account")
        .order_by("org__path", "role")
    )


def grants_for(user: User | AnonymousUser, *, account: int | None = None) -> QuerySet[Grant]:
    """All grants the user may see (administrators: those in their subtrees; others: their own)."""
    qs = access.visible_grants(user).select_related("org", "account")
    if account is not None:
        qs = qs.filter(account_id=account)
    return qs.order_by("account_id", "org__path", "role")
