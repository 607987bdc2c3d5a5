"""Personal check-in codes: a signed token per person, and its QR image.

The token is the person's id in base 62 signed with the site's SECRET_KEY (HMAC-SHA256 through
`django.core.signing`), so it cannot be guessed or forged from another person's id. It is the
same for every conference: one printed card serves them all. Rotating SECRET_KEY (or the salt
below) invalidates every printed card.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import io

import segno
from django.core import signing
from django.utils.translation import gettext as _

from quantriet.orgs.models import Person

SALT = "quantriet.checkin"
# Distinguishes our codes from other QR codes an operator may point the camera at.
PREFIX = "QT1"
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SIGNER = signing.Signer(salt=SALT, sep=".")


class InvalidToken(ValueError):
    """A code that is not one of ours, garbled, or signed with another key."""

    def __init__(self) -> None:
        super().__init__(_("Mã QR không hợp lệ hoặc đã bị làm giả."))


def _b62(number: int) -> str:
    digits = []
    while True:
        number, rest = divmod(number, 62)
        digits.append(_ALPHABET[rest])
        if number == 0:
            return "".join(reversed(digits))


def _from_b62(text: str) -> int:
    number = 0
    for char in text:
        number = number * 62 + _ALPHABET.index(char)
    return number


def token_for_id(person_id: int) -> str:
    return _SIGNER.sign(f"{PREFIX}{_b62(person_id)}")


def checkin_token(person: Person) -> str:
    """The person's personal check-in code: `QT1`, the id in base 62, a dot, the signature."""
    return token_for_id(person.pk)


@functools.lru_cache(maxsize=4)
def _macs(keys: tuple[str, ...]) -> tuple[hmac.HMAC, ...]:
    """One keyed HMAC-SHA256 per key (SECRET_KEY, then SECRET_KEY_FALLBACKS), its key derived as
    `django.core.signing` derives it. Verifying a scan copies one instead of deriving the key
    again: half the cost of `Signer.unsign`, on a path taken a thousand times a second."""
    salt = (_SIGNER.salt + "signer").encode()
    return tuple(
        hmac.new(hashlib.sha256(salt + key.encode()).digest(), digestmod=hashlib.sha256)
        for key in keys
    )


def _unsign(token: str) -> str:
    """`_SIGNER.unsign(token)`: the value when the signature is one of ours, else InvalidToken."""
    value, sep, signature = token.rpartition(".")
    if not sep:
        raise InvalidToken
    try:
        message, expected = value.encode(), signature.encode()
    except UnicodeEncodeError:  # a lone surrogate, sent as "\ud800" in JSON
        raise InvalidToken from None
    for mac in _macs((_SIGNER.key, *_SIGNER.fallback_keys)):
        mac = mac.copy()
        mac.update(message)
        if hmac.compare_digest(base64.urlsafe_b64encode(mac.digest()).rstrip(b"="), expected):
            return value
    raise InvalidToken


def person_id_from_token(token: str) -> int:
    """The person id a token was issued for; raises InvalidToken for anything else."""
    token = (token or "").strip()
    if len(token) > 200:
        raise InvalidToken
    value = _unsign(token)
    if not value.startswith(PREFIX) or len(value) == len(PREFIX):
        raise InvalidToken
    try:
        return _from_b62(value[len(PREFIX) :])
    except ValueError:
        raise InvalidToken from None


# --- QR images ------------------------------------------------------------------


def qr_svg(data: str, *, scale: int = 4, title: str = "") -> str:
    """An inline <svg> element (no XML declaration) for embedding in HTML."""
    qr = segno.make(data, error="m")
    return qr.svg_inline(scale=scale, border=2, title=title or None, svgclass="qt-qr")


def qr_svg_document(data: str, *, scale: int = 8) -> bytes:
    qr = segno.make(data, error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=scale, border=4, xmldecl=True)
    return out.getvalue()


def qr_png(data: str, *, scale: int = 8) -> bytes:
    qr = segno.make(data, error="m")
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_matrix(data: str) -> list[list[bool]]:
    """Dark modules of the code, row by row, without the quiet zone (tests, fake cameras)."""
    qr = segno.make(data, error="m")
    return [[bool(cell) for cell in row] for row in qr.matrix]
