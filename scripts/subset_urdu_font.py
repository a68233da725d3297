"""Subset the Urdu edition's faces to what it writes (issue #17): ``make fonts``.

Two faces, each from its npm package (versions pinned below; fetched with ``npm pack`` from the
npm registry), SIL Open Font License 1.1 (copied next to the output):

* Noto Nastaliq Urdu (``@fontsource/noto-nastaliq-urdu``), the edition's face, used once a visit
  has cached it (``artisan_app/render/fonts.py``);
* Noto Naskh Arabic (``@fontsource/noto-naskh-arabic``), a face a seventh of its size that a first
  visit fetches only on a system with no Urdu face of its own (``assets/urdu.css``).

Kept in both: the Urdu alphabet with its
diacritics, Urdu and Arabic punctuation and digits, the joiners, and every character the Urdu
catalog and the Urdu seed articles use, with all OpenType layout features (Nastaliq's shaping
lives in them). Latin text in Urdu pages is left to the site's own fonts (``unicode-range``).

Prints the sizes and the ``unicode-range`` for ``assets/urdu.css``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "assets" / "fonts"
# (npm package, file in it, output, licence copy)
FACES = (
    (
        "@fontsource/noto-nastaliq-urdu@5.3.0",
        "package/files/noto-nastaliq-urdu-arabic-400-normal.woff2",
        FONTS / "noto-nastaliq-urdu-400.woff2",
        FONTS / "LICENSE-noto-nastaliq-urdu.txt",
    ),
    (
        "@fontsource/noto-naskh-arabic@5.3.0",
        "package/files/noto-naskh-arabic-arabic-400-normal.woff2",
        FONTS / "noto-naskh-arabic-urdu-400.woff2",
        FONTS / "LICENSE-noto-naskh-arabic.txt",
    ),
)

# The Urdu alphabet (with the letters Urdu borrows from Arabic and Persian spelling).
ALPHABET = "ءآأؤإئابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھۂۃیےۓيكهةى"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0670"  # harakat
PUNCTUATION = "۔،؛؟٪٫٬؍ـ«»‹›\u200c\u200d\u200e\u200f\u061c"
DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
# Arabic-script ranges: only these characters are taken from the texts (Latin stays with the site fonts).
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in ARABIC_RANGES)


def used_characters() -> set[str]:
    texts = [(ROOT / "artisan_app" / "core" / "locale" / "ur" / "LC_MESSAGES" / "messages.po").read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in (ROOT / "artisan_app" / "services" / "seed" / "content" / "articles").glob("ur-*.md")]
    found = {c for text in texts for c in text if is_arabic(c)}
    return found | set(ALPHABET) | set(MARKS) | set(PUNCTUATION) | set(DIGITS) | {" ", "\u00a0"}


def unicode_range(chars: set[str]) -> str:
    points = sorted(ord(c) for c in chars)
    runs: list[tuple[int, int]] = []
    for p in points:
        if runs and p == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def subset_face(package: str, source_file: str, output: Path, license_copy: Path, chars: set[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(
                tmp, members=[m for m in tar.getmembers() if m.name in (source_file, "package/LICENSE")], filter="data"
            )
        source = Path(tmp) / source_file
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # joining, ligatures and mark placement (Nastaliq's shaping lives there)
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in chars if c != " "] + [0x20])
        subsetter.subset(font)
        output.parent.mkdir(parents=True, exist_ok=True)
        subset.save_font(font, str(output), options)
        shutil.copyfile(Path(tmp) / "package" / "LICENSE", license_copy)
        print(
            f"{source.name}: {source.stat().st_size:,} bytes → {output.relative_to(ROOT)}: "
            f"{output.stat().st_size:,} bytes ({len(chars)} characters)"
        )


def main() -> int:
    chars = used_characters()
    for face in FACES:
        subset_face(*face, chars)
    print("unicode-range:", unicode_range(chars))
    return 0


if __name__ == "__main__":
    sys.exit(main())
