"""After-session feedback: each attendee rates the presenter, the content, its relevance to the
locality and the organisation (1–5), may comment, once.

Who may give feedback: a person who checked in at the conference, or who was invited to it (an
invitee who followed online may have no check-in). Feedback opens when the conference starts.
Results go to the conference's managers; a presenter sees the feedback about themself. Per
presenter across conferences (`presenter_feedback`) it feeds the presenters' effectiveness score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quantriet.conferences import access as conference_access
from quantriet.conferences.models import CheckIn, Conference, Invitation
from quantriet.core.text import nfc
from quantriet.dialogue.models import Feedback
from quantriet.orgs.models import Person

RATING_MIN = 1
RATING_MAX = 5
COMMENT_MAX_LENGTH = 2000
COMMENTS_SHOWN = 200

# Field name → label, in the order forms and reports show them.
CRITERIA = {
    "presenter_rating": gettext_lazy("Báo cáo viên"),
    "content_rating": gettext_lazy("Nội dung"),
    "relevance_rating": gettext_lazy("Sát thực tiễn địa phương"),
    "organisation_rating": gettext_lazy("Công tác tổ chức"),
}


# --- who ---------------------------------------------------------------------------------


def person_of(user: User | AnonymousUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def feedback_refusal(conference: Conference, person: Person | None) -> str | None:
    """Why this person may not give feedback now (None: they may). Two or three queries."""
    if person is None:
        return _("Tài khoản của đồng chí chưa gắn với hồ sơ cá nhân nên chưa thể gửi đánh giá.")
    if conference.starts_at > timezone.now():
        return _("Hội nghị chưa diễn ra, chưa thể gửi đánh giá.")
    attended = (
        CheckIn.objects.filter(conference=conference, person=person).exists()
        or Invitation.objects.filter(conference=conference, person=person).exists()
    )
    if not attended:
        return _("Chỉ người được mời hoặc đã điểm danh dự hội nghị mới gửi được đánh giá.")
    if Feedback.objects.filter(conference=conference, person=person).exists():
        return _("Đồng chí đã gửi đánh giá cho hội nghị này.")
    return None


def can_see_all_feedback(user: User | AnonymousUser, conference: Conference) -> bool:
    return conference_access.can_manage_conference(user, conference)


def is_presenter(user: User | AnonymousUser, conference: Conference) -> Person | None:
    """The user's person when they present this conference."""
    person = person_of(user)
    if person is None or not conference.presenters.filter(pk=person.pk).exists():
        return None
    return person


# --- write -------------------------------------------------------------------------------


def _check_rating(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return _("Hãy chọn điểm đánh giá từ 1 đến 5.")
    if not RATING_MIN <= value <= RATING_MAX:
        return _("Điểm đánh giá phải từ 1 đến 5.")
    return None


def give_feedback(
    *,
    conference: Conference,
    by: User,
    presenter: Person | None,
    presenter_rating: int,
    content_rating: int,
    relevance_rating: int,
    organisation_rating: int,
    comment: str = "",
) -> Feedback:
    """Record one attendee's feedback on a conference, once.

    `presenter` may be left out when the conference has exactly one presenter (that one is
    meant) or none; otherwise it must be one of the conference's presenters.
    """
    person = person_of(by)
    refusal = feedback_refusal(conference, person)
    if refusal or person is None:
        raise ValidationError(refusal or "")
    ratings = {
        "presenter_rating": presenter_rating,
        "content_rating": content_rating,
        "relevance_rating": relevance_rating,
        "organisation_rating": organisation_rating,
    }
    errors: dict[str, str] = {}
    for name, value in ratings.items():
        message = _check_rating(value)
        if message:
            errors[name] = message
    presenter_ids = list(conference.presenters.values_list("pk", flat=True))
    if presenter is None:
        if len(presenter_ids) == 1:
            presenter = Person.objects.get(pk=presenter_ids[0])
        elif presenter_ids:
            errors["presenter"] = _("Hãy chọn báo cáo viên.")
    elif presenter.pk not in presenter_ids:
        errors["presenter"] = _("Người này không phải báo cáo viên của hội nghị.")
    comment = nfc(comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = _("Góp ý dài tối đa %(limit)s ký tự.") % {"limit": COMMENT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                conference=conference,
                person=person,
                presenter=presenter,
                comment=comment,
                **ratings,
            )
    except IntegrityError:  # a double submit that passed the check at the same moment
        raise ValidationError(_("Đồng chí đã gửi đánh giá cho hội nghị này.")) from None


# --- reads -------------------------------------------------------------------------------


@dataclass
class Averages:
    """Counts and averages of the four criteria for one group of feedback."""

    count: int = 0
    sums: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CRITERIA, 0))
    name: str = ""
    presenter_id: int | None = None

    def add(self, count: int, averages: dict[str, float | None]) -> None:
        self.count += count
        for key in CRITERIA:
            self.sums[key] += round((averages.get(key) or 0) * count)

    @property
    def averages(self) -> dict[str, float | None]:
        return {
            key: (round(self.sums[key] / self.count, 2) if self.count else None) for key in CRITERIA
        }

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The criteria with label and average, for templates."""
        averages = self.averages
        return [{"key": key, "label": CRITERIA[key], "average": averages[key]} for key in CRITERIA]

    def as_dict(self) -> dict[str, Any]:
        return {
            "presenter": self.presenter_id,
            "name": self.name,
            "count": self.count,
            **self.averages,
        }


@dataclass
class FeedbackSummary:
    overall: Averages
    presenters: list[Averages]


def feedback_summary(conference: Conference, *, presenter: Person | None = None) -> FeedbackSummary:
    """Averages and counts per criterion, overall and per presenter: one aggregate query.

    With `presenter`, only the feedback about that presenter (what a presenter may see).
    """
    qs = Feedback.objects.filter(conference=conference)
    if presenter is not None:
        qs = qs.filter(presenter=presenter)
    rows = (
        qs.values("presenter_id", "presenter__full_name")
        .annotate(n=Count("id"), **{key: Avg(key) for key in CRITERIA})
        .order_by("presenter__full_name")
    )
    overall = Averages()
    groups = []
    for row in rows:
        group = Averages(presenter_id=row["presenter_id"], name=row["presenter__full_name"] or "")
        # An integer sum is exact: the averages come back from it unchanged.
        group.add(row["n"], row)
        overall.add(row["n"], row)
        groups.append(group)
    return FeedbackSummary(overall=overall, presenters=groups)


def feedback_comments(
    conference: Conference, *, presenter: Person | None = None
) -> QuerySet[Feedback]:
    """Non-empty comments, newest first, without who wrote them (the page shows no names)."""
    qs = Feedback.objects.filter(conference=conference).exclude(comment="")
    if presenter is not None:
        qs = qs.filter(presenter=presenter)
    return qs.select_related("presenter").order_by("-created_at", "-id")[:COMMENTS_SHOWN]


def presenter_feedback(person: Person) -> dict[str, Any]:
    """A presenter's feedback across conferences: counts and averages per criterion (one query).

    The presenters' effectiveness score reads this.
    """
    row = Feedback.objects.filter(presenter=person).aggregate(
        count=Count("id"),
        conferences=Count("conference", distinct=True),
        **{key: Avg(key) for key in CRITERIA},
    )
    for key in CRITERIA:
        if row[key] is not None:
            row[key] = round(row[key], 2)
    return row
