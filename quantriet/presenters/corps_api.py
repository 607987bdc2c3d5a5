"""API for the corps' management: standards, training, workload and review rounds — the same
rules and services as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, ListOut, whole_list
from quantriet.core.validation import max_length
from quantriet.presenters import access, selectors, services
from quantriet.presenters.models import (
    HOURS_MAX,
    SCORE_MAX,
    YEAR_MAX,
    YEAR_MIN,
    Criterion,
    Decision,
    Presenter,
    ReviewRound,
    Standard,
    TheoryLevel,
    Training,
    TrainingAttendance,
)
from quantriet.presenters.scoring import recommendation_label

router = Router(tags=["presenters"])


# --- standards ---------------------------------------------------------------------------


class StandardIO(Schema):
    min_theory_level: int = Field(TheoryLevel.INTERMEDIATE, ge=0, le=int(TheoryLevel.ADVANCED))
    training_hours: int = Field(16, ge=0, le=HOURS_MAX)
    sessions: int = Field(4, ge=0, le=HOURS_MAX)
    min_score: int = Field(60, ge=0, le=SCORE_MAX)


class StandardOut(StandardIO):
    org: int
    own: bool  # False: inherited from an ancestor committee or the defaults


@router.get("/presenter-standards/{org_id}", response={200: StandardOut, **ERRORS})
def get_standard(request: HttpRequest, org_id: int) -> dict[str, Any]:
    org = access.org_to_manage(request.user, org_id)
    standard = selectors.Standards().for_org(org)
    return {**_standard(standard), "org": org.pk, "own": standard.org_id == org.pk}


@router.put("/presenter-standards/{org_id}", response={200: StandardOut, **ERRORS})
def put_standard(request: HttpRequest, org_id: int, payload: StandardIO) -> dict[str, Any]:
    org = access.org_to_manage(request.user, org_id)
    standard = services.save_standard(org=org, values=payload.model_dump())
    return {**_standard(standard), "org": org.pk, "own": True}


def _standard(standard: Standard) -> dict[str, Any]:
    return {
        "min_theory_level": standard.min_theory_level,
        "training_hours": standard.training_hours,
        "sessions": standard.sessions,
        "min_score": standard.min_score,
    }


# --- training ----------------------------------------------------------------------------


class TrainingIn(Schema):
    org: int
    title: str = Field(..., min_length=1, max_length=max_length(Training, "title"))
    kind: Training.Kind
    starts_on: datetime.date
    ends_on: datetime.date
    hours: int = Field(..., ge=1, le=HOURS_MAX)


class TrainingOut(Schema):
    id: int
    org: int
    title: str
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    hours: int
    conference: int | None
    present: list[int]


class AttendanceIn(Schema):
    present: list[int]


def _training_out(t: Training) -> dict[str, Any]:
    return {
        "id": t.pk,
        "org": t.org_id,
        "title": t.title,
        "kind": t.kind,
        "starts_on": t.starts_on,
        "ends_on": t.ends_on,
        "hours": t.hours,
        "conference": t.conference_id,
        "present": sorted(a.presenter_id for a in t.attendance.all() if a.attended),
    }


@router.get("/presenter-trainings", response=ListOut[TrainingOut])
def list_trainings(request: HttpRequest) -> dict[str, Any]:
    rows = access.managed_trainings(request.user).prefetch_related("attendance")
    return whole_list(_training_out(t) for t in rows)


@router.post("/presenter-trainings", response={201: TrainingOut, **ERRORS})
def create_training(request: HttpRequest, payload: TrainingIn) -> Status:
    org = access.org_to_manage(request.user, payload.org)
    training = services.add_training(org=org, **payload.model_dump(exclude={"org"}))
    return Status(201, _training_out(training))


@router.put("/presenter-trainings/{training_id}/attendance", response={200: TrainingOut, **ERRORS})
def set_attendance(request: HttpRequest, training_id: int, payload: AttendanceIn) -> Any:
    training = access.managed_trainings(request.user).filter(pk=training_id).first()
    if training is None:
        raise Http404
    corps = set(
        Presenter.objects.filter(org__path__startswith=training.org.path).values_list(
            "pk", flat=True
        )
    )
    unknown = sorted(set(payload.present) - corps)
    if unknown:
        raise ValidationError(
            {
                "present": [
                    _("Không có báo cáo viên %(id)s trong đội ngũ của đơn vị.") % {"id": pk}
                    for pk in unknown
                ]
            }
        )
    with transaction.atomic():
        training.attendance.all().delete()
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(training=training, presenter_id=pk, attended=True)
            for pk in payload.present
        )
    return _training_out(Training.objects.prefetch_related("attendance").get(pk=training.pk))


# --- workload ----------------------------------------------------------------------------


class WorkloadOut(Schema):
    presenter: int
    full_name: str
    months: list[int]
    total: int
    clashes: list[list[int]]  # pairs of agenda item ids booked at once


class YearParams(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


@router.get("/presenter-workload", response=list[WorkloadOut])
def workload(request: HttpRequest, params: Query[YearParams]) -> list[dict[str, Any]]:
    year = params.year or timezone.localdate().year
    rows = selectors.workload(access.visible_presenters(request.user), year)
    return [
        {
            "presenter": w.presenter.pk,
            "full_name": w.presenter.person.full_name,
            "months": w.months,
            "total": w.total,
            "clashes": [[a.pk, b.pk] for a, b in w.clashes],
        }
        for w in rows
    ]


# --- review rounds -------------------------------------------------------------------------


class RoundIn(Schema):
    org: int
    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    title: str = Field(..., max_length=max_length(ReviewRound, "title"))


class MemberOut(Schema):
    presenter: int
    full_name: str
    status: str
    score: float
    recommendation: str
    recommendation_name: str
    reason: str
    decision: str | None
    note: str
    replacement: int | None


class RoundOut(Schema):
    id: int
    org: int
    title: str
    year: int
    state: str
    closed_on: datetime.date | None
    undecided: int
    members: list[MemberOut]


class DecisionIn(Schema):
    presenter: int
    decision: Decision
    note: str = ""
    replacement: int | None = None


class CandidateOut(Schema):
    presenter: int
    full_name: str
    fit: float
    shared_fields: list[str]
    theory_level: int
    score: float


def _round(request: HttpRequest, round_id: int) -> ReviewRound:
    review_round = (
        access.visible_rounds(request.user).select_related("org").filter(pk=round_id).first()
    )
    if review_round is None:
        raise Http404
    return review_round


def _round_out(review_round: ReviewRound) -> dict[str, Any]:
    members = [
        {
            "presenter": r.presenter.pk,
            "full_name": r.presenter.person.full_name,
            "status": r.presenter.status,
            "score": r.score.total,
            "recommendation": r.score.recommendation,
            "recommendation_name": recommendation_label(r.score.recommendation),
            "reason": r.score.reason,
            "decision": d.decision if d else None,
            "note": d.note if d else "",
            "replacement": d.replacement_id if d else None,
        }
        for r, d in selectors.round_rows(review_round)
    ]
    return {
        "id": review_round.pk,
        "org": review_round.org_id,
        "title": review_round.title,
        "year": review_round.year,
        "state": review_round.state,
        "closed_on": review_round.closed_on,
        "undecided": sum(1 for m in members if m["decision"] is None),
        "members": members,
    }


def _raise(exc: services.CorpsError) -> None:
    raise ValidationError({exc.field or "__all__": [exc.message]}) from None


@router.get("/presenter-reviews", response=list[RoundOut])
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_round_out(r) for r in access.visible_rounds(request.user).select_related("org")]


@router.post("/presenter-reviews", response={201: RoundOut, **ERRORS})
def open_round(request: HttpRequest, payload: RoundIn) -> Status:
    org = access.org_to_manage(request.user, payload.org)
    try:
        review_round = services.open_round(
            org=org, year=payload.year, title=payload.title, by=request.user
        )
    except services.CorpsError as exc:
        _raise(exc)
    return Status(201, _round_out(review_round))


@router.get("/presenter-reviews/{round_id}", response={200: RoundOut, 404: ErrorOut})
def get_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return _round_out(_round(request, round_id))


@router.get(
    "/presenter-reviews/{round_id}/candidates/{presenter_id}",
    response={200: list[CandidateOut], 404: ErrorOut},
)
def candidates(request: HttpRequest, round_id: int, presenter_id: int) -> list[dict[str, Any]]:
    """Who could replace this presenter: candidates meeting the standard, ranked by fit."""
    review_round = _round(request, round_id)
    leaving = selectors.round_members(review_round).filter(pk=presenter_id).first()
    if leaving is None:
        raise Http404
    return [
        {
            "presenter": c.presenter.pk,
            "full_name": c.presenter.person.full_name,
            "fit": c.fit,
            "shared_fields": c.shared_fields,
            "theory_level": c.presenter.theory_level,
            "score": c.score,
        }
        for c in selectors.replacement_candidates(leaving, review_round)
    ]


@router.post("/presenter-reviews/{round_id}/decisions", response={200: RoundOut, **ERRORS})
def decide(request: HttpRequest, round_id: int, payload: DecisionIn) -> dict[str, Any]:
    review_round = _round(request, round_id)
    presenter = selectors.round_members(review_round).filter(pk=payload.presenter).first()
    if presenter is None:
        raise ValidationError({"presenter": [_("Báo cáo viên không thuộc đợt rà soát này.")]})
    replacement = None
    if payload.replacement is not None:
        allowed = {
            c.presenter.pk: c.presenter
            for c in selectors.replacement_candidates(presenter, review_round)
        }
        replacement = allowed.get(payload.replacement)
        if replacement is None:
            raise ValidationError(
                {
                    "replacement": [
                        _("Người thay thế phải là người dự kiến đạt tiêu chuẩn của đơn vị.")
                    ]
                }
            )
    try:
        services.decide(
            review_round,
            presenter,
            decision=payload.decision,
            note=payload.note,
            by=request.user,
            on=timezone.localdate(),
            replacement=replacement,
        )
    except services.CorpsError as exc:
        _raise(exc)
    return _round_out(review_round)


@router.post("/presenter-reviews/{round_id}/close", response={200: RoundOut, **ERRORS})
def close(request: HttpRequest, round_id: int) -> dict[str, Any]:
    review_round = _round(request, round_id)
    try:
        services.close_round(review_round, on=timezone.localdate())
    except services.CorpsError as exc:
        _raise(exc)
    return _round_out(review_round)


# --- the department's periodic review of one presenter -------------------------------------


class CriterionOut(Schema):
    id: int
    name: str
    weight: int


class ReviewIn(Schema):
    year: int = Field(..., ge=YEAR_MIN, le=YEAR_MAX)
    scores: dict[int, int]  # criterion id → 1–5
    comment: str = ""


class ReviewOut(Schema):
    presenter: int
    year: int
    scores: dict[int, int]
    comment: str
    review_part: float | None  # the "review" part of the year's score, 0–100


@router.get("/presenter-criteria", response=list[CriterionOut])
def criteria(request: HttpRequest) -> list[Criterion]:
    return list(Criterion.objects.all())


@router.put("/presenters/{presenter_id}/reviews", response={200: ReviewOut, **ERRORS})
def put_review(request: HttpRequest, presenter_id: int, payload: ReviewIn) -> dict[str, Any]:
    presenter = access.get_presenter_to_manage(request.user, presenter_id)
    try:
        review = services.record_review(
            presenter,
            year=payload.year,
            scores=payload.scores,
            comment=payload.comment,
            by=request.user,
        )
    except services.CorpsError as exc:
        _raise(exc)
    evaluation = selectors.evaluation(presenter, payload.year)
    return {
        "presenter": presenter.pk,
        "year": review.year,
        "scores": dict(review.scores.values_list("criterion_id", "score")),
        "comment": review.comment,
        "review_part": evaluation.score.parts["review"],
    }
