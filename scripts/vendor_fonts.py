"""Put the site's Latin web fonts into assets/fonts/, subset and trimmed (issue #19): ``make fonts``.

Source: the npm packages @fontsource-variable/source-serif-4, @fontsource-variable/inter
and @fontsource/source-serif-4 (installed by Reflex into .web/node_modules from
reflex.lock/; their latin files), SIL Open Font License 1.1 (copied next to the output).
They are served at a fixed URL that the page preloads: a font fetched together with
the HTML is there before the first render, so no late swap re-wraps text.

Trimmed with fontTools, the field's font library:

* characters: the Latin the site writes (ASCII, Latin-1, typographic quotes and
  dashes, ellipsis, bullet, euro, trade mark, minus). Anything else in an article
  falls back per character to the next face in the stack (``unicode-range``);
* layout features: kerning, ligatures and mark positioning only (no stylistic sets,
  old-style or tabular figures, fractions: the site uses none);
* the weight axis: 400 to 700, the weights ``styles.css`` asks for.

48 + 51 + 20 KiB → about 25 + 30 + 18 KiB. Prints the sizes and the ``unicode-range``
that ``assets/styles.css`` gives each face.

    .venv/bin/python scripts/vendor_fonts.py     # after a build, when a font version changes
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".web" / "node_modules"
TARGET = ROOT / "assets" / "fonts"
# The upright faces are variable (one file carries 400, 600 and 700); the one italic is
# the static 400 (the variable italic would be more than twice its size).
FILES = {
    "@fontsource-variable/source-serif-4": ["source-serif-4-latin-wght-normal.woff2"],
    "@fontsource-variable/inter": ["inter-latin-wght-normal.woff2"],
    "@fontsource/source-serif-4": ["source-serif-4-latin-400-italic.woff2"],
}
UNICODE_RANGE = (
    "U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2013-2014,U+2018-201E,"
    "U+2020-2022,U+2026,U+2030,U+2039-203A,U+2044,U+20AC,U+2122,U+2212"
)
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
WEIGHTS = (400, 700)


def trim(data: bytes) -> bytes:
    """The font in ``data`` (woff2) with only UNICODE_RANGE, FEATURES and WEIGHTS (woff2)."""
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = ["*"]  # keep the names (licence, copyright)
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data))
    font.flavor = None
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODE_RANGE))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    font = TTFont(io.BytesIO(buffer.getvalue()))  # the instancer wants a font read back after subsetting
    if "fvar" in font:
        font = instancer.instantiateVariableFont(font, {"wght": WEIGHTS})
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for package, names in FILES.items():
        for name in names:
            source = (SOURCE / package / "files" / name).read_bytes()
            trimmed = trim(source)
            (TARGET / name).write_bytes(trimmed)
            print(f"{name}: {len(source) / 1024:.1f} KiB -> {len(trimmed) / 1024:.1f} KiB")
        shutil.copy2(SOURCE / package / "LICENSE", TARGET / f"LICENSE-{package.rsplit('/', 1)[1]}.txt")
    print(f"unicode-range: {UNICODE_RANGE}")


if __name__ == "__main__":
    main()
