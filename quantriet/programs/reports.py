"""Mid-term and final reviews (sơ kết, tổng kết): the organisation's figures gathered in a few
queries — tasks done and overdue, indicators reached, attendance at the conferences that studied
the document — written into an editable report for the parent organisation."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.conferences.attendance.selectors import document_attendance
from quantriet.programs.models import Program, Report


def figures(program: Program, today: datetime.date) -> dict[str, int]:
    tasks = program.tasks.aggregate(
        tasks=Count("pk"),
        done=Count("pk", filter=Q(progress__gte=100)),
        overdue=Count("pk", filter=Q(progress__lt=100, due_on__lt=today)),
        indicators=Count("pk", filter=~Q(indicator="")),
        indicators_reached=Count("pk", filter=~Q(indicator="") & Q(progress__gte=100)),
    )
    attendance = document_attendance(document=program.document, org=program.org)
    return {**tasks, **attendance}


def draft_body(program: Program, kind: str, data: dict[str, int]) -> str:
    rate = f"{data['present'] * 100 // data['invited']}%" if data["invited"] else "—"
    return _(
        "Về học tập, quán triệt: %(present)s/%(invited)s lượt cán bộ, đảng viên được mời đã dự "
        "các hội nghị học tập văn bản (%(rate)s).\n"
        "Về thực hiện chương trình: %(done)s/%(tasks)s nhiệm vụ hoàn thành, %(overdue)s nhiệm vụ "
        "quá hạn; %(reached)s/%(indicators)s chỉ tiêu đạt.\n"
        "Kết quả nổi bật: …\nHạn chế, nguyên nhân: …\nNhiệm vụ, giải pháp thời gian tới: …"
    ) % {
        "present": data["present"],
        "invited": data["invited"],
        "rate": rate,
        "done": data["done"],
        "tasks": data["tasks"],
        "overdue": data["overdue"],
        "reached": data["indicators_reached"],
        "indicators": data["indicators"],
    }


def create_report(program: Program, *, kind: str, by: User | None) -> Report:
    if program.status != Program.State.ISSUED:
        raise ValidationError({"program": [_("Chỉ sơ kết, tổng kết chương trình đã ban hành.")]})
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": [_("Loại báo cáo không hợp lệ.")]})
    data = figures(program, timezone.localdate())
    label = Report.Kind(kind).label
    return Report.objects.create(
        program=program,
        kind=kind,
        title=_("Báo cáo %(kind)s %(program)s")
        % {"kind": str(label).lower(), "program": program.title},
        figures=data,
        body=draft_body(program, kind, data),
        created_by=by,
    )


def edit_report(report: Report, *, body: str, submit: bool) -> Report:
    if report.submitted_at is not None:
        raise ValidationError({"body": [_("Báo cáo đã gửi cấp trên: không sửa được nữa.")]})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Trường này là bắt buộc.")]})
    report.body = body
    if submit:
        report.submitted_at = timezone.now()
    report.save(update_fields=["body", "submitted_at", "updated_at"])
    return report
