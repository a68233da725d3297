"""Copy the web fonts from their npm packages (@fontsource, installed by Reflex into
.web/node_modules from reflex.lock/) into assets/fonts/, where they are served at a
fixed URL that the page can preload: a font fetched together with the HTML is there
before the first render, so no late swap re-wraps text (layout shift).

    .venv/bin/python scripts/vendor_fonts.py     # after a build, when a font version changes
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / ".web" / "node_modules" / "@fontsource"
TARGET = ROOT / "assets" / "fonts"
FILES = {
    "source-serif-4": ["source-serif-4-latin-400-normal.woff2", "source-serif-4-latin-400-italic.woff2",
                       "source-serif-4-latin-600-normal.woff2", "source-serif-4-latin-700-normal.woff2"],
    "inter": ["inter-latin-400-normal.woff2", "inter-latin-600-normal.woff2"],
}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for package, names in FILES.items():
        for name in names:
            shutil.copy2(SOURCE / package / "files" / name, TARGET / name)
        shutil.copy2(SOURCE / package / "LICENSE", TARGET / f"LICENSE-{package}.txt")
    print("copied", sum(len(v) for v in FILES.values()), "fonts to", TARGET)


if __name__ == "__main__":
    main()
