"""Live dialogue: questions from every site, votes, moderation, answers, polls and feedback.

Every change that listeners must see is also written as an `Event` row in the same transaction:
the live stream publishes it after commit, and a client that reconnects with `Last-Event-ID`
catches up from these rows, so nothing is missed across a reconnect.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quantriet.conferences.models import Conference, Site
from quantriet.orgs.models import Person


class Settings(models.Model):
    """Per-conference dialogue settings."""

    class Moderation(models.TextChoices):
        OPEN = "open", _("Câu hỏi hiện ngay")
        APPROVAL = "approval", _("Câu hỏi hiện sau khi được duyệt")

    class Anonymity(models.TextChoices):
        MODERATORS = "moderators", _("Ẩn với người dự và báo cáo viên, người điều hành biết")
        NOBODY = "nobody", _("Ẩn với tất cả mọi người")

    conference = models.OneToOneField(Conference, on_delete=models.CASCADE, related_name="dialogue")
    moderation = models.CharField(
        _("kiểm duyệt"), max_length=10, choices=Moderation.choices, default=Moderation.APPROVAL
    )
    anonymity = models.CharField(
        _("câu hỏi ẩn danh"), max_length=12, choices=Anonymity.choices, default=Anonymity.MODERATORS
    )
    max_length = models.PositiveSmallIntegerField(_("độ dài tối đa (ký tự)"), default=500)
    questions_per_10_minutes = models.PositiveSmallIntegerField(
        _("số câu hỏi tối đa mỗi người trong 10 phút"), default=3
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_dialogues",
        verbose_name=_("người điều hành"),
    )

    class Meta:
        verbose_name = _("thiết lập đối thoại")
        verbose_name_plural = _("thiết lập đối thoại")

    def __str__(self) -> str:
        return str(self.conference)


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        ANSWERING = "answering", _("Đang trả lời")
        ANSWERED = "answered", _("Đã trả lời")
        MERGED = "merged", _("Đã gộp")
        REJECTED = "rejected", _("Không duyệt")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="questions")
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    # NULL when the conference hides askers from everyone; `asker_key` still limits the rate.
    asked_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    asker_key = models.CharField(max_length=64, db_index=True)
    anonymous = models.BooleanField(_("ẩn danh"), default=False)
    addressed_to = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gửi báo cáo viên"),
    )
    text = models.TextField(_("câu hỏi"))
    search_text = models.TextField(editable=False, default="")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("gộp vào"),
    )
    reject_reason = models.CharField(_("lý do không duyệt"), max_length=255, blank=True)
    votes = models.PositiveIntegerField(_("lượt ủng hộ"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-votes", "created_at"]
        indexes = [models.Index(fields=["conference", "status"])]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")

    def __str__(self) -> str:
        return self.text[:80]


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_rows")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="vote_once_per_person")
        ]
        verbose_name = _("lượt ủng hộ")
        verbose_name_plural = _("lượt ủng hộ")

    def __str__(self) -> str:
        return f"{self.question_id} · {self.person_id}"


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    presenter = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="answers", verbose_name=_("báo cáo viên")
    )
    text = models.TextField(_("trả lời"), blank=True)
    # True: answered aloud during the session (the text may be a summary); False: in writing.
    live = models.BooleanField(_("trả lời trực tiếp"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")

    def __str__(self) -> str:
        return self.text[:80]


class ModerationLog(models.Model):
    """Every moderation decision: no silent gatekeeping."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="moderation_log")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16)
    reason = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("nhật ký điều hành")
        verbose_name_plural = _("nhật ký điều hành")

    def __str__(self) -> str:
        return f"{self.question_id} · {self.action}"


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Chọn một")
        MULTIPLE = "multiple", _("Chọn nhiều")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chuẩn bị")
        OPEN = "open", _("Đang mở")
        CLOSED = "closed", _("Đã đóng")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("câu hỏi khảo sát"), max_length=300)
    kind = models.CharField(_("kiểu"), max_length=8, choices=Kind.choices, default=Kind.SINGLE)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khảo sát nhanh")
        verbose_name_plural = _("khảo sát nhanh")

    def __str__(self) -> str:
        return self.question


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("phương án"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")

    def __str__(self) -> str:
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="pollvote_once_per_option")
        ]
        verbose_name = _("lựa chọn khảo sát")
        verbose_name_plural = _("lựa chọn khảo sát")

    def __str__(self) -> str:
        return f"{self.poll_id} · {self.option_id} · {self.person_id}"


def rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Feedback(models.Model):
    """One attendee's ratings of a conference, once."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    presenter = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_received",
        verbose_name=_("báo cáo viên"),
    )
    presenter_rating = rating_field(_("báo cáo viên"))
    content_rating = rating_field(_("nội dung"))
    relevance_rating = rating_field(_("sát thực tiễn địa phương"))
    organisation_rating = rating_field(_("công tác tổ chức"))
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"], name="feedback_once_per_person"
            )
        ]
        verbose_name = _("đánh giá sau hội nghị")
        verbose_name_plural = _("đánh giá sau hội nghị")

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.person_id}"


class EventCounter(models.Model):
    """The last sequence number given to a conference's events for one audience.

    `emit` increments it under a row lock held until commit, so sequence order is commit
    order and there are no gaps: a listener that sees seq 7 after 5 knows 6 is committed and
    fetches it, and a reconnect with Last-Event-ID never skips an event committed late.
    """

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=24)
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "audience"], name="event_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.audience} · {self.last}"


class Event(models.Model):
    """A change listeners must see, numbered without gaps per conference and audience."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Mọi người dự")
        MODERATORS = "moderators", _("Người điều hành")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="+")
    # Moderators see everything; the audience only what has been let through; "site-<id>" the
    # operators of one site, who moderate that site's questions before the central queue.
    audience = models.CharField(max_length=24, choices=Audience.choices, default=Audience.PUBLIC)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=32)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "audience", "seq"], name="event_seq_unique"
            )
        ]
        verbose_name = _("sự kiện trực tiếp")
        verbose_name_plural = _("sự kiện trực tiếp")

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.audience} {self.seq} · {self.kind}"
