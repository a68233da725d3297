"""Web fonts (issue #19): one file per family and style, latin only, none fetched before a first
visit's paint (artisan_app/render/fonts.py)."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import vendor_fonts  # noqa: E402  (scripts/vendor_fonts.py: what the committed fonts were trimmed to)

from artisan_app.render.fonts import FONT_FILES  # noqa: E402
from artisan_app.render.fonts import URDU_FALLBACK_FONT as NASKH  # noqa: E402
from artisan_app.render.scripts import FONTS_JS  # noqa: E402

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


def test_the_fonts_script_knows_every_face_and_nothing_preloads_them():
    # Each set the script fetches after a first visit's paint is exactly the faces its stylesheet declares.
    assert set(FONT_FILES["latin"]) == set(re.findall(r'url\("(/fonts/[^"]+)"\)', CSS))
    # (The Urdu stylesheet's other face, Naskh, is never fetched by the script: only by a system with no Urdu face.)
    assert set(FONT_FILES["ur"]) | {NASKH} == set(re.findall(r'url\("(/fonts/[^"]+)"\)', URDU_CSS))
    assert NASKH not in FONTS_JS
    for url in (u for files in FONT_FILES.values() for u in files):
        assert json.dumps(url) in FONTS_JS
    # Nothing fetches a face before the first paint: no font preload in the app's head (the first view's
    # head: tests/unit/services/test_translations.py; in Chromium: tests/e2e/test_fonts.py).
    app_source = (ROOT / "artisan_app" / "artisan_app.py").read_text("utf-8")
    assert "preload" not in app_source and "woff2" not in app_source
    # The site's faces are named only under <html data-fonts>, set once they are in the cache.
    plain = re.sub(r"@font-face\s*\{[^}]*\}", "", CSS)
    for family in ("Source Serif 4", "Inter"):
        for rule in re.findall(r"([^{}]+)\{([^}]*)\}", plain):
            if f'"{family}"' in rule[1]:
                assert ':root[data-fonts~="latin"]' in rule[0], rule
    urdu_rules = re.sub(r"/\*.*?\*/", "", re.sub(r"@font-face\s*\{[^}]*\}", "", URDU_CSS), flags=re.S)
    system = re.search(r"--urdu-system:([^;]*);", urdu_rules).group(1)
    assert system.strip().endswith('"Artisan Naskh"')  # after every system face: only where none has the letters
    assert re.findall(r'([^{}]+)\{[^}]*--(?:serif|sans):\s*"Artisan Nastaliq"', urdu_rules) == [
        '\n:root:lang(ur)[data-fonts~="ur"] '
    ]


def test_the_urdu_faces_are_subset_files_for_arabic_script_only():
    faces = {prop(f, "font-family"): f for f in re.findall(r"@font-face\s*\{([^}]*)\}", URDU_CSS)}
    assert set(faces) == {'"Artisan Nastaliq"', '"Artisan Naskh"'}
    nastaliq, naskh = faces['"Artisan Nastaliq"'], faces['"Artisan Naskh"']
    # The system's copy, where there is one; Latin stays with the site's faces.
    assert prop(nastaliq, "src").startswith('local("Noto Nastaliq Urdu")')
    assert prop(naskh, "src").startswith('local("Noto Naskh Arabic")')
    for face in (nastaliq, naskh):
        assert prop(face, "unicode-range").startswith("U+0600-06FF")
    # Nastaliq never swaps in late (it re-flows every line); Naskh stands in for missing letters, so it may.
    assert prop(nastaliq, "font-display") == "optional" and prop(naskh, "font-display") == "fallback"
    font = ROOT / "assets" / "fonts" / "noto-nastaliq-urdu-400.woff2"
    assert font.read_bytes()[:4] == b"wOF2" and font.stat().st_size < 159_368  # smaller than the package's subset
    small = ROOT / "assets" / NASKH.lstrip("/")
    assert small.read_bytes()[:4] == b"wOF2" and small.stat().st_size < 20 * 1024  # a seventh of Nastaliq
    assert "SIL Open Font License" in (ROOT / "assets" / "fonts" / "LICENSE-noto-naskh-arabic.txt").read_text("utf-8")
    assert "SIL Open Font License" in (ROOT / "assets" / "fonts" / "LICENSE-noto-nastaliq-urdu.txt").read_text("utf-8")
    assert "noto-nastaliq" not in CSS  # never loaded by the English pages
    # Mirroring is by logical properties: no physical left/right in the Urdu rules.
    assert not re.search(r"\b(left|right)\b", re.sub(r"/\*.*?\*/", "", URDU_CSS, flags=re.S))
