"""Web fonts (issue #19): one file per family and style, latin only, every preload used."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import vendor_fonts  # noqa: E402  (scripts/vendor_fonts.py: what the committed fonts were trimmed to)

CSS = (ROOT / "assets" / "styles.css").read_text("utf-8")
FACES = re.findall(r"@font-face\s*\{([^}]*)\}", CSS)
# The Urdu edition's own stylesheet (issue #17), linked only from Urdu pages.
URDU_CSS = (ROOT / "assets" / "urdu.css").read_text("utf-8")


def prop(face: str, name: str) -> str:
    return re.search(rf"{name}:\s*([^;]+);", face).group(1).strip()


def test_one_file_per_family_and_style_each_present_and_latin_only():
    kinds = Counter((prop(f, "font-family"), prop(f, "font-style")) for f in FACES)
    assert kinds and max(kinds.values()) == 1, kinds
    for face in FACES:
        url = re.search(r'url\("(/fonts/[^"]+)"\)', face).group(1)
        assert (ROOT / "assets" / url.lstrip("/")).is_file(), url
        assert prop(face, "unicode-range") == vendor_fonts.UNICODE_RANGE, url  # what scripts/vendor_fonts.py keeps
    served = {p.name for p in (ROOT / "assets" / "fonts").glob("*.woff2")}
    used = set(re.findall(r"/fonts/([^\"]+\.woff2)", CSS + URDU_CSS))
    assert served == used  # nothing shipped that no page asks for


def test_the_latin_faces_are_trimmed_to_the_weights_and_characters_the_site_uses():
    from fontTools.ttLib import TTFont

    for face in FACES:
        font = TTFont(ROOT / "assets" / re.search(r'url\("/(fonts/[^"]+)"\)', face).group(1))
        cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in "Pakistan’s “civil” servants — 1,000 rupees… é ü ñ ©"), face
        assert ord("Ж") not in cmap and ord("→") not in cmap  # not written by the site: left to the fallback
        if "fvar" in font:
            (wght,) = [(a.minValue, a.maxValue) for a in font["fvar"].axes if a.axisTag == "wght"]
            assert wght == vendor_fonts.WEIGHTS == tuple(map(float, prop(face, "font-weight").split()))
        assert "ss01" not in {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
    files = {ROOT / "assets" / re.search(r'url\("/(fonts/[^"]+)"\)', face).group(1) for face in FACES}
    assert sum(f.stat().st_size for f in files) < 75 * 1024  # 119 KiB before trimming


def test_every_preload_is_a_font_the_stylesheet_uses():
    source = (ROOT / "artisan_app" / "artisan_app.py").read_text("utf-8")
    preloads = re.search(r"PRELOADED_FONTS = \(([^)]*)\)", source).group(1)
    names = re.findall(r'"([^"]+)"', preloads)
    assert 0 < len(names) <= 3
    for name in names:
        assert f"/fonts/{name}.woff2" in CSS


def test_the_urdu_face_is_one_subset_file_for_arabic_script_only():
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", URDU_CSS)
    assert len(faces) == 1 and prop(faces[0], "font-family") == '"Noto Nastaliq Urdu"'
    assert prop(faces[0], "unicode-range").startswith("U+0600-06FF")  # Latin stays with the site's faces
    font = ROOT / "assets" / "fonts" / "noto-nastaliq-urdu-400.woff2"
    assert font.read_bytes()[:4] == b"wOF2" and font.stat().st_size < 159_368  # smaller than the package's subset
    assert "SIL Open Font License" in (ROOT / "assets" / "fonts" / "LICENSE-noto-nastaliq-urdu.txt").read_text("utf-8")
    assert "noto-nastaliq" not in CSS  # never loaded by the English pages
    # Mirroring is by logical properties: no physical left/right in the Urdu rules.
    assert not re.search(r"\b(left|right)\b", re.sub(r"/\*.*?\*/", "", URDU_CSS, flags=re.S))
