"""Who sees and changes programmes: officers and administrators of the organisation and above
(a role reaches its subtree); a task's responsible officer sees and updates their own task."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Org, Role
from quantriet.programs.models import Program, ProgressUpdate, Report, Task

MANAGE_PROGRAMS = (Role.ADMIN, Role.OFFICER)


def visible_programs(user: User | AnonymousUser) -> QuerySet[Program]:
    """The programmes of the organisations the user manages and below; those of the committees
    above them too (read-only: a ward builds its programme from the province's)."""
    if not user.is_authenticated:
        return Program.objects.none()
    scope = scope_for(user)
    q = scope.path_q(MANAGE_PROGRAMS, prefix="org__")
    superiors = scope.superior_paths(MANAGE_PROGRAMS)
    if superiors:
        q |= Q(org__path__in=superiors)
    if scope.person_id is not None:
        q |= Q(tasks__owner_id=scope.person_id)
    return Program.objects.filter(q).distinct()


def can_manage(user: User | AnonymousUser, org: Org) -> bool:
    return scope_for(user).has_role(MANAGE_PROGRAMS, org)


def get_program(user: User | AnonymousUser, pk: object) -> Program:
    try:
        return visible_programs(user).select_related("org", "document").get(pk=pk)
    except (Program.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_program_to_manage(user: User | AnonymousUser, pk: object) -> Program:
    program = get_program(user, pk)
    if not can_manage(user, program.org):
        raise PermissionDenied
    return program


def visible_tasks(user: User | AnonymousUser) -> QuerySet[Task]:
    """Tasks of the programmes the user manages, of the committees above (read-only), and the
    user's own as a responsible officer."""
    if not user.is_authenticated:
        return Task.objects.none()
    scope = scope_for(user)
    q = scope.path_q(MANAGE_PROGRAMS, prefix="program__org__")
    superiors = scope.superior_paths(MANAGE_PROGRAMS)
    if superiors:
        q |= Q(program__org__path__in=superiors)
    if scope.person_id is not None:
        q |= Q(owner_id=scope.person_id)
    return Task.objects.filter(q)


def get_task(user: User | AnonymousUser, pk: object) -> Task:
    try:
        return visible_tasks(user).select_related("program__org", "owner").get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_update(user: User | AnonymousUser, task: Task) -> bool:
    """The responsible officer, or a manager of the programme's organisation."""
    scope = scope_for(user)
    return (task.owner_id is not None and task.owner_id == scope.person_id) or can_manage(
        user, task.program.org
    )


def can_comment(user: User | AnonymousUser, task: Task) -> bool:
    """The parent organisation (or any above) comments on its lower level's progress."""
    parent = task.program.org.parent
    return parent is not None and can_manage(user, parent)


def get_update_to_comment(user: User | AnonymousUser, pk: object) -> ProgressUpdate:
    """A progress report the user sees (404 otherwise) and may comment on (403 otherwise)."""
    update = (
        ProgressUpdate.objects.filter(task__in=visible_tasks(user), pk=pk)
        .select_related("task__program__org")
        .first()
    )
    if update is None:
        raise Http404
    if not can_comment(user, update.task):
        raise PermissionDenied
    return update


def get_report(user: User | AnonymousUser, pk: object) -> Report:
    """A review report of a programme the user sees; 404 otherwise."""
    report = (
        Report.objects.filter(program__in=visible_programs(user), pk=pk)
        .select_related("program__org", "program__document")
        .first()
    )
    if report is None:
        raise Http404
    return report


def managed_roots(user: User | AnonymousUser) -> list[Org]:
    """The top organisations the user manages programmes of (all roots for a superuser)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return list(Org.objects.filter(depth=1).order_by("path"))
    return list(Org.objects.filter(path__in=scope.paths(MANAGE_PROGRAMS)).order_by("depth", "path"))
