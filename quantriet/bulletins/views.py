"""Pages for orientation bulletins and opinion reports; every object comes through `access`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.bulletins import access, selectors, services
from quantriet.bulletins.forms import (
    AttachmentForm,
    BulletinForm,
    OpinionReportForm,
    ReportFilterForm,
    ReviewForm,
)
from quantriet.bulletins.models import Bulletin
from quantriet.core.files import file_response
from quantriet.core.forms import add_service_errors
from quantriet.orgs.access import scope_for

PAGE_SIZE = 25


def _percent(read: int, total: int) -> int:
    return round(100 * read / total) if total else 0


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    page = Paginator(selectors.bulletins_for(user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "bulletin": b,
            "follow": access.can_follow_up(user, b),
            "percent": _percent(b.read, b.total),
            "unread": b.my_receipt is not None and b.my_read_at is None,
        }
        for b in page.object_list
    ]
    presenter = access.active_presenter_of(user)
    return render(
        request,
        "bulletins/bulletin_list.html",
        {
            "page": page,
            "rows": rows,
            "is_manager": access.is_manager(user),
            "unread_count": selectors.unread_count(user) if presenter else 0,
            "presenter": presenter,
        },
    )


def _detail_context(request: HttpRequest, bulletin: Bulletin, **extra: Any) -> dict[str, Any]:
    can_manage = access.can_manage_bulletin(request.user, bulletin)
    can_follow = access.can_follow_up(request.user, bulletin)
    context: dict[str, Any] = {
        "bulletin": bulletin,
        "attachments": list(bulletin.attachments.all()),
        "can_manage": can_manage,
        "can_follow": can_follow,
        "attachment_form": AttachmentForm() if can_manage else None,
    }
    if can_follow:
        receipts = list(selectors.receipts_of(request.user, bulletin))
        unread = [r for r in receipts if r.read_at is None]
        context.update(
            receipts=receipts,
            unread=unread,
            read_count=len(receipts) - len(unread),
            percent=_percent(len(receipts) - len(unread), len(receipts)),
        )
    context.update(extra)
    return context


@login_required
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = access.get_bulletin(request.user, pk)
    services.mark_read(user=request.user, bulletin=bulletin)  # type: ignore[arg-type]
    return render(request, "bulletins/bulletin_detail.html", _detail_context(request, bulletin))


@login_required
def bulletin_create(request: HttpRequest) -> HttpResponse:
    orgs = access.publishing_orgs(request.user)
    if not access.is_manager(request.user):
        raise PermissionDenied
    form = BulletinForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            # A failed publication leaves no draft behind: the user fixes the form and retries.
            with transaction.atomic():
                bulletin = services.create_bulletin(user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
                count = None
                if "publish" in request.POST:
                    count = services.publish(user=request.user, bulletin=bulletin)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if count is None:
                messages.success(request, _("Đã lưu bản nháp."))
            else:
                messages.success(
                    request, _("Đã phát hành bản tin tới %(count)s người.") % {"count": count}
                )
            return redirect("bulletins:detail", pk=bulletin.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bulletins/bulletin_form.html", {"form": form}, status=status)


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = access.get_bulletin_to_manage(request.user, pk)
    try:
        count = services.publish(user=request.user, bulletin=bulletin)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        context = _detail_context(request, bulletin)
        return render(request, "bulletins/bulletin_detail.html", context, status=400)
    messages.success(request, _("Đã phát hành bản tin tới %(count)s người.") % {"count": count})
    return redirect("bulletins:detail", pk=bulletin.pk)


@login_required
@require_POST
def bulletin_remind(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = access.get_bulletin(request.user, pk)
    try:
        result = services.remind(
            user=request.user,  # type: ignore[arg-type]
            bulletin=bulletin,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        context = _detail_context(request, bulletin)
        return render(request, "bulletins/bulletin_detail.html", context, status=400)
    if result.reminded:
        messages.success(
            request,
            _("Đã nhắc %(count)s người chưa đọc (gửi thư điện tử cho %(emailed)s người).")
            % {"count": result.reminded, "emailed": result.emailed},
        )
    else:
        messages.info(request, _("Mọi người nhận đều đã đọc bản tin này."))
    return redirect("bulletins:detail", pk=bulletin.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = access.get_bulletin_to_manage(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(
                user=request.user,  # type: ignore[arg-type]
                bulletin=bulletin,
                stream=upload,
                name=upload.name,
                size=upload.size,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã đính kèm tệp “%(name)s”.") % {"name": upload.name})
            return redirect("bulletins:detail", pk=bulletin.pk)
    context = _detail_context(request, bulletin, attachment_form=form)
    return render(request, "bulletins/bulletin_detail.html", context, status=400)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(access.get_attachment(request.user, pk))  # type: ignore[arg-type]


# --- opinion reports -------------------------------------------------------------


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ReportFilterForm(request.GET or None)
    reports = selectors.reports_for(user, **form.filters())
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    scope = scope_for(user)
    rows = [
        {"report": r, "review": scope.has_role(access.MANAGE_BULLETINS, r.presenter.org)}
        for r in page.object_list
    ]
    return render(
        request,
        "bulletins/opinion_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "is_manager": access.is_manager(user),
            "presenter": access.active_presenter_of(user),
        },
    )


@login_required
def opinion_create(request: HttpRequest) -> HttpResponse:
    presenter = access.active_presenter_of(request.user)
    if presenter is None:
        raise PermissionDenied
    form = OpinionReportForm(request.POST or None, areas=access.report_areas(presenter))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_report(presenter=presenter, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã gửi phản ánh tới Ban Tuyên giáo và Dân vận."))
            return redirect("bulletins:opinions")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "bulletins/opinion_form.html",
        {"form": form, "presenter": presenter},
        status=status,
    )


@login_required
@require_POST
def opinion_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_to_review(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    services.review_report(
        user=request.user,  # type: ignore[arg-type]
        report=report,
        note=form.cleaned_data.get("note", ""),
    )
    messages.success(request, _("Đã ghi nhận ý kiến xem xét phản ánh."))
    return redirect("bulletins:opinions")


@login_required
def opinion_summary(request: HttpRequest) -> HttpResponse:
    if not access.is_manager(request.user):
        raise PermissionDenied
    rows = selectors.opinion_summary(request.user)
    return render(
        request,
        "bulletins/opinion_summary.html",
        {"rows": rows, "total": sum(r.count for r in rows)},
    )
