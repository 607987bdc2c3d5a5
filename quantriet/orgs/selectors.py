from django.contrib.auth.models import User
from django.db.models import Count, QuerySet

from quantriet.orgs import access
from quantriet.orgs.models import Org


def org_tree_for(user: User) -> QuerySet[Org]:
    """Visible organisations in tree order, with their direct headcount (one query)."""
    return (
        access.visible_orgs(user)
        .select_related("kind", "level")
        .annotate(headcount=Count("people"))
        .order_by("path")
    )
