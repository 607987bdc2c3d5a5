"""Dialogue pages: asking from a phone, the moderators' queue, the presenter's view, the big screen.

Every page is server-rendered and its forms work without JavaScript (they post here and come
back with a message). `static/quantriet/dialogue.js` then follows `GET /conferences/<pk>/live`
(Server-Sent Events) so each view changes within a second of a question, vote, decision or
answer; when it sends a form it calls the API (`/api/v1/...`, session and CSRF token) and
fetches the changed card as an HTML partial from these pages. The pages and the API check with
the same `access` functions and write through the same services.
"""

from quantriet.dialogue.views.asking import ask, qr, vote
from quantriet.dialogue.views.moderation import approve, merge, moderate, reject, route
from quantriet.dialogue.views.presenting import answer, mark_answered, mark_answering, presenter
from quantriet.dialogue.views.screen import screen

__all__ = [
    "answer",
    "approve",
    "ask",
    "mark_answered",
    "mark_answering",
    "merge",
    "moderate",
    "presenter",
    "qr",
    "reject",
    "route",
    "screen",
    "vote",
]
