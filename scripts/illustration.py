"""Drawing helpers for the seed covers (``scripts/seed_images.py``): a canvas in
1920×1280 coordinates drawn at twice the size, the publication's palette, and
shapes the covers share (a backdrop, phones, chat bubbles, pylons, ballot boxes, coins).
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

W, H, S = 1920, 1280, 2  # drawn at twice the size, then scaled down: smooth edges

PAPER, SAND, STONE, INK, MUTED = "#fbfaf7", "#efe6d6", "#ded9cf", "#1a1a1a", "#555049"
RED, BLUE, OCHRE, TEAL, ROSE, NIGHT = "#9b1c1c", "#1d4f91", "#c48a2c", "#2f6f6a", "#e7b8ad", "#20263a"


class Canvas:
    """Drawing in 1920×1280 coordinates on a twice-as-large image."""

    def __init__(self, background: str):
        self.img = Image.new("RGB", (W * S, H * S), background)
        self.d = ImageDraw.Draw(self.img)

    def _xy(self, pts):
        return [(x * S, y * S) for x, y in pts]

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        if radius:
            self.d.rounded_rectangle((x0 * S, y0 * S, x1 * S, y1 * S), radius * S, fill=fill)
        else:
            self.d.rectangle((x0 * S, y0 * S, x1 * S, y1 * S), fill=fill)

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.d.ellipse(((cx - r) * S, (cy - r) * S, (cx + r) * S, (cy + r) * S), fill=fill, outline=outline, width=width * S)

    def poly(self, pts, fill, outline=None, width=0):
        self.d.polygon(self._xy(pts), fill=fill, outline=outline, width=width * S)

    def line(self, pts, fill, width):
        self.d.line(self._xy(pts), fill=fill, width=width * S, joint="curve")

    def arc(self, cx, cy, r, start, end, fill, width):
        self.d.arc(((cx - r) * S, (cy - r) * S, (cx + r) * S, (cy + r) * S), start, end, fill=fill, width=width * S)

    def result(self) -> Image.Image:
        return self.img.resize((W, H), Image.Resampling.LANCZOS)


# ------------------------------------------------------------------ building blocks


def backdrop(c: Canvas, rng: random.Random, field: str, accent: str) -> None:
    """A large quiet field: a diagonal plane and a half-hidden disc."""
    c.poly([(0, H * 0.62), (W, H * 0.38), (W, H), (0, H)], field)
    c.circle(W * rng.uniform(0.78, 0.9), H * rng.uniform(0.16, 0.26), rng.uniform(150, 210), fill=accent)
    for i in range(6):  # fine rules, like a newspaper's column lines
        x = 80 + i * 26
        c.line([(x, 90), (x, 90 + 140 - i * 18)], STONE, 3)


def bubble(c: Canvas, x, y, w, h, fill, tail_left=True, lines=3, line_colour=PAPER):
    c.rect(x, y, x + w, y + h, fill, radius=min(36, h / 3))
    tx = x + 50 if tail_left else x + w - 50
    c.poly([(tx - 22, y + h - 2), (tx + 22, y + h - 2), (tx - 30 if tail_left else tx + 30, y + h + 40)], fill)
    for i in range(lines):
        lw = (w - 80) * (1 - 0.22 * (i == lines - 1))
        yy = y + 34 + i * (h - 60) / max(1, lines - 1) if lines > 1 else y + h / 2
        c.line([(x + 40, yy), (x + 40 + lw, yy)], line_colour, 10)


def phone(c: Canvas, x, y, w, h, body=INK, screen=PAPER):
    c.rect(x, y, x + w, y + h, body, radius=w * 0.16)
    c.rect(x + w * 0.07, y + h * 0.07, x + w * 0.93, y + h * 0.9, screen, radius=w * 0.06)
    c.circle(x + w / 2, y + h * 0.95, w * 0.035, fill=screen)


def pylon(c: Canvas, x, base, h, colour):
    top = base - h
    c.line([(x - h * 0.18, base), (x - h * 0.04, top), (x + h * 0.04, top), (x + h * 0.18, base)], colour, 8)
    for f in (0.25, 0.5, 0.75):
        yy = top + h * f
        half = h * (0.04 + 0.14 * f)
        c.line([(x - half, yy), (x + half, yy)], colour, 6)
    for arm, span in ((0.12, 0.3), (0.3, 0.24)):
        yy = top + h * arm
        c.line([(x - h * span, yy), (x + h * span, yy)], colour, 8)
    c.line([(x - h * 0.1, top + h * 0.5), (x + h * 0.1, top + h * 0.25), (x - h * 0.1, top + h * 0.25)], colour, 4)


def bars(c: Canvas, x, base, values, width, gap, colours):
    for i, v in enumerate(values):
        c.rect(x + i * (width + gap), base - v, x + i * (width + gap) + width, base, colours[i % len(colours)])


def figure(c: Canvas, x, base, scale, colour):
    c.circle(x, base - 150 * scale, 34 * scale, fill=colour)
    c.rect(x - 48 * scale, base - 108 * scale, x + 48 * scale, base, colour, radius=40 * scale)


def ballot_box(c: Canvas, x, y, w, h, body, slot=INK, paper=PAPER):
    c.rect(x, y, x + w, y + h, body, radius=14)
    c.rect(x - 16, y - 30, x + w + 16, y + 10, body, radius=10)
    c.rect(x + w * 0.3, y - 22, x + w * 0.7, y - 6, slot, radius=6)
    c.poly(
        [(x + w * 0.38, y - 180), (x + w * 0.66, y - 200), (x + w * 0.62, y - 14), (x + w * 0.42, y - 14)],
        paper,
        outline=MUTED,
        width=4,
    )
    c.line([(x + w * 0.45, y - 150), (x + w * 0.5, y - 125), (x + w * 0.6, y - 175)], RED, 10)


def coin(c: Canvas, x, y, r, face, rim):
    c.circle(x, y, r, fill=rim)
    c.circle(x, y, r * 0.8, fill=face)
    c.arc(x, y, r * 0.55, 200, 340, rim, 6)
