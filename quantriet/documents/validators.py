"""Checks for document numbers, shared by forms, services and the API."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from quantriet.core.text import nfc

# Symbols use Latin capitals plus the Vietnamese ones (ĐU, TƯ); a few keep a small letter (QĐi, TTg).
_UP = "A-ZĐĂÂÊÔƠƯ"
_ANY = "A-Za-zĐđĂăÂâÊêÔôƠơƯư"
_PART = f"[{_UP}0-9][{_ANY}0-9]*"
# Party style: number, hyphen, kind, slash, issuer (339-QĐ/TW, 01-CTr/ĐU, 45-KH/BTGDVTU).
PARTY_NUMBER = re.compile(rf"^\d{{1,5}}-[{_UP}][{_ANY}]{{0,5}}/{_PART}([/-]{_PART})*$")
# State style: number, optional year, kind-issuer (13/2023/NĐ-CP, 123/QĐ-UBND, 45/2019/QH14).
STATE_NUMBER = re.compile(rf"^\d{{1,5}}/(\d{{4}}/)?[{_UP}][{_ANY}0-9]*(-[{_UP}][{_ANY}0-9]*)*$")


def normalize_number(value: str) -> str:
    """NFC, without any spaces: `339 - QĐ / TW` → `339-QĐ/TW`."""
    return "".join(nfc(value).split())


def number_style(value: str) -> str | None:
    """ "party", "state" or None for a normalised number."""
    if PARTY_NUMBER.match(value):
        return "party"
    if STATE_NUMBER.match(value):
        return "state"
    return None


def validate_number(value: str) -> str:
    """Return the normalised number; blank is allowed (Congress resolutions have none)."""
    number = normalize_number(value)
    if number and number_style(number) is None:
        raise ValidationError(
            _(
                "Số, ký hiệu “%(value)s” không đúng mẫu. Văn bản của Đảng ghi dạng 339-QĐ/TW "
                "(số, gạch nối, ký hiệu); văn bản nhà nước ghi dạng 13/2023/NĐ-CP (có dấu gạch chéo)."
            ),
            code="invalid_number",
            params={"value": number},
        )
    return number
