"""Calendar pages: a user's subscription links and the iCalendar feeds behind them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from quantriet.conferences.models import Invitation
from quantriet.conferences.planning import calendars
from quantriet.orgs.models import Person


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """Subscription links: the member's own invitations, and the organisations they look after."""
    person = Person.objects.filter(user=request.user).first()

    def link(name: str, token: str) -> dict[str, str]:
        url = request.build_absolute_uri(reverse(name, args=[token]))
        return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}

    personal = (
        link("conferences:calendar_person", calendars.person_token(person)) if person else None
    )
    orgs = [
        {"org": org, **link("conferences:calendar_org", calendars.org_token(org, request.user))}
        for org in calendars.feed_orgs(request.user)
    ]
    upcoming = (
        Invitation.objects.filter(person=person, conference__ends_at__gte=timezone.now())
        .select_related("conference", "site")
        .order_by("conference__starts_at")[:20]
        if person
        else []
    )
    context = {"person": person, "personal": personal, "orgs": orgs, "upcoming": upcoming}
    return render(request, "conferences/my_calendar.html", context)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_person(request: HttpRequest, token: str) -> HttpResponse:
    """A person's feed, for calendar apps: no login, the signed token is the key."""
    person = calendars.person_from_token(token)
    if person is None:
        raise Http404
    return _ics(calendars.person_feed(person, host=request.get_host()), "hoi-nghi.ics")


@require_GET
def calendar_org(request: HttpRequest, token: str) -> HttpResponse:
    org = calendars.org_from_token(token)
    if org is None:
        raise Http404
    return _ics(calendars.org_feed(org, host=request.get_host()), f"hoi-nghi-to-chuc-{org.pk}.ics")
