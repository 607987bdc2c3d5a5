"""The words of practice: the dialogue addresses people as "đồng chí", never "bạn"."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "quantriet" / "dialogue").rglob("*.py")),
    *sorted((ROOT / "templates" / "dialogue").rglob("*.html")),
    ROOT / "static" / "quantriet" / "dialogue.js",
    ROOT / "static" / "quantriet" / "polls.js",
]


def test_dialogue_says_dong_chi_never_ban():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in SOURCES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bbạn\b", line, flags=re.IGNORECASE)
    ]
    assert found == []
