"""Action programmes: how an organisation carries a resolution out, task by task, each with a
responsible officer — "rõ việc, rõ người, rõ thời gian" (clear task, clear person, clear time)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quantriet.core.models import StoredFile, TimeStampedModel
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person

# A task's progress is a percentage; reports average it, so the database refuses more as well.
PROGRESS_MAX = 100


class Program(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã trình cấp ủy")
        ISSUED = "issued", _("Đã ban hành")
        RETURNED = "returned", _("Trả lại để sửa")

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="programs", verbose_name=_("tổ chức")
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("văn bản thực hiện"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("chương trình của cấp trên"),
    )
    title = models.CharField(_("tên chương trình"), max_length=300)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    # Recorded when the committee issues it.
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành (họp cấp ủy)"), null=True, blank=True)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["document", "org"])]
        verbose_name = _("chương trình hành động")
        verbose_name_plural = _("chương trình hành động")

    def __str__(self) -> str:
        return self.title


class Transition(models.Model):
    """One step of the committee's workflow (submitted, issued, returned): who did it, when, from
    which status to which, with the comment given; the programme page shows them as a timeline."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=Program.State.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=Program.State.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bước xử lý chương trình")
        verbose_name_plural = _("quá trình xử lý chương trình")

    def __str__(self) -> str:
        return f"{self.program_id}: {self.from_status} → {self.to_status}"


class Task(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("người chịu trách nhiệm"),
    )
    co_units = models.ManyToManyField(
        Org, blank=True, related_name="co_tasks", verbose_name=_("đơn vị phối hợp")
    )
    start_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    indicator = models.CharField(_("chỉ tiêu"), max_length=200, blank=True)
    target = models.DecimalField(
        _("mức chỉ tiêu"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị tính"), max_length=30, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MaxValueValidator(PROGRESS_MAX)]
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["program", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=PROGRESS_MAX), name="task_progress_at_most_100"
            ),
        ]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """The responsible officer's report on a task; the history is kept."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), validators=[MaxValueValidator(PROGRESS_MAX)]
    )
    note = models.TextField(_("nội dung"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=PROGRESS_MAX),
                name="progress_update_at_most_100",
            ),
        ]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.progress}%"


class UpdateComment(models.Model):
    """The parent organisation's remark on a progress report (guidance, a request for more)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("ý kiến"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ý kiến của cấp trên")
        verbose_name_plural = _("ý kiến của cấp trên")

    def __str__(self) -> str:
        return f"{self.update_id}: {self.text[:40]}"


class Report(TimeStampedModel):
    """A mid-term or final review (sơ kết, tổng kết) an organisation sends its parent, pre-filled
    with its figures, then edited."""

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    figures = models.JSONField(_("số liệu"), default=dict)
    body = models.TextField(_("nội dung báo cáo"))
    submitted_at = models.DateTimeField(_("gửi cấp trên lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")

    def __str__(self) -> str:
        return self.title


class Evidence(StoredFile):
    """A file attached to a progress report (minutes, photos as PDF, a decision)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="programs/%Y/")

    class Meta(StoredFile.Meta):
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
