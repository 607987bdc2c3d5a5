"""What a caller may do in a conference, cached in process for the check-in hot path.

What a user may do in a conference (its sites, which of them the user operates, whether the
conference is visible) is kept for `CONTEXT_TTL` seconds per (user, conference). Any save or
delete of a conference, site, invitation, grant, person or user and any change of site
operators or presenters clears it in this process at once; another worker process sees such a
change after at most `CONTEXT_TTL` seconds. (Bulk writes send no signals: they too are seen
within `CONTEXT_TTL`.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404

from quantriet.conferences import access
from quantriet.conferences.models import Conference, Invitation, Site
from quantriet.orgs.access import VIEW_PEOPLE, scope_for
from quantriet.orgs.models import Grant, Person

CONTEXT_TTL = 30.0
CONTEXT_CACHE_SIZE = 10_000  # (user, conference) pairs; past it the cache starts afresh


@dataclass(frozen=True)
class Context:
    conference: Conference
    sites: dict[int, Site]
    operable: frozenset[int]
    visible: bool
    person_id: int | None
    is_superuser: bool
    view_paths: tuple[str, ...]
    expires: float = field(compare=False)

    def can_view_org_path(self, path: str) -> bool:
        return self.is_superuser or any(path.startswith(p) for p in self.view_paths)

    def site_by_code(self, code: str) -> Site | None:
        code = (code or "").strip().upper()
        return next((s for s in self.sites.values() if code and s.code.upper() == code), None)


_CONTEXTS: dict[tuple[int, int], Context] = {}


def clear_context_cache(**_kwargs: Any) -> None:
    _CONTEXTS.clear()


for _model in (Conference, Site, Invitation, Grant, Person, User):
    post_save.connect(clear_context_cache, sender=_model, dispatch_uid=f"checkin-{_model.__name__}")
    post_delete.connect(
        clear_context_cache, sender=_model, dispatch_uid=f"checkin-del-{_model.__name__}"
    )
for _through in (Site.operators.through, Conference.presenters.through):
    m2m_changed.connect(clear_context_cache, sender=_through, dispatch_uid=f"checkin-{_through}")


def context_for(user: User | AnonymousUser, conference_id: int) -> Context:
    """The caller's rights in the conference; Http404 when it does not exist at all."""
    key = (user.pk or 0, conference_id)
    cached = _CONTEXTS.get(key)
    now = time.monotonic()
    if cached is not None and cached.expires > now:
        return cached
    conference = Conference.objects.select_related("host_org").filter(pk=conference_id).first()
    if conference is None:
        raise Http404
    sites = {s.pk: s for s in Site.objects.filter(conference=conference).select_related("org")}
    for site in sites.values():
        site.conference = conference  # no query when a caller reads site.conference
    scope = scope_for(user)
    if not user.is_authenticated:
        operable: set[int] = set()
        visible = False
    else:
        if scope.is_superuser or access.can_manage_conference(user, conference):
            operable = set(sites)
        else:
            operated = set(
                Site.operators.through.objects.filter(
                    site__conference=conference, user=user
                ).values_list("site_id", flat=True)
            )
            operable = {
                pk
                for pk, site in sites.items()
                if pk in operated or scope.has_role(access.MANAGE_CONFERENCES, site.org)
            }
        visible = bool(operable) or (
            access.visible_conferences(user).filter(pk=conference.pk).exists()
        )
    context = Context(
        conference=conference,
        sites=sites,
        operable=frozenset(operable),
        visible=visible,
        person_id=scope.person_id,
        is_superuser=scope.is_superuser,
        view_paths=tuple(scope.paths(VIEW_PEOPLE)),
        expires=now + CONTEXT_TTL,
    )
    if len(_CONTEXTS) >= CONTEXT_CACHE_SIZE:
        _CONTEXTS.clear()
    _CONTEXTS[key] = context
    return context
