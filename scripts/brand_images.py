"""Draw the brand images in assets/ (committed; run again only to change them).

    .venv/bin/python scripts/brand_images.py

* ``og-default.png`` 1200×630: the Open Graph / Twitter card image for every page.
* ``logo.png`` 512×512: the publisher logo named in the articles' JSON-LD.

Fonts: Source Serif 4 and Inter from the frontend's @fontsource packages when
``.web/node_modules`` exists, else DejaVu from the system.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
FONTSOURCE = ROOT / ".web" / "node_modules" / "@fontsource"
PAPER, INK, ACCENT, MUTED = "#fbfaf7", "#1a1a1a", "#9b1c1c", "#555049"


def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    candidates = {
        "serif": [
            FONTSOURCE / "source-serif-4/files/source-serif-4-latin-700-normal.woff",
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
        ],
        "sans": [
            FONTSOURCE / "inter/files/inter-latin-600-normal.woff",
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ],
    }[kind]
    for path in candidates:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def og_card() -> Image.Image:
    img = Image.new("RGB", (1200, 630), PAPER)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 1200, 18), fill=ACCENT)
    d.rectangle((80, 150, 1120, 156), fill=INK)
    d.text((80, 190), "Artisan Times", font=font("serif", 132), fill=INK)
    d.text((84, 370), "BEYOND THE HEADLINES", font=font("sans", 40), fill=ACCENT)
    d.rectangle((80, 450, 1120, 452), fill="#ded9cf")
    d.text((84, 480), "News and commentary on politics, technology,", font=font("sans", 30), fill=MUTED)
    d.text((84, 522), "the economy, culture and social media.", font=font("sans", 30), fill=MUTED)
    return img


def logo() -> Image.Image:
    img = Image.new("RGB", (512, 512), ACCENT)
    d = ImageDraw.Draw(img)
    f = font("serif", 250)
    box = d.textbbox((0, 0), "AT", font=f)
    w, h = box[2] - box[0], box[3] - box[1]
    d.text(((512 - w) / 2 - box[0], (512 - h) / 2 - box[1]), "AT", font=f, fill=PAPER)
    return img


def main() -> None:
    og_card().save(ASSETS / "og-default.png", optimize=True)
    logo().save(ASSETS / "logo.png", optimize=True)
    # The browser asks for /favicon.ico on every page; a missing one is a console error.
    logo().save(ASSETS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    print("wrote", ASSETS / "og-default.png", ASSETS / "logo.png", ASSETS / "favicon.ico")


if __name__ == "__main__":
    main()
