"""Forms: they shape input; the services in `services.py` decide whether it is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from quantriet.core.forms import use_bound_messages
from quantriet.documents import access
from quantriet.documents.models import Document, Kind, LinkKind
from quantriet.orgs.models import Category, Org, OrgLevel, Role

FORM_FIELDS = [
    "kind",
    "number",
    "level",
    "issuer",
    "issuing_org",
    "issued_on",
    "term",
    "title",
    "summary",
    "core_points",
    "new_points",
    "secrecy",
    "urgency",
]


class DocumentForm(forms.Form):
    """Register or edit a document; circulation is chosen as organisations × roles."""

    def __init__(
        self,
        *args: Any,
        user: User | AnonymousUser,
        document: Document | None = None,
        **kwargs: Any,
    ) -> None:
        if document is not None and "initial" not in kwargs:
            initial = model_to_dict(document, fields=[*FORM_FIELDS, "audiences"])
            rows = list(document.circulation.all())
            initial["circulation_orgs"] = sorted({row.org_id for row in rows})
            initial["circulation_roles"] = sorted({row.role for row in rows if row.role})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Document,
                fields=FORM_FIELDS,
                widgets={
                    "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    "summary": forms.Textarea(attrs={"rows": 4}),
                    "core_points": forms.Textarea(attrs={"rows": 6}),
                    "new_points": forms.Textarea(attrs={"rows": 6}),
                },
            )
        )
        self.fields["number"].help_text = _(
            "Văn bản của Đảng: 339-QĐ/TW, 21-NQ/TW; văn bản nhà nước: 13/2023/NĐ-CP. "
            "Để trống nếu văn bản không có số."
        )
        self.fields["level"].queryset = OrgLevel.objects.all()
        orgs = _org_choices(user, document)
        self.fields["issuing_org"].queryset = orgs
        self.fields["audiences"] = forms.MultipleChoiceField(
            label=_("Đối tượng áp dụng"),
            choices=Category.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["circulation_orgs"] = forms.ModelMultipleChoiceField(
            label=_("Phạm vi lưu hành: tổ chức"),
            queryset=orgs,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_(
                "Bắt buộc với văn bản Mật, Tối mật: chỉ người có vai trò trong các tổ chức này "
                "(kể cả tổ chức cấp dưới) mới thấy văn bản."
            ),
        )
        self.fields["circulation_roles"] = forms.MultipleChoiceField(
            label=_("Phạm vi lưu hành: vai trò"),
            choices=Role.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Không chọn vai trò nào nghĩa là mọi vai trò trong các tổ chức đã chọn."),
        )
        # Lengths in the services' words; the fields come from the model, so after them.
        use_bound_messages(self)


def _org_choices(user: User | AnonymousUser, document: Document | None) -> QuerySet[Org]:
    """Organisations the user manages, plus those the document already names (kept on edit)."""
    q = access.manageable_orgs_q(user)
    if document is not None and document.pk:
        q |= Q(pk=document.issuing_org_id) | Q(pk__in=document.circulation.values("org_id"))
    return Org.objects.filter(q).select_related("level").order_by("path")


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp đính kèm (PDF hoặc DOCX, tối đa 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class LinkForm(forms.Form):
    relation = forms.ChoiceField(label=_("Văn bản này"), choices=LinkKind.choices)
    target = forms.ModelChoiceField(label=_("Văn bản liên kết"), queryset=Document.objects.none())

    def __init__(
        self, *args: Any, user: User | AnonymousUser, source: Document, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        target.queryset = access.visible_documents(user).exclude(pk=source.pk)  # type: ignore[attr-defined]


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    level = forms.ChoiceField(label=_("Cấp ban hành"), required=False)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    term = forms.ChoiceField(label=_("Nhiệm kỳ / khóa"), required=False)

    def __init__(
        self, *args: Any, levels: list[OrgLevel], years: list[int], terms: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", _("Tất cả"))]
        self.fields["kind"].choices = blank + list(Kind.choices)
        self.fields["level"].choices = blank + [(lvl.code, lvl.name) for lvl in levels]
        self.fields["year"].choices = blank + [(y, str(y)) for y in years]
        self.fields["term"].choices = blank + [(t, t) for t in terms]

    def filters(self) -> dict[str, Any]:
        """Valid filters only; a bad value is dropped rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in ("kind", "level", "year", "term", "q")}
