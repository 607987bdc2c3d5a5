from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's own Vietnamese catalogue lacks these; ours are Vietnamese at the source.
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


def add_service_errors(
    form: forms.Form, exc: ValidationError, *, fields: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: each key on the field of that name (or
    the field `fields` maps it to), keys the form has no field for on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        target = (fields or {}).get(key, key)
        for error in errors:
            form.add_error(
                target if target in form.fields and target != NON_FIELD_ERRORS else None, error
            )
