from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from quantriet.core.forms import add_service_errors
from quantriet.core.text import fold
from quantriet.orgs.access import get_person, scope_for
from quantriet.presenters import access, selectors, services
from quantriet.presenters.forms import (
    NewPresenterForm,
    PresenterFilterForm,
    PresenterForm,
    ReviewForm,
    StatusForm,
    YearForm,
)
from quantriet.presenters.models import Criterion, Presenter, Status
from quantriet.presenters.scoring import WEIGHTS, recommendation_label

PAGE_SIZE = 25
# Lazy: translated when a page shows them, in the reader's language (not once at import).
PART_NAMES = {
    "feedback": gettext_lazy("Người nghe đánh giá"),
    "review": gettext_lazy("Đánh giá của Ban"),
    "sessions": gettext_lazy("Số buổi báo cáo"),
    "answers": gettext_lazy("Giải đáp câu hỏi"),
    "training": gettext_lazy("Bồi dưỡng"),
}


@login_required
def presenter_list(request: HttpRequest) -> HttpResponse:
    form = PresenterFilterForm(request.GET or None)
    qs = access.visible_presenters(request.user).select_related("person", "tier", "org")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(person__search_name__contains=fold(data["q"]))
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["tier"]:
            qs = qs.filter(tier=data["tier"])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "presenters/presenter_list.html",
        {
            "form": form,
            "page": page,
            "can_manage": scope_for(request.user).has_role(access.MANAGE_CORPS),
        },
    )


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    year_form = YearForm(request.GET or None)
    year = year_form.chosen_year()
    qs = access.visible_presenters(request.user).select_related("person", "tier", "org")
    ranked = selectors.ranking(qs, year)
    rows = [
        {
            "r": r,
            "parts": [(PART_NAMES[k], r.score.parts[k], r.score.weights.get(k)) for k in WEIGHTS],
            "label": recommendation_label(r.score.recommendation),
        }
        for r in ranked
    ]
    return render(
        request,
        "presenters/ranking.html",
        {"rows": rows, "year": year, "year_form": year_form, "part_names": PART_NAMES.values()},
    )


def _detail_context(
    request: HttpRequest, presenter: Presenter, status_form: StatusForm | None = None
) -> dict:
    year = YearForm(request.GET or None).chosen_year()
    evaluation = selectors.evaluation(presenter, year)
    can_manage = access.can_manage(request.user, presenter.org)
    candidates = (
        access.visible_presenters(request.user)
        .filter(status__in=[Status.CANDIDATE, Status.ACTIVE])
        .exclude(pk=presenter.pk)
        .select_related("person")
    )
    return {
        "presenter": presenter,
        "year": year,
        "score": evaluation.score,
        "figures": evaluation.figures,
        "parts": [
            (PART_NAMES[k], evaluation.score.parts[k], evaluation.score.weights.get(k))
            for k in WEIGHTS
        ],
        "label": recommendation_label(evaluation.score.recommendation),
        "history": presenter.history.select_related("replaced_by__person"),
        "can_manage": can_manage,
        "status_form": status_form or (StatusForm(candidates=candidates) if can_manage else None),
    }


@login_required
def presenter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = access.get_presenter(request.user, pk)
    return render(request, "presenters/presenter_detail.html", _detail_context(request, presenter))


@login_required
@require_POST
def presenter_status(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = access.get_presenter_to_manage(request.user, pk)
    candidates = access.visible_presenters(request.user).exclude(pk=presenter.pk)
    form = StatusForm(request.POST, candidates=candidates)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                presenter,
                data["status"],
                reason=data["reason"],
                on=data["on"],
                by=request.user,
                replaced_by=data["replaced_by"],
            )
        except services.CorpsError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã cập nhật trạng thái."))
            return redirect("presenters:detail", presenter.pk)
    presenter.refresh_from_db()
    context = _detail_context(request, presenter, status_form=form)
    return render(request, "presenters/presenter_detail.html", context, status=400)


def _profile(data: dict) -> dict:
    """The form's answers as the presenter services take them."""
    return {name: data[name] for name in (*services.PRESENTER_FIELDS, "fields")}


@login_required
def presenter_create(request: HttpRequest) -> HttpResponse:
    orgs = list(access.managed_orgs(request.user))
    if not orgs:
        raise PermissionDenied
    try:
        person = get_person(request.user, request.GET.get("person") or request.POST.get("person"))
    except Http404:
        person = None
    initial = {"managing_org": orgs[0].pk}
    form = NewPresenterForm(request.POST or None, orgs=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        if person is None:
            form.add_error(None, _("Không tìm thấy người này."))
        else:
            org = next(o for o in orgs if str(o.pk) == form.cleaned_data["managing_org"])
            try:
                presenter = services.create_presenter(
                    person=person, org=org, **_profile(form.cleaned_data)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm vào đội ngũ báo cáo viên."))
                return redirect("presenters:detail", presenter.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "presenters/presenter_form.html", {"form": form, "person": person}, status=status
    )


@login_required
def presenter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = access.get_presenter_to_manage(request.user, pk)
    form = PresenterForm(request.POST or None, instance=presenter)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_presenter(presenter=presenter, changes=_profile(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ báo cáo viên."))
            return redirect("presenters:detail", presenter.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "presenters/presenter_form.html",
        {"form": form, "presenter": presenter, "person": presenter.person},
        status=status,
    )


@login_required
def workload(request: HttpRequest) -> HttpResponse:
    """Sessions per presenter per month, with double bookings flagged."""
    year_form = YearForm(request.GET or None)
    year = year_form.chosen_year()
    qs = access.visible_presenters(request.user).filter(
        status__in=[Status.ACTIVE, Status.CANDIDATE, Status.SUSPENDED]
    )
    rows = selectors.workload(qs, year)
    return render(
        request,
        "presenters/workload.html",
        {
            "rows": rows,
            "year": year,
            "year_form": year_form,
            "months": range(1, 13),
            "clashes": [(row, pair) for row in rows for pair in row.clashes],
        },
    )


@login_required
def presenter_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The department's evaluation of the presenter for a year, against the named criteria."""
    presenter = access.get_presenter_to_manage(request.user, pk)
    year = YearForm(request.GET or None).chosen_year()
    criteria = list(Criterion.objects.all())
    review = presenter.reviews.filter(year=year).first()
    initial = dict(review.scores.values_list("criterion_id", "score")) if review else {}
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        initial_scores=initial,
        initial={"comment": review.comment if review else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_review(
                presenter,
                year=year,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except services.CorpsError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi đánh giá năm %(year)s.") % {"year": year})
            return redirect(f"{reverse('presenters:detail', args=[presenter.pk])}?year={year}")
    return render(
        request,
        "presenters/review_form.html",
        {"presenter": presenter, "form": form, "year": year},
        status=400 if request.method == "POST" else 200,
    )
