"""iCalendar feeds: a person's invitations, an organisation's conferences.

Calendar apps subscribe without logging in, so a feed is reached through a signed token
(salt "quantriet.calendar"). An organisation's token also names the officer it was issued to
and stops working when that officer loses the role. A feed names only documents without a
secrecy mark: it travels outside the system.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from quantriet.conferences import access
from quantriet.conferences.models import Conference, Invitation, Site
from quantriet.documents.models import Document, Secrecy
from quantriet.orgs.models import Org, Person

SALT = "quantriet.calendar"
PRODID = "-//quantriet//Hoc tap, quan triet//VI"


# --- tokens -----------------------------------------------------------------------


def _signer() -> signing.Signer:
    # No timestamp: the link a calendar app subscribed to stays the same on every visit.
    return signing.Signer(salt=SALT)


def person_token(person: Person) -> str:
    return _signer().sign_object({"p": person.pk})


def org_token(org: Org, user: User) -> str:
    return _signer().sign_object({"o": org.pk, "u": user.pk})


def _load(token: str) -> dict[str, Any] | None:
    try:
        data = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return data if isinstance(data, dict) else None


def person_from_token(token: str) -> Person | None:
    data = _load(token)
    if not data or not isinstance(data.get("p"), int):
        return None
    return Person.objects.filter(pk=data["p"]).first()


def org_from_token(token: str) -> Org | None:
    """The organisation, if the officer the token was issued to still manages conferences there."""
    data = _load(token)
    if not data or not isinstance(data.get("o"), int) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    org = Org.objects.filter(pk=data["o"]).first()
    if user is None or org is None:
        return None
    if not access.scope_for(user).has_role(access.MANAGE_CONFERENCES, org):
        return None
    return org


def feed_orgs(user: User) -> QuerySet[Org]:
    """Organisations the user may subscribe to: the roots of their officer scope."""
    scope = access.scope_for(user)
    return Org.objects.filter(path__in=scope.paths(access.MANAGE_CONFERENCES))


# --- feeds ------------------------------------------------------------------------


def _open_documents(lookup: str = "documents") -> Prefetch:
    """Documents without a secrecy mark, as `conference.open_documents`."""
    return Prefetch(
        lookup,
        queryset=Document.objects.filter(secrecy=Secrecy.NONE).order_by("issued_on", "pk"),
        to_attr="open_documents",
    )


def meeting_url(conference: Conference) -> str:
    if not settings.JITSI_BASE_URL or not conference.is_online or not conference.meeting_room:
        return ""
    return f"{settings.JITSI_BASE_URL}/{conference.meeting_room}"


def _description(conference: Conference) -> str:
    lines: list[str] = []
    documents = getattr(conference, "open_documents", [])
    if documents:
        lines.append(_("Văn bản học tập:"))
        lines.extend(f"- {document}" for document in documents)
    url = meeting_url(conference)
    if url:
        lines.append(_("Phòng họp trực tuyến: %(url)s") % {"url": url})
    return "\n".join(lines)


def _location(site: Site | None) -> str:
    if site is None:
        return ""
    return ", ".join(part for part in (site.name, site.address) if part)


def _event(conference: Conference, site: Site | None, host: str) -> Event:
    event = Event()
    event.add("uid", f"conference-{conference.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", conference.starts_at.astimezone(datetime.UTC))
    event.add("dtend", conference.ends_at.astimezone(datetime.UTC))
    event.add("summary", conference.title)
    location = _location(site)
    if location:
        event.add("location", location)
    description = _description(conference)
    if description:
        event.add("description", description)
    url = meeting_url(conference)
    if url:
        event.add("url", url)
    return event


def _calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "UTC")
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def person_feed(person: Person, *, host: str) -> bytes:
    """One event per invitation, located at the person's site. Two queries."""
    invitations = (
        Invitation.objects.filter(person=person)
        .select_related("conference", "site")
        .prefetch_related(_open_documents("conference__documents"))
        .order_by("conference__starts_at", "pk")
    )
    name = _("Lịch hội nghị của %(name)s") % {"name": person.full_name}
    return _calendar(name, (_event(i.conference, i.site, host) for i in invitations))


def org_conferences(org: Org) -> QuerySet[Conference]:
    """Conferences hosted in the organisation's subtree or with a site there."""
    return (
        Conference.objects.filter(
            Q(host_org__path__startswith=org.path)
            | Q(pk__in=Site.objects.filter(org__path__startswith=org.path).values("conference"))
        )
        .prefetch_related(
            _open_documents(),
            Prefetch("sites", queryset=Site.objects.filter(is_host=True), to_attr="host_sites"),
        )
        .order_by("starts_at", "pk")
    )


def org_feed(org: Org, *, host: str) -> bytes:
    """One event per conference, located at its host site. Three queries."""
    conferences = org_conferences(org)
    name = _("Lịch hội nghị — %(org)s") % {"org": org.name}
    return _calendar(
        name,
        (
            _event(c, c.host_sites[0] if c.host_sites else None, host)  # type: ignore[attr-defined]
            for c in conferences
        ),
    )
