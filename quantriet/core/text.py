"""Vietnamese text helpers: NFC normalisation and accent folding for search."""

import unicodedata

# đ/Đ are letters of their own, not d with a combining mark, so NFD leaves them alone.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """Lower-case, strip diacritics (including đ → d) and collapse spaces.

    `fold("Nghị quyết Đại hội")` == `fold("nghi quyet dai hoi")` == "nghi quyet dai hoi".
    """
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
