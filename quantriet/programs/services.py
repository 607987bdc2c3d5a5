"""Changing programmes: drafting (or starting from the parent's), the committee's workflow,
tasks and progress updates. Bad input raises ValidationError naming the field; nothing is
half-saved."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quantriet.core.files import store_checked_file
from quantriet.core.validation import check_fields, require_fields
from quantriet.documents.models import Document
from quantriet.orgs.models import Org
from quantriet.programs.models import (
    Evidence,
    Program,
    ProgressUpdate,
    Task,
    Transition,
    UpdateComment,
)

EDITABLE = (Program.State.DRAFT, Program.State.RETURNED)


def _check_period(
    starts_on: datetime.date | None, ends_on: datetime.date | None, field: str
) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({field: [_("Ngày kết thúc trước ngày bắt đầu.")]})


@transaction.atomic
def create_program(
    *,
    org: Org,
    document: Document,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    objectives: str = "",
    parent: Program | None = None,
    by: User | None,
) -> Program:
    """A draft; started from the parent organisation's programme, its tasks are copied as a
    template (without owners or progress: the lower level assigns its own people)."""
    title = (title or "").strip()
    objectives = (objectives or "").strip()
    require_fields(
        Program,
        {"title": title, "objectives": objectives, "starts_on": starts_on, "ends_on": ends_on},
    )
    _check_period(starts_on, ends_on, "ends_on")
    if parent is not None:
        if parent.document_id != document.pk:
            raise ValidationError(
                {"parent": [_("Chương trình của cấp trên thực hiện một văn bản khác.")]}
            )
        if org.pk == parent.org_id or not org.path.startswith(parent.org.path):
            raise ValidationError(
                {"parent": [_("Chỉ xây dựng từ chương trình của tổ chức cấp trên.")]}
            )
    program = Program.objects.create(
        org=org,
        document=document,
        title=title,
        objectives=objectives,
        starts_on=starts_on,
        ends_on=ends_on,
        parent=parent,
        created_by=by,
    )
    if parent is not None:
        Task.objects.bulk_create(
            Task(
                program=program,
                title=task.title,
                start_on=task.start_on,
                due_on=task.due_on,
                indicator=task.indicator,
                target=task.target,
                unit=task.unit,
            )
            for task in parent.tasks.all()
        )
    return program


def _require_editable(program: Program) -> None:
    if program.status not in EDITABLE:
        raise ValidationError(
            {"status": [_("Chương trình đã trình hoặc đã ban hành: không sửa được nữa.")]}
        )


def update_program(program: Program, changes: dict[str, Any]) -> Program:
    """The plan (title, objectives, period) changes only while a draft or returned."""
    _require_editable(program)
    for name, value in changes.items():
        if value is None and name != "objectives":
            raise ValidationError({name: [_("Trường này là bắt buộc.")]})
        setattr(program, name, (value or "").strip() if name in ("title", "objectives") else value)
    require_fields(Program, {name: getattr(program, name) for name in changes})
    _check_period(program.starts_on, program.ends_on, "ends_on")
    program.save()
    return program


def add_task(program: Program, **fields: Any) -> Task:
    _require_editable(program)
    co_units = fields.pop("co_units", None) or []
    task = Task(program=program, **fields)
    _validate_task(task)
    task.save()
    task.co_units.set(co_units)
    return task


def update_task(task: Task, changes: dict[str, Any]) -> Task:
    """Plan fields change only while the programme is a draft; progress goes through updates."""
    _require_editable(task.program)
    co_units = changes.pop("co_units", None)
    for name, value in changes.items():
        setattr(task, name, value)
    _validate_task(task)
    task.save()
    if co_units is not None:
        task.co_units.set(co_units)
    return task


_TASK_FIELDS = ("title", "start_on", "due_on", "indicator", "target", "unit", "progress")


def _validate_task(task: Task) -> None:
    task.title = (task.title or "").strip()
    task.indicator = (task.indicator or "").strip()
    task.unit = (task.unit or "").strip()
    require_fields(Task, {name: getattr(task, name) for name in _TASK_FIELDS})
    _check_period(task.start_on, task.due_on, "due_on")
    program = task.program
    if task.due_on and not program.starts_on <= task.due_on <= program.ends_on:
        raise ValidationError(
            {"due_on": [_("Hạn hoàn thành phải nằm trong thời gian của chương trình.")]}
        )


def missing_for_submission(program: Program) -> list[dict[str, str]]:
    """ "Rõ việc, rõ người, rõ thời gian": every task needs a title, a responsible officer and
    a due date (and there must be tasks). → [{"field", "message"}], empty when ready."""
    tasks = list(program.tasks.order_by("due_on", "id"))
    if not tasks:
        return [{"field": "tasks", "message": _("Chương trình chưa có nhiệm vụ nào.")}]
    problems = []
    for i, task in enumerate(tasks, start=1):
        lacks = []
        if task.owner_id is None:
            lacks.append(_("người chịu trách nhiệm"))
        if task.due_on is None:
            lacks.append(_("thời hạn"))
        if lacks:
            problems.append(
                {
                    "field": "tasks",
                    "message": _("Nhiệm vụ %(n)s “%(title)s” chưa rõ %(what)s.")
                    % {"n": i, "title": task.title, "what": ", ".join(lacks)},
                }
            )
    return problems


def _move(program: Program, to: str, *, by: User | None, comment: str = "") -> Transition:
    """Change the status and log the step (who, when, from what to what, the comment)."""
    step = Transition.objects.create(
        program=program, from_status=program.status, to_status=to, comment=comment, by=by
    )
    program.status = to
    return step


@transaction.atomic
def submit(program: Program, *, by: User | None = None) -> Program:
    """Draft or returned → submitted to the committee; the step is logged with `by`."""
    _require_editable(program)
    problems = missing_for_submission(program)
    if problems:
        raise ValidationError({"tasks": [p["message"] for p in problems]})
    _move(program, Program.State.SUBMITTED, by=by)
    program.save(update_fields=["status", "updated_at"])
    return program


@transaction.atomic
def issue(
    program: Program, *, number: str, issued_on: datetime.date, by: User | None = None
) -> Program:
    """Submitted → issued under `number`; the step is logged with `by`."""
    if program.status != Program.State.SUBMITTED:
        raise ValidationError({"status": [_("Chỉ ban hành chương trình đã trình cấp ủy.")]})
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": [_("Cần số, ký hiệu (ví dụ 05-CTr/ĐU).")]})
    require_fields(Program, {"number": number, "issued_on": issued_on})
    _move(program, Program.State.ISSUED, by=by)
    program.number = number
    program.issued_on = issued_on
    program.save(update_fields=["status", "number", "issued_on", "updated_at"])
    return program


@transaction.atomic
def return_for_changes(program: Program, *, comment: str, by: User | None = None) -> Program:
    """Submitted → returned with the committee's comment; the step is logged with `by`."""
    if program.status != Program.State.SUBMITTED:
        raise ValidationError({"status": [_("Chỉ trả lại chương trình đã trình cấp ủy.")]})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Cần ghi ý kiến khi trả lại.")]})
    _move(program, Program.State.RETURNED, by=by, comment=comment)
    program.return_comment = comment
    program.save(update_fields=["status", "return_comment", "updated_at"])
    return program


@transaction.atomic
def post_update(
    task: Task,
    *,
    progress: int,
    note: str,
    by: User | None,
    today: datetime.date,
    evidence: Any = None,
) -> ProgressUpdate:
    """Record a progress report; `evidence` (an uploaded PDF/DOCX) is checked first, and a bad
    file stores nothing at all."""
    if task.program.status != Program.State.ISSUED:
        raise ValidationError({"task": [_("Chỉ báo cáo tiến độ khi chương trình đã ban hành.")]})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Cần ghi nội dung đã thực hiện.")]})
    if check_fields(ProgressUpdate, {"progress": progress}):
        raise ValidationError({"progress": [_("Tiến độ từ 0 đến 100%.")]})
    update = ProgressUpdate.objects.create(task=task, progress=progress, note=note, by=by)
    if evidence is not None:
        store_checked_file(
            Evidence(update=update, uploaded_by=by), evidence, evidence.name, evidence.size
        )
    task.progress = progress
    task.done_on = today if progress >= 100 else None
    task.save(update_fields=["progress", "done_on", "updated_at"])
    return update


def add_comment(update: ProgressUpdate, *, text: str, by: User | None) -> UpdateComment:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Cần ghi nội dung ý kiến.")]})
    return UpdateComment.objects.create(update=update, text=text, by=by)
