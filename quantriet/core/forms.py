from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quantriet.core.validation import bounds, range_message


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


def _narrower(a: Any, b: Any, pick: Callable[[Any, Any], Any]) -> Any:
    return b if a is None else a if b is None else pick(a, b)


def use_bound_messages(form: forms.BaseForm) -> None:
    """Say a field's length and range in the words the services use (`core.validation`), not
    Django's ("Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 1000 ."): one bound, one message."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, field in form.fields.items():
        low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
        if model is not None and name in {f.name for f in model._meta.concrete_fields}:
            # A model form raises the model's validators' errors under the same codes.
            model_low, model_high = bounds(model._meta.get_field(name))
            low, high = _narrower(low, model_low, max), _narrower(high, model_high, min)
        if low is not None or high is not None:
            message = range_message(low, high).replace("%", "%%")
            field.error_messages["min_value"] = field.error_messages["max_value"] = message
        if getattr(field, "max_length", None):
            # Django fills in the count when it raises the error.
            field.error_messages["max_length"] = gettext(
                "Tối đa %(max)s ký tự (hiện có %(n)s)."
            ) % {"max": field.max_length, "n": "%(show_value)d"}


class BoundMessages:
    """Mix into a form (first) so its lengths and ranges read like the services'."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        use_bound_messages(self)  # type: ignore[arg-type]
