"""Who sees and manages the corps.

Presenters are managed by the propaganda department of their committee and above: the corps
(profiles, evaluations, reviews) is visible to administrators and officers whose scope covers
the managing organisation; a presenter sees their own profile and evaluations, nobody else's.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Org, Role
from quantriet.presenters.models import Presenter

MANAGE_CORPS = (Role.ADMIN, Role.OFFICER)


def visible_presenters(user: User | AnonymousUser) -> QuerySet[Presenter]:
    scope = scope_for(user)
    if not user.is_authenticated:
        return Presenter.objects.none()
    q = scope.path_q(MANAGE_CORPS, prefix="org__")
    if scope.person_id is not None:
        q |= Q(person_id=scope.person_id)
    return Presenter.objects.filter(q)


def get_presenter(user: User | AnonymousUser, pk: object) -> Presenter:
    try:
        return visible_presenters(user).select_related("person", "tier", "org").get(pk=pk)
    except (Presenter.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_manage(user: User | AnonymousUser, org: Org) -> bool:
    return scope_for(user).has_role(MANAGE_CORPS, org)


def get_presenter_to_manage(user: User | AnonymousUser, pk: object) -> Presenter:
    presenter = get_presenter(user, pk)
    if not can_manage(user, presenter.org):
        raise PermissionDenied
    return presenter
