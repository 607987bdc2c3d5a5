"""Check-in pages: the site operator's phone page, self check-in, printable invitation cards."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quantriet.conferences import access
from quantriet.conferences.checkin.services import CheckInError, check_in, repeat_message
from quantriet.conferences.checkin.tokens import qr_svg, token_for_id
from quantriet.conferences.models import CheckIn, Conference, Invitation, Method, Site
from quantriet.core.text import fold
from quantriet.orgs.access import scope_for

CARDS_PER_PAGE = 8  # 2 × 4 on an A4 sheet


@dataclass
class RollRow:
    invitation: Invitation
    search: str
    checkin: CheckIn | None


def _operated_site(user: User | AnonymousUser, site_pk: int) -> Site:
    """The site if its conference is visible (else 404) and the user may operate it (else 403)."""
    site = Site.objects.select_related("conference", "conference__host_org", "org").filter(
        pk=site_pk
    )
    found = site.first()
    if found is None:
        raise Http404
    conference = access.get_conference(user, found.conference_id)
    found.conference = conference
    access.require_operate_site(user, found)
    return found


def _self_checkin_url(request: HttpRequest, site: Site) -> str:
    path = reverse("conferences:self_checkin", args=[site.conference_id])
    return request.build_absolute_uri(f"{path}?{urlencode({'code': site.code})}")


def _svg(data: str, *, scale: int = 4, title: str = "") -> SafeString:
    # segno writes the SVG from our own token or URL: nothing user-supplied but the title,
    # which segno escapes.
    return mark_safe(qr_svg(data, scale=scale, title=title))  # noqa: S308


@login_required
def checkin_page(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = _operated_site(request.user, site_pk)
    conference = site.conference
    invitations = list(
        Invitation.objects.filter(conference=conference, site=site)
        .select_related("person", "person__org")
        .order_by("person__search_name", "person_id")
    )
    invited_ids = [inv.person_id for inv in invitations]
    checkins = {
        c.person_id: c
        for c in CheckIn.objects.filter(conference=conference, person_id__in=invited_ids)
        .select_related("site")
        .only("id", "person_id", "at", "site__name", "method")
    }
    present = CheckIn.objects.filter(conference=conference, site=site).count()
    rows = [
        RollRow(
            invitation=inv,
            search=fold(f"{inv.person.full_name} {inv.person.org.name}"),
            checkin=checkins.get(inv.person_id),
        )
        for inv in invitations
    ]
    context: dict[str, Any] = {
        "conference": conference,
        "site": site,
        "rows": rows,
        "present": present,
        "invited": len(invitations),
        "self_url": _self_checkin_url(request, site),
        "site_qr": _svg(_self_checkin_url(request, site), scale=4),
        "api_single": f"/api/v1/conferences/{conference.pk}/checkins",
        "api_batch": f"/api/v1/conferences/{conference.pk}/checkins/batch",
    }
    return render(request, "conferences/checkin.html", context)


@login_required
def cards(request: HttpRequest, site_pk: int) -> HttpResponse:
    site = _operated_site(request.user, site_pk)
    conference = site.conference
    invitations = list(
        Invitation.objects.filter(conference=conference, site=site)
        .select_related("person", "person__org")
        .order_by("person__search_name", "person_id")
    )
    cards_list = [
        {"person": inv.person, "qr": _svg(token_for_id(inv.person_id), scale=3)}
        for inv in invitations
    ]
    pages = [
        cards_list[start : start + CARDS_PER_PAGE]
        for start in range(0, len(cards_list), CARDS_PER_PAGE)
    ]
    context = {
        "conference": conference,
        "site": site,
        "pages": pages,
        "count": len(cards_list),
        "self_url": _self_checkin_url(request, site),
        "site_qr": _svg(_self_checkin_url(request, site), scale=5),
    }
    return render(request, "conferences/cards.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def self_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()
    conference = Conference.objects.filter(pk=pk).first()
    if conference is None:
        raise Http404
    sites = list(Site.objects.filter(conference=conference))
    site = next((s for s in sites if code and s.code.upper() == code), None)
    visible = access.visible_conferences(user).filter(pk=conference.pk).exists()
    if not visible and site is None:
        raise Http404  # only the site's code opens a conference one cannot otherwise see
    person_id = scope_for(user).person_id
    if request.method == "POST":
        _self_checkin_post(request, conference, site, person_id, code)
        target = reverse("conferences:self_checkin", args=[conference.pk])
        return redirect(f"{target}?{urlencode({'code': code})}" if site else target)
    mine = (
        CheckIn.objects.filter(conference=conference, person_id=person_id)
        .select_related("site")
        .first()
        if person_id
        else None
    )
    context = {
        "conference": conference,
        "code": code,
        "site": site,
        "person_id": person_id,
        "checkin": mine,
        "checkin_message": repeat_message(mine, mine.site.name) if mine else "",
        "client_id": uuid.uuid4(),
        "my_qr": _svg(token_for_id(person_id), scale=5) if person_id else "",
    }
    return render(request, "conferences/self_checkin.html", context)


def _self_checkin_post(
    request: HttpRequest,
    conference: Conference,
    site: Site | None,
    person_id: int | None,
    code: str,
) -> None:
    if person_id is None:
        messages.error(request, _("Tài khoản của đồng chí chưa gắn với một đảng viên, hội viên."))
        return
    if site is None:
        messages.error(request, _("Mã điểm cầu không đúng."))
        return
    try:
        client_id = uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        client_id = uuid.uuid4()
    try:
        row, created = check_in(
            conference=conference,
            site=site,
            client_id=client_id,
            method=Method.SELF,
            by=request.user,
            person=person_id,
            code=code,
        )
    except CheckInError as exc:
        messages.error(request, exc.message)
        return
    if created:
        messages.success(request, _("Điểm danh thành công tại %(site)s.") % {"site": site.name})
    else:
        site_name = next((s.name for s in [site] if s.pk == row.site_id), "")
        if not site_name:
            site_name = Site.objects.filter(pk=row.site_id).values_list("name", flat=True).first()
        messages.warning(request, repeat_message(row, site_name or ""))
