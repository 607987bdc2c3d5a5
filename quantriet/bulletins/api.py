"""Bulletins and opinion reports API: the mobile app's "Thông tin định hướng" tab."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from quantriet.api.common import ERRORS, ErrorOut, PageParams, paginate
from quantriet.bulletins import access, selectors, services
from quantriet.bulletins.models import Bulletin, BulletinAttachment, OpinionReport, Receipt, Topic
from quantriet.orgs.access import org_for
from quantriet.orgs.models import Org

router = Router(tags=["bulletins"])


class BulletinOut(Schema):
    id: int
    org: int
    org_name: str
    title: str
    month: date
    published_at: datetime | None
    # Read count and recipients among the presenters the caller manages (null for others).
    read: int | None = None
    total: int | None = None
    # For a recipient: addressed to them, and when they first opened it.
    is_recipient: bool = False
    read_at: datetime | None = None


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    download_url: str


class BulletinDetailOut(BulletinOut):
    body: str
    attachments: list[AttachmentOut]
    can_manage: bool


class BulletinPage(Schema):
    count: int
    items: list[BulletinOut]


class BulletinIn(Schema):
    org: int
    title: str
    month: date
    body: str = ""
    publish: bool = False


class ReceiptOut(Schema):
    presenter: int
    name: str
    kind: str
    org_name: str
    read_at: datetime | None
    reminded_at: datetime | None


class ReceiptsOut(Schema):
    total: int
    read: int
    items: list[ReceiptOut]


class RemindOut(Schema):
    reminded: int
    emailed: int


class ReportOut(Schema):
    id: int
    presenter: int
    presenter_name: str
    topic: int
    topic_name: str
    area: int
    area_name: str
    summary: str
    suggested_response: str
    status: str
    reviewer_note: str
    created_at: datetime


class ReportPage(Schema):
    count: int
    items: list[ReportOut]


class ReportFilter(PageParams):
    topic: int | None = None
    status: str | None = None
    area: int | None = None


class ReportIn(Schema):
    topic: int
    area: int
    summary: str
    suggested_response: str = ""


class ReviewIn(Schema):
    note: str = ""


class AreaCountOut(Schema):
    area: int
    name: str
    count: int


class TopicSummaryOut(Schema):
    topic: int
    name: str
    count: int
    new: int
    latest: datetime | None
    areas: list[AreaCountOut]


# --- helpers ---------------------------------------------------------------------


def _row(request: HttpRequest, b: Bulletin) -> dict[str, Any]:
    manage = access.can_follow_up(request.user, b) or access.can_manage_bulletin(request.user, b)
    return {
        "id": b.pk,
        "org": b.org_id,
        "org_name": b.org.name,
        "title": b.title,
        "month": b.month,
        "published_at": b.published_at,
        "read": b.read if manage else None,  # type: ignore[attr-defined]
        "total": b.total if manage else None,  # type: ignore[attr-defined]
        "is_recipient": b.my_receipt is not None,  # type: ignore[attr-defined]
        "read_at": b.my_read_at,  # type: ignore[attr-defined]
    }


def _attachment(a: BulletinAttachment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name": a.original_name,
        "content_type": a.content_type,
        "size": a.size,
        "download_url": reverse("bulletins:attachment_download", kwargs={"pk": a.pk}),
    }


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    bulletin = selectors.bulletins_for(request.user).get(pk=pk)
    out = _row(request, bulletin)
    out.update(
        body=bulletin.body,
        attachments=[_attachment(a) for a in bulletin.attachments.all()],
        can_manage=access.can_manage_bulletin(request.user, bulletin),
    )
    return out


def _receipt(r: Receipt) -> dict[str, Any]:
    return {
        "presenter": r.presenter_id,
        "name": r.presenter.person.full_name,
        "kind": r.presenter.kind,
        "org_name": r.presenter.org.name,
        "read_at": r.read_at,
        "reminded_at": r.reminded_at,
    }


def _report(r: OpinionReport) -> dict[str, Any]:
    return {
        "id": r.pk,
        "presenter": r.presenter_id,
        "presenter_name": r.presenter.person.full_name,
        "topic": r.topic_id,
        "topic_name": r.topic.name,
        "area": r.area_id,
        "area_name": r.area.name,
        "summary": r.summary,
        "suggested_response": r.suggested_response,
        "status": r.status,
        "reviewer_note": r.reviewer_note,
        "created_at": r.created_at,
    }


# --- bulletins -------------------------------------------------------------------------


@router.get("/bulletins", response=BulletinPage)
def list_bulletins(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    page = paginate(selectors.bulletins_for(request.user), params)
    page["items"] = [_row(request, b) for b in page["items"]]
    return page


@router.post("/bulletins", response={201: BulletinDetailOut, **ERRORS})
def create_bulletin(request: HttpRequest, payload: BulletinIn) -> Status:
    user = request.user
    if not access.is_manager(user):
        raise PermissionDenied
    org = org_for(user, payload.org, access.MANAGE_BULLETINS)
    if org is None:
        raise ValidationError({"org": [_("Không tìm thấy cấp ủy phát hành.")]})
    with transaction.atomic():
        bulletin = services.create_bulletin(
            user=user,  # type: ignore[arg-type]
            org=org,
            title=payload.title,
            month=payload.month,
            body=payload.body,
        )
        if payload.publish:
            services.publish(user=user, bulletin=bulletin)  # type: ignore[arg-type]
    return Status(201, _detail(request, bulletin.pk))


@router.get("/bulletins/{bulletin_id}", response={200: BulletinDetailOut, 404: ErrorOut})
def get_bulletin(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    """A recipient's first opening is recorded as their read receipt."""
    bulletin = access.get_bulletin(request.user, bulletin_id)
    services.mark_read(user=request.user, bulletin=bulletin)  # type: ignore[arg-type]
    return _detail(request, bulletin.pk)


@router.post("/bulletins/{bulletin_id}/publish", response={200: BulletinDetailOut, **ERRORS})
def publish_bulletin(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    bulletin = access.get_bulletin_to_manage(request.user, bulletin_id)
    services.publish(user=request.user, bulletin=bulletin)  # type: ignore[arg-type]
    return _detail(request, bulletin.pk)


@router.get("/bulletins/{bulletin_id}/receipts", response={200: ReceiptsOut, **ERRORS})
def list_receipts(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    """The recipients the caller manages, those who have not read it first."""
    bulletin = access.get_bulletin_to_follow_up(request.user, bulletin_id)
    items = [_receipt(r) for r in selectors.receipts_of(request.user, bulletin)]
    read = sum(1 for item in items if item["read_at"] is not None)
    return {"total": len(items), "read": read, "items": items}


@router.post("/bulletins/{bulletin_id}/remind", response={200: RemindOut, **ERRORS})
def remind(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    """Remind the presenters the caller manages who have not read it (in the app and by e-mail)."""
    bulletin = access.get_bulletin(request.user, bulletin_id)
    result = services.remind(
        user=request.user,  # type: ignore[arg-type]
        bulletin=bulletin,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return {"reminded": result.reminded, "emailed": result.emailed}


# --- opinion reports ---------------------------------------------------------------------


@router.get("/opinion-reports", response=ReportPage)
def list_reports(request: HttpRequest, filters: Query[ReportFilter]) -> dict[str, Any]:
    qs = selectors.reports_for(
        request.user, topic=filters.topic, status=filters.status, area=filters.area
    )
    page = paginate(qs, filters)
    page["items"] = [_report(r) for r in page["items"]]
    return page


@router.post("/opinion-reports", response={201: ReportOut, **ERRORS})
def submit_report(request: HttpRequest, payload: ReportIn) -> Status:
    presenter = access.active_presenter_of(request.user)
    if presenter is None:
        raise PermissionDenied
    topic = Topic.objects.filter(pk=payload.topic).first()
    area = access.report_areas(presenter).filter(pk=payload.area).first()
    errors: dict[str, list[str]] = {}
    if topic is None:
        errors["topic"] = [_("Không có chủ đề này.")]
    if area is None:
        exists = Org.objects.filter(pk=payload.area).exists()
        errors["area"] = [
            _("Địa bàn nằm ngoài phạm vi cấp ủy quản lý đồng chí.")
            if exists
            else _("Không tìm thấy địa bàn.")
        ]
    if errors:
        raise ValidationError(errors)
    report = services.submit_report(
        presenter=presenter,
        topic=topic,
        area=area,
        summary=payload.summary,
        suggested_response=payload.suggested_response,
    )
    return Status(201, _report(access.get_report(request.user, report.pk)))


@router.get("/opinion-reports/summary", response={200: list[TopicSummaryOut], 403: ErrorOut})
def summary(request: HttpRequest) -> list[dict[str, Any]]:
    """Reports in the caller's reach by topic, the busiest first (the department only)."""
    if not access.is_manager(request.user):
        raise PermissionDenied
    return [
        {
            "topic": row.topic.pk,
            "name": row.topic.name,
            "count": row.count,
            "new": row.new,
            "latest": row.latest,
            "areas": [{"area": a.area_id, "name": a.name, "count": a.count} for a in row.areas],
        }
        for row in selectors.opinion_summary(request.user)
    ]


@router.post("/opinion-reports/{report_id}/review", response={200: ReportOut, **ERRORS})
def review_report(request: HttpRequest, report_id: int, payload: ReviewIn) -> dict[str, Any]:
    report = access.get_report_to_review(request.user, report_id)
    services.review_report(user=request.user, report=report, note=payload.note)  # type: ignore[arg-type]
    return _report(access.get_report(request.user, report.pk))
