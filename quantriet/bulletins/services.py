"""Writes for bulletins and opinion reports. Views and the API both call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import IO

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.bulletins import access
from quantriet.bulletins.models import (
    Bulletin,
    BulletinAttachment,
    OpinionReport,
    Receipt,
    ReportStatus,
    Topic,
)
from quantriet.core.files import store_checked_file
from quantriet.core.text import nfc
from quantriet.core.validation import clean_fields
from quantriet.orgs.access import scope_for
from quantriet.orgs.models import Org
from quantriet.presenters.models import Presenter, Status


def first_of_month(day: date) -> date:
    return day.replace(day=1)


# --- bulletins --------------------------------------------------------------------


def create_bulletin(*, user: User, org: Org, title: str, month: date, body: str = "") -> Bulletin:
    """Save a draft bulletin of `org` (a committee the user manages) for `month`."""
    errors: dict[str, list[str]] = {}
    title = nfc(title or "").strip()
    if not title:
        errors["title"] = [_("Cần nhập tiêu đề bản tin.")]
    if not access.is_manager(user, org):
        errors["org"] = [_("Cấp ủy phát hành nằm ngoài phạm vi quản lý của đồng chí.")]
    values = {
        "title": title,
        "month": first_of_month(month) if month else month,
        "body": nfc(body or "").strip(),
    }
    # A title past 300 characters is a field error, not a PostgreSQL DataError.
    clean_fields(Bulletin, values, errors)
    if errors:
        raise ValidationError(errors)
    return Bulletin.objects.create(org=org, created_by=user, **values)


def recipients_for(org: Org) -> list[int]:
    """Active presenters and propagandists managed in `org`'s subtree (their ids)."""
    return list(
        Presenter.objects.filter(org__path__startswith=org.path, status=Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def publish(*, user: User, bulletin: Bulletin) -> int:
    """Publish a draft: every active presenter and propagandist managed in the publishing
    committee's subtree becomes a recipient (one bulk insert). Returns the number of recipients."""
    access.require_manage_bulletin(user, bulletin)
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if locked.published_at is not None:
            raise ValidationError(_("Bản tin này đã được phát hành."))
        ids = recipients_for(bulletin.org)
        if not ids:
            raise ValidationError(
                _(
                    "Không có báo cáo viên, tuyên truyền viên nào đang hoạt động thuộc %(org)s "
                    "để nhận bản tin."
                )
                % {"org": bulletin.org.name}
            )
        bulletin.published_at = timezone.now()
        bulletin.save(update_fields=["published_at", "updated_at"])
        Receipt.objects.bulk_create(Receipt(bulletin=bulletin, presenter_id=pk) for pk in ids)
    return len(ids)


def mark_read(*, user: User, bulletin: Bulletin) -> bool:
    """Record that the user opened the bulletin, the first time only. True if this was the first."""
    person_id = scope_for(user).person_id
    if person_id is None or bulletin.published_at is None:
        return False
    updated = Receipt.objects.filter(
        bulletin=bulletin, presenter__person_id=person_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    return updated > 0


@dataclass(frozen=True)
class Reminded:
    reminded: int
    emailed: int


def remind(*, user: User, bulletin: Bulletin, base_url: str = "") -> Reminded:
    """Remind the presenters the user manages who have not read the bulletin yet: record
    `reminded_at` (shown to them in the app) and send an e-mail to those with an address."""
    if bulletin.published_at is None:
        access.require_manage_bulletin(user, bulletin)
        raise ValidationError(_("Bản tin chưa phát hành nên chưa thể nhắc đọc."))
    if not access.can_follow_up(user, bulletin):
        raise PermissionDenied
    unread = list(
        Receipt.objects.filter(
            access.followed_receipts(user), bulletin=bulletin, read_at__isnull=True
        ).select_related("presenter__person")
    )
    if not unread:
        return Reminded(reminded=0, emailed=0)
    now = timezone.now()
    Receipt.objects.filter(pk__in=[r.pk for r in unread]).update(reminded_at=now)
    link = base_url + reverse("bulletins:detail", kwargs={"pk": bulletin.pk})
    subject = _("Nhắc đọc: %(title)s") % {"title": bulletin.title}
    emailed = 0
    connection = get_connection()
    for receipt in unread:
        person = receipt.presenter.person
        if not person.email:
            continue
        message = _(
            "Kính gửi đồng chí %(name)s,\n\n"
            "Ban Tuyên giáo và Dân vận nhắc đồng chí đọc bản thông tin định hướng "
            "“%(title)s” tại địa chỉ:\n%(link)s\n\nTrân trọng."
        ) % {"name": person.full_name, "title": bulletin.title, "link": link}
        emailed += send_mail(
            subject,
            message,
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
            connection=connection,
            fail_silently=True,
        )
    return Reminded(reminded=len(unread), emailed=emailed)


def add_attachment(
    *, user: User, bulletin: Bulletin, stream: IO[bytes], name: str, size: int
) -> BulletinAttachment:
    """Store a checked PDF or DOCX under a random name; the original name is kept for downloads."""
    access.require_manage_bulletin(user, bulletin)
    return store_checked_file(
        BulletinAttachment(bulletin=bulletin, uploaded_by=user), stream, name, size
    )


# --- opinion reports -----------------------------------------------------------------


def submit_report(
    *,
    presenter: Presenter,
    topic: Topic | None,
    area: Org | None,
    summary: str,
    suggested_response: str = "",
) -> OpinionReport:
    """A presenter's report of what people in their area say, for the department to review."""
    errors: dict[str, list[str]] = {}
    if presenter.status != Status.ACTIVE:
        raise ValidationError(
            _("Chỉ báo cáo viên, tuyên truyền viên đang hoạt động mới gửi được phản ánh.")
        )
    summary = nfc(summary or "").strip()
    if topic is None:
        errors["topic"] = [_("Cần chọn chủ đề dư luận.")]
    if area is None:
        errors["area"] = [_("Cần chọn địa bàn.")]
    elif not area.path.startswith(presenter.org.path):
        errors["area"] = [_("Địa bàn nằm ngoài phạm vi cấp ủy quản lý đồng chí.")]
    if not summary:
        errors["summary"] = [_("Cần tóm tắt nội dung dư luận.")]
    values = {"summary": summary, "suggested_response": nfc(suggested_response or "").strip()}
    clean_fields(OpinionReport, values, errors)
    if errors:
        raise ValidationError(errors)
    return OpinionReport.objects.create(presenter=presenter, topic=topic, area=area, **values)


def review_report(*, user: User, report: OpinionReport, note: str = "") -> OpinionReport:
    """The department marks a report as reviewed, with its note."""
    if not access.is_manager(user, report.presenter.org):
        raise PermissionDenied
    report.status = ReportStatus.REVIEWED
    report.reviewer_note = nfc(note or "").strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save(
        update_fields=["status", "reviewer_note", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return report
