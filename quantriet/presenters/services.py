"""Changing the corps: recognising presenters and moving them through their life cycle."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from quantriet.core.validation import check_fields, require_fields
from quantriet.orgs.models import Org, Person
from quantriet.presenters.models import (
    TRANSITIONS,
    Criterion,
    Decision,
    Expertise,
    Kind,
    Presenter,
    Review,
    ReviewDecision,
    ReviewRound,
    ReviewScore,
    Standard,
    Status,
    StatusChange,
    TheoryLevel,
    Tier,
    Training,
)


class CorpsError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _check(model: type[models.Model], values: dict[str, Any]) -> None:
    """The model's own bounds, as a CorpsError naming the first field found wrong."""
    errors = check_fields(model, values)
    for field, messages in errors.items():
        raise CorpsError(messages[0], field=field)


@transaction.atomic
def change_status(
    presenter: Presenter,
    to: str,
    *,
    reason: str,
    on: datetime.date,
    by: User | None,
    replaced_by: Presenter | None = None,
) -> StatusChange:
    """Move a presenter along the life cycle; the reason and date are kept in the history.
    Replacing names the successor, who becomes active if still a candidate."""
    reason = (reason or "").strip()
    if to not in Status.values:
        raise CorpsError(_("Trạng thái không hợp lệ."), field="status")
    if to not in TRANSITIONS[presenter.status]:
        raise CorpsError(
            _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
            % {"old": str(Status(presenter.status).label), "new": str(Status(to).label)},
            field="status",
        )
    if not reason:
        raise CorpsError(_("Cần ghi lý do thay đổi trạng thái."), field="reason")
    _check(StatusChange, {"reason": reason, "on": on})
    if to == Status.REPLACED:
        if replaced_by is None:
            raise CorpsError(_("Cần chọn người thay thế."), field="replaced_by")
        if replaced_by.pk == presenter.pk or replaced_by.status not in (
            Status.CANDIDATE,
            Status.ACTIVE,
        ):
            raise CorpsError(
                _("Người thay thế phải là người dự kiến hoặc đang hoạt động."),
                field="replaced_by",
            )
    change = StatusChange.objects.create(
        presenter=presenter,
        from_status=presenter.status,
        to_status=to,
        reason=reason,
        on=on,
        replaced_by=replaced_by if to == Status.REPLACED else None,
        by=by,
    )
    presenter.status = to
    if to == Status.REPLACED:
        presenter.replaced_by = replaced_by
        if replaced_by.status == Status.CANDIDATE:  # type: ignore[union-attr]
            change_status(
                replaced_by,  # type: ignore[arg-type]
                Status.ACTIVE,
                reason=_("Thay thế %(name)s") % {"name": presenter.person.full_name},
                on=on,
                by=by,
            )
    presenter.save(update_fields=["status", "replaced_by", "updated_at"])
    return change


def open_round(*, org: Org, year: int, title: str, by: User | None) -> ReviewRound:
    title = (title or "").strip()
    if not title:
        raise CorpsError(_("Cần đặt tên đợt rà soát."), field="title")
    _check(ReviewRound, {"title": title, "year": year})
    if ReviewRound.objects.filter(org=org, year=year, state=ReviewRound.State.OPEN).exists():
        raise CorpsError(
            _("%(org)s đang có một đợt rà soát năm %(year)s chưa kết thúc.")
            % {"org": org.name, "year": year},
            field="year",
        )
    return ReviewRound.objects.create(org=org, year=year, title=title, created_by=by)


@transaction.atomic
def decide(
    review_round: ReviewRound,
    presenter: Presenter,
    *,
    decision: str,
    note: str,
    by: User | None,
    on: datetime.date,
    replacement: Presenter | None = None,
) -> ReviewDecision:
    """Record the department's decision; replacing someone also moves them out of the corps
    (with the successor and the reason in their history)."""
    from quantriet.presenters import selectors  # selectors import this module's models only

    note = (note or "").strip()
    if review_round.state != ReviewRound.State.OPEN:
        raise CorpsError(_("Đợt rà soát đã kết thúc."))
    if decision not in Decision.values:
        raise CorpsError(_("Quyết định không hợp lệ."), field="decision")
    existing = ReviewDecision.objects.filter(round=review_round, presenter=presenter).first()
    if existing is not None and existing.decision == Decision.REPLACE:
        raise CorpsError(_("Người này đã được thay thế trong đợt rà soát."), field="decision")
    if decision in (Decision.REPLACE, Decision.RETRAIN) and not note:
        raise CorpsError(_("Cần ghi lý do."), field="note")
    _check(ReviewDecision, {"note": note})
    if decision == Decision.REPLACE:
        if replacement is None:
            raise CorpsError(_("Cần chọn người thay thế."), field="replacement")
        change_status(
            presenter,
            Status.REPLACED,
            reason=f"{review_round.title}: {note}",
            on=on,
            by=by,
            replaced_by=replacement,
        )
    evaluation = selectors.evaluation(presenter, review_round.year)
    row, _created = ReviewDecision.objects.update_or_create(
        round=review_round,
        presenter=presenter,
        defaults={
            "decision": decision,
            "note": note,
            "score": evaluation.score.total,
            "recommended": evaluation.score.recommendation,
            "replacement": replacement if decision == Decision.REPLACE else None,
            "decided_by": by,
        },
    )
    return row


def close_round(review_round: ReviewRound, *, on: datetime.date) -> None:
    from quantriet.presenters import selectors  # selectors import this module's models only

    undecided = selectors.undecided(review_round)
    if undecided:
        raise CorpsError(
            _("Còn %(n)s báo cáo viên chưa có quyết định: chưa thể kết thúc đợt rà soát.")
            % {"n": undecided}
        )
    review_round.state = ReviewRound.State.CLOSED
    review_round.closed_on = on
    review_round.save(update_fields=["state", "closed_on", "updated_at"])


@transaction.atomic
def record_review(
    presenter: Presenter, *, year: int, scores: dict[int, int], comment: str, by: User | None
) -> Review:
    """The department's evaluation of a presenter for a year: a score 1–5 per named criterion
    (all of them), replacing an earlier one for the same year."""
    _check(Review, {"year": year})
    criteria = {c.pk: c for c in Criterion.objects.all()}
    missing = [c.name for pk, c in criteria.items() if pk not in scores]
    if missing:
        raise CorpsError(
            _("Cần chấm điểm mọi tiêu chí: %(list)s.") % {"list": "; ".join(missing)},
            field="scores",
        )
    if any(pk not in criteria for pk in scores) or any(
        not 1 <= value <= 5 for value in scores.values()
    ):
        raise CorpsError(_("Điểm mỗi tiêu chí từ 1 đến 5."), field="scores")
    review, _created = Review.objects.update_or_create(
        presenter=presenter, year=year, defaults={"comment": (comment or "").strip(), "by": by}
    )
    review.scores.all().delete()
    ReviewScore.objects.bulk_create(
        ReviewScore(review=review, criterion_id=pk, score=value) for pk, value in scores.items()
    )
    return review


STANDARD_FIELDS = ("min_theory_level", "training_hours", "sessions", "min_score")


def save_standard(*, org: Org, values: dict[str, Any]) -> Standard:
    """Set what a presenter managed by `org` (and below) must meet; absent keys keep the current
    (or default) value. Raises ValidationError naming each field out of its bounds."""
    values = {name: values[name] for name in STANDARD_FIELDS if name in values}
    require_fields(Standard, values)
    standard, _created = Standard.objects.update_or_create(org=org, defaults=values)
    return standard


def add_training(
    *,
    org: Org,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: int,
) -> Training:
    """A course or knowledge update organised by `org`. Raises ValidationError by field."""
    values = {
        "title": (title or "").strip(),
        "kind": kind,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hours": hours,
    }
    errors = check_fields(Training, values)
    if starts_on and ends_on and ends_on < starts_on and "ends_on" not in errors:
        errors["ends_on"] = [_("Ngày kết thúc trước ngày bắt đầu.")]
    if errors:
        raise ValidationError(errors)
    return Training.objects.create(org=org, **values)


# --- the corps' records -------------------------------------------------------------

# A presenter's profile, as the page and the API set it; status has its own service.
PRESENTER_FIELDS = (
    "kind",
    "tier",
    "theory_level",
    "education",
    "decision_number",
    "decision_date",
    "term_start",
    "term_end",
)


def _clean_presenter(values: dict[str, Any], *, presenter: Presenter | None) -> None:
    """Strip the texts in place; raise ValidationError naming each field out of its bounds."""
    for name in ("education", "decision_number"):
        if name in values:
            values[name] = (values[name] or "").strip()
    errors = check_fields(Presenter, values)
    start = values.get("term_start", presenter.term_start if presenter else None)
    end = values.get("term_end", presenter.term_end if presenter else None)
    if start and end and end < start and not {"term_start", "term_end"} & set(errors):
        errors["term_end"] = [_("Nhiệm kỳ kết thúc trước khi bắt đầu.")]
    if errors:
        raise ValidationError(errors)


def create_presenter(
    *,
    person: Person,
    org: Org,
    tier: Tier,
    kind: str = Kind.PRESENTER,
    theory_level: int = TheoryLevel.NONE,
    education: str = "",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    fields: Iterable[Expertise] = (),
) -> Presenter:
    """Recognise `person` as a presenter managed by `org` (the caller manages `org` and sees
    `person`). Raises ValidationError by field, and on `person` when already in the corps."""
    values: dict[str, Any] = {
        "tier": tier,
        "kind": kind,
        "theory_level": theory_level,
        "education": education,
        "decision_number": decision_number,
        "decision_date": decision_date,
        "term_start": term_start,
        "term_end": term_end,
    }
    _clean_presenter(values, presenter=None)
    already = _("Người này đã có trong đội ngũ báo cáo viên.")
    if Presenter.objects.filter(person=person).exists():
        raise ValidationError({"person": [already]})
    try:
        with transaction.atomic():
            presenter = Presenter.objects.create(person=person, org=org, **values)
            presenter.fields.set(list(fields))
    except IntegrityError:  # recognised by someone else meanwhile
        raise ValidationError({"person": [already]}) from None
    return presenter


@transaction.atomic
def update_presenter(*, presenter: Presenter, changes: Mapping[str, Any]) -> Presenter:
    """Change the given PRESENTER_FIELDS (and "fields", the expertise) of `presenter`; the
    others stay. Raises ValidationError by field and writes nothing then."""
    unknown = set(changes) - {*PRESENTER_FIELDS, "fields"}
    if unknown:
        raise TypeError(f"unknown presenter fields: {sorted(unknown)}")
    values = {name: changes[name] for name in PRESENTER_FIELDS if name in changes}
    _clean_presenter(values, presenter=presenter)
    for name, value in values.items():
        setattr(presenter, name, value)
    presenter.save()
    if changes.get("fields") is not None:
        presenter.fields.set(list(changes["fields"]))
    return presenter
