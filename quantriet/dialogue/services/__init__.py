"""Writes for the live dialogue: asking, voting, moderating and answering questions.

Every function checks who may do it (Http404 outside the user's view, PermissionDenied for a
visible conference the user may not act on) with the functions of `quantriet.dialogue.access`
that the pages and the API call too, runs in one transaction, logs each moderation decision
(`ModerationLog`: no silent gatekeeping) and writes the live events listeners need
(`quantriet.dialogue.events.emit`, published after commit; see `base` for which channel gets
what). Bounds (lengths, rates, ranges) are checked here, whichever way the request came.

Question and answer texts are stored as typed (NFC, stripped) and returned as plain text:
clients insert them as text, never as HTML.
"""

from quantriet.dialogue.services.answering import (
    MAX_ANSWER_LENGTH,
    answer,
    mark_answered,
    mark_answering,
)
from quantriet.dialogue.services.asking import RATE_WINDOW, ask_question, vote
from quantriet.dialogue.services.base import (
    ANONYMOUS,
    MAX_LENGTH_RANGE,
    RATE_RANGE,
    get_settings,
    question_payload,
    site_audience,
    update_settings,
)
from quantriet.dialogue.services.moderation import (
    MAX_REASON_LENGTH,
    approve,
    merge,
    reject,
    return_to_pending,
    route,
)

__all__ = [
    "ANONYMOUS",
    "MAX_ANSWER_LENGTH",
    "MAX_LENGTH_RANGE",
    "MAX_REASON_LENGTH",
    "RATE_RANGE",
    "RATE_WINDOW",
    "answer",
    "approve",
    "ask_question",
    "get_settings",
    "mark_answered",
    "mark_answering",
    "merge",
    "question_payload",
    "reject",
    "return_to_pending",
    "route",
    "site_audience",
    "update_settings",
    "vote",
]
