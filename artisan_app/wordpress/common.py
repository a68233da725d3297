"""Small helpers shared by the import's modules."""

from __future__ import annotations

import hashlib
import json
import re

from artisan_app.wordpress.adapter import flatten
from artisan_app.wordpress.html import convert
from artisan_app.wordpress.wxr import WxrItem


def label(item: WxrItem) -> str:
    return f"“{(item.title or '(untitled)')[:60]}” (WordPress #{item.post_id})"


def digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()


def convert_text(html: str) -> str:
    """Plain text of a bit of HTML (excerpts, comments): paragraphs kept, links as ``text (url)``."""
    if "<" not in html and "&" not in html and "[" not in html:  # already plain text (most comments)
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip())
    body = convert(html)
    return "\n\n".join(
        flatten(b.runs)[0] if b.kind != "list" else "\n".join(f"• {flatten(i)[0]}" for i in b.items) for b in body.all_blocks()
    ).strip()
