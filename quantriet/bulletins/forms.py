from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quantriet.bulletins.models import Bulletin, ReportStatus, Topic
from quantriet.core.forms import BoundMessages
from quantriet.core.validation import max_length
from quantriet.orgs.models import Org

MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%Y-%m-%d", "%d/%m/%Y"]


class BulletinForm(BoundMessages, forms.Form):
    org = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("Cấp ủy phát hành"))
    month = forms.DateField(
        label=_("Tháng"),
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Tháng không hợp lệ, cần dạng MM/YYYY.")},
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=max_length(Bulletin, "title"),
        help_text=_(
            "Ví dụ: Thông tin định hướng tháng 3/2026: tuyên truyền kết quả Đại hội XIV của Đảng"
        ),
    )
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, orgs: QuerySet[Org], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm"), help_text=_("Văn bản PDF hoặc Word (.docx)."))


class OpinionReportForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Chủ đề"))
    area = forms.ModelChoiceField(queryset=Org.objects.none(), label=_("Địa bàn"))
    summary = forms.CharField(
        label=_("Tóm tắt dư luận"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Điều cán bộ, đảng viên và nhân dân đang quan tâm, băn khoăn hoặc đề nghị."),
    )
    suggested_response = forms.CharField(
        label=_("Đề xuất hướng xử lý, định hướng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, areas: QuerySet[Org], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến của Ban"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), required=False, label=_("Chủ đề"), empty_label=_("Tất cả")
    )
    status = forms.ChoiceField(
        choices=[("", _("Tất cả")), *ReportStatus.choices], required=False, label=_("Trạng thái")
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"topic": None, "status": None}
        topic = self.cleaned_data["topic"]
        return {"topic": topic.pk if topic else None, "status": self.cleaned_data["status"] or None}
