"""Small text helpers: slugs, word counts, reading time, date labels."""

from __future__ import annotations

import math
import re
from datetime import datetime

from slugify import slugify as _slugify

WORDS_PER_MINUTE = 225
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


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""
