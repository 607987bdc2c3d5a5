"""Forms of the people pages. Choices come from the access module, so nobody can pick an
organisation outside their scope; the checks that matter live in the services."""

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quantriet.core.forms import BoundMessages
from quantriet.orgs import access, services
from quantriet.orgs.models import Category, Org, Person, Role

OUT_OF_SCOPE = _("Tổ chức đã chọn không có hoặc nằm ngoài phạm vi đồng chí được quản lý.")


class OrgChoiceField(forms.ModelChoiceField):
    """Organisations in tree order, indented by depth so the hierarchy shows in a plain select."""

    def label_from_instance(self, obj: Org) -> str:
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name}"


class PeopleFilterForm(forms.Form):
    org = OrgChoiceField(
        label=_("Tổ chức (gồm cả cấp dưới)"),
        queryset=Org.objects.none(),
        required=False,
        empty_label=_("Tất cả trong phạm vi"),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )
    category = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[("", _("Tất cả đối tượng")), *Category.choices],
        required=False,
    )
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=120)

    def __init__(self, *args: object, user: User | AnonymousUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.visible_orgs(user).only("id", "name", "path", "depth")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PersonForm(BoundMessages, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "date_of_birth",
            "category",
            "party_card_no",
            "org",
            "position",
            "phone",
            "email",
            "address",
        ]
        widgets = {"date_of_birth": DateInput()}
        help_texts = {"party_card_no": _("8 chữ số, dạng 24.074351; để trống nếu không có.")}
        error_messages = {
            "org": {"invalid_choice": OUT_OF_SCOPE},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }

    def __init__(self, *args: object, user: User | AnonymousUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        org_field = self.fields["org"]
        org_field.queryset = access.orgs_for(user, access.MANAGE_PEOPLE).only("id", "name")
        org_field.empty_label = None

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise ValidationError(_("Họ và tên không được để trống."))
        return name

    def clean_party_card_no(self) -> str | None:
        return services.clean_party_card(
            self.cleaned_data.get("party_card_no"), exclude_pk=self.instance.pk
        )

    def clean_date_of_birth(self) -> object:
        return services.clean_date_of_birth(self.cleaned_data.get("date_of_birth"))


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá giống tên đăng nhập."),
    )


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    org = forms.ModelChoiceField(
        label=_("Trên tổ chức (gồm cả cấp dưới)"),
        queryset=Org.objects.none(),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )

    def __init__(self, *args: object, user: User | AnonymousUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = access.orgs_for(user, access.MANAGE_ACCOUNTS).only(
            "id", "name"
        )
