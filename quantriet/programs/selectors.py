"""Monitoring a document's implementation across an organisation's subtree: which organisations
have an issued programme, which have none yet, and task completion and overdue counts rolled
up through the tree — 3 queries whatever the tree's size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from quantriet.documents.models import Document
from quantriet.orgs.models import Org, ancestor_paths
from quantriet.programs.models import Program, Task


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
