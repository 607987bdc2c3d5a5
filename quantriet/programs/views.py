"""The pages of action programmes: thin views over `services` (changes) and `access` (who may).

Outside the user's scope → 404, visible but not theirs to change → 403, bad input → the form
with the message and HTTP 400, nothing saved."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.core.files import file_response
from quantriet.core.forms import add_service_errors
from quantriet.documents.access import visible_documents
from quantriet.orgs.access import orgs_for, scope_for, visible_orgs, visible_people
from quantriet.programs import access, selectors, services
from quantriet.programs.forms import (
    IssueForm,
    ProgramFilterForm,
    ProgramForm,
    ReturnForm,
    TaskForm,
    UpdateForm,
)
from quantriet.programs.models import Evidence, Program, Task
from quantriet.programs.status import TaskStatus, task_status

PAGE_SIZE = 25
STATE_COLOURS = {
    Program.State.DRAFT: "secondary",
    Program.State.SUBMITTED: "info",
    Program.State.ISSUED: "success",
    Program.State.RETURNED: "warning",
}
STATUS_COLOURS = {
    TaskStatus.NOT_STARTED: "secondary",
    TaskStatus.ON_TRACK: "primary",
    TaskStatus.AT_RISK: "warning",
    TaskStatus.OVERDUE: "danger",
    TaskStatus.DONE: "success",
}


def _status(task: Task, today: datetime.date) -> dict[str, str]:
    code = task_status(task.progress, task.start_on, task.due_on, today)
    return {"code": code, "label": str(TaskStatus(code).label), "colour": STATUS_COLOURS[code]}


def _tasks_shown(request: HttpRequest, program: Program, can_manage: bool) -> QuerySet[Task]:
    """A manager sees every task; a responsible officer only their own (as the API)."""
    tasks = (
        program.tasks.all()
        if can_manage
        else access.visible_tasks(request.user).filter(program=program)
    )
    return tasks.select_related("owner").prefetch_related("co_units").order_by("due_on", "id")


def _people_for(request: HttpRequest, program: Program) -> QuerySet:
    """Responsible officers: people of the programme's organisation and below, by name."""
    return (
        visible_people(request.user)
        .filter(org__path__startswith=program.org.path)
        .select_related("org")
        .order_by("search_name", "id")
    )


def _task_form(request: HttpRequest, program: Program, **kwargs: Any) -> TaskForm:
    return TaskForm(
        people=_people_for(request, program),
        units=visible_orgs(request.user).order_by("path"),
        **kwargs,
    )


# --- list and creation ------------------------------------------------------


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    visible = access.visible_programs(request.user)
    documents = (
        visible_documents(request.user)
        .filter(pk__in=visible.values("document_id"))
        .order_by("-issued_on", "number")
    )
    form = ProgramFilterForm(request.GET or None, documents=documents)
    today = timezone.localdate()
    # Counting over a clean queryset (the visibility filter joins the tasks of the owner).
    qs = (
        Program.objects.filter(pk__in=visible.values("pk"))
        .select_related("org", "document")
        .annotate(
            n_tasks=Count("tasks", distinct=True),
            n_done=Count("tasks", filter=Q(tasks__progress__gte=100), distinct=True),
            n_overdue=Count(
                "tasks",
                filter=Q(tasks__progress__lt=100, tasks__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "-id")
    )
    if form.is_valid():
        if form.cleaned_data["document"]:
            qs = qs.filter(document=form.cleaned_data["document"])
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, STATE_COLOURS.get(p.status, "secondary")) for p in page.object_list]
    return render(
        request,
        "programs/program_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "can_create": scope_for(request.user).has_role(access.MANAGE_PROGRAMS),
        },
    )


def _parents_for(request: HttpRequest, document_id: object) -> QuerySet[Program]:
    """Programmes a lower organisation may start from: visible, of an organisation with one the
    user manages below it, of the same document when known (the service checks the pair)."""
    scope = scope_for(request.user)
    above = scope.superior_paths(access.MANAGE_PROGRAMS)
    has_lower = Q(org__path__in=above) | (
        scope.path_q(access.MANAGE_PROGRAMS, prefix="org__") & Q(org__numchild__gt=0)
    )
    parents = access.visible_programs(request.user).filter(has_lower).select_related("org")
    with contextlib.suppress(TypeError, ValueError):
        parents = parents.filter(document_id=int(document_id))  # type: ignore[arg-type]
    return parents.order_by("org__path", "-starts_on")


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    orgs = orgs_for(request.user, access.MANAGE_PROGRAMS).order_by("path")
    if not scope_for(request.user).has_role(access.MANAGE_PROGRAMS):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    initial: dict[str, Any] = {
        k: source.get(k) for k in ("document", "parent", "org") if source.get(k)
    }
    parent_id = initial.get("parent")
    if parent_id and str(parent_id).isdigit() and "document" not in initial:
        parent = access.visible_programs(request.user).filter(pk=parent_id).first()
        if parent is not None:
            initial["document"] = parent.document_id
    form = ProgramForm(
        request.POST if request.method == "POST" else None,
        orgs=orgs,
        documents=visible_documents(request.user).order_by("-issued_on", "number"),
        parents=_parents_for(request, initial.get("document")),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = services.create_program(
                org=data["org"],
                document=data["document"],
                title=data["title"],
                objectives=data["objectives"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                parent=data["parent"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo chương trình hành động."))
            return redirect("programs:detail", program.pk)
    return render(
        request,
        "programs/program_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- one programme ----------------------------------------------------------


def _detail_context(request: HttpRequest, program: Program, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    can_manage = access.can_manage(request.user, program.org)
    editable = program.status in services.EDITABLE
    submitted = program.status == Program.State.SUBMITTED
    tasks = [(t, _status(t, today)) for t in _tasks_shown(request, program, can_manage)]
    lower = (
        orgs_for(request.user, access.MANAGE_PROGRAMS)
        .filter(path__startswith=program.org.path)
        .exclude(pk=program.org_id)
        .exists()
    )
    return {
        "program": program,
        "state_colour": STATE_COLOURS.get(program.status, "secondary"),
        "can_manage": can_manage,
        "editable": editable,
        "problems": services.missing_for_submission(program) if editable else [],
        "tasks": tasks,
        "task_form": forms.get("task_form")
        or (_task_form(request, program) if can_manage and editable else None),
        "issue_form": forms.get("issue_form")
        or (IssueForm(initial={"issued_on": today}) if can_manage and submitted else None),
        "return_form": forms.get("return_form")
        or (ReturnForm() if can_manage and submitted else None),
        "submit_errors": forms.get("submit_errors", []),
        "history": selectors.history(program),
        # A lower organisation the user manages may start its own programme from this one.
        "can_derive": lower,
    }


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program(request.user, pk)
    return render(request, "programs/program_detail.html", _detail_context(request, program))


def _refused(request: HttpRequest, program: Program, **forms: Any) -> HttpResponse:
    program.refresh_from_db()
    context = _detail_context(request, program, **forms)
    return render(request, "programs/program_detail.html", context, status=400)


@login_required
@require_POST
def program_submit(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_to_manage(request.user, pk)
    try:
        services.submit(program, by=request.user)
    except ValidationError as exc:
        return _refused(request, program, submit_errors=exc.messages)
    messages.success(request, _("Đã trình cấp ủy."))
    return redirect("programs:detail", program.pk)


@login_required
@require_POST
def program_issue(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_to_manage(request.user, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.issue(program, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ban hành chương trình."))
            return redirect("programs:detail", program.pk)
    return _refused(request, program, issue_form=form)


@login_required
@require_POST
def program_return(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_to_manage(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_for_changes(
                program, comment=form.cleaned_data["comment"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã trả lại chương trình để sửa."))
            return redirect("programs:detail", program.pk)
    return _refused(request, program, return_form=form)


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_to_manage(request.user, pk)
    form = _task_form(request, program, data=request.POST)
    if form.is_valid():
        try:
            services.add_task(program, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("programs:detail", program.pk)
    return _refused(request, program, task_form=form)


@login_required
def program_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """One bar per task from its start to its due date, within the programme's period."""
    program = access.get_program(request.user, pk)
    can_manage = access.can_manage(request.user, program.org)
    today = timezone.localdate()
    first, last = program.starts_on, program.ends_on
    days = max((last - first).days + 1, 1)

    def pct(day: datetime.date) -> float:
        return min(max((day - first).days / days * 100, 0.0), 100.0)

    rows = []
    for task in _tasks_shown(request, program, can_manage):
        start = task.start_on or first
        end = task.due_on or last
        left = pct(start)
        right = pct(end + datetime.timedelta(days=1))
        rows.append(
            {
                "task": task,
                "status": _status(task, today),
                # Strings, so the locale's decimal comma never reaches the CSS.
                "left": f"{left:.2f}",
                "width": f"{max(right - left, 0.5):.2f}",
                "undated": task.start_on is None or task.due_on is None,
            }
        )
    today_at = f"{pct(today):.2f}" if first <= today <= last else None
    return render(
        request,
        "programs/program_timeline.html",
        {
            "program": program,
            "state_colour": STATE_COLOURS.get(program.status, "secondary"),
            "rows": rows,
            "today": today,
            "today_at": today_at,
            "legend": [(str(s.label), STATUS_COLOURS[s]) for s in TaskStatus],
        },
    )


# --- one task ---------------------------------------------------------------


def _task_page(
    request: HttpRequest, task: Task, form: UpdateForm | None = None, status: int = 200
) -> HttpResponse:
    can_update = access.can_update(request.user, task)
    issued = task.program.status == Program.State.ISSUED
    can_manage = access.can_manage(request.user, task.program.org)
    if form is None and can_update and issued:
        form = UpdateForm(initial={"progress": task.progress})
    return render(
        request,
        "programs/task_detail.html",
        {
            "task": task,
            "program": task.program,
            "status": _status(task, timezone.localdate()),
            "co_units": task.co_units.all(),
            "updates": task.updates.select_related("by__person").prefetch_related(
                "comments__by__person", "evidence"
            ),
            "can_comment": access.can_comment(request.user, task),
            "form": form if can_update else None,
            "can_update": can_update,
            "issued": issued,
            "can_edit": can_manage and task.program.status in services.EDITABLE,
        },
        status=status,
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task(request.user, pk)
    if request.method != "POST":
        return _task_page(request, task)
    if not access.can_update(request.user, task):
        raise PermissionDenied
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.post_update(
                task,
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
                by=request.user,
                today=timezone.localdate(),
                evidence=form.cleaned_data.get("evidence"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi báo cáo tiến độ."))
            return redirect("programs:task", task.pk)
    task.refresh_from_db()
    return _task_page(request, task, form=form, status=400)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_task(request.user, pk)
    program = task.program
    if not access.can_manage(request.user, program.org):
        raise PermissionDenied
    initial = {
        "title": task.title,
        "owner": task.owner_id,
        "co_units": [o.pk for o in task.co_units.all()],
        "start_on": task.start_on,
        "due_on": task.due_on,
        "indicator": task.indicator,
        "target": task.target,
        "unit": task.unit,
    }
    form = _task_form(
        request, program, data=request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(task, dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
            task = access.get_task(request.user, pk)  # drop the refused changes
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("programs:detail", program.pk)
    return render(
        request,
        "programs/task_form.html",
        {
            "task": task,
            "program": program,
            "form": form,
            "editable": program.status in services.EDITABLE,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def update_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """The parent organisation's remark on a progress report."""
    update = access.get_update_to_comment(request.user, pk)
    try:
        services.add_comment(update, text=request.POST.get("text", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã gửi ý kiến."))
    return redirect("programs:task", update.task_id)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = Evidence.objects.filter(
        update__task__in=access.visible_tasks(request.user), pk=pk
    ).first()
    if evidence is None:
        raise Http404
    return file_response(evidence)  # type: ignore[arg-type]
