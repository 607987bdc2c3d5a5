"""Who sees and manages bulletins and opinion reports.

The department (administrators and officers, as for the corps) manages the bulletins its
committee or a committee below it publishes, and reads the opinion reports of the presenters it
manages. It also follows up the bulletins a superior committee publishes: it sees the receipts of
the presenters it manages, and reminds them. A presenter or propagandist sees the published
bulletins addressed to them and their own reports. Anything else is a 404; a visible bulletin the
caller may not manage or follow up is a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from quantriet.bulletins.models import Bulletin, BulletinAttachment, OpinionReport, Receipt
from quantriet.orgs.access import get_visible_or_404, orgs_for, scope_for
from quantriet.orgs.models import Org
from quantriet.presenters.access import MANAGE_CORPS
from quantriet.presenters.models import Presenter, Status

MANAGE_BULLETINS = MANAGE_CORPS


def is_manager(user: User | AnonymousUser, org: Org | None = None) -> bool:
    """Does the user manage bulletins somewhere (or for `org`)?"""
    return scope_for(user).has_role(MANAGE_BULLETINS, org)


def presenter_of(user: User | AnonymousUser) -> Presenter | None:
    """The user's own presenter/propagandist profile, if they have one."""
    person_id = scope_for(user).person_id
    if person_id is None:
        return None
    return Presenter.objects.select_related("org").filter(person_id=person_id).first()


def active_presenter_of(user: User | AnonymousUser) -> Presenter | None:
    presenter = presenter_of(user)
    return presenter if presenter is not None and presenter.status == Status.ACTIVE else None


# --- bulletins ------------------------------------------------------------------


def visible_bulletins(user: User | AnonymousUser) -> QuerySet[Bulletin]:
    if not user.is_authenticated:
        return Bulletin.objects.none()
    scope = scope_for(user)
    q = scope.path_q(MANAGE_BULLETINS, prefix="org__")
    superiors = scope.superior_paths(MANAGE_BULLETINS)
    if superiors and not scope.is_superuser:
        q |= Q(published_at__isnull=False, org__path__in=sorted(superiors))
    if scope.person_id is not None and not scope.is_superuser:
        addressed = Receipt.objects.filter(presenter__person_id=scope.person_id).values(
            "bulletin_id"
        )
        q |= Q(published_at__isnull=False, pk__in=addressed)
    return Bulletin.objects.filter(q)


def get_bulletin(user: User | AnonymousUser, pk: object) -> Bulletin:
    return get_visible_or_404(visible_bulletins(user).select_related("org"), pk)


def can_manage_bulletin(user: User | AnonymousUser, bulletin: Bulletin) -> bool:
    return is_manager(user, bulletin.org)


def can_follow_up(user: User | AnonymousUser, bulletin: Bulletin) -> bool:
    """May the user see receipts of (some of) the bulletin's recipients and remind them?

    Its publisher's department, and the departments below it, for the presenters they manage.
    """
    if bulletin.published_at is None:
        return False
    scope = scope_for(user)
    if scope.has_role(MANAGE_BULLETINS, bulletin.org):
        return True
    return any(path.startswith(bulletin.org.path) for path in scope.paths(MANAGE_BULLETINS))


def followed_receipts(user: User | AnonymousUser, prefix: str = "") -> Q:
    """Receipts of the presenters the user manages; `prefix` is the lookup to the Receipt."""
    return scope_for(user).path_q(MANAGE_BULLETINS, prefix=f"{prefix}presenter__org__")


def get_bulletin_to_follow_up(user: User | AnonymousUser, pk: object) -> Bulletin:
    bulletin = get_bulletin(user, pk)
    if not can_follow_up(user, bulletin):
        raise PermissionDenied
    return bulletin


def require_manage_bulletin(user: User | AnonymousUser, bulletin: Bulletin) -> None:
    if not can_manage_bulletin(user, bulletin):
        raise PermissionDenied


def get_bulletin_to_manage(user: User | AnonymousUser, pk: object) -> Bulletin:
    bulletin = get_bulletin(user, pk)
    require_manage_bulletin(user, bulletin)
    return bulletin


def publishing_orgs(user: User | AnonymousUser) -> QuerySet[Org]:
    """Committees the user may publish for (Party cells do not publish bulletins)."""
    return orgs_for(user, MANAGE_BULLETINS).exclude(level__code="cell").select_related("level")


def get_attachment(user: User | AnonymousUser, pk: object) -> BulletinAttachment:
    return get_visible_or_404(
        BulletinAttachment.objects.filter(bulletin__in=visible_bulletins(user)), pk
    )


# --- opinion reports --------------------------------------------------------------


def visible_reports(user: User | AnonymousUser) -> QuerySet[OpinionReport]:
    if not user.is_authenticated:
        return OpinionReport.objects.none()
    scope = scope_for(user)
    q = scope.path_q(MANAGE_BULLETINS, prefix="presenter__org__")
    if scope.person_id is not None and not scope.is_superuser:
        q |= Q(presenter__person_id=scope.person_id)
    return OpinionReport.objects.filter(q)


def get_report(user: User | AnonymousUser, pk: object) -> OpinionReport:
    return get_visible_or_404(
        visible_reports(user).select_related("presenter__org", "presenter__person", "topic"), pk
    )


def get_report_to_review(user: User | AnonymousUser, pk: object) -> OpinionReport:
    report = get_report(user, pk)
    if not is_manager(user, report.presenter.org):
        raise PermissionDenied
    return report


def report_areas(presenter: Presenter) -> QuerySet[Org]:
    """Where a presenter may report from: their managing committee's subtree."""
    return Org.objects.filter(path__startswith=presenter.org.path).order_by("path")
