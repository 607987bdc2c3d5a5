"""`/api/v1/programs/{id}/tasks`, `/api/v1/tasks/{id}`, a task's progress updates and the
parent's comments on them. Mounted through `quantriet.programs.api.router`."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut
from quantriet.core.validation import max_length
from quantriet.orgs.access import visible_orgs, visible_people
from quantriet.programs import access, services
from quantriet.programs.models import PROGRESS_MAX, Task
from quantriet.programs.status import TaskStatus, task_status

router = Router(tags=["programs"])


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
    title: str = Field(..., max_length=max_length(Task, "title"))
    owner: int | None = None
    co_units: list[int] = []
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    indicator: str = Field("", max_length=max_length(Task, "indicator"))
    target: Decimal | None = None
    unit: str = Field("", max_length=max_length(Task, "unit"))


class TaskPatch(Schema):
    title: str | None = Field(None, max_length=max_length(Task, "title"))
    owner: int | None = None
    co_units: list[int] | None = None
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    indicator: str | None = Field(None, max_length=max_length(Task, "indicator"))
    target: Decimal | None = None
    unit: str | None = Field(None, max_length=max_length(Task, "unit"))
    progress: int | None = Field(None, ge=0, le=PROGRESS_MAX)
    note: str | None = None  # with progress: the update's text


class UpdateIn(Schema):
    progress: int = Field(..., ge=0, le=PROGRESS_MAX)
    note: str


class UpdateOut(Schema):
    id: int
    task: int
    progress: int
    note: str
    created_at: datetime.datetime
    evidence: list[str] = []


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
                    "progress": {"type": "integer", "minimum": 0, "maximum": PROGRESS_MAX},
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
