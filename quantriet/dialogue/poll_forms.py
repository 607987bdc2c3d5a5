"""Forms of the poll, feedback and published Q&A pages. They shape the input; the rules (how
many options, ratings 1–5, once per person) live in the services, one message for page and API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_bootstrap5.widgets import RadioSelectButtonGroup

from quantriet.dialogue.feedback import CRITERIA
from quantriet.dialogue.models import Poll
from quantriet.orgs.models import Person

RATING_CHOICES = [(i, str(i)) for i in range(1, 6)]


class PollForm(forms.Form):
    question = forms.CharField(label=_("Câu hỏi khảo sát"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kiểu"),
        choices=Poll.Kind.choices,
        initial=Poll.Kind.SINGLE,
        widget=RadioSelectButtonGroup,
    )
    options = forms.CharField(
        label=_("Các phương án"),
        help_text=_("Mỗi dòng một phương án, từ 2 đến 10 phương án."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class PollAnswerForm(forms.Form):
    """Radio buttons for a single-choice poll, check boxes for a multiple-choice one."""

    options = forms.TypedMultipleChoiceField(label=_("Lựa chọn của đồng chí"), coerce=int)

    def __init__(self, *args: Any, poll: Poll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["options"]
        field.choices = [(o.pk, o.text) for o in poll.options.all()]
        field.widget = (
            forms.CheckboxSelectMultiple() if poll.kind == Poll.Kind.MULTIPLE else _RadioMultiple()
        )
        field.widget.choices = field.choices
        field.error_messages["required"] = _("Hãy chọn một phương án.")


class _RadioMultiple(forms.RadioSelect):
    """Radio buttons feeding a multiple-choice field (one value, read as a list)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


class FeedbackForm(forms.Form):
    presenter = forms.TypedChoiceField(
        label=_("Báo cáo viên"), coerce=int, required=False, empty_value=None
    )
    presenter_rating = forms.TypedChoiceField(
        label=CRITERIA["presenter_rating"],
        choices=RATING_CHOICES,
        coerce=int,
        widget=RadioSelectButtonGroup,
    )
    content_rating = forms.TypedChoiceField(
        label=CRITERIA["content_rating"],
        choices=RATING_CHOICES,
        coerce=int,
        widget=RadioSelectButtonGroup,
    )
    relevance_rating = forms.TypedChoiceField(
        label=CRITERIA["relevance_rating"],
        choices=RATING_CHOICES,
        coerce=int,
        widget=RadioSelectButtonGroup,
    )
    organisation_rating = forms.TypedChoiceField(
        label=CRITERIA["organisation_rating"],
        choices=RATING_CHOICES,
        coerce=int,
        widget=RadioSelectButtonGroup,
    )
    comment = forms.CharField(
        label=_("Góp ý"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, presenters: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presenters = {p.pk: p for p in presenters}
        field = self.fields["presenter"]
        field.choices = [("", "—"), *((p.pk, p.full_name) for p in presenters)]
        if len(presenters) == 1:
            field.initial = presenters[0].pk
        if not presenters:
            del self.fields["presenter"]
        for name in CRITERIA:
            self.fields[name].error_messages["required"] = _("Hãy chọn điểm đánh giá từ 1 đến 5.")

    def chosen_presenter(self) -> Person | None:
        return self.presenters.get(self.cleaned_data.get("presenter") or 0)


class QaSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong hỏi – đáp"), required=False, max_length=200)
