"""Copy the web fonts from their npm packages (@fontsource(-variable), installed by Reflex into
.web/node_modules from reflex.lock/) into assets/fonts/, where they are served at a
fixed URL that the page can preload: a font fetched together with the HTML is there
before the first render, so no late swap re-wraps text (layout shift).

    .venv/bin/python scripts/vendor_fonts.py     # after a build, when a font version changes
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".web" / "node_modules"
TARGET = ROOT / "assets" / "fonts"
# Latin only (styles.css gives each its unicode-range). The upright faces are variable
# (one file carries 400, 600 and 700: 99 KiB in 2 files instead of 112 KiB in 5); the
# one italic is the static 400 (20 KiB; the variable italic would be 51 KiB).
FILES = {
    "@fontsource-variable/source-serif-4": ["source-serif-4-latin-wght-normal.woff2"],
    "@fontsource-variable/inter": ["inter-latin-wght-normal.woff2"],
    "@fontsource/source-serif-4": ["source-serif-4-latin-400-italic.woff2"],
}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for package, names in FILES.items():
        for name in names:
            shutil.copy2(SOURCE / package / "files" / name, TARGET / name)
        shutil.copy2(SOURCE / package / "LICENSE", TARGET / f"LICENSE-{package.rsplit('/', 1)[1]}.txt")
    print("copied", sum(len(v) for v in FILES.values()), "fonts to", TARGET)


if __name__ == "__main__":
    main()
