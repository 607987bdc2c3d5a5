"""The one place that decides what a user may see and do.

Every role is granted on an organisation and reaches its whole subtree, so a scope is
a set of materialised paths per role, and every check is a `path LIKE 'p%'` filter.
Views and the API fetch objects through these helpers: an object outside the
caller's scope raises Http404 (never reveal it exists); a visible object the caller
may not change raises PermissionDenied (403).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from quantriet.orgs.models import Grant, Org, Person, Role, ancestor_paths

M = TypeVar("M", bound=Model)

# Who may do what; a capability is granted by holding any of these roles.
MANAGE_PEOPLE = (Role.ADMIN, Role.OFFICER)
VIEW_PEOPLE = (Role.ADMIN, Role.OFFICER)
MANAGE_DOCUMENTS = (Role.ADMIN, Role.OFFICER)
MANAGE_ACCOUNTS = (Role.ADMIN,)
ALL_ROLES = tuple(Role)


@dataclass
class Scope:
    user: User | AnonymousUser
    is_superuser: bool = False
    # (role, org path) pairs held by the user.
    grants: list[tuple[str, str]] = field(default_factory=list)
    person_id: int | None = None
    person_org_path: str | None = None

    def paths(self, roles: Iterable[str] = ALL_ROLES) -> list[str]:
        """The minimal set of subtree roots the given roles reach (nested ones dropped)."""
        wanted = set(roles)
        paths = sorted({path for role, path in self.grants if role in wanted})
        minimal: list[str] = []
        for path in paths:
            if not any(path.startswith(root) for root in minimal):
                minimal.append(path)
        return minimal

    def superior_paths(self, roles: Iterable[str] = ALL_ROLES) -> set[str]:
        """The organisations above those the roles reach (their ancestors, not themselves):
        what a lower level may read of its superiors (a programme, a bulletin)."""
        reached = self.paths(roles)
        return {a for path in reached for a in ancestor_paths(path) if a not in reached}

    def has_role(self, roles: Iterable[str] = ALL_ROLES, org: Org | None = None) -> bool:
        """Does the user hold one of `roles` anywhere (or on an ancestor-or-self of `org`)?"""
        if self.is_superuser:
            return True
        paths = self.paths(roles)
        if org is None:
            return bool(paths)
        return any(org.path.startswith(p) for p in paths)

    def path_q(self, roles: Iterable[str] = ALL_ROLES, prefix: str = "") -> Q:
        """A filter for rows whose organisation lies in the reach of `roles`.

        `prefix` is the lookup to the Org, e.g. "org__" for Person.
        """
        if self.is_superuser:
            return Q()
        q = Q(pk__in=[])
        for path in self.paths(roles):
            q |= Q(**{f"{prefix}path__startswith": path})
        return q


def scope_for(user: User | AnonymousUser) -> Scope:
    """The user's scope, read once per request (one query) and cached on the user."""
    cached = getattr(user, "_quantriet_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope(user=user)
    else:
        rows = Grant.objects.filter(account=user).values_list("role", "org__path")
        person = Person.objects.filter(user=user).values_list("id", "org__path").first()
        scope = Scope(
            user=user,
            is_superuser=user.is_superuser,
            grants=list(rows),
            person_id=person[0] if person else None,
            person_org_path=person[1] if person else None,
        )
    user._quantriet_scope = scope  # type: ignore[union-attr]
    return scope


def forget_scope(user: User) -> None:
    """Drop the cached scope after the user's grants changed."""
    if hasattr(user, "_quantriet_scope"):
        del user._quantriet_scope


# --- organisations ---------------------------------------------------------


def visible_orgs(user: User | AnonymousUser) -> QuerySet[Org]:
    """Organisations in reach of any role the user holds, plus their own organisation's subtree."""
    scope = scope_for(user)
    q = scope.path_q()
    if scope.person_org_path and not scope.is_superuser:
        q |= Q(path__startswith=scope.person_org_path)
    return Org.objects.filter(q)


def orgs_for(user: User | AnonymousUser, roles: Iterable[str]) -> QuerySet[Org]:
    """Organisations where the user may act with one of `roles` (for form choices)."""
    return Org.objects.filter(scope_for(user).path_q(roles))


def get_org(user: User | AnonymousUser, pk: object) -> Org:
    return get_visible_or_404(visible_orgs(user).select_related("kind", "level"), pk)


def org_for(user: User | AnonymousUser, pk: object, roles: Iterable[str]) -> Org | None:
    """The organisation `pk` if the user may act on it with one of `roles`, else None.

    For organisations named inside a request body: callers turn None into a field error
    that reads the same whether the organisation is missing or outside the scope.
    """
    try:
        return orgs_for(user, roles).get(pk=int(pk))  # type: ignore[arg-type]
    except (Org.DoesNotExist, ValueError, TypeError):
        return None


# --- people -----------------------------------------------------------------


def visible_people(user: User | AnonymousUser) -> QuerySet[Person]:
    """Admins and officers see the people of their subtrees; everyone sees themself."""
    scope = scope_for(user)
    q = scope.path_q(VIEW_PEOPLE, prefix="org__")
    if scope.person_id and not scope.is_superuser:
        q |= Q(pk=scope.person_id)
    return Person.objects.filter(q)


def get_person(user: User | AnonymousUser, pk: object) -> Person:
    return get_visible_or_404(visible_people(user).select_related("org", "user"), pk)


def get_person_to_manage(user: User | AnonymousUser, pk: object) -> Person:
    """A person the user may edit: outside scope → 404, visible but not theirs to edit → 403."""
    person = get_person(user, pk)
    require_manage_people(user, person.org)
    return person


def can_view_people(user: User | AnonymousUser, org: Org | None = None) -> bool:
    """May the user list the people of `org`'s subtree (or of some subtree when None)?"""
    return scope_for(user).has_role(VIEW_PEOPLE, org)


def can_manage_people(user: User | AnonymousUser, org: Org | None = None) -> bool:
    return scope_for(user).has_role(MANAGE_PEOPLE, org)


def require_manage_people(user: User | AnonymousUser, org: Org | None = None) -> None:
    if not can_manage_people(user, org):
        raise PermissionDenied


def can_manage_accounts(user: User | AnonymousUser, org: Org | None = None) -> bool:
    return scope_for(user).has_role(MANAGE_ACCOUNTS, org)


def require_manage_accounts(user: User | AnonymousUser, org: Org | None = None) -> None:
    if not can_manage_accounts(user, org):
        raise PermissionDenied


def visible_accounts(user: User | AnonymousUser) -> QuerySet[User]:
    """Log-ins an administrator may grant roles to or link to a person.

    Those of people in the administrator's subtrees, those already holding a role there, and
    fresh accounts that belong to nobody yet (no person, no role).
    """
    scope = scope_for(user)
    if scope.is_superuser:
        return User.objects.all()
    paths = scope.paths(MANAGE_ACCOUNTS)
    if not paths:
        return User.objects.none()
    person_q = scope.path_q(MANAGE_ACCOUNTS, prefix="person__org__")
    grant_q = scope.path_q(MANAGE_ACCOUNTS, prefix="org__")
    orphan_q = Q(person__isnull=True) & ~Q(pk__in=Grant.objects.values("account_id"))
    return User.objects.filter(
        person_q | Q(pk__in=Grant.objects.filter(grant_q).values("account_id")) | orphan_q
    )


def account_for(user: User | AnonymousUser, pk: object) -> User | None:
    """The account `pk` if the administrator may manage it, else None (a field error for callers)."""
    try:
        return visible_accounts(user).get(pk=int(pk))  # type: ignore[arg-type]
    except (User.DoesNotExist, ValueError, TypeError):
        return None


def visible_grants(user: User | AnonymousUser) -> QuerySet[Grant]:
    """Grants on organisations an administrator reaches; others see only their own."""
    scope = scope_for(user)
    q = scope.path_q(MANAGE_ACCOUNTS, prefix="org__")
    if user.is_authenticated and not scope.is_superuser:
        q |= Q(account=user)
    return Grant.objects.filter(q)


def get_grant_to_manage(user: User | AnonymousUser, pk: object) -> Grant:
    """A grant the user may revoke: not visible → 404; visible (one's own) but not an admin's → 403."""
    grant = get_visible_or_404(visible_grants(user).select_related("org", "account"), pk)
    require_manage_accounts(user, grant.org)
    return grant


# --- helpers ------------------------------------------------------------------


def get_visible_or_404(queryset: QuerySet[M], pk: object) -> M:
    """Fetch by primary key from an already scoped queryset; anything else is a 404."""
    try:
        return queryset.get(pk=int(pk))  # type: ignore[arg-type]
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
