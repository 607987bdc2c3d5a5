from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from quantriet.core.models import TimeStampedModel
from quantriet.core.text import fold, nfc


class OrgLevel(models.Model):
    """A tier of the system (Central, province, commune/ward, grassroots…).

    Data, not code: the 2025 reform removed the district level, which stays here
    with `is_current=False` so historical organisations and documents keep it.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên cấp"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("0 là cấp cao nhất."))
    is_current = models.BooleanField(_("còn hiệu lực"), default=True)

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = _("cấp")
        verbose_name_plural = _("các cấp")

    def __str__(self) -> str:
        return self.name


class OrgKind(models.Model):
    """A kind of organisation: ward Party committee, Party cell, Fatherland Front, Youth Union…"""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=160)
    is_party = models.BooleanField(_("là tổ chức đảng"), default=True)
    sort = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("loại tổ chức")
        verbose_name_plural = _("các loại tổ chức")

    def __str__(self) -> str:
        return self.name


class Org(MP_Node):
    """An organisation in the tree. `path` is the materialised path: a subtree is `path LIKE 'p%'`."""

    name = models.CharField(_("tên tổ chức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.ForeignKey(OrgKind, on_delete=models.PROTECT, verbose_name=_("loại"))
    level = models.ForeignKey(OrgLevel, on_delete=models.PROTECT, verbose_name=_("cấp"))
    # Kept beside the path so lists show the parent without another query.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    dissolved_on = models.DateField(_("ngày giải thể / sáp nhập"), null=True, blank=True)
    search_name = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["path"]
        verbose_name = _("tổ chức")
        verbose_name_plural = _("các tổ chức")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = nfc(self.name)
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    def ancestor_paths(self) -> list[str]:
        """Paths of this organisation and all its ancestors, computed without a query."""
        return ancestor_paths(self.path)


def ancestor_paths(path: str) -> list[str]:
    """Every prefix of a materialised path that names an organisation: its ancestors and itself."""
    return [path[:end] for end in range(Org.steplen, len(path) + 1, Org.steplen)]


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Category(models.TextChoices):
    KEY_CADRE = "key_cadre", _("Cán bộ chủ chốt")
    PARTY_MEMBER = "party_member", _("Đảng viên")
    YOUTH_MEMBER = "youth_member", _("Đoàn viên")
    ASSOCIATION_MEMBER = "association_member", _("Hội viên")
    CITIZEN = "citizen", _("Quần chúng")


class Person(TimeStampedModel):
    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    category = models.CharField(
        _("đối tượng"), max_length=24, choices=Category.choices, default=Category.PARTY_MEMBER
    )
    # NULL, not "", for people without a card, so uniqueness only binds real numbers.
    party_card_no = models.CharField(
        _("số thẻ đảng viên"), max_length=12, unique=True, null=True, blank=True
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="people", verbose_name=_("đơn vị / chi bộ")
    )
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("tài khoản"),
    )
    search_name = models.CharField(max_length=120, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["search_name", "id"]
        verbose_name = _("người")
        verbose_name_plural = _("cán bộ, đảng viên, hội viên")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.full_name = nfc(self.full_name).strip()
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị (Ban Tuyên giáo và Dân vận)")
    OFFICER = "officer", _("Cán bộ phụ trách công tác tuyên giáo")
    OPERATOR = "operator", _("Vận hành điểm cầu")
    PRESENTER = "presenter", _("Báo cáo viên")
    MEMBER = "member", _("Thành viên")


class Grant(models.Model):
    """A role held on an organisation; it reaches that organisation's whole subtree."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("tài khoản"),
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    org = models.ForeignKey(
        Org, on_delete=models.CASCADE, related_name="grants", verbose_name=_("tổ chức")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "role", "org"], name="grant_unique_role_per_org"
            )
        ]
        verbose_name = _("quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.account} · {self.get_role_display()} · {self.org}"


class ImportJob(TimeStampedModel):
    """One upload of a member list: validated in full (dry run), then applied all or nothing.

    Progress lives here so the page can show it while a background task works.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        VALIDATING = "validating", _("Đang kiểm tra")
        VALID = "valid", _("Hợp lệ, chờ ghi")
        INVALID = "invalid", _("Có dòng lỗi")
        APPLYING = "applying", _("Đang ghi dữ liệu")
        APPLIED = "applied", _("Đã nhập xong")
        FAILED = "failed", _("Thất bại")

    class Mode(models.TextChoices):
        CREATE = "create", _("Chỉ thêm mới")
        UPDATE = "update", _("Thêm mới và cập nhật theo số thẻ đảng viên")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.CREATE)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"row": 5, "field": "Ngày sinh", "message": "…"}], capped so a bad file stays readable.
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("các lần nhập danh sách")

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
