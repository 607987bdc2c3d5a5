"""Forms of the dialogue pages: asking, moderating and answering.

The rules (required texts, lengths, rates, who may be chosen) live in the services, so a page
and the API give the same Vietnamese message; these forms only shape the input. Field names are
the API's (`addressed_to`, `merged_into`, `reason`, `presenter`): the page's script sends the
same form to the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quantriet.conferences.models import Site
from quantriet.dialogue.models import Question
from quantriet.dialogue.selectors import ACTIVE_STATUSES
from quantriet.orgs.models import Person


class AskForm(forms.Form):
    # Not required here: the service refuses an empty question with its own message.
    text = forms.CharField(
        label=_("Câu hỏi của đồng chí"),
        strip=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    anonymous = forms.BooleanField(label=_("Gửi ẩn danh"), required=False)
    site = forms.ModelChoiceField(
        label=_("Điểm cầu"), queryset=Site.objects.none(), required=False, empty_label="—"
    )
    addressed_to = forms.ModelChoiceField(
        label=_("Gửi báo cáo viên"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Không chỉ định"),
    )

    def __init__(
        self,
        *args: Any,
        sites: QuerySet[Site],
        presenters: QuerySet[Person],
        max_length: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["addressed_to"].queryset = presenters
        self.fields["addressed_to"].label_from_instance = lambda person: person.full_name
        # No `maxlength`: the browser would cut the text silently; the counter warns instead and
        # the service refuses an over-long question with its message.
        self.fields["text"].widget.attrs.update({"data-max": str(max_length)})
        if not presenters:
            del self.fields["addressed_to"]


class RejectForm(forms.Form):
    # Required and at most 255 characters: the service says so (`services.reject`).
    reason = forms.CharField(label=_("Lý do không duyệt"), required=False)


class RouteForm(forms.Form):
    addressed_to = forms.ModelChoiceField(
        label=_("Chuyển báo cáo viên"), queryset=Person.objects.none()
    )

    def __init__(self, *args: Any, presenters: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = presenters
        self.fields["addressed_to"].label_from_instance = lambda person: person.full_name


class MergeForm(forms.Form):
    merged_into = forms.ModelChoiceField(
        label=_("Gộp vào câu hỏi"), queryset=Question.objects.none()
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = Question.objects.filter(
            conference_id=question.conference_id, status__in=ACTIVE_STATUSES
        ).exclude(pk=question.pk)


class AnswerForm(forms.Form):
    # A live answer may have no summary; a written one needs a text (the service decides).
    text = forms.CharField(
        label=_("Nội dung trả lời"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    live = forms.BooleanField(
        label=_("Đã trả lời trực tiếp tại hội nghị (đây là tóm tắt)"), required=False
    )
    # Moderators record an answer on behalf of a presenter; presenters answer as themselves.
    presenter = forms.ModelChoiceField(
        label=_("Báo cáo viên trả lời"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, presenters: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters
