"""The demo's action programmes: the province's programme for the XVI Provincial Congress
resolution, the three wards' programmes built from it, programmes of their Party cells (some
missing, one still a draft), monthly progress reports up to today.

Dated from the day the demo is loaded: the province issued its programme about seven months ago
(never earlier than eight weeks after the resolution of 27/9/2025, see `issued_on`), the wards
three weeks later, their cells a month after that. Of the province's tasks two are done, one is
overdue, one at risk and the others on track, due over the coming months; the wards and cells
that copy them fare a little better or worse, drawn from the seeded generator. The tasks, notes,
titles and delays are in `programs_data`."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from quantriet.demo.dates import at, month_end, month_start, months_back, not_before, today
from quantriet.demo.orgs_data import ROOT_NAME, WARD_NAMES
from quantriet.demo.programs_data import (
    AT_RISK,
    CELL_TITLE,
    CELLS_AFTER,
    DONE,
    DONE_NOTE,
    FIRST_DUE,
    ISSUED_MONTHS_AGO,
    NOTES,
    ON_TRACK,
    OVERDUE,
    PREPARATION,
    PROVINCE_OBJECTIVES,
    PROVINCE_TITLE,
    REPORT_DAY,
    TASKS,
    TERM_END,
    WARD_TITLE,
    WARDS_AFTER,
)
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person
from quantriet.programs import services
from quantriet.programs.models import Program, ProgressUpdate, Task, Transition
from quantriet.programs.status import TaskStatus, task_status


@dataclass
class ProgramCounts:
    programs: int = 0
    tasks: int = 0
    updates: int = 0
    overdue: int = 0


class _Programs:
    def __init__(self, rng: random.Random, users: dict[str, User]) -> None:
        self.rng = rng
        self.users = users
        self.counts = ProgramCounts()
        self.today = today()
        self.now = timezone.now()

    def _owner(self, org: Org) -> Person | None:
        ids = list(
            Person.objects.filter(org__path__startswith=org.path)
            .exclude(position="")
            .order_by("pk")
            .values_list("pk", flat=True)[:30]
        )
        return Person.objects.get(pk=self.rng.choice(ids)) if ids else None

    def _issued_on(self, document: Document) -> datetime.date:
        """About seven months before the load day. The resolution is a real document
        (27/9/2025): loaded before about June 2026, "seven months ago" would come before it (or
        before a committee could have drafted anything), so the date is clamped to eight weeks
        after the resolution."""
        return not_before(months_back(ISSUED_MONTHS_AGO, 20), document.issued_on, PREPARATION)

    def _issue(self, program: Program, number: str, on: datetime.date, by: User | None) -> None:
        """Submitted (every task has its officer and date) and issued, as a committee does, by
        the officer who manages it; drafted in the fortnight before the committee's meeting,
        submitted a week before it. The workflow's log carries those days, not the load's."""
        services.submit(program, by=by)
        services.issue(program, number=number, issued_on=on, by=by)
        Program.objects.filter(pk=program.pk).update(
            created_at=at(on - datetime.timedelta(days=14), 9), updated_at=at(on, 16)
        )
        steps = program.transitions.order_by("created_at", "id")
        for step, day in zip(steps, (on - datetime.timedelta(days=7), on), strict=False):
            Transition.objects.filter(pk=step.pk).update(created_at=at(day, 15))

    def _due(self, issued_on: datetime.date, start: datetime.date, months: int) -> datetime.date:
        due = max(month_end(self.today, months), issued_on + FIRST_DUE)
        return max(due, start + datetime.timedelta(days=30))

    def _start(self, issued_on: datetime.date, months: int) -> datetime.date:
        return month_start(issued_on, months) if months else issued_on

    def _plan(self, program: Program, org: Org, issued_on: datetime.date) -> dict[int, str]:
        """The province's tasks → how each stands today, by task id."""
        outcomes = {}
        for title, indicator, target, unit, start_m, due_m, outcome in TASKS:
            start = self._start(issued_on, start_m)
            task = services.add_task(
                program,
                title=title,
                owner=self._owner(org),
                start_on=start,
                due_on=self._due(issued_on, start, due_m),
                indicator=indicator,
                target=Decimal(target),
                unit=unit,
            )
            outcomes[task.pk] = self._real(task, outcome)
        self.counts.tasks += len(outcomes)
        return outcomes

    def _real(self, task: Task, outcome: str) -> str:
        """What the dates allow: only a task past its due date can be overdue (when the issue
        date is clamped, a due date may have moved into the future)."""
        past = task.due_on < self.today  # type: ignore[operator]
        if outcome == OVERDUE and not past:
            return AT_RISK
        if past and outcome not in (DONE, OVERDUE):
            return OVERDUE
        return outcome

    def _copied(
        self, tasks: list[Task], parent: dict[str, str], *, follows: bool = False
    ) -> dict[int, str]:
        """A lower level's copy of the tasks: mostly like the level above (exactly, if it
        `follows`), some better or worse; at most one overdue task a programme (a few in all,
        not a demo where everything is late)."""
        rng = self.rng
        outcomes: dict[int, str] = {}
        for task in tasks:
            above = parent.get(task.title, ON_TRACK)
            if task.due_on < self.today:  # type: ignore[operator]
                late = (follows and above == OVERDUE) or rng.random() < (
                    0.4 if above == OVERDUE else 0.08
                )
                late = late and OVERDUE not in outcomes.values()
                outcomes[task.pk] = OVERDUE if late else DONE
            else:
                risk = (follows and above == AT_RISK) or rng.random() < (
                    0.6 if above == AT_RISK else 0.2
                )
                outcomes[task.pk] = AT_RISK if risk else ON_TRACK
        return outcomes

    def _report_days(self, begin: datetime.date, until: datetime.date) -> list[datetime.date]:
        """The monthly report days (the 25th) after `begin`, up to `until`."""
        days = []
        day = begin.replace(day=REPORT_DAY) if begin.day < REPORT_DAY else None
        if day is None:
            day = month_start(begin, 1).replace(day=REPORT_DAY)
        while day <= until:
            days.append(day)
            day = month_start(day, 1).replace(day=REPORT_DAY)
        return days

    def _elapsed(self, task: Task) -> float:
        span = (task.due_on - task.start_on).days  # type: ignore[operator]
        return max(0.0, min(100.0, (self.today - task.start_on).days / span * 100))  # type: ignore[operator]

    def _progress(
        self,
        tasks: list[Task],
        outcomes: dict[int, str],
        issued_on: datetime.date,
        by: User | None,
    ) -> None:
        """Monthly reports from the programme's issue up to today, ending where each task's
        outcome puts it: done (before its due date), overdue, at risk (more than
        the at-risk rule of `quantriet.programs.status` points behind the time elapsed) or on track."""
        rng = self.rng
        updates: list[ProgressUpdate] = []
        moments: list[datetime.datetime] = []
        yesterday = self.today - datetime.timedelta(days=1)
        for task in tasks:
            outcome = outcomes[task.pk]
            begin = max(task.start_on, issued_on)  # type: ignore[type-var]
            done_on = None
            if outcome == DONE:
                done_on = task.due_on - datetime.timedelta(days=rng.randint(0, 20))  # type: ignore[operator]
                done_on = max(min(done_on, yesterday), begin + datetime.timedelta(days=3))
                days = [d for d in self._report_days(begin, done_on) if d < done_on] + [done_on]
                final = 100
            else:
                days = self._report_days(begin, self.today)
                elapsed = self._elapsed(task)
                if outcome == OVERDUE:
                    final = rng.randint(60, 85)
                elif outcome == AT_RISK:
                    final = max(5, round(elapsed - rng.uniform(20, 30)))
                else:
                    final = min(95, round(elapsed + rng.uniform(0, 10)))
                final = final if days else 0
            progress = 0
            for k, day in enumerate(days, start=1):
                step = final * k / len(days)
                if k < len(days):
                    step += rng.uniform(-4, 4)
                progress = max(progress, min(final, round(step)))
                updates.append(
                    ProgressUpdate(
                        task=task,
                        progress=progress,
                        note=DONE_NOTE if progress >= 100 else rng.choice(NOTES),
                        by=by,
                    )
                )
                moment = at(day, rng.randint(8, 16), rng.randint(0, 59))
                moments.append(min(moment, self.now - datetime.timedelta(minutes=5)))
            task.progress = progress
            task.done_on = done_on if progress >= 100 else None
            status = task_status(progress, task.start_on, task.due_on, self.today)
            self.counts.overdue += status == TaskStatus.OVERDUE
        # Past reports in bulk, then dated: `post_update` stamps the present moment.
        created = ProgressUpdate.objects.bulk_create(updates)
        for update, moment in zip(created, moments, strict=True):
            update.created_at = moment
        ProgressUpdate.objects.bulk_update(created, ["created_at"], batch_size=500)
        Task.objects.bulk_update(tasks, ["progress", "done_on"])
        self.counts.updates += len(updates)

    def _late_draft(self, program: Program, tasks: list[Task]) -> None:
        """Vàng Danh's, started from the province's months ago and still a draft: its officer
        has moved the tasks whose dates have passed into the coming months, as a draft may."""
        soon = self.today + datetime.timedelta(days=30)
        for task in tasks:
            if task.due_on < soon:  # type: ignore[operator]
                services.update_task(
                    task,
                    {"start_on": month_start(self.today), "due_on": month_end(self.today, 2)},
                )
        Program.objects.filter(pk=program.pk).update(
            created_at=at(program.starts_on, 9),
            updated_at=at(self.today - datetime.timedelta(days=2), 15),
        )

    def run(self, document: Document) -> ProgramCounts:
        root = Org.objects.get(depth=1, name=ROOT_NAME)
        admin = self.users.get("bantuyengiao")
        issued_on = self._issued_on(document)
        latest_due = max(
            self._due(issued_on, self._start(issued_on, start_m), due_m)
            for *_task, start_m, due_m, _outcome in TASKS
        )
        ends_on = max(TERM_END, latest_due)
        province = services.create_program(
            org=root,
            document=document,
            by=admin,
            starts_on=issued_on,
            ends_on=ends_on,
            title=PROVINCE_TITLE,
            objectives=PROVINCE_OBJECTIVES,
        )
        outcomes = self._plan(province, root, issued_on)
        self._issue(province, "05-CTr/TU", issued_on, admin)
        province_tasks = list(province.tasks.all())
        self._progress(province_tasks, outcomes, issued_on, admin)
        by_title = {task.title: outcomes[task.pk] for task in province_tasks}
        self.counts.programs += 1
        for i, name in enumerate(WARD_NAMES):
            ward = Org.objects.get(name=f"Đảng bộ phường {name}")
            officer = self.users.get({0: "uongbi", 1: "yentu", 2: "vangdanh"}[i])
            ward_issued = issued_on + WARDS_AFTER + datetime.timedelta(days=i)
            program = services.create_program(
                org=ward,
                document=document,
                parent=province,
                by=officer,
                starts_on=ward_issued,
                ends_on=ends_on,
                title=WARD_TITLE.format(ward=name),
            )
            self.counts.programs += 1
            tasks = list(program.tasks.all())
            for task in tasks:
                task.owner = self._owner(ward)
            Task.objects.bulk_update(tasks, ["owner"])
            self.counts.tasks += len(tasks)
            if i == 2:  # Vàng Danh's is still being drafted
                self._late_draft(program, tasks)
                continue
            self._issue(program, f"{3 + i:02d}-CTr/ĐU", ward_issued, officer)
            # Uông Bí's lags where the province's does (the same ground to clear); Yên Tử's varies.
            ward_outcomes = self._copied(tasks, by_title, follows=i == 0)
            self._progress(tasks, ward_outcomes, ward_issued, officer)
            ward_by_title = {task.title: ward_outcomes[task.pk] for task in tasks}
            cells = list(
                Org.objects.filter(
                    path__startswith=ward.path, depth=ward.depth + 1, name__startswith="Chi bộ"
                ).order_by("path")
            )
            for cell in cells[::2][:6]:  # some cells have theirs, others not yet
                cell_issued = (
                    ward_issued + CELLS_AFTER + datetime.timedelta(days=self.rng.randint(0, 6))
                )
                cell_program = services.create_program(
                    org=cell,
                    document=document,
                    parent=program,
                    by=officer,
                    starts_on=cell_issued,
                    ends_on=ends_on,
                    title=CELL_TITLE.format(cell=cell.name),
                )
                cell_tasks = list(cell_program.tasks.all()[:4])
                cell_program.tasks.exclude(pk__in=[t.pk for t in cell_tasks]).delete()
                for task in cell_tasks:
                    task.owner = self._owner(cell) or self._owner(ward)
                Task.objects.bulk_update(cell_tasks, ["owner"])
                self._issue(
                    cell_program, f"{self.rng.randint(1, 20):02d}-KH/CB", cell_issued, officer
                )
                self._progress(
                    cell_tasks, self._copied(cell_tasks, ward_by_title), cell_issued, officer
                )
                self.counts.programs += 1
                self.counts.tasks += len(cell_tasks)
        return self.counts


def create_programs(
    *, rng: random.Random, users: dict[str, User], document: Document
) -> ProgramCounts:
    return _Programs(rng, users).run(document)
