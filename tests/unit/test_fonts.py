"""Web fonts (issue #19): one file per family and style, latin only, every preload used."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "assets" / "styles.css").read_text("utf-8")
FACES = re.findall(r"@font-face\s*\{([^}]*)\}", CSS)


def prop(face: str, name: str) -> str:
    return re.search(rf"{name}:\s*([^;]+);", face).group(1).strip()


def test_one_file_per_family_and_style_each_present_and_latin_only():
    kinds = Counter((prop(f, "font-family"), prop(f, "font-style")) for f in FACES)
    assert kinds and max(kinds.values()) == 1, kinds
    for face in FACES:
        url = re.search(r'url\("(/fonts/[^"]+)"\)', face).group(1)
        assert (ROOT / "assets" / url.lstrip("/")).is_file(), url
        assert prop(face, "unicode-range").startswith("U+0000-00FF"), url  # no other subsets unless text needs them
    served = {p.name for p in (ROOT / "assets" / "fonts").glob("*.woff2")}
    used = set(re.findall(r"/fonts/([^\"]+\.woff2)", CSS))
    assert served == used  # nothing shipped that no page asks for


def test_every_preload_is_a_font_the_stylesheet_uses():
    source = (ROOT / "artisan_app" / "artisan_app.py").read_text("utf-8")
    preloads = re.search(r"PRELOADED_FONTS = \(([^)]*)\)", source).group(1)
    names = re.findall(r'"([^"]+)"', preloads)
    assert 0 < len(names) <= 3
    for name in names:
        assert f"/fonts/{name}.woff2" in CSS
