"""The corps of presenters (báo cáo viên) and propagandists (tuyên truyền viên).

Regulation 973-QĐ/BTGTW (15/12/2021): presenters are recognised by the Party committee and
managed by the propaganda department at the same level and above. Its tiers predate the 2025
reform, so tiers, fields of expertise, standards and review criteria are rows, not code.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quantriet.conferences.models import Conference
from quantriet.core.models import TimeStampedModel
from quantriet.orgs.models import Org, Person

# The years a review or a review round may be for.
YEAR_MIN, YEAR_MAX = 2000, 2100
# A year's training hours or sessions in a standard, and one course's hours: at most this.
HOURS_MAX = 1000
# Effectiveness scores are out of 100.
SCORE_MAX = 100


class Tier(models.Model):
    """Central, province, commune/ward…: the level that recognised the presenter."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên cấp"), max_length=80)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("cấp báo cáo viên")
        verbose_name_plural = _("cấp báo cáo viên")

    def __str__(self) -> str:
        return self.name


class Expertise(models.Model):
    name = models.CharField(_("lĩnh vực"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực chuyên môn")
        verbose_name_plural = _("lĩnh vực chuyên môn")

    def __str__(self) -> str:
        return self.name


class TheoryLevel(models.IntegerChoices):
    """Political-theory qualification, ordered so that standards compare with >=."""

    NONE = 0, _("Chưa qua đào tạo")
    ELEMENTARY = 1, _("Sơ cấp")
    INTERMEDIATE = 2, _("Trung cấp")
    ADVANCED = 3, _("Cao cấp")  # a bachelor's degree in political science (cử nhân) counts here


class Kind(models.TextChoices):
    PRESENTER = "presenter", _("Báo cáo viên")
    PROPAGANDIST = "propagandist", _("Tuyên truyền viên")


class Status(models.TextChoices):
    CANDIDATE = "candidate", pgettext_lazy("presenter status", "Dự kiến")
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm dừng")
    RETIRED = "retired", _("Thôi làm nhiệm vụ")
    REPLACED = "replaced", _("Đã thay thế")


# The life cycle: which status may follow which.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.CANDIDATE: (Status.ACTIVE, Status.RETIRED),
    Status.ACTIVE: (Status.SUSPENDED, Status.RETIRED, Status.REPLACED),
    Status.SUSPENDED: (Status.ACTIVE, Status.RETIRED, Status.REPLACED),
    Status.RETIRED: (),
    Status.REPLACED: (),
}


class Presenter(TimeStampedModel):
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="presenter", verbose_name=_("người")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.PRESENTER)
    tier = models.ForeignKey(
        Tier,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cấp"),
        help_text=_(
            "Quyết định 973-QĐ/BTGTW (15/12/2021) quy định báo cáo viên Trung ương, cấp tỉnh, "
            "cấp huyện và tuyên truyền viên cơ sở. Cấp Đảng ủy xã, phường, đặc khu là cách hệ "
            "thống này vận dụng sau khi bỏ cấp huyện (1/7/2025)."
        ),
    )
    # The committee whose propaganda department manages this presenter.
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="presenters", verbose_name=_("cấp ủy quản lý")
    )
    theory_level = models.PositiveSmallIntegerField(
        _("trình độ lý luận chính trị"),
        choices=TheoryLevel.choices,
        default=TheoryLevel.NONE,
        help_text=_("Cử nhân chính trị được tính là cao cấp."),
    )
    education = models.CharField(_("trình độ chuyên môn"), max_length=160, blank=True)
    fields = models.ManyToManyField(
        Expertise, blank=True, related_name="presenters", verbose_name=_("lĩnh vực")
    )
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=40, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    term_start = models.DateField(_("nhiệm kỳ từ"), null=True, blank=True)
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.CANDIDATE
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("người thay thế"),
    )

    class Meta:
        ordering = ["tier__rank", "person__search_name", "id"]
        indexes = [models.Index(fields=["org", "status"])]
        verbose_name = _("báo cáo viên")
        verbose_name_plural = _("đội ngũ báo cáo viên")

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.get_kind_display()})"


class StatusChange(models.Model):
    """Every change of status, with its reason and date: the corps' history."""

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(_("lý do"), max_length=300)
    on = models.DateField(_("ngày"))
    replaced_by = models.ForeignKey(
        Presenter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("thay đổi trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")

    def __str__(self) -> str:
        return f"{self.presenter_id}: {self.from_status} → {self.to_status} ({self.on})"


class Standard(models.Model):
    """What a presenter managed by `org` (and below) must meet each year."""

    org = models.OneToOneField(
        Org, on_delete=models.CASCADE, related_name="presenter_standard", verbose_name=_("cấp ủy")
    )
    min_theory_level = models.PositiveSmallIntegerField(
        _("trình độ lý luận tối thiểu"),
        choices=TheoryLevel.choices,
        default=TheoryLevel.INTERMEDIATE,
    )
    training_hours = models.PositiveSmallIntegerField(
        _("số giờ bồi dưỡng mỗi năm"), default=16, validators=[MaxValueValidator(HOURS_MAX)]
    )
    sessions = models.PositiveSmallIntegerField(
        _("số buổi báo cáo mỗi năm"), default=4, validators=[MaxValueValidator(HOURS_MAX)]
    )
    min_score = models.PositiveSmallIntegerField(
        _("điểm hiệu quả tối thiểu"), default=60, validators=[MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        # A minimum past the scale would mark every presenter short of the standard.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_score__lte=SCORE_MAX), name="standard_min_score_at_most_100"
            ),
        ]
        verbose_name = _("tiêu chuẩn báo cáo viên")
        verbose_name_plural = _("tiêu chuẩn báo cáo viên")

    def __str__(self) -> str:
        return str(self.org)


class Training(TimeStampedModel):
    """A course or knowledge-update session; the monthly online briefing is a conference."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Lớp bồi dưỡng")
        UPDATE = "update", _("Cập nhật kiến thức")
        BRIEFING = "briefing", _("Hội nghị báo cáo viên")

    title = models.CharField(_("tên lớp"), max_length=300)
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị tổ chức")
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    hours = models.PositiveSmallIntegerField(
        _("số giờ"), validators=[MinValueValidator(1), MaxValueValidator(HOURS_MAX)]
    )
    conference = models.OneToOneField(
        Conference,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training",
        verbose_name=_("hội nghị báo cáo viên (trực tuyến)"),
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        # Each attendance adds these hours to a presenter's year: a course of 0 hours would
        # count as attended and add nothing.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=1), name="training_hours_at_least_1"
            ),
        ]
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("bồi dưỡng, cập nhật kiến thức")

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="trainings")
    attended = models.BooleanField(_("có mặt"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "presenter"], name="training_once")
        ]
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")

    def __str__(self) -> str:
        return f"{self.training_id} · {self.presenter_id}"


class Criterion(models.Model):
    """A named criterion of the department's periodic review, with its weight."""

    name = models.CharField(_("tiêu chí"), max_length=160, unique=True)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)

    class Meta:
        ordering = ["id"]
        verbose_name = _("tiêu chí đánh giá")
        verbose_name_plural = _("tiêu chí đánh giá")

    def __str__(self) -> str:
        return self.name


class Review(TimeStampedModel):
    """The department's evaluation of one presenter for a year."""

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    comment = models.TextField(_("nhận xét"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["presenter", "year"], name="review_once_per_year")
        ]
        verbose_name = _("đánh giá định kỳ")
        verbose_name_plural = _("đánh giá định kỳ")


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("điểm"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.review_id} · {self.criterion_id}: {self.score}"


class ReviewRound(TimeStampedModel):
    """A periodic review (rà soát, đánh giá) of a committee's corps: a decision per presenter."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang rà soát")
        CLOSED = "closed", _("Đã kết thúc")

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("cấp ủy rà soát")
    )
    title = models.CharField(_("tên đợt rà soát"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("năm đánh giá"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("đợt rà soát")
        verbose_name_plural = _("đợt rà soát, đánh giá")

    def __str__(self) -> str:
        return self.title


class Decision(models.TextChoices):
    PRIORITISE = "prioritise", _("Ưu tiên bố trí")
    KEEP = "keep", _("Duy trì")
    RETRAIN = "retrain", _("Bồi dưỡng thêm")
    REPLACE = "replace", _("Thay thế")


class ReviewDecision(models.Model):
    """The department's decision on one presenter in a round, beside what the figures said."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="decisions")
    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("quyết định"), max_length=12, choices=Decision.choices)
    note = models.CharField(_("lý do, ghi chú"), max_length=300, blank=True)
    score = models.FloatField(_("điểm hiệu quả lúc quyết định"))
    recommended = models.CharField(_("đề xuất theo số liệu"), max_length=12)
    replacement = models.ForeignKey(
        Presenter,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thay thế"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "presenter"], name="decision_once_per_round")
        ]
        verbose_name = _("quyết định rà soát")
        verbose_name_plural = _("quyết định rà soát")

    def __str__(self) -> str:
        return f"{self.round_id} · {self.presenter_id}: {self.decision}"
