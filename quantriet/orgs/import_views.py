"""Member-list import pages: upload, template, the job page with progress, and apply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.orgs import access, tasks
from quantriet.orgs.import_forms import ImportForm
from quantriet.orgs.importing import jobs
from quantriet.orgs.importing.template import template_csv, template_xlsx
from quantriet.orgs.models import ImportJob

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUNNING = {ImportJob.Status.PENDING, ImportJob.Status.VALIDATING, ImportJob.Status.APPLYING}


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    """A job is its creator's (and superusers'); anyone else gets a 404."""
    jobs = ImportJob.objects.select_related("created_by")
    if not request.user.is_superuser:
        jobs = jobs.filter(created_by=request.user)
    return get_object_or_404(jobs, pk=pk)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    access.require_manage_people(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            created_by=request.user,
            file=upload,
            original_name=upload.name[:255],
            mode=form.cleaned_data["mode"],
        )
        tasks.validate_import.enqueue(job.pk)
        return redirect("orgs:import_job", pk=job.pk)
    recent = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(request, "orgs/import_upload.html", {"form": form, "recent": recent})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    access.require_manage_people(request.user)
    if request.GET.get("format") == "csv":
        response = HttpResponse(template_csv(request.user), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-dang-vien.csv"'
        return response
    response = HttpResponse(template_xlsx(request.user), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-dang-vien.xlsx"'
    return response


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    context = {
        "job": job,
        "running": job.status in RUNNING,
        "preview": jobs.preview(job) if job.status == ImportJob.Status.VALID else [],
        "can_apply": job.status == ImportJob.Status.VALID
        and access.can_manage_people(request.user),
    }
    template = "orgs/import_job.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, context)


@login_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    if not access.can_manage_people(request.user):
        raise PermissionDenied
    if jobs.start_apply(job):
        tasks.apply_import.enqueue(job.pk)
    else:
        messages.warning(request, _("Lần nhập này không ở trạng thái chờ ghi; không ghi gì thêm."))
    return redirect("orgs:import_job", pk=job.pk)
