"""A model's own bounds, checked by the service that writes it.

A form and an API schema may repeat a bound to answer early, but the service is the one way in
(pages, API, the demo, commands), so it asks the model: `max_length`, the field's validators
(`MinValueValidator`, `MaxValueValidator`, `EmailValidator`…), choices, null and blank.
PostgreSQL refuses a string longer than its column with a DataError (a 500) where SQLite stores
it, so the bound has to be checked before the write, and the same way on both.

Django's messages come in its Vietnamese catalogue only in part ("“%(value)s” value must be an
integer." is English there, "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 600 ." reads badly), so
the common codes get our own words; a validator's own message (ours are Vietnamese) is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import formats
from django.utils.translation import gettext as _

# The column ranges of PostgreSQL (Django's defaults): SQLite's are wider, and the bound a user
# meets must not depend on the database behind it.
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges

Errors = dict[str, list[str]]


def _number(value: Any) -> str:
    return formats.number_format(value) if isinstance(value, int | float | Decimal) else str(value)


def range_message(low: Any, high: Any) -> str:
    """ "Giá trị phải từ 0 đến 600." (or the one bound there is)."""
    if low is not None and high is not None:
        return _("Giá trị phải từ %(min)s đến %(max)s.") % {
            "min": _number(low),
            "max": _number(high),
        }
    if low is not None:
        return _("Giá trị phải từ %(min)s trở lên.") % {"min": _number(low)}
    return _("Giá trị tối đa là %(max)s.") % {"max": _number(high)}


def _invalid_message(field: models.Field) -> str:
    if isinstance(field, models.IntegerField):
        return _("Cần một số nguyên.")
    if isinstance(field, models.DecimalField | models.FloatField):
        return _("Cần một số.")
    if isinstance(field, models.DateTimeField):
        return _("Thời gian không hợp lệ.")
    if isinstance(field, models.DateField):
        return _("Ngày không hợp lệ.")
    if isinstance(field, models.EmailField):
        return _("Địa chỉ thư điện tử không hợp lệ.")
    if isinstance(field, models.BooleanField):
        return _("Cần giá trị đúng/sai.")
    return _("Giá trị không hợp lệ.")


def _message(field: models.Field, error: ValidationError, value: Any) -> str:
    """Our Vietnamese words for Django's common codes; any other error keeps its own message."""
    params = error.params or {}
    match error.code:
        case "null" | "blank" | "required":
            return _("Trường này là bắt buộc.")
        case "max_length":
            return _("Tối đa %(max)s ký tự (hiện có %(n)s).") % {
                "max": params.get("limit_value"),
                "n": params.get("show_value", len(str(value))),
            }
        case "min_length":
            return _("Tối thiểu %(min)s ký tự (hiện có %(n)s).") % {
                "min": params.get("limit_value"),
                "n": params.get("show_value", len(str(value))),
            }
        case "invalid_choice":
            return _("Giá trị không nằm trong danh sách cho phép.")
        case "max_digits":
            return _("Tối đa %(max)s chữ số.") % {"max": params.get("max")}
        case "max_decimal_places":
            return _("Tối đa %(max)s chữ số sau dấu thập phân.") % {"max": params.get("max")}
        case "max_whole_digits":
            return _("Tối đa %(max)s chữ số ở phần nguyên.") % {"max": params.get("max")}
        case "invalid":
            return _invalid_message(field)
    return error.message % params if params else str(error.message)


def bounds(field: models.Field) -> tuple[Any, Any]:
    """The narrowest [low, high] the field's validators and its column allow (None: open)."""
    low = high = None
    if isinstance(field, models.IntegerField):
        low, high = _INTEGER_RANGES.get(field.get_internal_type(), (None, None))
    for validator in field.validators:
        if isinstance(validator, MinValueValidator | MaxValueValidator):
            limit = validator.limit_value
            limit = limit() if callable(limit) else limit
            if isinstance(validator, MinValueValidator):
                low = limit if low is None else max(low, limit)
            else:
                high = limit if high is None else min(high, limit)
    return low, high


def field_errors(field: models.Field, value: Any) -> list[str]:
    """What is wrong with `value` for `field`, in Vietnamese; empty when it may be saved."""
    if field.is_relation:
        # Which related rows a user may pick is the service's question (the user's scope).
        if value is None and not field.null and not field.many_to_many:
            return [_("Trường này là bắt buộc.")]
        return []
    # Not int("12"), not True, not 1.5 silently made 1: a service is called with numbers.
    if isinstance(field, models.IntegerField) and (
        isinstance(value, bool) or not isinstance(value, int | None)
    ):
        return [_invalid_message(field)]
    try:
        value = field.to_python(value)
        field.validate(value, None)  # choices, null, blank
    except ValidationError as exc:
        return [_message(field, error, value) for error in exc.error_list]
    if value in field.empty_values:
        return []
    messages = []
    low, high = bounds(field)
    if (low is not None and value < low) or (high is not None and value > high):
        messages.append(range_message(low, high))
    for validator in field.validators:
        if isinstance(validator, MinValueValidator | MaxValueValidator):
            continue
        try:
            validator(value)
        except ValidationError as exc:
            messages += [_message(field, error, value) for error in exc.error_list]
    return messages


def max_length(model: type[models.Model], name: str) -> int:
    """The column's length, for a form or a schema that repeats it (and the browser's hint)."""
    return model._meta.get_field(name).max_length  # type: ignore[return-value]


def check_fields(model: type[models.Model], values: Mapping[str, Any]) -> Errors:
    """{field name: messages} for the values that break `model`'s own field rules.

    `check_fields(Conference, {"title": "x" * 301})`
    == `{"title": ["Tối đa 300 ký tự (hiện có 301)."]}`.
    """
    errors: Errors = {}
    clean_fields(model, values, errors)
    return errors


def clean_fields(model: type[models.Model], values: Mapping[str, Any], errors: Errors) -> None:
    """Add to `errors` (a service's own, collected field by field) what `check_fields` finds
    for the fields the service has not already found wrong (its own message says more)."""
    for name, value in values.items():
        if name in errors:
            continue
        messages = field_errors(model._meta.get_field(name), value)
        if messages:
            errors[name] = messages


def require_fields(model: type[models.Model], values: Mapping[str, Any]) -> None:
    """Raise ValidationError naming each field whose value `model` would refuse."""
    errors = check_fields(model, values)
    if errors:
        raise ValidationError(errors)
