"""Who may see and do what in a conference's dialogue. Builds on the conferences' access rules:
whoever may see the conference may follow its dialogue; moderating takes a conference manager,
a moderator named in the dialogue settings, or (for its own site's pending questions) a site
operator, whose decisions feed the central queue.

Anonymous askers are known only to central moderators (`can_moderate`), never to site operators
or presenters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from quantriet.conferences import access as conference_access
from quantriet.conferences.models import Conference, Site
from quantriet.dialogue.models import Event, Question, Settings
from quantriet.orgs.access import get_visible_or_404, scope_for


def get_live_conference(user: User | AnonymousUser, pk: object) -> Conference:
    """The conference if the user may follow it (Http404 otherwise).

    Moderators named in the dialogue settings may follow it even if the conference rules alone
    would not show it to them.
    """
    if not user.is_authenticated:
        return conference_access.get_conference(user, pk)
    queryset = Conference.objects.filter(
        Q(pk__in=conference_access.visible_conferences(user).values("pk"))
        | Q(dialogue__moderators=user)
    ).select_related("host_org")
    return get_visible_or_404(queryset.distinct(), pk)


def can_moderate(user: User | AnonymousUser, conference: Conference) -> bool:
    """Central moderation: managers of the conference and the named moderators."""
    if not user.is_authenticated:
        return False
    if conference_access.can_manage_conference(user, conference):
        return True
    return Settings.objects.filter(conference=conference, moderators=user).exists()


def require_moderate(user: User | AnonymousUser, conference: Conference) -> None:
    if not can_moderate(user, conference):
        raise PermissionDenied


def operated_site_ids(user: User | AnonymousUser, conference: Conference) -> set[int]:
    """The sites of `conference` this user operates (site moderation), in one query."""
    if not user.is_authenticated:
        return set()
    return set(
        Site.objects.filter(conference=conference, operators=user).values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class ModerationRights:
    """What one user may moderate in one conference, read once and asked for every question
    of a page (a fixed query count however many questions it shows)."""

    central: bool
    site_ids: frozenset[int]

    @property
    def any(self) -> bool:
        """Central moderation, or the pending questions of at least one site."""
        return self.central or bool(self.site_ids)

    def covers(self, question: Question) -> bool:
        """Central moderators: any question. A site operator: the pending questions of their
        own site."""
        if self.central:
            return True
        return question.status == Question.Status.PENDING and question.site_id in self.site_ids


def moderation_rights(user: User | AnonymousUser, conference: Conference) -> ModerationRights:
    """Central moderation, else the sites the user operates: one or two queries."""
    if can_moderate(user, conference):
        return ModerationRights(central=True, site_ids=frozenset())
    return ModerationRights(central=False, site_ids=frozenset(operated_site_ids(user, conference)))


def can_moderate_question(user: User | AnonymousUser, question: Question) -> bool:
    """May the user approve or reject this question? (`ModerationRights.covers`.)"""
    return moderation_rights(user, question.conference).covers(question)


def require_moderate_question(user: User | AnonymousUser, question: Question) -> None:
    if not can_moderate_question(user, question):
        raise PermissionDenied


def audience_of(central: bool) -> str:
    """The payload a user gets: central moderators may know anonymous askers."""
    return Event.Audience.MODERATORS if central else Event.Audience.PUBLIC


def is_presenter(user: User | AnonymousUser, conference: Conference) -> bool:
    person_id = scope_for(user).person_id
    if person_id is None:
        return False
    return conference.presenters.filter(pk=person_id).exists()


def can_answer(user: User | AnonymousUser, conference: Conference) -> bool:
    """Presenters of the conference (their person is one of its presenters) and moderators."""
    if not user.is_authenticated:
        return False
    return is_presenter(user, conference) or can_moderate(user, conference)


def require_answer(user: User | AnonymousUser, conference: Conference) -> None:
    if not can_answer(user, conference):
        raise PermissionDenied


def can_ask(user: User | AnonymousUser, conference: Conference) -> bool:
    """Anyone who may follow the conference and is a person (questions are asked by people).

    The caller has already fetched the conference through `get_live_conference`.
    """
    return user.is_authenticated and scope_for(user).person_id is not None


# What may be done to a question, and who may do it: the pages, the API and the services all
# ask `require_decision`, so a rule cannot differ between them.
Decision = Literal[
    "approve", "reject", "pending", "route", "merge", "answering", "answered", "answer"
]


def may_decide(user: User | AnonymousUser, question: Question, decision: Decision) -> bool:
    """Approve or reject: whoever moderates the question (a site operator: their site's pending
    questions). Back to pending, route and merge: central moderators. Being answered, answered
    and a written answer: presenters of the conference and central moderators."""
    if decision in ("approve", "reject"):
        return can_moderate_question(user, question)
    if decision in ("pending", "route", "merge"):
        return can_moderate(user, question.conference)
    if decision in ("answering", "answered", "answer"):
        return can_answer(user, question.conference)
    raise ValueError(decision)


def require_decision(user: User | AnonymousUser, question: Question, decision: Decision) -> None:
    if not may_decide(user, question, decision):
        raise PermissionDenied
