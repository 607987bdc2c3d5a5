"""`/api/v1/presenters`: the corps, each presenter's evaluation, and the ranking."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from quantriet.api.common import ERRORS, ErrorOut, PageParams, paginate
from quantriet.core.text import fold
from quantriet.orgs.access import get_org, get_person
from quantriet.presenters import access, selectors, services
from quantriet.presenters.models import (
    YEAR_MAX,
    YEAR_MIN,
    Expertise,
    Kind,
    Presenter,
    TheoryLevel,
    Tier,
)
from quantriet.presenters.models import Status as PresenterStatus
from quantriet.presenters.scoring import WEIGHTS, recommendation_label

router = Router(tags=["presenters"])


class PresenterOut(Schema):
    id: int
    person: int
    full_name: str
    kind: str
    tier: str
    tier_name: str
    org: int
    theory_level: int
    theory_level_name: str
    education: str
    fields: list[str]
    decision_number: str
    decision_date: datetime.date | None
    term_start: datetime.date | None
    term_end: datetime.date | None
    status: str
    status_name: str
    replaced_by: int | None


class PresenterPage(Schema):
    count: int
    items: list[PresenterOut]


class PresenterFilter(PageParams):
    status: str | None = None
    kind: str | None = None
    tier: str | None = None
    q: str | None = None


class PresenterIn(Schema):
    person: int
    org: int
    kind: str = Kind.PRESENTER
    tier: str
    theory_level: int = Field(TheoryLevel.NONE, ge=0, le=int(TheoryLevel.ADVANCED))
    education: str = ""
    fields: list[str] = []
    decision_number: str = ""
    decision_date: datetime.date | None = None
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None


class PresenterPatch(Schema):
    kind: str | None = None
    tier: str | None = None
    theory_level: int | None = Field(None, ge=0, le=int(TheoryLevel.ADVANCED))
    education: str | None = None
    fields: list[str] | None = None
    decision_number: str | None = None
    decision_date: datetime.date | None = None
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    status: str | None = None
    reason: str | None = None
    status_on: datetime.date | None = None
    replaced_by: int | None = None


class ScoreOut(Schema):
    year: int
    total: float
    parts: dict[str, float | None]
    weights: dict[str, float]
    ratings: int
    feedback_average: float | None
    bayesian_average: float
    review: float | None
    sessions: int
    answers: int
    training_hours: int
    shortfalls: list[str]
    recommendation: str
    recommendation_name: str
    reason: str


class HistoryOut(Schema):
    from_status: str
    to_status: str
    reason: str
    on: datetime.date
    replaced_by: int | None


class PresenterDetailOut(PresenterOut):
    evaluation: ScoreOut
    history: list[HistoryOut]


class RankedOut(Schema):
    rank: int
    presenter: PresenterOut
    score: ScoreOut


class RankingOut(Schema):
    year: int
    weights: dict[str, int]
    count: int
    items: list[RankedOut]


class YearParams(Schema):
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)


def _out(p: Presenter) -> dict[str, Any]:
    return {
        "id": p.pk,
        "person": p.person_id,
        "full_name": p.person.full_name,
        "kind": p.kind,
        "tier": p.tier.code,
        "tier_name": p.tier.name,
        "org": p.org_id,
        "theory_level": p.theory_level,
        "theory_level_name": str(TheoryLevel(p.theory_level).label),
        "education": p.education,
        "fields": [f.name for f in p.fields.all()],
        "decision_number": p.decision_number,
        "decision_date": p.decision_date,
        "term_start": p.term_start,
        "term_end": p.term_end,
        "status": p.status,
        "status_name": str(PresenterStatus(p.status).label),
        "replaced_by": p.replaced_by_id,
    }


def _score_out(ranked: selectors.Ranked, year: int) -> dict[str, Any]:
    s, f = ranked.score, ranked.figures
    return {
        "year": year,
        "total": s.total,
        "parts": s.parts,
        "weights": s.weights,
        "ratings": f.ratings,
        "feedback_average": round(s.feedback_average, 2) if s.feedback_average else None,
        "bayesian_average": s.bayesian_average,
        "review": round(f.review, 2) if f.review is not None else None,
        "sessions": f.sessions,
        "answers": f.answers,
        "training_hours": f.training_hours,
        "shortfalls": s.shortfalls,
        "recommendation": s.recommendation,
        "recommendation_name": recommendation_label(s.recommendation),
        "reason": s.reason,
    }


def _year(params: YearParams) -> int:
    return params.year or timezone.localdate().year


def _tier(code: str) -> Tier:
    tier = Tier.objects.filter(code=code).first()
    if tier is None:
        raise ValidationError({"tier": [_("Cấp “%(code)s” không có.") % {"code": code}]})
    return tier


def _fields(names: list[str]) -> list[Expertise]:
    found = {e.name: e for e in Expertise.objects.filter(name__in=names)}
    missing = [n for n in names if n not in found]
    if missing:
        raise ValidationError(
            {"fields": [_("Lĩnh vực “%(name)s” không có.") % {"name": n} for n in missing]}
        )
    return [found[n] for n in names]


def _kind(value: str) -> str:
    if value not in Kind.values:
        raise ValidationError({"kind": [_("Loại không hợp lệ.")]})
    return value


def _detail(p: Presenter, year: int) -> dict[str, Any]:
    out = _out(p)
    out["evaluation"] = _score_out(selectors.evaluation(p, year), year)
    out["history"] = [
        {
            "from_status": h.from_status,
            "to_status": h.to_status,
            "reason": h.reason,
            "on": h.on,
            "replaced_by": h.replaced_by_id,
        }
        for h in p.history.all()
    ]
    return out


def _listed(qs: Any) -> Any:
    return qs.select_related("person", "tier").prefetch_related("fields")


@router.get("/presenters", response=PresenterPage)
def list_presenters(request: HttpRequest, filters: Query[PresenterFilter]) -> dict[str, Any]:
    qs = access.visible_presenters(request.user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.tier:
        qs = qs.filter(tier__code=filters.tier)
    if filters.q:
        qs = qs.filter(person__search_name__contains=fold(filters.q))
    page = paginate(_listed(qs), filters)
    page["items"] = [_out(p) for p in page["items"]]
    return page


@router.get("/presenters/ranking", response=RankingOut)
def ranking(request: HttpRequest, params: Query[YearParams]) -> dict[str, Any]:
    """Active presenters by effectiveness score, with its parts and a recommendation."""
    year = _year(params)
    ranked = selectors.ranking(_listed(access.visible_presenters(request.user)), year)
    return {
        "year": year,
        "weights": WEIGHTS,
        "count": len(ranked),
        "items": [
            {"rank": r.rank, "presenter": _out(r.presenter), "score": _score_out(r, year)}
            for r in ranked
        ],
    }


@router.post("/presenters", response={201: PresenterDetailOut, **ERRORS})
def create_presenter(request: HttpRequest, payload: PresenterIn) -> Status:
    user = request.user
    org = get_org(user, payload.org)
    if not access.can_manage(user, org):
        raise PermissionDenied
    person = get_person(user, payload.person)
    presenter = services.create_presenter(
        person=person,
        org=org,
        tier=_tier(payload.tier),
        kind=_kind(payload.kind),
        theory_level=payload.theory_level,
        education=payload.education,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        term_start=payload.term_start,
        term_end=payload.term_end,
        fields=_fields(payload.fields),
    )
    return Status(201, _detail(access.get_presenter(user, presenter.pk), timezone.localdate().year))


@router.get("/presenters/{presenter_id}", response={200: PresenterDetailOut, 404: ErrorOut})
def get_presenter(
    request: HttpRequest, presenter_id: int, params: Query[YearParams]
) -> dict[str, Any]:
    return _detail(access.get_presenter(request.user, presenter_id), _year(params))


@router.patch("/presenters/{presenter_id}", response={200: PresenterDetailOut, **ERRORS})
def update_presenter(request: HttpRequest, presenter_id: int, payload: PresenterPatch) -> Any:
    user = request.user
    presenter = access.get_presenter_to_manage(user, presenter_id)
    data = payload.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    reason = data.pop("reason", None)
    status_on = data.pop("status_on", None)
    replaced_by_id = data.pop("replaced_by", None)
    replaced_by = None
    if replaced_by_id is not None:
        replaced_by = access.visible_presenters(user).filter(pk=replaced_by_id).first()
        if replaced_by is None:
            raise ValidationError({"replaced_by": [_("Không tìm thấy người thay thế.")]})
    if "tier" in data:
        data["tier"] = _tier(data["tier"] or "")
    if "kind" in data:
        data["kind"] = _kind(data["kind"] or "")
    if data.get("fields") is not None:
        data["fields"] = _fields(data["fields"])
    if data.get("theory_level", 0) is None:
        del data["theory_level"]  # null: unchanged
    with transaction.atomic():
        services.update_presenter(presenter=presenter, changes=data)
        if status is not None and status != presenter.status:
            try:
                services.change_status(
                    presenter,
                    status,
                    reason=reason or "",
                    on=status_on or timezone.localdate(),
                    by=user,
                    replaced_by=replaced_by,
                )
            except services.CorpsError as exc:
                raise ValidationError({exc.field or "status": [exc.message]}) from None
    return _detail(access.get_presenter(user, presenter.pk), timezone.localdate().year)
