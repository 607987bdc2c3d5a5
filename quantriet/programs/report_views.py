"""Mid-term and final review reports (sơ kết, tổng kết) of a programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.programs import access, reports


@login_required
@require_POST
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_to_manage(request.user, pk)
    try:
        report = reports.create_report(program, kind=request.POST.get("kind", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:detail", program.pk)
    return redirect("programs:report", report.pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report(request.user, pk)
    can_edit = access.can_manage(request.user, report.program.org)
    error = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            reports.edit_report(
                report, body=request.POST.get("body", ""), submit="submit" in request.POST
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Đã gửi báo cáo lên cấp trên.") if report.submitted_at else _("Đã lưu báo cáo."),
            )
            return redirect("programs:report", report.pk)
    f = report.figures
    rows = [
        (_("Nhiệm vụ hoàn thành"), f"{f.get('done', 0)}/{f.get('tasks', 0)}"),
        (_("Nhiệm vụ quá hạn"), f.get("overdue", 0)),
        (_("Chỉ tiêu đạt"), f"{f.get('indicators_reached', 0)}/{f.get('indicators', 0)}"),
        (_("Dự hội nghị học tập văn bản"), f"{f.get('present', 0)}/{f.get('invited', 0)}"),
    ]
    return render(
        request,
        "programs/report_detail.html",
        {"report": report, "rows": rows, "can_edit": can_edit, "error": error},
        status=400 if error else 200,
    )
