"""Reading programmes: a programme's history (who created, submitted, issued or returned it),
and monitoring a document's implementation across an organisation's subtree: which
organisations have an issued programme, which have none yet, and task completion and overdue
counts rolled up through the tree — 3 queries whatever the tree's size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.utils.translation import pgettext_lazy

from quantriet.documents.models import Document
from quantriet.orgs.models import Org, ancestor_paths
from quantriet.programs.models import Program, Task, Transition

STEP_LABELS = {
    Program.State.DRAFT: pgettext_lazy("programme history", "Tạo dự thảo"),
    Program.State.SUBMITTED: pgettext_lazy("programme history", "Trình cấp ủy"),
    Program.State.ISSUED: pgettext_lazy("programme history", "Ban hành"),
    Program.State.RETURNED: pgettext_lazy("programme history", "Trả lại để sửa"),
}


def actor_name(user: User | None) -> str:
    """The person's name of an account (its username when it has no person), "" for none."""
    if user is None:
        return ""
    person = getattr(
        user, "person", None
    )  # no person: RelatedObjectDoesNotExist, an AttributeError
    return person.full_name if person is not None else user.get_username()


def transitions_of(program: Program) -> QuerySet[Transition]:
    """The workflow's steps, oldest first, with their actors (one query)."""
    return program.transitions.select_related("by__person").order_by("created_at", "id")


@dataclass
class Step:
    """One line of a programme's history as the page shows it."""

    status: str  # the status reached
    label: str
    at: datetime.datetime
    by: str  # the actor's name, "" when unknown
    comment: str = ""
    from_status: str = ""  # "" for the creation
    by_id: int | None = None


def history(program: Program) -> list[Step]:
    """Creation, then every submission, issue and return, oldest first (two queries)."""
    creator = (
        User.objects.select_related("person").filter(pk=program.created_by_id).first()
        if program.created_by_id
        else None
    )
    steps = [
        Step(
            Program.State.DRAFT,
            str(STEP_LABELS[Program.State.DRAFT]),
            program.created_at,
            actor_name(creator),
            by_id=program.created_by_id,
        )
    ]
    steps += [
        Step(
            t.to_status,
            str(STEP_LABELS[t.to_status]),
            t.created_at,
            actor_name(t.by),
            t.comment,
            from_status=t.from_status,
            by_id=t.by_id,
        )
        for t in transitions_of(program)
    ]
    return steps


@dataclass
class Figures:
    tasks: int = 0
    done: int = 0
    overdue: int = 0

    def add(self, other: Figures) -> None:
        self.tasks += other.tasks
        self.done += other.done
        self.overdue += other.overdue

    @property
    def done_rate(self) -> float | None:
        return self.done / self.tasks if self.tasks else None


@dataclass
class OrgRow:
    org_id: int
    name: str
    path: str
    depth: int
    program_id: int | None = None
    program_status: str | None = None
    own: Figures = field(default_factory=Figures)  # the organisation's own programme
    total: Figures = field(default_factory=Figures)  # with everything below it
    without_program: int = 0  # organisations in its subtree with no issued programme

    @property
    def adopted(self) -> bool:
        return self.program_status == Program.State.ISSUED


def monitoring(document: Document, root: Org, today: datetime.date) -> list[OrgRow]:
    """One row per organisation of `root`'s subtree, in tree order."""
    orgs = list(
        Org.objects.filter(path__startswith=root.path, is_active=True)
        .order_by("path")
        .values_list("pk", "name", "path", "depth")
    )
    rows = {path: OrgRow(pk, name, path, depth) for pk, name, path, depth in orgs}
    for path, program_id, status in (
        Program.objects.filter(document=document, org__path__startswith=root.path)
        .order_by("org__path", "pk")
        .values_list("org__path", "pk", "status")
    ):
        # An issued programme is the organisation's answer; else its latest draft.
        row = rows.get(path)
        if row is not None and (row.program_id is None or status == Program.State.ISSUED):
            row.program_id, row.program_status = program_id, status
    figures = (
        Task.objects.filter(
            program__document=document,
            program__status=Program.State.ISSUED,
            program__org__path__startswith=root.path,
        )
        .values("program__org__path")
        .annotate(
            tasks=Count("pk"),
            done=Count("pk", filter=Q(progress__gte=100)),
            overdue=Count("pk", filter=Q(progress__lt=100, due_on__lt=today)),
        )
        .order_by()
    )
    for entry in figures:
        row = rows.get(entry["program__org__path"])
        if row is not None:
            row.own = Figures(entry["tasks"], entry["done"], entry["overdue"])
    # Roll up: each organisation's figures count at every ancestor within the subtree.
    for row in rows.values():
        missing = 0 if row.adopted else 1
        for path in ancestor_paths(row.path):
            target = rows.get(path)
            if target is not None:
                target.total.add(row.own)
                target.without_program += missing
    return list(rows.values())
