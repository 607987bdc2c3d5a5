"""The demo's action programmes: the province's programme for the XVI Provincial Congress
resolution, the three wards' programmes built from it, programmes of their Party cells (some
missing, one still a draft), a year of progress reports, some tasks late."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from quantriet.demo.orgs_data import ROOT_NAME, WARD_NAMES
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person
from quantriet.programs import services
from quantriet.programs.models import Program, ProgressUpdate, Task

YEAR_START = datetime.date(2026, 1, 1)
YEAR_END = datetime.date(2030, 12, 31)
TASKS = [
    (
        "Quán triệt Nghị quyết đến 100% cán bộ, đảng viên",
        "Đảng viên được học tập, quán triệt",
        "100",
        "%",
        1,
        3,
    ),
    (
        "Sắp xếp, kiện toàn các khu dân cư sau hợp nhất",
        "Khu dân cư được kiện toàn",
        "100",
        "%",
        1,
        9,
    ),
    ("Nâng tỷ lệ hộ dân dùng nước sạch", "Hộ dùng nước sạch", "98", "%", 2, 12),
    ("Chuyển đổi số trong giải quyết thủ tục hành chính", "Hồ sơ nộp trực tuyến", "80", "%", 2, 11),
    ("Kết nạp đảng viên mới", "Đảng viên mới được kết nạp", "40", "đảng viên", 1, 12),
    ("Phát triển du lịch tâm linh, sinh thái Yên Tử", "Lượt khách", "1200000", "lượt", 3, 12),
    ("Giảm nghèo bền vững", "Hộ nghèo còn lại", "0", "hộ", 1, 12),
    (
        "Tuyên truyền, phản bác quan điểm sai trái trên không gian mạng",
        "Tin, bài tuyên truyền",
        "120",
        "tin, bài",
        1,
        12,
    ),
]
NOTES = [
    "Đã tổ chức hội nghị, lập danh sách theo dõi từng chi bộ.",
    "Hoàn thành khảo sát, đang triển khai ở các khu dân cư.",
    "Phối hợp Mặt trận Tổ quốc và các đoàn thể vận động nhân dân.",
    "Vướng mặt bằng, đã báo cáo Thường trực Đảng ủy xin ý kiến.",
    "Kết quả vượt tiến độ so với kế hoạch quý.",
]


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
        self.today = timezone.localdate()

    def _owner(self, org: Org) -> Person | None:
        ids = list(
            Person.objects.filter(org__path__startswith=org.path)
            .exclude(position="")
            .order_by("pk")
            .values_list("pk", flat=True)[:30]
        )
        return Person.objects.get(pk=self.rng.choice(ids)) if ids else None

    def _issue(self, program: Program, number: str, on: datetime.date) -> None:
        """Submitted (every task has its officer and date) and issued, as a committee does."""
        services.submit(program)
        services.issue(program, number=number, issued_on=on)

    def _plan(self, program: Program, org: Org, tasks: list[tuple]) -> list[Task]:
        made = []
        for title, indicator, target, unit, start_q, due_m in tasks:
            task = services.add_task(
                program,
                title=title,
                owner=self._owner(org),
                start_on=datetime.date(2026, 1 + (start_q - 1) * 3, 1),
                due_on=datetime.date(2026, due_m, 28),
                indicator=indicator,
                target=Decimal(target),
                unit=unit,
            )
            made.append(task)
        self.counts.tasks += len(made)
        return made

    def _progress(self, tasks: list[Task], by: User | None) -> None:
        """Monthly reports up to today; about one task in six falls behind."""
        updates = []
        for task in tasks:
            lagging = self.rng.random() < 0.17
            progress = 0
            month = task.start_on.month  # type: ignore[union-attr]
            while month <= min(self.today.month, 12) and progress < 100:
                span = max(1, task.due_on.month - task.start_on.month + 1)  # type: ignore[union-attr]
                step = 100 / span * (0.55 if lagging else self.rng.uniform(0.9, 1.3))
                progress = min(100, round(progress + step))
                updates.append(
                    ProgressUpdate(task=task, progress=progress, note=self.rng.choice(NOTES), by=by)
                )
                month += 1
            task.progress = progress
            task.done_on = self.today if progress >= 100 else None
            if progress < 100 and task.due_on < self.today:  # type: ignore[operator]
                self.counts.overdue += 1
        ProgressUpdate.objects.bulk_create(updates)
        Task.objects.bulk_update(tasks, ["progress", "done_on"])
        self.counts.updates += len(updates)

    def run(self, document: Document) -> ProgramCounts:
        root = Org.objects.get(depth=1, name=ROOT_NAME)
        admin = self.users.get("bantuyengiao")
        province = services.create_program(
            org=root,
            document=document,
            by=admin,
            starts_on=YEAR_START,
            ends_on=YEAR_END,
            title="Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI",
            objectives=(
                "Cụ thể hóa các mục tiêu, chỉ tiêu của Nghị quyết thành nhiệm vụ có người phụ "
                "trách, thời hạn. (Số, ký hiệu các chương trình, kế hoạch trong dữ liệu mẫu là ví "
                "dụ minh họa.)"
            ),
        )
        self._progress(self._plan(province, root, TASKS), admin)
        province.refresh_from_db()
        self._issue(province, "05-CTr/TU", datetime.date(2025, 11, 20))
        self.counts.programs += 1
        for i, name in enumerate(WARD_NAMES):
            ward = Org.objects.get(name=f"Đảng bộ phường {name}")
            officer = self.users.get({0: "uongbi", 1: "yentu", 2: "vangdanh"}[i])
            program = services.create_program(
                org=ward,
                document=document,
                parent=province,
                by=officer,
                starts_on=YEAR_START,
                ends_on=YEAR_END,
                title=f"Chương trình hành động của Đảng ủy phường {name} thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI",
            )
            self.counts.programs += 1
            tasks = list(program.tasks.all())
            for task in tasks:
                task.owner = self._owner(ward)
            Task.objects.bulk_update(tasks, ["owner"])
            self.counts.tasks += len(tasks)
            if i == 2:  # Vàng Danh's is still being drafted
                continue
            self._issue(program, f"{3 + i:02d}-CTr/ĐU", datetime.date(2025, 12, 10 + i))
            self._progress(tasks, officer)
            cells = list(
                Org.objects.filter(
                    path__startswith=ward.path, depth=ward.depth + 1, name__startswith="Chi bộ"
                ).order_by("path")
            )
            for cell in cells[::2][:6]:  # some cells have theirs, others not yet
                cell_program = services.create_program(
                    org=cell,
                    document=document,
                    parent=program,
                    by=officer,
                    starts_on=YEAR_START,
                    ends_on=YEAR_END,
                    title=f"Kế hoạch thực hiện của {cell.name}",
                )
                cell_tasks = list(cell_program.tasks.all()[:4])
                cell_program.tasks.exclude(pk__in=[t.pk for t in cell_tasks]).delete()
                for task in cell_tasks:
                    task.owner = self._owner(cell) or self._owner(ward)
                Task.objects.bulk_update(cell_tasks, ["owner"])
                self._issue(
                    cell_program, f"{self.rng.randint(1, 20):02d}-KH/CB", datetime.date(2026, 1, 15)
                )
                self._progress(cell_tasks, officer)
                self.counts.programs += 1
                self.counts.tasks += len(cell_tasks)
        return self.counts


def create_programs(
    *, rng: random.Random, users: dict[str, User], document: Document
) -> ProgramCounts:
    return _Programs(rng, users).run(document)
