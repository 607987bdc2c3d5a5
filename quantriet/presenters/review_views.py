"""Review rounds (rà soát, đánh giá): every presenter of the committee with their figures, a
decision for each, replacements chosen from candidates ranked by fit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quantriet.presenters import access, selectors, services
from quantriet.presenters.forms import DecisionForm, RoundForm
from quantriet.presenters.models import Decision, Presenter, ReviewRound
from quantriet.presenters.scoring import recommendation_label


def _get_round(request: HttpRequest, pk: int) -> ReviewRound:
    try:
        return access.visible_rounds(request.user).select_related("org").get(pk=pk)
    except ReviewRound.DoesNotExist:
        raise Http404 from None


def _member(review_round: ReviewRound, presenter_id: int) -> Presenter:
    try:
        return selectors.round_members(review_round).select_related("person").get(pk=presenter_id)
    except Presenter.DoesNotExist:
        raise Http404 from None


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    orgs = list(access.managed_orgs(request.user))
    if not orgs:
        raise PermissionDenied
    year = timezone.localdate().year
    form = RoundForm(
        request.POST or None,
        orgs=orgs,
        initial={
            "year": year,
            "title": _("Rà soát, đánh giá đội ngũ báo cáo viên năm %(year)s") % {"year": year},
        },
    )
    if request.method == "POST" and form.is_valid():
        org = next(o for o in orgs if str(o.pk) == form.cleaned_data["org"])
        try:
            review_round = services.open_round(
                org=org,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except services.CorpsError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("presenters:round", review_round.pk)
    rounds = access.visible_rounds(request.user).select_related("org")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "presenters/round_list.html", {"form": form, "rounds": rounds}, status=status
    )


def _round_context(request: HttpRequest, review_round: ReviewRound) -> dict:
    rows = [
        {
            "r": r,
            "label": recommendation_label(r.score.recommendation),
            "decision": decision,
            # The figures' recommendation is preselected (its codes are the decisions').
            "form": DecisionForm(
                initial={"decision": r.score.recommendation}, prefix=f"p{r.presenter.pk}"
            ),
        }
        for r, decision in selectors.round_rows(review_round)
    ]
    return {
        "round": review_round,
        "rows": rows,
        "undecided": sum(1 for row in rows if row["decision"] is None),
        "is_open": review_round.state == ReviewRound.State.OPEN,
    }


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review_round = _get_round(request, pk)
    return render(request, "presenters/round_detail.html", _round_context(request, review_round))


@login_required
@require_POST
def round_decide(request: HttpRequest, pk: int, presenter_id: int) -> HttpResponse:
    review_round = _get_round(request, pk)
    presenter = _member(review_round, presenter_id)
    form = DecisionForm(request.POST, prefix=f"p{presenter.pk}")
    if (
        form.is_valid()
        and form.cleaned_data["decision"] == Decision.REPLACE
        and not form.cleaned_data["replacement"]
    ):
        # Choosing the successor comes first: candidates ranked by fit.
        url = reverse("presenters:round_replace", args=[review_round.pk, presenter.pk])
        return redirect(f"{url}?{urlencode({'note': form.cleaned_data['note']})}")
    error = None
    if form.is_valid():
        try:
            services.decide(
                review_round,
                presenter,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,
                on=timezone.localdate(),
            )
        except services.CorpsError as exc:
            error = exc.message
    else:
        error = _("Quyết định không hợp lệ.")
    if error is None:
        messages.success(
            request, _("Đã ghi quyết định cho %(name)s.") % {"name": presenter.person.full_name}
        )
        return redirect("presenters:round", review_round.pk)
    context = _round_context(request, review_round)
    context["error"] = (presenter, error)
    return render(request, "presenters/round_detail.html", context, status=400)


@login_required
def round_replace(request: HttpRequest, pk: int, presenter_id: int) -> HttpResponse:
    review_round = _get_round(request, pk)
    leaving = _member(review_round, presenter_id)
    candidates = selectors.replacement_candidates(leaving, review_round)
    note = (request.POST.get("note") or request.GET.get("note") or "").strip()
    error = None
    if request.method == "POST":
        chosen = next(
            (
                c.presenter
                for c in candidates
                if str(c.presenter.pk) == request.POST.get("replacement")
            ),
            None,
        )
        try:
            services.decide(
                review_round,
                leaving,
                decision=Decision.REPLACE,
                note=note,
                by=request.user,
                on=timezone.localdate(),
                replacement=chosen,
            )
        except services.CorpsError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("%(old)s được thay thế bằng %(new)s.")
                % {"old": leaving.person.full_name, "new": chosen.person.full_name},  # type: ignore[union-attr]
            )
            return redirect("presenters:round", review_round.pk)
    return render(
        request,
        "presenters/round_replace.html",
        {
            "round": review_round,
            "leaving": leaving,
            "candidates": candidates,
            "note": note,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    review_round = _get_round(request, pk)
    try:
        services.close_round(review_round, on=timezone.localdate())
    except services.CorpsError as exc:
        context = _round_context(request, review_round)
        context["close_error"] = exc.message
        return render(request, "presenters/round_detail.html", context, status=400)
    messages.success(request, _("Đã kết thúc đợt rà soát."))
    return redirect("presenters:round", review_round.pk)
