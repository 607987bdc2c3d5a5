"""Who may see and do what with conferences. Builds on `quantriet.orgs.access` (roles × subtree).

- Managers (admin/officer whose scope covers the host organisation) plan the conference and
  see every invitee and check-in.
- A conference is visible to its managers, to admins/officers whose scope holds one of its
  sites, to its site operators, presenters and invitees.
- Attendees (invitations, check-ins) are visible per row: managers see all; other officers
  only people of their own subtree; a site operator those of their sites; a member only
  themself. So an officer of another organisation sees nothing of the attendees.
- Checking someone in at a site needs: manager, an officer whose scope covers the site's
  organisation, or being one of that site's operators.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from quantriet.conferences.models import CheckIn, Conference, Invitation, Site
from quantriet.orgs.access import MANAGE_PEOPLE, VIEW_PEOPLE, get_visible_or_404, scope_for
from quantriet.orgs.models import Person

MANAGE_CONFERENCES = MANAGE_PEOPLE  # admin, officer


def visible_conferences(user: User | AnonymousUser) -> QuerySet[Conference]:
    if not user.is_authenticated:
        return Conference.objects.none()
    scope = scope_for(user)
    if scope.is_superuser:
        return Conference.objects.all()
    site_in_scope = Site.objects.filter(
        scope.path_q(MANAGE_CONFERENCES, prefix="org__"), conference=OuterRef("pk")
    )
    operated = Site.objects.filter(operators=user, conference=OuterRef("pk"))
    q = (
        scope.path_q(MANAGE_CONFERENCES, prefix="host_org__")
        | Q(Exists(site_in_scope))
        | Q(Exists(operated))
    )
    if scope.person_id:
        invited = Invitation.objects.filter(person_id=scope.person_id, conference=OuterRef("pk"))
        q |= Q(Exists(invited)) | Q(presenters=scope.person_id)
    return Conference.objects.filter(q).distinct()


def get_conference(user: User | AnonymousUser, pk: object) -> Conference:
    return get_visible_or_404(visible_conferences(user).select_related("host_org"), pk)


def can_manage_conference(user: User | AnonymousUser, conference: Conference) -> bool:
    return scope_for(user).has_role(MANAGE_CONFERENCES, conference.host_org)


def require_manage_conference(user: User | AnonymousUser, conference: Conference) -> None:
    if not can_manage_conference(user, conference):
        raise PermissionDenied


def can_plan_conferences(user: User | AnonymousUser) -> bool:
    return scope_for(user).has_role(MANAGE_CONFERENCES)


def _attendee_q(user: User | AnonymousUser, conference: Conference, *, site_field: str) -> Q:
    """Rows (invitations or check-ins) of `conference` this user may see."""
    scope = scope_for(user)
    if can_manage_conference(user, conference):
        return Q()
    q = (
        scope.path_q(VIEW_PEOPLE, prefix="person__org__")
        if scope.has_role(VIEW_PEOPLE)
        else Q(pk__in=[])
    )
    if user.is_authenticated:
        q |= Q(**{f"{site_field}__operators": user})
    if scope.person_id:
        q |= Q(person_id=scope.person_id)
    return q


def visible_invitations(user: User | AnonymousUser, conference: Conference) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        _attendee_q(user, conference, site_field="site"), conference=conference
    )


def visible_checkins(user: User | AnonymousUser, conference: Conference) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        _attendee_q(user, conference, site_field="site"), conference=conference
    )


def visible_sites(user: User | AnonymousUser, conference: Conference) -> QuerySet[Site]:
    """All sites of a visible conference are listed (names and counts are not personal data)."""
    return Site.objects.filter(conference=conference)


def can_operate_site(user: User | AnonymousUser, site: Site) -> bool:
    """May the user check people in at this site?"""
    if not user.is_authenticated:
        return False
    scope = scope_for(user)
    if scope.is_superuser or can_manage_conference(user, site.conference):
        return True
    if scope.has_role(MANAGE_CONFERENCES, site.org):
        return True
    return site.operators.filter(pk=user.pk).exists()


def require_operate_site(user: User | AnonymousUser, site: Site) -> None:
    if not can_operate_site(user, site):
        raise PermissionDenied


def operable_site_ids(user: User | AnonymousUser, conference: Conference) -> set[int]:
    """Ids of the sites of `conference` where the user may check people in (one query)."""
    if not user.is_authenticated:
        return set()
    scope = scope_for(user)
    sites = Site.objects.filter(conference=conference)
    if scope.is_superuser or can_manage_conference(user, conference):
        return set(sites.values_list("pk", flat=True))
    q = Q(operators=user)
    if scope.has_role(MANAGE_CONFERENCES):
        q |= scope.path_q(MANAGE_CONFERENCES, prefix="org__")
    return set(sites.filter(q).values_list("pk", flat=True))


# --- who may act on an invitee ------------------------------------------------------


def managed_paths(user: User | AnonymousUser, conference: Conference) -> list[str] | None:
    """Org paths under which the user may excuse people; None means everyone (a manager)."""
    if can_manage_conference(user, conference):
        return None
    return scope_for(user).paths(MANAGE_CONFERENCES)


def can_manage_invitee(paths: list[str] | None, person: Person) -> bool:
    if paths is None:
        return True
    return any(person.org.path.startswith(p) for p in paths)


def get_invitation_to_manage(
    user: User | AnonymousUser, conference: Conference, person_id: object
) -> Invitation:
    """An invitee the user may excuse or record make-up for: not visible → 404, visible → 403."""
    try:
        person_pk = int(person_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404 from None
    invitation = (
        visible_invitations(user, conference)
        .filter(person_id=person_pk)
        .select_related("conference", "person", "person__org", "site")
        .first()
    )
    if invitation is None:
        raise Http404
    if not can_manage_invitee(managed_paths(user, conference), invitation.person):
        raise PermissionDenied
    return invitation
