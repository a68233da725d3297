"""Small text helpers: slugs, word counts, reading time, date labels."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime

from slugify import slugify as _slugify

WORDS_PER_MINUTE = 225
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)


def slugify(text: str, *, max_length: int = 80) -> str:
    """URL slug through python-slugify (transliterates unicode, trims on word boundary)."""
    return _slugify(text, max_length=max_length, word_boundary=True)


def word_count(*texts: str) -> int:
    return sum(len(_WORD.findall(t or "")) for t in texts)


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def date_label(moment: datetime | None) -> str:
    """``25 August 2025`` — the publication's house style, no leading zero."""
    if moment is None:
        return ""
    return f"{moment.day} {moment:%B %Y}"


def exact_label(moment: datetime) -> str:
    """``25 August 2025, 09:30 UTC``."""
    return f"{date_label(moment)}, {moment:%H:%M} UTC"


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Coerce anything to text, drop control characters and NULs, trim.

    Line breaks survive in multi-line fields (normalised to ``\\n``), tabs and
    line breaks become spaces elsewhere.
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    else:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
