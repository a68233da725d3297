"""The layout mirrors for the Urdu edition through CSS logical properties (issue #17)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PHYSICAL = re.compile(
    r"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right|float|clear)\s*:"
    r"|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)"
)


def test_stylesheets_use_logical_properties_only():
    for name in ("styles.css", "urdu.css"):
        css = re.sub(r"/\*.*?\*/", "", (ROOT / "assets" / name).read_text("utf-8"), flags=re.S)
        found = [m.group(0) for m in PHYSICAL.finditer(css)]
        assert found == [], f"{name}: {found}"
