"""Who may see and do what in a conference's dialogue. Builds on the conferences' access rules:
whoever may see the conference may follow its dialogue; moderating takes a conference manager,
a moderator named in the dialogue settings, or (for its own site's questions) a site operator."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from quantriet.conferences import access as conference_access
from quantriet.conferences.models import Conference
from quantriet.dialogue.models import Settings


def get_live_conference(user: User | AnonymousUser, pk: object) -> Conference:
    """The conference if the user may follow it (Http404 otherwise)."""
    return conference_access.get_conference(user, pk)


def can_moderate(user: User | AnonymousUser, conference: Conference) -> bool:
    if not user.is_authenticated:
        return False
    if conference_access.can_manage_conference(user, conference):
        return True
    return Settings.objects.filter(conference=conference, moderators=user).exists()
