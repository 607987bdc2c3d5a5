"""Forms of the programme pages: they only read input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quantriet.core.forms import BoundMessages
from quantriet.core.validation import max_length
from quantriet.programs.models import PROGRESS_MAX, Program, Task

BAD_DATE = {"invalid": _("Ngày không hợp lệ.")}


def date_field(label: object, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        error_messages=BAD_DATE,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ProgramFilterForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("Văn bản thực hiện"), required=False, queryset=None, empty_label=_("Tất cả")
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Program.State.choices]
    )

    def __init__(self, *args: object, documents: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["document"].queryset = documents


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Program) -> str:
        return f"{obj.org.name} — {obj.title}"


class ProgramForm(BoundMessages, forms.Form):
    org = forms.ModelChoiceField(
        label=_("Tổ chức xây dựng chương trình"),
        queryset=None,
        empty_label=_("— Chọn tổ chức —"),
    )
    document = forms.ModelChoiceField(
        label=_("Văn bản thực hiện"), queryset=None, empty_label=_("— Chọn văn bản —")
    )
    parent = ParentChoiceField(
        label=_("Xây dựng từ chương trình của cấp trên"),
        required=False,
        queryset=None,
        empty_label=_("— Không, xây dựng mới —"),
        help_text=_("Các nhiệm vụ của chương trình cấp trên được sao chép làm khung."),
    )
    title = forms.CharField(label=_("Tên chương trình"), max_length=max_length(Program, "title"))
    objectives = forms.CharField(
        label=_("Mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))

    def __init__(
        self, *args: object, orgs: object, documents: object, parents: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["org"].queryset = orgs
        self.fields["document"].queryset = documents
        self.fields["parent"].queryset = parents


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return f"{obj.full_name} ({obj.org.name})"  # type: ignore[attr-defined]


class TaskForm(BoundMessages, forms.Form):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=max_length(Task, "title"))
    owner = PersonChoiceField(
        label=_("Người chịu trách nhiệm"),
        required=False,
        queryset=None,
        empty_label=_("— Chưa phân công —"),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    start_on = date_field(_("Bắt đầu"), required=False)
    due_on = date_field(_("Hạn hoàn thành"), required=False)
    indicator = forms.CharField(
        label=_("Chỉ tiêu"), max_length=max_length(Task, "indicator"), required=False
    )
    target = forms.DecimalField(
        label=_("Mức chỉ tiêu"), max_digits=12, decimal_places=2, required=False
    )
    unit = forms.CharField(
        label=_("Đơn vị tính"), max_length=max_length(Task, "unit"), required=False
    )

    def __init__(self, *args: object, people: object, units: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner"].queryset = people
        self.fields["co_units"].queryset = units


class IssueForm(BoundMessages, forms.Form):
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=max_length(Program, "number"),
        error_messages={"required": _("Cần số, ký hiệu (ví dụ 05-CTr/ĐU).")},
    )
    issued_on = date_field(_("Ngày họp cấp ủy, ban hành"))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến khi trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi ý kiến khi trả lại.")},
    )


PROGRESS_RANGE = _("Tiến độ từ 0 đến 100%.")


class UpdateForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Tiến độ (%)"),
        # The range is the service's rule (and its message); the browser hints it too.
        widget=forms.NumberInput(attrs={"min": 0, "max": PROGRESS_MAX}),
        error_messages={
            "invalid": PROGRESS_RANGE,
            "required": PROGRESS_RANGE,
        },
    )
    note = forms.CharField(
        label=_("Nội dung đã thực hiện"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần ghi nội dung đã thực hiện.")},
    )
    evidence = forms.FileField(
        label=_("Minh chứng (PDF hoặc DOCX, không bắt buộc)"), required=False
    )
