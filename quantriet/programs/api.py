"""`/api/v1/programs` (with the committee's workflow and its history), monitoring, and the mid-term
and final reviews. Tasks and their progress are in `task_api`, mounted here: `router` carries
every programme endpoint."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, PageParams, paginate
from quantriet.core.validation import max_length
from quantriet.documents.access import get_document
from quantriet.orgs.access import get_org
from quantriet.programs import access, reports, selectors, services
from quantriet.programs import task_api as _task_api
from quantriet.programs.models import Program, Report

router = Router(tags=["programs"])
router.add_router("/", _task_api.router)


class ProgramOut(Schema):
    id: int
    org: int
    document: int
    parent: int | None
    title: str
    objectives: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    status_name: str
    number: str
    issued_on: datetime.date | None
    return_comment: str


class TransitionOut(Schema):
    from_status: str
    to_status: str
    to_status_name: str
    comment: str
    by: int | None  # the account that did it
    by_name: str
    at: datetime.datetime


class ProgramDetailOut(ProgramOut):
    """One programme: the list's fields, who drafted it and each step of its workflow."""

    created_at: datetime.datetime
    created_by_name: str
    transitions: list[TransitionOut]


class ProgramPage(Schema):
    count: int
    items: list[ProgramOut]


class ProgramFilter(PageParams):
    document: int | None = None
    org: int | None = None
    status: str | None = None


class ProgramIn(Schema):
    org: int
    document: int
    title: str = Field(..., max_length=max_length(Program, "title"))
    objectives: str = ""
    starts_on: datetime.date
    ends_on: datetime.date
    parent: int | None = None


class ProgramPatch(Schema):
    title: str | None = Field(None, max_length=max_length(Program, "title"))
    objectives: str | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    status: Program.State | None = None
    number: str | None = None
    issued_on: datetime.date | None = None
    return_comment: str | None = None


def _program_out(p: Program) -> dict[str, Any]:
    return {
        "id": p.pk,
        "org": p.org_id,
        "document": p.document_id,
        "parent": p.parent_id,
        "title": p.title,
        "objectives": p.objectives,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "status": p.status,
        "status_name": str(Program.State(p.status).label),
        "number": p.number,
        "issued_on": p.issued_on,
        "return_comment": p.return_comment,
    }


def _program_detail(p: Program) -> dict[str, Any]:
    """`_program_out` with its history: two queries more (the creator, the steps)."""
    created, *steps = selectors.history(p)
    return {
        **_program_out(p),
        "created_at": p.created_at,
        "created_by_name": created.by,
        "transitions": [
            {
                "from_status": s.from_status,
                "to_status": s.status,
                "to_status_name": str(Program.State(s.status).label),
                "comment": s.comment,
                "by": s.by_id,
                "by_name": s.by,
                "at": s.at,
            }
            for s in steps
        ],
    }


@router.get("/programs", response=ProgramPage)
def list_programs(request: HttpRequest, filters: Query[ProgramFilter]) -> dict[str, Any]:
    qs = access.visible_programs(request.user)
    if filters.document:
        qs = qs.filter(document_id=filters.document)
    if filters.org:
        qs = qs.filter(org_id=filters.org)
    if filters.status:
        qs = qs.filter(status=filters.status)
    page = paginate(qs, filters)
    page["items"] = [_program_out(p) for p in page["items"]]
    return page


class MonitoringParams(Schema):
    document: int
    org: int | None = None


class MonitoringRow(Schema):
    org: int
    name: str
    depth: int
    program: int | None
    program_status: str | None
    adopted: bool
    tasks: int
    done: int
    overdue: int
    without_program: int


@router.get("/programs/monitoring", response={200: list[MonitoringRow], **ERRORS})
def monitoring(request: HttpRequest, params: Query[MonitoringParams]) -> list[dict[str, Any]]:
    """Per organisation of the subtree: its programme for the document, and task completion
    and overdue counts with everything below it (`org` defaults to the caller's top one)."""
    document = get_document(request.user, params.document)
    if params.org is not None:
        root = get_org(request.user, params.org)
    else:
        roots = access.managed_roots(request.user)
        if not roots:
            raise PermissionDenied
        root = roots[0]
    if not access.can_manage(request.user, root):
        raise PermissionDenied
    rows = selectors.monitoring(document, root, timezone.localdate())
    return [
        {
            "org": r.org_id,
            "name": r.name,
            "depth": r.depth,
            "program": r.program_id,
            "program_status": r.program_status,
            "adopted": r.adopted,
            "tasks": r.total.tasks,
            "done": r.total.done,
            "overdue": r.total.overdue,
            "without_program": r.without_program,
        }
        for r in rows
    ]


@router.post("/programs", response={201: ProgramDetailOut, **ERRORS})
def create_program(request: HttpRequest, payload: ProgramIn) -> Status:
    org = get_org(request.user, payload.org)
    if not access.can_manage(request.user, org):
        raise PermissionDenied
    document = get_document(request.user, payload.document)
    parent = None
    if payload.parent is not None:
        parent = access.visible_programs(request.user).filter(pk=payload.parent).first()
        if parent is None:
            raise ValidationError({"parent": [_("Không tìm thấy chương trình của cấp trên.")]})
    program = services.create_program(
        org=org,
        document=document,
        title=payload.title,
        objectives=payload.objectives,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        parent=parent,
        by=request.user,
    )
    return Status(201, _program_detail(program))


@router.get("/programs/{program_id}", response={200: ProgramDetailOut, 404: ErrorOut})
def get_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    return _program_detail(access.get_program(request.user, program_id))


@router.patch("/programs/{program_id}", response={200: ProgramDetailOut, **ERRORS})
def update_program(request: HttpRequest, program_id: int, payload: ProgramPatch) -> Any:
    program = access.get_program_to_manage(request.user, program_id)
    # A plan change with a refused status change: nothing is kept.
    with transaction.atomic():
        _apply_program_patch(request, program, payload)
    return _program_detail(program)


def _apply_program_patch(request: HttpRequest, program: Program, payload: ProgramPatch) -> None:
    data = payload.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    plan = {k: data[k] for k in ("title", "objectives", "starts_on", "ends_on") if k in data}
    if plan:
        services.update_program(program, plan)
    if status == Program.State.SUBMITTED:
        services.submit(program, by=request.user)
    elif status == Program.State.ISSUED:
        services.issue(
            program,
            number=data.get("number") or "",
            issued_on=data.get("issued_on") or timezone.localdate(),
            by=request.user,
        )
    elif status == Program.State.RETURNED:
        services.return_for_changes(
            program, comment=data.get("return_comment") or "", by=request.user
        )
    elif status is not None and status != program.status:
        raise ValidationError({"status": [_("Không chuyển được sang trạng thái này.")]})


class ReportIn(Schema):
    kind: Report.Kind


class ReportPatch(Schema):
    body: str
    submit: bool = False


class ReportOut(Schema):
    id: int
    program: int
    kind: str
    title: str
    figures: dict[str, int]
    body: str
    submitted_at: datetime.datetime | None


def _report_out(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "program": r.program_id,
        "kind": r.kind,
        "title": r.title,
        "figures": r.figures,
        "body": r.body,
        "submitted_at": r.submitted_at,
    }


@router.get("/programs/{program_id}/reports", response={200: list[ReportOut], 404: ErrorOut})
def list_reports(request: HttpRequest, program_id: int) -> list[dict[str, Any]]:
    program = access.get_program(request.user, program_id)
    return [_report_out(r) for r in program.reports.all()]


@router.post("/programs/{program_id}/reports", response={201: ReportOut, **ERRORS})
def create_report(request: HttpRequest, program_id: int, payload: ReportIn) -> Status:
    """A mid-term or final review pre-filled with the organisation's figures."""
    program = access.get_program_to_manage(request.user, program_id)
    report = reports.create_report(program, kind=payload.kind, by=request.user)
    return Status(201, _report_out(report))


@router.get("/program-reports/{report_id}", response={200: ReportOut, 404: ErrorOut})
def get_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _report_out(access.get_report(request.user, report_id))


@router.patch("/program-reports/{report_id}", response={200: ReportOut, **ERRORS})
def edit_report(request: HttpRequest, report_id: int, payload: ReportPatch) -> dict[str, Any]:
    report = access.get_report(request.user, report_id)
    if not access.can_manage(request.user, report.program.org):
        raise PermissionDenied
    reports.edit_report(report, body=payload.body, submit=payload.submit)
    return _report_out(report)
