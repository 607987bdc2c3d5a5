"""Study conferences on many connected sites (điểm cầu), invitations and check-ins.

A check-in is unique per person and conference and keyed by a client-generated UUID, so a
retried, replayed or simultaneous scan is one `INSERT … ON CONFLICT DO NOTHING` that counts once.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quantriet.core.models import StoredFile, TimeStampedModel
from quantriet.documents.models import Document
from quantriet.orgs.models import Org, Person

# No 0/O or 1/I/L: the code is read aloud and typed on a phone.
SITE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SITE_CODE_LENGTH = 6
# A check-in later than this after the start is "late" (đi muộn); at most a working day.
LATE_AFTER_MAX_MINUTES = 600


def new_room_name() -> str:
    """An unguessable Jitsi room name."""
    return f"quantriet-{secrets.token_hex(12)}"


def new_site_code() -> str:
    return "".join(secrets.choice(SITE_CODE_ALPHABET) for _ in range(SITE_CODE_LENGTH))


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Trực tiếp kết hợp trực tuyến")


class Conference(TimeStampedModel):
    title = models.CharField(_("tên hội nghị"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    documents = models.ManyToManyField(
        Document, blank=True, related_name="conferences", verbose_name=_("văn bản học tập")
    )
    format = models.CharField(
        _("hình thức"), max_length=10, choices=Format.choices, default=Format.HYBRID
    )
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    host_org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("tổ chức chủ trì")
    )
    presenters = models.ManyToManyField(
        Person, blank=True, related_name="presented_conferences", verbose_name=_("báo cáo viên")
    )
    meeting_room = models.CharField(
        _("phòng họp trực tuyến"), max_length=64, unique=True, default=new_room_name
    )
    # Check-ins of people not on the list: recorded with a flag, or refused.
    allow_uninvited = models.BooleanField(
        _("cho phép điểm danh người ngoài danh sách mời"), default=True
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("tính đi muộn sau (phút)"),
        default=15,
        validators=[MaxValueValidator(LATE_AFTER_MAX_MINUTES)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(late_after_minutes__lte=LATE_AFTER_MAX_MINUTES),
                name="conference_late_after_at_most_10_hours",
            ),
        ]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.DateTimeField(_("thời gian"))
    ends_at = models.DateTimeField(_("đến"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người trình bày"),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình hội nghị")

    def __str__(self) -> str:
        return self.title


class Material(StoredFile):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="conferences/%Y/")

    class Meta(StoredFile.Meta):
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")


class Site(models.Model):
    """A connected site (điểm cầu); exactly one per conference is the host."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("tên điểm cầu"), max_length=255)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("tổ chức")
    )
    address = models.CharField(_("địa điểm"), max_length=255, blank=True)
    expected = models.PositiveIntegerField(_("số người dự kiến"), default=0)
    is_host = models.BooleanField(_("điểm cầu chính"), default=False)
    # Members type it on their phone to check themselves in here.
    code = models.CharField(
        _("mã tự điểm danh"), max_length=SITE_CODE_LENGTH, default=new_site_code
    )
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="operated_sites",
        verbose_name=_("người vận hành"),
    )

    class Meta:
        ordering = ["-is_host", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(is_host=True),
                name="site_one_host_per_conference",
            ),
            models.UniqueConstraint(
                fields=["conference", "code"], name="site_code_unique_per_conference"
            ),
            models.UniqueConstraint(
                fields=["conference", "org"], name="site_one_per_org_per_conference"
            ),
        ]
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")

    def __str__(self) -> str:
        return self.name


class InvitationRule(models.Model):
    """ "All Party members of this subtree", "key cadres of these organisations"…"""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rules")
    orgs = models.ManyToManyField(Org, related_name="+", verbose_name=_("tổ chức"))
    include_subtree = models.BooleanField(_("gồm cả các tổ chức cấp dưới"), default=True)
    # Person.category codes; empty means everyone in those organisations.
    categories = models.JSONField(_("đối tượng"), default=list, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("quy tắc mời")
        verbose_name_plural = _("quy tắc mời")

    def __str__(self) -> str:
        return f"{self.conference_id} · {', '.join(self.categories) or '*'}"

    @property
    def org_names(self) -> str:
        """The organisations' names, from the prefetch cache when the list view prefetched them."""
        return "; ".join(org.name for org in self.orgs.all())


class Invitation(models.Model):
    class Source(models.TextChoices):
        RULE = "rule", _("Theo quy tắc")
        MANUAL = "manual", _("Thêm thủ công")

    class Excuse(models.TextChoices):
        NONE = "", _("Không")
        ILLNESS = "illness", _("Ốm đau")
        WORK = "work", _("Bận công tác")
        OLD_AGE = "old_age", _("Tuổi cao, sức yếu")
        FAMILY = "family", _("Việc gia đình")
        OTHER = "other", _("Lý do khác")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("điểm cầu")
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.RULE)
    # Moved by an officer: re-computing the rules keeps this site.
    site_pinned = models.BooleanField(default=False)
    excuse = models.CharField(
        _("lý do vắng"), max_length=10, choices=Excuse.choices, blank=True, default=""
    )
    excuse_note = models.CharField(_("ghi chú lý do"), max_length=255, blank=True)

    class Meta:
        ordering = ["site_id", "person__search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"], name="invitation_unique_person"
            )
        ]
        indexes = [models.Index(fields=["conference", "site"])]
        verbose_name = _("giấy mời")
        verbose_name_plural = _("danh sách mời")

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.person_id}"


class Method(models.TextChoices):
    QR = "qr", _("Quét mã QR")
    MANUAL = "manual", _("Điểm danh theo danh sách")
    SELF = "self", _("Tự điểm danh")


class CheckIn(models.Model):
    # Every index is written on the hot insert path: (conference, person) and (conference, site)
    # already lead with the conference, so neither it nor the site needs an index of its own.
    # Nor database-level keys to the conference, site and operator: each check takes a share
    # lock on the parent row at commit, which makes every concurrent check-in lock the same one
    # row (PostgreSQL then builds a multixact). pgbench (an earlier session): 13 000–14 000
    # inserts/s with the four keys, 15 000–17 000 with the person's only, 18 000–20 000 with
    # none. The conference and site are the caller's context, checked in Python; Django still
    # cascades and protects these on delete.
    # The person's key is kept: a check-in must never outlive the person it counts. Its cost,
    # measured on 2026-12-07 (pgbench, the check-in's own INSERT … SELECT, 23 300 people of a
    # 2-million-row table, after a checkpoint): WAL per check-in 632 → 1 156 bytes (the share
    # lock dirties the person's page once per checkpoint), inserts/s within the run-to-run
    # noise of a loaded 2-core machine (5 600–10 000 either way). The application tier serves
    # under 1 000 check-ins/s on two cores, so the database stays over ten times ahead of it.
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="checkins",
        db_index=False,
        db_constraint=False,
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="checkins")
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="checkins", db_index=False, db_constraint=False
    )
    client_id = models.UUIDField(unique=True)
    method = models.CharField(max_length=8, choices=Method.choices)
    at = models.DateTimeField(_("thời điểm điểm danh"))
    recorded_at = models.DateTimeField(_("ghi nhận lúc"))
    # Only read when an account is deleted: not worth an index written on every check-in.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    invited = models.BooleanField(default=True)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="checkin_unique_person")
        ]
        indexes = [models.Index(fields=["conference", "site"])]
        verbose_name = _("lượt điểm danh")
        verbose_name_plural = _("điểm danh")

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.person_id} · {self.at:%H:%M}"


class MakeUp(models.Model):
    """Make-up study (học bù) by someone who missed the conference."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Dự buổi học bù")
        SELF_STUDY = "self_study", _("Tự nghiên cứu")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="makeups")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="makeups")
    kind = models.CharField(_("hình thức học bù"), max_length=12, choices=Kind.choices)
    studied_on = models.DateField(_("ngày học"))
    method = models.CharField(_("cách thức"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["studied_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "person"], name="makeup_unique_person")
        ]
        verbose_name = _("học bù")
        verbose_name_plural = _("học bù")

    def __str__(self) -> str:
        return f"{self.conference_id} · {self.person_id}"


class SiteReport(models.Model):
    """The site operator's short report after the conference."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="report")
    present = models.PositiveIntegerField(_("có mặt"))
    invited = models.PositiveIntegerField(_("được mời"))
    technical_problems = models.TextField(_("sự cố kỹ thuật"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo điểm cầu")
        verbose_name_plural = _("báo cáo điểm cầu")

    def __str__(self) -> str:
        return f"{self.site} · {self.present}/{self.invited}"
