import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CARD_DIGITS = re.compile(r"^\d{8}$")


def normalise_party_card(value: str) -> str:
    """Party card numbers are 8 digits, written `NN.NNNNNN` (province code, then serial).

    Accepts `24.074351`, `24074351` or `24 074351`; returns `24.074351`.
    """
    digits = re.sub(r"[\s.]", "", value or "")
    if not _CARD_DIGITS.match(digits):
        raise ValidationError(
            _("Số thẻ đảng viên “%(value)s” không hợp lệ: cần 8 chữ số, dạng 24.074351.")
            % {"value": value},
            code="invalid_party_card",
        )
    return f"{digits[:2]}.{digits[2:]}"
