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

from quantriet.orgs.access import get_org, orgs_for, scope_for
from quantriet.orgs.models import Org, Role
from quantriet.presenters.models import Presenter, ReviewRound, Training

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


def managed_orgs(user: User | AnonymousUser) -> QuerySet[Org]:
    """The organisations whose corps the user manages (form choices), in tree order."""
    return orgs_for(user, MANAGE_CORPS).order_by("path")


def org_to_manage(user: User | AnonymousUser, pk: object) -> Org:
    """An organisation named in a request: 404 outside the user's view, 403 if not managed."""
    org = get_org(user, pk)
    if not can_manage(user, org):
        raise PermissionDenied
    return org


def visible_rounds(user: User | AnonymousUser) -> QuerySet[ReviewRound]:
    return ReviewRound.objects.filter(scope_for(user).path_q(MANAGE_CORPS, prefix="org__"))


def managed_trainings(user: User | AnonymousUser) -> QuerySet[Training]:
    return Training.objects.filter(scope_for(user).path_q(MANAGE_CORPS, prefix="org__"))


def visible_trainings(user: User | AnonymousUser) -> QuerySet[Training]:
    """Trainings of the corps the user manages, and those the user attends as a presenter."""
    scope = scope_for(user)
    q = scope.path_q(MANAGE_CORPS, prefix="org__")
    if scope.person_id is not None:
        q |= Q(attendance__presenter__person_id=scope.person_id)
    return Training.objects.filter(q).distinct()
