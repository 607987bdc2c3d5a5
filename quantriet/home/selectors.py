from typing import Any

from django.contrib.auth.models import User

from quantriet.orgs import access


def dashboard_for(user: User) -> dict[str, Any]:
    """Counts for the home page, each within the user's scope."""
    scope = access.scope_for(user)
    return {
        "org_count": access.visible_orgs(user).count(),
        "people_count": access.visible_people(user).count()
        if scope.has_role(access.VIEW_PEOPLE)
        else None,
        "grants": user.grants.select_related("org").order_by("org__path"),
    }
