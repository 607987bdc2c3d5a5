from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quantriet.core.models import StoredFile, TimeStampedModel
from quantriet.core.text import fold, nfc
from quantriet.orgs.models import Org, OrgLevel, Role


class Kind(models.TextChoices):
    DIRECTIVE = "directive", _("Chỉ thị")
    RESOLUTION = "resolution", _("Nghị quyết")
    CONCLUSION = "conclusion", _("Kết luận")
    REGULATION = "regulation", _("Quy định")
    GUIDANCE = "guidance", _("Hướng dẫn")
    PLAN = "plan", _("Kế hoạch")
    PROGRAM = "program", _("Chương trình hành động")
    DECREE = "decree", _("Nghị định")
    DECISION = "decision", _("Quyết định")


class Secrecy(models.TextChoices):
    NONE = "", _("Thường")
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")


class Urgency(models.TextChoices):
    NONE = "", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong_khan", _("Thượng khẩn")
    FLASH = "hoa_toc", _("Hỏa tốc")


class Document(TimeStampedModel):
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True, db_index=True)
    level = models.ForeignKey(OrgLevel, on_delete=models.PROTECT, verbose_name=_("cấp ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuing_org = models.ForeignKey(
        Org,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tổ chức ban hành"),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    term = models.CharField(
        _("nhiệm kỳ / khóa"), max_length=40, blank=True, help_text=_("Ví dụ: 2025–2030, khóa XIV")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("tóm tắt"), blank=True)
    core_points = models.TextField(_("nội dung cốt lõi"), blank=True)
    new_points = models.TextField(_("điểm mới"), blank=True)
    # Person.category codes this document is aimed at.
    audiences = models.JSONField(_("đối tượng"), default=list, blank=True)
    secrecy = models.CharField(
        _("độ mật"), max_length=10, choices=Secrecy.choices, blank=True, default=""
    )
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Folded number, title, summary and points: accent-insensitive search with a plain LIKE.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["kind", "issued_on"]), models.Index(fields=["secrecy"])]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        for name in ("number", "issuer", "title", "summary", "core_points", "new_points", "term"):
            setattr(self, name, nfc(getattr(self, name)).strip())
        self.search_text = fold(
            " ".join(
                [
                    self.number,
                    self.title,
                    self.issuer,
                    self.summary,
                    self.core_points,
                    self.new_points,
                ]
            )
        )
        super().save(*args, **kwargs)

    @property
    def is_marked(self) -> bool:
        return bool(self.secrecy)


class Circulation(models.Model):
    """Who may see a marked document: holders of `role` (any role when blank) in `org`'s subtree."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="circulation")
    org = models.ForeignKey(
        Org, on_delete=models.CASCADE, related_name="+", verbose_name=_("tổ chức")
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "org", "role"], name="circulation_unique")
        ]
        verbose_name = _("phạm vi lưu hành")
        verbose_name_plural = _("phạm vi lưu hành")

    def __str__(self) -> str:
        return f"{self.document_id} → {self.org} ({self.role or '*'})"


class Attachment(StoredFile):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="documents/%Y/")

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")


class LinkKind(models.TextChoices):
    IMPLEMENTS = "implements", _("triển khai thực hiện")
    GUIDES = "guides", _("hướng dẫn thực hiện")
    AMENDS = "amends", _("sửa đổi, bổ sung")
    REPLACES = "replaces", _("thay thế")
    RELATES = "relates", _("liên quan đến")


class DocumentLink(models.Model):
    """`source` <relation> `target`: e.g. a ward's plan implements the provincial resolution."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(_("quan hệ"), max_length=12, choices=LinkKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "relation"], name="document_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="document_link_not_self"
            ),
        ]
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"


class DownloadLog(models.Model):
    """Every download of a marked document's attachment."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    via = models.CharField(max_length=8, default="web")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt tải văn bản mật")
        verbose_name_plural = _("nhật ký tải văn bản mật")

    def __str__(self) -> str:
        return f"{self.attachment_id} · {self.user_id} · {self.at:%H:%M %d/%m/%Y}"
