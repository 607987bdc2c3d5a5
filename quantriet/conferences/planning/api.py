"""Conferences API: planning (conferences, sites) and the invitee list, scoped like the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, ListOut, PageParams, paginate, whole_list
from quantriet.conferences import access
from quantriet.conferences.models import LATE_AFTER_MAX_MINUTES, Conference, Format, Site
from quantriet.conferences.planning import selectors
from quantriet.conferences.planning import services as planning
from quantriet.core.validation import max_length
from quantriet.documents.access import visible_documents
from quantriet.orgs.access import orgs_for, visible_people
from quantriet.orgs.models import Person

router = Router(tags=["conferences"])


class ConferenceOut(Schema):
    id: int
    title: str
    description: str
    documents: list[int]
    format: str
    format_name: str
    starts_at: datetime
    ends_at: datetime
    host_org: int
    presenters: list[int]
    meeting_url: str | None
    allow_uninvited: bool
    late_after_minutes: int
    site_count: int | None = None
    invitee_count: int | None = None

    @staticmethod
    def resolve_documents(obj: Conference) -> list[int]:
        return [doc.pk for doc in obj.documents.all()]

    @staticmethod
    def resolve_presenters(obj: Conference) -> list[int]:
        return [person.pk for person in obj.presenters.all()]

    @staticmethod
    def resolve_format_name(obj: Conference) -> str:
        return str(obj.get_format_display())

    @staticmethod
    def resolve_host_org(obj: Conference) -> int:
        return obj.host_org_id

    @staticmethod
    def resolve_meeting_url(obj: Conference) -> str | None:
        return selectors.meeting_url(obj)


class ConferencePage(Schema):
    count: int
    items: list[ConferenceOut]


class ConferenceFilter(PageParams):
    q: str | None = None


class ConferenceIn(Schema):
    title: str = Field(min_length=1, max_length=max_length(Conference, "title"))
    description: str = ""
    documents: list[int] = []
    format: Format = Format.HYBRID
    starts_at: datetime
    ends_at: datetime
    host_org: int
    presenters: list[int] = []
    allow_uninvited: bool = True
    late_after_minutes: int = Field(15, ge=0, le=LATE_AFTER_MAX_MINUTES)


class ConferencePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=max_length(Conference, "title"))
    description: str | None = None
    documents: list[int] | None = None
    format: Format | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    host_org: int | None = None
    presenters: list[int] | None = None
    allow_uninvited: bool | None = None
    late_after_minutes: int | None = Field(None, ge=0, le=LATE_AFTER_MAX_MINUTES)


class SiteOut(Schema):
    id: int
    name: str
    org: int
    org_name: str
    address: str
    expected: int
    is_host: bool
    code: str | None
    operators: list[int]
    invitee_count: int


class SiteIn(Schema):
    name: str = Field("", max_length=max_length(Site, "name"))
    org: int
    address: str = Field("", max_length=max_length(Site, "address"))
    expected: int = Field(0, ge=0)
    is_host: bool = False
    operators: list[int] = []


class InviteeOut(Schema):
    id: int
    person: int
    full_name: str
    org: int
    org_name: str
    site: int
    site_name: str
    excuse: str
    source: str
    site_pinned: bool


class InviteePage(Schema):
    count: int
    items: list[InviteeOut]


class InviteeFilter(PageParams):
    site: int | None = None
    q: str | None = None


# --- helpers -------------------------------------------------------------------------


def _with_related(user: User, queryset: Any) -> Any:
    """Documents the caller may see and presenters, prefetched (two queries for any page)."""
    return queryset.prefetch_related(
        Prefetch("documents", queryset=visible_documents(user).only("id")),
        Prefetch("presenters", queryset=Person.objects.only("id")),
    )


def _resolve(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Ids to objects; an id the caller cannot see reads as not found."""
    errors: dict[str, list[str]] = {}
    if data.get("host_org") is not None:
        org = orgs_for(user, access.MANAGE_CONFERENCES).filter(pk=data["host_org"]).first()
        if org is None:
            errors["host_org"] = [
                _("Không tìm thấy tổ chức, hoặc đồng chí không quản lý tổ chức này.")
            ]
        data["host_org"] = org
    for name, queryset, message in (
        ("documents", visible_documents(user), _("Có văn bản không tìm thấy.")),
        ("presenters", visible_people(user), _("Có báo cáo viên không tìm thấy.")),
    ):
        if data.get(name) is not None:
            ids = set(data[name])
            found = list(queryset.filter(pk__in=ids)) if ids else []
            if len(found) != len(ids):
                errors[name] = [message]
            data[name] = found
    for name in ("title", "starts_at", "ends_at", "format", "allow_uninvited"):
        if name in data and data[name] is None:
            errors[name] = [_("Trường này là bắt buộc.")]
    if data.get("late_after_minutes", 0) is None:
        errors["late_after_minutes"] = [_("Trường này là bắt buộc.")]
    if errors:
        raise ValidationError(errors)
    return data


def _conference(user: User, pk: int) -> Conference:
    conference = access.get_conference(user, pk)
    return _with_related(user, Conference.objects.filter(pk=conference.pk)).get()


def _site_out(site: Site, operable: set[int]) -> dict[str, Any]:
    return {
        "id": site.pk,
        "name": site.name,
        "org": site.org_id,
        "org_name": site.org.name,
        "address": site.address,
        "expected": site.expected,
        "is_host": site.is_host,
        "code": site.code if site.pk in operable else None,
        "operators": [op.pk for op in site.operators.all()],
        "invitee_count": getattr(site, "invitee_count", 0),
    }


# --- conferences ------------------------------------------------------------------------


@router.get("/conferences", response=ConferencePage)
def list_conferences(request: HttpRequest, filters: Query[ConferenceFilter]) -> dict[str, Any]:
    user = request.user
    qs = _with_related(user, selectors.conferences_for(user, q=filters.q))  # type: ignore[arg-type]
    return paginate(qs, filters)


@router.post("/conferences", response={201: ConferenceOut, **ERRORS})
def create_conference(request: HttpRequest, payload: ConferenceIn) -> Status:
    user: User = request.user  # type: ignore[assignment]
    if not access.can_plan_conferences(user):
        raise PermissionDenied
    data = _resolve(user, payload.model_dump())
    conference = planning.create_conference(user=user, **data)
    return Status(201, _conference(user, conference.pk))


@router.get("/conferences/{conference_id}", response={200: ConferenceOut, 404: ErrorOut})
def get_conference(request: HttpRequest, conference_id: int) -> Conference:
    return _conference(request.user, conference_id)  # type: ignore[arg-type]


@router.patch("/conferences/{conference_id}", response={200: ConferenceOut, **ERRORS})
def update_conference(
    request: HttpRequest, conference_id: int, payload: ConferencePatch
) -> Conference:
    user: User = request.user  # type: ignore[assignment]
    conference = access.get_conference(user, conference_id)
    access.require_manage_conference(user, conference)
    changes = _resolve(user, payload.model_dump(exclude_unset=True))
    planning.update_conference(user=user, conference=conference, changes=changes)
    return _conference(user, conference.pk)


# --- sites and invitees ---------------------------------------------------------------------


@router.get("/conferences/{conference_id}/sites", response={200: ListOut[SiteOut], 404: ErrorOut})
def list_sites(request: HttpRequest, conference_id: int) -> dict[str, Any]:
    conference = access.get_conference(request.user, conference_id)
    operable = access.operable_site_ids(request.user, conference)
    return whole_list(_site_out(site, operable) for site in selectors.sites_of(conference))


@router.post("/conferences/{conference_id}/sites", response={201: SiteOut, **ERRORS})
def create_site(request: HttpRequest, conference_id: int, payload: SiteIn) -> Status:
    user: User = request.user  # type: ignore[assignment]
    conference = access.get_conference(user, conference_id)
    access.require_manage_conference(user, conference)
    data = payload.model_dump()
    org = orgs_for(user, access.MANAGE_CONFERENCES).filter(pk=data.pop("org")).first()
    if org is None:
        raise ValidationError(
            {"org": _("Không tìm thấy tổ chức, hoặc đồng chí không quản lý tổ chức này.")}
        )
    ids = set(data.pop("operators"))
    operators = list(planning.operator_choices(user).filter(pk__in=ids)) if ids else []
    if len(operators) != len(ids):
        raise ValidationError({"operators": _("Có tài khoản vận hành không tìm thấy.")})
    site = planning.add_site(user=user, conference=conference, org=org, operators=operators, **data)
    site = selectors.sites_of(conference).get(pk=site.pk)
    return Status(201, _site_out(site, {site.pk}))


@router.get("/conferences/{conference_id}/invitees", response={200: InviteePage, 404: ErrorOut})
def list_invitees(
    request: HttpRequest, conference_id: int, filters: Query[InviteeFilter]
) -> dict[str, Any]:
    """Who is expected, with their site; an officer elsewhere sees only their own people."""
    conference = access.get_conference(request.user, conference_id)
    qs = selectors.invitees_for(request.user, conference, q=filters.q, site=filters.site)
    page = paginate(qs, filters)
    page["items"] = [
        {
            "id": row.pk,
            "person": row.person_id,
            "full_name": row.person.full_name,
            "org": row.person.org_id,
            "org_name": row.person.org.name,
            "site": row.site_id,
            "site_name": row.site.name,
            "excuse": row.excuse,
            "source": row.source,
            "site_pinned": row.site_pinned,
        }
        for row in page["items"]
    ]
    return page
