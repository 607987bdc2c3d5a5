"""Forms of the attendance pages: invitee filters, excusal, make-up study, site report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quantriet.conferences.attendance.selectors import Status
from quantriet.conferences.models import Conference, Invitation, MakeUp, Site
from quantriet.orgs.forms import DateInput

__all__ = [
    "ExcuseForm",
    "InviteeFilterForm",
    "MakeUpForm",
    "SiteReportForm",
]


class InviteeFilterForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Điểm cầu"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Tất cả điểm cầu"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *Status.CHOICES],
        required=False,
    )
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=120)

    def __init__(self, *args: object, conference: Conference, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(conference=conference).only(  # type: ignore[attr-defined]
            "id", "name", "conference_id", "is_host"
        )


class ExcuseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do vắng"),
        choices=[(value, label) for value, label in Invitation.Excuse.choices if value],
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


class MakeUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức học bù"), choices=MakeUp.Kind.choices)
    studied_on = forms.DateField(label=_("Ngày học"), widget=DateInput())
    method = forms.CharField(
        label=_("Cách thức"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: dự buổi học bù tại chi bộ; đọc tài liệu và viết bài thu hoạch."),
    )


class SiteReportForm(forms.Form):
    technical_problems = forms.CharField(
        label=_("Sự cố kỹ thuật"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mất tiếng, mất hình, đường truyền chập chờn… Để trống nếu không có."),
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
