from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quantriet.core.forms import BoundMessages
from quantriet.core.validation import max_length
from quantriet.presenters.models import (
    YEAR_MAX,
    YEAR_MIN,
    Decision,
    Kind,
    Presenter,
    ReviewRound,
    Standard,
    Status,
    Tier,
    Training,
)


class PresenterFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=120)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Kind.choices]
    )
    tier = forms.ModelChoiceField(
        label=_("Cấp"), required=False, queryset=Tier.objects.all(), empty_label=_("Tất cả")
    )


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year


class PresenterForm(BoundMessages, forms.ModelForm):
    class Meta:
        model = Presenter
        fields = [
            "kind",
            "tier",
            "theory_level",
            "education",
            "fields",
            "decision_number",
            "decision_date",
            "term_start",
            "term_end",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("Nhiệm kỳ kết thúc trước khi bắt đầu."))
        return data


class NewPresenterForm(PresenterForm):
    """Recognising a person (chosen on their page, passed as ?person=) for a committee's corps."""

    managing_org = forms.ChoiceField(label=_("Cấp ủy quản lý"))

    field_order = ["managing_org", *PresenterForm.Meta.fields]

    def __init__(self, *args: object, orgs: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["managing_org"].choices = [(o.pk, o.name) for o in orgs]


class StatusForm(BoundMessages, forms.Form):
    status = forms.ChoiceField(label=_("Chuyển sang"), choices=Status.choices)
    reason = forms.CharField(label=_("Lý do"), max_length=300)
    on = forms.DateField(
        label=_("Ngày"),
        initial=datetime.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    replaced_by = forms.ModelChoiceField(
        label=_("Người thay thế (khi thay thế)"), required=False, queryset=Presenter.objects.none()
    )

    def __init__(self, *args: object, candidates: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if candidates is not None:
            self.fields["replaced_by"].queryset = candidates


class RoundForm(BoundMessages, forms.Form):
    org = forms.ChoiceField(label=_("Cấp ủy rà soát"))
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    title = forms.CharField(label=_("Tên đợt rà soát"), max_length=max_length(ReviewRound, "title"))

    def __init__(self, *args: object, orgs: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]


class DecisionForm(BoundMessages, forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=Decision.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )
    note = forms.CharField(label=_("Lý do, ghi chú"), max_length=300, required=False)
    replacement = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StandardForm(BoundMessages, forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["min_theory_level", "training_hours", "sessions", "min_score"]


class TrainingForm(BoundMessages, forms.ModelForm):
    managing_org = forms.ChoiceField(label=_("Đơn vị tổ chức"))

    class Meta:
        model = Training
        fields = ["title", "kind", "starts_on", "ends_on", "hours"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: object, orgs: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["managing_org"].choices = [(o.pk, o.name) for o in orgs]
        self.order_fields(["managing_org", "title", "kind", "starts_on", "ends_on", "hours"])

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Ngày kết thúc trước ngày bắt đầu."))
        return data


class ReviewForm(forms.Form):
    """One score 1–5 per named criterion (the criteria are rows the department edits)."""

    comment = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: object, criteria: list, initial_scores: dict | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight})",
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                initial=(initial_scores or {}).get(criterion.pk),
            )
        self.order_fields([f"c{c.pk}" for c in criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
