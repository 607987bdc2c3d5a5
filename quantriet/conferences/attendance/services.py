"""Attendance of a conference, written: excusals, make-up study (học bù) and site reports."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quantriet.conferences.models import (
    CheckIn,
    Conference,
    Invitation,
    MakeUp,
    Site,
    SiteReport,
)
from quantriet.core.text import nfc
from quantriet.orgs.models import Person


def _has_checked_in(conference: Conference, person: Person | int) -> bool:
    return CheckIn.objects.filter(conference=conference, person=person).exists()


@transaction.atomic
def mark_excused(
    *, invitation: Invitation, reason: str, note: str = "", by: User | None
) -> Invitation:
    """Record why an invitee is (or was) away; allowed before or after the conference."""
    valid = {value for value, _label in Invitation.Excuse.choices if value}
    if reason not in valid:
        raise ValidationError({"reason": _("Hãy chọn một lý do vắng trong danh sách.")})
    if _has_checked_in(invitation.conference, invitation.person_id):
        raise ValidationError(
            _("Người này đã điểm danh dự hội nghị, không thể ghi nhận vắng có lý do.")
        )
    invitation.excuse = reason
    invitation.excuse_note = nfc(note).strip()[:255]
    invitation.save(update_fields=["excuse", "excuse_note"])
    return invitation


@transaction.atomic
def clear_excuse(*, invitation: Invitation, by: User | None) -> Invitation:
    invitation.excuse = ""
    invitation.excuse_note = ""
    invitation.save(update_fields=["excuse", "excuse_note"])
    return invitation


@transaction.atomic
def record_makeup(
    *,
    conference: Conference,
    person: Person,
    kind: str,
    studied_on: datetime.date,
    method: str = "",
    by: User | None,
) -> MakeUp:
    """Record (or correct) make-up study by an invitee who did not attend."""
    errors: dict[str, str] = {}
    if kind not in MakeUp.Kind.values:
        errors["kind"] = _("Hãy chọn hình thức học bù: dự buổi học bù hoặc tự nghiên cứu.")
    starts_on = timezone.localtime(conference.starts_at).date()
    today = timezone.localdate()
    if studied_on < starts_on:
        errors["studied_on"] = _(
            "Ngày học bù không được trước ngày diễn ra hội nghị (%(date)s)."
        ) % {"date": starts_on.strftime("%d/%m/%Y")}
    elif studied_on > today:
        errors["studied_on"] = _("Ngày học bù không được ở tương lai.")
    if errors:
        raise ValidationError(errors)
    if not Invitation.objects.filter(conference=conference, person=person).exists():
        raise ValidationError(_("Người này không có trong danh sách mời của hội nghị."))
    if _has_checked_in(conference, person):
        raise ValidationError(_("Người này đã dự hội nghị, không cần học bù."))
    makeup, _created = MakeUp.objects.update_or_create(
        conference=conference,
        person=person,
        defaults={
            "kind": kind,
            "studied_on": studied_on,
            "method": nfc(method).strip()[:255],
            "recorded_by": by,
        },
    )
    return makeup


@transaction.atomic
def file_site_report(
    *, site: Site, technical_problems: str = "", notes: str = "", by: User | None
) -> SiteReport:
    """File (or re-file) a site's report; present and invited are counted at filing time."""
    report, _created = SiteReport.objects.update_or_create(
        site=site,
        defaults={
            "present": CheckIn.objects.filter(conference_id=site.conference_id, site=site).count(),
            "invited": Invitation.objects.filter(
                conference_id=site.conference_id, site=site
            ).count(),
            "technical_problems": nfc(technical_problems).strip(),
            "notes": nfc(notes).strip(),
            "filed_by": by,
        },
    )
    return report
