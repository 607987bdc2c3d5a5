"""`/api/v1/programs`, `/api/v1/programs/{id}/tasks`, `/api/v1/tasks/{id}` and its updates."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, PageParams, paginate
from quantriet.documents.access import get_document
from quantriet.orgs.access import get_org, visible_orgs, visible_people
from quantriet.programs import access, reports, selectors, services
from quantriet.programs.models import Program, Report, Task
from quantriet.programs.status import TaskStatus, task_status

router = Router(tags=["programs"])


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
    title: str = Field(..., max_length=300)
    objectives: str = ""
    starts_on: datetime.date
    ends_on: datetime.date
    parent: int | None = None


class ProgramPatch(Schema):
    title: str | None = Field(None, max_length=300)
    objectives: str | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    status: Program.State | None = None
    number: str | None = None
    issued_on: datetime.date | None = None
    return_comment: str | None = None


class TaskOut(Schema):
    id: int
    program: int
    title: str
    owner: int | None
    owner_name: str
    co_units: list[int]
    start_on: datetime.date | None
    due_on: datetime.date | None
    indicator: str
    target: Decimal | None
    unit: str
    progress: int
    status: str
    status_name: str


class TaskIn(Schema):
    title: str = Field(..., max_length=300)
    owner: int | None = None
    co_units: list[int] = []
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    indicator: str = Field("", max_length=200)
    target: Decimal | None = None
    unit: str = Field("", max_length=30)


class TaskPatch(Schema):
    title: str | None = Field(None, max_length=300)
    owner: int | None = None
    co_units: list[int] | None = None
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    indicator: str | None = Field(None, max_length=200)
    target: Decimal | None = None
    unit: str | None = Field(None, max_length=30)
    progress: int | None = Field(None, ge=0, le=100)
    note: str | None = None  # with progress: the update's text


class UpdateIn(Schema):
    progress: int = Field(..., ge=0, le=100)
    note: str


class UpdateOut(Schema):
    id: int
    task: int
    progress: int
    note: str
    created_at: datetime.datetime
    evidence: list[str] = []


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


def _task_out(t: Task, today: datetime.date) -> dict[str, Any]:
    status = task_status(t.progress, t.start_on, t.due_on, today)
    return {
        "id": t.pk,
        "program": t.program_id,
        "title": t.title,
        "owner": t.owner_id,
        "owner_name": t.owner.full_name if t.owner else "",
        "co_units": [o.pk for o in t.co_units.all()],
        "start_on": t.start_on,
        "due_on": t.due_on,
        "indicator": t.indicator,
        "target": t.target,
        "unit": t.unit,
        "progress": t.progress,
        "status": status,
        "status_name": str(TaskStatus(status).label),
    }


def _person(request: HttpRequest, pk: int | None) -> Any:
    if pk is None:
        return None
    person = visible_people(request.user).filter(pk=pk).first()
    if person is None:
        raise ValidationError({"owner": [_("Không tìm thấy người chịu trách nhiệm.")]})
    return person


def _units(request: HttpRequest, ids: list[int]) -> list[Any]:
    found = list(visible_orgs(request.user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"co_units": [_("Không tìm thấy đơn vị phối hợp.")]})
    return found


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


@router.post("/programs", response={201: ProgramOut, **ERRORS})
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
    return Status(201, _program_out(program))


@router.get("/programs/{program_id}", response={200: ProgramOut, 404: ErrorOut})
def get_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    return _program_out(access.get_program(request.user, program_id))


@router.patch("/programs/{program_id}", response={200: ProgramOut, **ERRORS})
def update_program(request: HttpRequest, program_id: int, payload: ProgramPatch) -> Any:
    program = access.get_program_to_manage(request.user, program_id)
    # A plan change with a refused status change: nothing is kept.
    with transaction.atomic():
        _apply_program_patch(program, payload)
    return _program_out(program)


def _apply_program_patch(program: Program, payload: ProgramPatch) -> None:
    data = payload.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    plan = {k: data[k] for k in ("title", "objectives", "starts_on", "ends_on") if k in data}
    if plan:
        services.update_program(program, plan)
    if status == Program.State.SUBMITTED:
        services.submit(program)
    elif status == Program.State.ISSUED:
        services.issue(
            program,
            number=data.get("number") or "",
            issued_on=data.get("issued_on") or timezone.localdate(),
        )
    elif status == Program.State.RETURNED:
        services.return_for_changes(program, comment=data.get("return_comment") or "")
    elif status is not None and status != program.status:
        raise ValidationError({"status": [_("Không chuyển được sang trạng thái này.")]})


@router.get("/programs/{program_id}/tasks", response={200: list[TaskOut], 404: ErrorOut})
def list_tasks(request: HttpRequest, program_id: int) -> list[dict[str, Any]]:
    program = access.get_program(request.user, program_id)
    today = timezone.localdate()
    tasks = access.visible_tasks(request.user).filter(program=program)
    if access.can_manage(request.user, program.org):
        tasks = program.tasks.all()
    tasks = tasks.select_related("owner").prefetch_related("co_units")
    return [_task_out(t, today) for t in tasks]


@router.post("/programs/{program_id}/tasks", response={201: TaskOut, **ERRORS})
def create_task(request: HttpRequest, program_id: int, payload: TaskIn) -> Status:
    program = access.get_program_to_manage(request.user, program_id)
    data = payload.model_dump()
    data["owner"] = _person(request, data["owner"])
    data["co_units"] = _units(request, data["co_units"])
    task = services.add_task(program, **data)
    return Status(201, _task_out(task, timezone.localdate()))


@router.patch("/tasks/{task_id}", response={200: TaskOut, **ERRORS})
def update_task(request: HttpRequest, task_id: int, payload: TaskPatch) -> Any:
    task = access.get_task(request.user, task_id)
    data = payload.model_dump(exclude_unset=True)
    progress, note = data.pop("progress", None), data.pop("note", None)
    if data:
        if not access.can_manage(request.user, task.program.org):
            raise PermissionDenied
        if "owner" in data:
            data["owner"] = _person(request, data["owner"])
        if "co_units" in data:
            data["co_units"] = _units(request, data["co_units"] or [])
        services.update_task(task, data)
    if progress is not None:
        if not access.can_update(request.user, task):
            raise PermissionDenied
        services.post_update(
            task, progress=progress, note=note or "", by=request.user, today=timezone.localdate()
        )
    return _task_out(task, timezone.localdate())


_UPDATE_BODY = {
    "content": {
        "application/json": {"schema": UpdateIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                    "note": {"type": "string"},
                    "evidence": {"type": "string", "format": "binary"},
                },
                "required": ["progress", "note"],
            }
        },
    },
    "required": True,
}


def _update_input(request: HttpRequest) -> tuple[int, str, Any]:
    """JSON `{progress, note}`, or a multipart form with an optional `evidence` file."""
    if request.content_type == "multipart/form-data":
        data: Any = request.POST
        evidence = request.FILES.get("evidence")
    else:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationError({"__all__": [_("Dữ liệu gửi lên không hợp lệ.")]}) from None
        evidence = None
        if not isinstance(data, dict):
            raise ValidationError({"__all__": [_("Dữ liệu gửi lên không hợp lệ.")]})
    raw = data.get("progress")
    try:
        if isinstance(raw, bool):
            raise ValueError
        progress = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({"progress": [_("Tiến độ từ 0 đến 100%.")]}) from None
    note = data.get("note")
    return progress, note if isinstance(note, str) else "", evidence


@router.post(
    "/tasks/{task_id}/updates",
    response={201: UpdateOut, **ERRORS},
    openapi_extra={"requestBody": _UPDATE_BODY},
)
def post_update(request: HttpRequest, task_id: int) -> Status:
    """A progress report by the task's officer (or a manager): JSON, or multipart with an
    optional evidence file (PDF or DOCX)."""
    task = access.get_task(request.user, task_id)
    if not access.can_update(request.user, task):
        raise PermissionDenied
    progress, note, evidence = _update_input(request)
    update = services.post_update(
        task,
        progress=progress,
        note=note,
        by=request.user,
        today=timezone.localdate(),
        evidence=evidence,
    )
    return Status(
        201,
        {
            "id": update.pk,
            "task": task.pk,
            "progress": update.progress,
            "note": update.note,
            "created_at": update.created_at,
            "evidence": [e.original_name for e in update.evidence.all()],
        },
    )


class CommentIn(Schema):
    text: str


class CommentOut(Schema):
    id: int
    update: int
    text: str
    created_at: datetime.datetime


@router.post("/updates/{update_id}/comments", response={201: CommentOut, **ERRORS})
def comment_update(request: HttpRequest, update_id: int, payload: CommentIn) -> Status:
    """The parent organisation's remark on a progress report."""
    update = access.get_update_to_comment(request.user, update_id)
    comment = services.add_comment(update, text=payload.text, by=request.user)
    return Status(
        201,
        {
            "id": comment.pk,
            "update": update.pk,
            "text": comment.text,
            "created_at": comment.created_at,
        },
    )


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
