"""Inline illustrations for seed article bodies (``scripts/seed_images.py`` draws them).

Each entry: file name -> (painter, alt text, caption). Simple chart-like editorial
illustrations in the publication's palette, deterministic, CC0 like the covers.
"""

from __future__ import annotations

from collections.abc import Callable

from illustration import BLUE, INK, OCHRE, PAPER, RED, SAND, STONE, TEAL, Canvas, backdrop, bars, bubble, pylon


def grid_queue(c: Canvas, rng):
    backdrop(c, rng, "#e8efe6", TEAL)
    bars(c, 240, 1080, [220, 300, 410, 560, 700, 840], 150, 60, [STONE, STONE, OCHRE, OCHRE, RED, RED])
    c.line([(200, 1090), (1560, 1090)], INK, 6)
    pylon(c, 1700, 1080, 520, INK)


def price_ladder(c: Canvas, rng):
    backdrop(c, rng, SAND, OCHRE)
    bars(c, 260, 1100, [120, 190, 280, 390, 520, 690, 880], 140, 50, [BLUE, BLUE, TEAL, TEAL, OCHRE, RED, RED])
    c.line([(220, 1110), (1600, 1110)], INK, 6)
    c.line([(300, 940), (600, 860), (900, 720), (1200, 560), (1500, 320)], RED, 14)


def forwarded_chain(c: Canvas, rng):
    backdrop(c, rng, "#e3f1e6", "#7cc59a")
    for i in range(5):
        bubble(c, 260 + i * 230, 220 + i * 170, 620, 150, "#5fb27c" if i % 2 else TEAL, tail_left=i % 2 == 0)
    c.circle(1620, 980, 120, fill=RED)
    c.rect(1560, 960, 1680, 1000, PAPER)


DETAILS: dict[str, tuple[Callable, str]] = {
    "ai-data-centres-grid-queue.jpg": (
        grid_queue,
        "Illustration: bars rising from grey to red towards an electricity pylon, like a lengthening queue",
    ),
    "argentina-price-ladder.jpg": (price_ladder, "Illustration: price bars climbing in steps with a red line rising over them"),
    "whatsapp-forwarded-chain.jpg": (
        forwarded_chain,
        "Illustration: a chain of chat bubbles stepping down the page to a red stop sign",
    ),
}
