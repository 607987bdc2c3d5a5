"""Monthly orientation bulletins (thông tin định hướng) with read receipts, and the public-opinion
reports (phản ánh dư luận xã hội) presenters and propagandists send back to the department."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quantriet.core.models import StoredFile, TimeStampedModel
from quantriet.orgs.models import Org
from quantriet.presenters.models import Presenter


class Bulletin(TimeStampedModel):
    """A bulletin of the publishing committee; a draft until `published_at` is set."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="bulletins", verbose_name=_("cấp ủy phát hành")
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    # Always the first day of the month the bulletin is for.
    month = models.DateField(_("tháng"))
    body = models.TextField(_("nội dung"), blank=True)
    published_at = models.DateTimeField(_("phát hành lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-month", "-id"]
        indexes = [models.Index(fields=["org", "month"])]
        verbose_name = _("thông tin định hướng")
        verbose_name_plural = _("thông tin định hướng")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class BulletinAttachment(StoredFile):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="bulletins/%Y/")

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")


class Receipt(models.Model):
    """One recipient of a published bulletin: when they first opened it, when they were reminded."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="receipts")
    presenter = models.ForeignKey(
        Presenter, on_delete=models.CASCADE, related_name="bulletin_receipts"
    )
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("nhắc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "presenter"], name="bulletin_receipt_once")
        ]
        indexes = [models.Index(fields=["presenter", "read_at"])]
        verbose_name = _("người nhận")
        verbose_name_plural = _("người nhận")

    def __str__(self) -> str:
        return f"{self.bulletin_id} → {self.presenter_id}"


class Topic(models.Model):
    """A subject of public opinion; rows (seeded by a data migration), so the list can change."""

    name = models.CharField(_("chủ đề"), max_length=160, unique=True)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("chủ đề dư luận")
        verbose_name_plural = _("chủ đề dư luận")

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    NEW = "new", _("Mới")
    REVIEWED = "reviewed", _("Đã xem xét")


class OpinionReport(TimeStampedModel):
    presenter = models.ForeignKey(
        Presenter,
        on_delete=models.PROTECT,
        related_name="opinion_reports",
        verbose_name=_("người phản ánh"),
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="reports", verbose_name=_("chủ đề")
    )
    area = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("địa bàn")
    )
    summary = models.TextField(_("tóm tắt dư luận"))
    suggested_response = models.TextField(_("đề xuất hướng xử lý, định hướng"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    reviewer_note = models.TextField(_("ý kiến của Ban"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["topic", "created_at"]), models.Index(fields=["status"])]
        verbose_name = _("phản ánh dư luận xã hội")
        verbose_name_plural = _("phản ánh dư luận xã hội")

    def __str__(self) -> str:
        return f"{self.topic} · {self.area}"
