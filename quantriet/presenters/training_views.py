"""Standards and training: what the corps must meet, and the courses that help them meet it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quantriet.core.forms import add_service_errors
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Org
from quantriet.presenters import access, services
from quantriet.presenters.forms import StandardForm, TrainingForm
from quantriet.presenters.models import Presenter, Standard, Status, Training, TrainingAttendance


@login_required
def standards(request: HttpRequest) -> HttpResponse:
    orgs = list(access.managed_orgs(request.user))
    if not orgs:
        raise PermissionDenied
    wanted = request.GET.get("org")
    chosen = next((o for o in orgs if str(o.pk) == wanted), None if wanted else orgs[0])
    if chosen is None:  # not one the user manages: never fall back to editing another
        raise Http404
    standard = Standard.objects.filter(org=chosen).first() or Standard(org=chosen)
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_standard(org=chosen, values=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu tiêu chuẩn của %(org)s.") % {"org": chosen.name})
            return redirect(f"{request.path}?org={chosen.pk}")
    existing = Standard.objects.filter(org__in=orgs).select_related("org")
    return render(
        request,
        "presenters/standards.html",
        {"form": form, "orgs": orgs, "chosen": chosen, "existing": existing},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    orgs = list(access.managed_orgs(request.user))
    form = TrainingForm(request.POST or None, orgs=orgs) if orgs else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            org = next(o for o in orgs if str(o.pk) == data.pop("managing_org"))
            try:
                training = services.add_training(org=org, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm lớp bồi dưỡng; hãy ghi danh sách học viên."))
                return redirect("presenters:training", training.pk)
    trainings = (
        access.visible_trainings(request.user)
        .select_related("org", "conference")
        .annotate(
            invited=Count("attendance", distinct=True),
            present=Count("attendance", filter=Q(attendance__attended=True), distinct=True),
        )
    )
    return render(
        request,
        "presenters/training_list.html",
        {"trainings": trainings, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _training_to_manage(request: HttpRequest, pk: int) -> Training:
    try:
        training = (
            access.visible_trainings(request.user).select_related("org", "conference").get(pk=pk)
        )
    except Training.DoesNotExist:
        raise Http404 from None
    return training


def _corps_of(org: Org) -> QuerySet[Presenter]:
    return (
        Presenter.objects.filter(
            org__path__startswith=org.path,
            status__in=[Status.ACTIVE, Status.CANDIDATE, Status.SUSPENDED],
        )
        .select_related("person")
        .order_by("kind", "person__search_name")
    )


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training_to_manage(request, pk)
    can_manage = access.can_manage(request.user, training.org)
    corps = list(_corps_of(training.org)) if can_manage else []
    marks = dict(training.attendance.values_list("presenter_id", "attended"))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        ids = {p.pk for p in corps}
        with transaction.atomic():
            TrainingAttendance.objects.filter(training=training).exclude(
                presenter_id__in=ids
            ).delete()
            existing = set(training.attendance.values_list("presenter_id", flat=True))
            TrainingAttendance.objects.bulk_create(
                TrainingAttendance(training=training, presenter_id=pid, attended=pid in present)
                for pid in ids - existing
            )
            training.attendance.filter(presenter_id__in=present & ids).update(attended=True)
            training.attendance.exclude(presenter_id__in=present).update(attended=False)
        messages.success(
            request,
            _("Đã ghi %(n)s học viên có mặt.") % {"n": len(present & ids)},
        )
        return redirect("presenters:training", training.pk)
    rows = [(p, marks.get(p.pk, False)) for p in corps]
    mine = None
    scope = scope_for(request.user)
    if scope.person_id is not None:
        mine = training.attendance.filter(presenter__person_id=scope.person_id).first()
    return render(
        request,
        "presenters/training_detail.html",
        {"training": training, "rows": rows, "can_manage": can_manage, "mine": mine},
    )
