"""Planning forms: they shape input; the services in `planning` decide whether it is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quantriet.conferences import access
from quantriet.conferences.models import (
    LATE_AFTER_MAX_MINUTES,
    AgendaItem,
    Conference,
    Format,
    Site,
)
from quantriet.conferences.planning.services import operator_choices
from quantriet.core.forms import BoundMessages
from quantriet.core.validation import max_length
from quantriet.documents.access import visible_documents
from quantriet.documents.models import Document
from quantriet.orgs.access import orgs_for, visible_people
from quantriet.orgs.models import Category, Org, Person


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def managed_orgs(user: User | AnonymousUser) -> QuerySet[Org]:
    return orgs_for(user, access.MANAGE_CONFERENCES).order_by("path")


class OrgChoiceField(forms.ModelChoiceField):
    """Indented by depth so a long list of organisations reads as a tree."""

    def label_from_instance(self, obj: Org) -> str:
        return f"{'— ' * max(0, obj.depth - 1)}{obj.name}"


class OrgMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Org) -> str:
        return f"{'— ' * max(0, obj.depth - 1)}{obj.name}"


class ConferenceForm(BoundMessages, forms.Form):
    title = forms.CharField(label=_("Tên hội nghị"), max_length=max_length(Conference, "title"))
    description = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    format = forms.ChoiceField(label=_("Hình thức"), choices=Format.choices)
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("Kết thúc"), widget=_datetime_widget())
    host_org = OrgChoiceField(label=_("Tổ chức chủ trì"), queryset=Org.objects.none())
    documents = forms.ModelMultipleChoiceField(
        label=_("Văn bản học tập, quán triệt"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    presenters = forms.ModelMultipleChoiceField(
        label=_("Báo cáo viên"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Chọn trong số cán bộ chủ chốt thuộc phạm vi quản lý."),
    )
    allow_uninvited = forms.BooleanField(
        label=_("Cho phép điểm danh người ngoài danh sách mời"), required=False, initial=True
    )
    late_after_minutes = forms.IntegerField(
        label=_("Tính đi muộn sau (phút)"),
        min_value=0,
        max_value=LATE_AFTER_MAX_MINUTES,
        initial=15,
    )

    def __init__(
        self,
        *args: Any,
        user: User | AnonymousUser,
        conference: Conference | None = None,
        **kwargs: Any,
    ) -> None:
        if conference is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": conference.title,
                "description": conference.description,
                "format": conference.format,
                "starts_at": conference.starts_at,
                "ends_at": conference.ends_at,
                "host_org": conference.host_org_id,
                "documents": list(conference.documents.values_list("pk", flat=True)),
                "presenters": list(conference.presenters.values_list("pk", flat=True)),
                "allow_uninvited": conference.allow_uninvited,
                "late_after_minutes": conference.late_after_minutes,
            }
        super().__init__(*args, **kwargs)
        host_q = access.scope_for(user).path_q(access.MANAGE_CONFERENCES)
        if conference is not None:
            host_q |= Q(pk=conference.host_org_id)
        self.fields["host_org"].queryset = Org.objects.filter(host_q).order_by("path")  # type: ignore[attr-defined]
        self.fields["documents"].queryset = visible_documents(user).order_by("-issued_on")  # type: ignore[attr-defined]
        people_q = Q(category=Category.KEY_CADRE)
        if conference is not None:
            people_q |= Q(pk__in=conference.presenters.values("pk"))
        self.fields["presenters"].queryset = (  # type: ignore[attr-defined]
            visible_people(user).filter(people_q).order_by("search_name")
        )


class SiteForm(BoundMessages, forms.Form):
    org = OrgChoiceField(label=_("Tổ chức"), queryset=Org.objects.none())
    name = forms.CharField(
        label=_("Tên điểm cầu"),
        max_length=max_length(Site, "name"),
        required=False,
        help_text=_("Để trống để dùng “Điểm cầu [tên tổ chức]”."),
    )
    address = forms.CharField(
        label=_("Địa điểm"), max_length=max_length(Site, "address"), required=False
    )
    expected = forms.IntegerField(label=_("Số người dự kiến"), min_value=0, initial=0)
    is_host = forms.BooleanField(label=_("Điểm cầu chính"), required=False)
    operators = forms.ModelMultipleChoiceField(
        label=_("Người vận hành"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(
        self, *args: Any, user: User | AnonymousUser, site: Site | None = None, **kwargs: Any
    ) -> None:
        if site is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": site.name,
                "address": site.address,
                "expected": site.expected,
                "is_host": site.is_host,
                "operators": [op.pk for op in site.operators.all()],
            }
        super().__init__(*args, **kwargs)
        choices = Q(pk__in=operator_choices(user).values("pk"))  # type: ignore[arg-type]
        if site is not None:
            del self.fields["org"]
            choices |= Q(operated_sites=site)
        else:
            self.fields["org"].queryset = managed_orgs(user)  # type: ignore[attr-defined]
        self.fields["operators"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(choices).distinct().order_by("username")
        )


class BulkSitesForm(forms.Form):
    """Many sites at once: the direct children of one organisation, and/or a hand-picked list."""

    parent = OrgChoiceField(
        label=_("Thêm cho mọi tổ chức trực thuộc tổ chức này"),
        queryset=Org.objects.none(),
        required=False,
        help_text=_("Tạo một điểm cầu cho mỗi tổ chức trực thuộc trực tiếp tổ chức này."),
    )
    orgs = OrgMultipleChoiceField(
        label=_("Hoặc chọn các tổ chức"),
        queryset=Org.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parent"].queryset = managed_orgs(user)  # type: ignore[attr-defined]
        self.fields["orgs"].queryset = managed_orgs(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("parent") and not data.get("orgs"):
            raise ValidationError(_("Hãy chọn một tổ chức cấp trên hoặc một số tổ chức."))
        return data

    def selected_orgs(self) -> list[Org]:
        orgs = list(self.cleaned_data.get("orgs") or [])
        parent = self.cleaned_data.get("parent")
        if parent is not None:
            orgs += list(managed_orgs(self.user).filter(parent=parent, is_active=True))
        return orgs


class RuleForm(forms.Form):
    orgs = OrgMultipleChoiceField(
        label=_("Tổ chức"),
        queryset=Org.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    include_subtree = forms.BooleanField(
        label=_("Gồm cả các tổ chức cấp dưới"), required=False, initial=True
    )
    categories = forms.MultipleChoiceField(
        label=_("Đối tượng"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn đối tượng nào nghĩa là mọi người trong các tổ chức đã chọn."),
    )

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["orgs"].queryset = managed_orgs(user)  # type: ignore[attr-defined]


class AgendaForm(BoundMessages, forms.Form):
    starts_at = forms.DateTimeField(label=_("Thời gian"), widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("Đến"), required=False, widget=_datetime_widget())
    title = forms.CharField(label=_("Nội dung"), max_length=max_length(AgendaItem, "title"))
    presenter = forms.ModelChoiceField(
        label=_("Người trình bày"), queryset=Person.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, user: User | AnonymousUser, conference: Conference, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"starts_at": conference.starts_at})
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = (  # type: ignore[attr-defined]
            visible_people(user)
            .filter(Q(pk__in=conference.presenters.values("pk")) | Q(category=Category.KEY_CADRE))
            .order_by("search_name")
        )


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("Tài liệu (PDF hoặc DOCX, tối đa 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class InviteeFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=120)
    site = forms.TypedChoiceField(label=_("Điểm cầu"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, sites: list[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("Tất cả"))] + [(s.pk, s.name) for s in sites]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"q": data.get("q") or None, "site": data.get("site") or None}


class MoveForm(forms.Form):
    invitations = forms.TypedMultipleChoiceField(
        label=_("Người được chọn"), coerce=int, required=False
    )
    site = forms.ModelChoiceField(label=_("Chuyển sang điểm cầu"), queryset=Site.objects.none())

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(conference=conference)  # type: ignore[attr-defined]
        # Any id is accepted here; the service keeps only invitations of this conference.
        self.fields["invitations"].valid_value = lambda value: True  # type: ignore[attr-defined]
