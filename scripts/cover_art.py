"""The seed covers, one painter per article (``scripts/seed_images.py`` draws them).

Each painter draws on a :class:`illustration.Canvas` and returns its focal point
(x, y as fractions): where the subject is, which crops keep.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from illustration import (
    BLUE,
    INK,
    MUTED,
    NIGHT,
    OCHRE,
    PAPER,
    RED,
    ROSE,
    SAND,
    STONE,
    TEAL,
    Canvas,
    backdrop,
    ballot_box,
    bars,
    bubble,
    coin,
    figure,
    phone,
    pylon,
)


def power_grid(c: Canvas, rng):
    backdrop(c, rng, SAND, OCHRE)
    for i, x in enumerate((260, 560, 860)):
        pylon(c, x, 1040, 520 - i * 70, INK)
    c.line([(40, 640), (260 - 94, 608), (560 - 80, 640), (860 - 70, 690), (1200, 720)], MUTED, 4)
    for row in range(3):  # a bank of server racks
        for col in range(4):
            x0, y0 = 1080 + col * 170, 560 + row * 150
            c.rect(x0, y0, x0 + 150, y0 + 130, NIGHT, radius=8)
            for k in range(4):
                c.circle(x0 + 28 + k * 30, y0 + 100, 8, fill=OCHRE if (row + col + k) % 3 else RED)
    c.poly([(1010, 240), (930, 440), (1000, 440), (940, 620), (1090, 380), (1010, 380), (1070, 240)], RED)
    return (0.55, 0.42)


def argentina_inflation(c: Canvas, rng):
    backdrop(c, rng, "#dfe8f2", "#8fb3d9")
    c.line([(180, 360), (480, 520), (760, 470), (1040, 720), (1320, 800), (1700, 860)], BLUE, 18)
    for x, y in ((180, 360), (480, 520), (760, 470), (1040, 720), (1320, 800), (1700, 860)):
        c.circle(x, y, 20, fill=PAPER, outline=BLUE, width=8)
    for i in range(7):
        coin(c, 520 + i * 6, 1080 - i * 46, 110, OCHRE, "#8a5a12")
    for i in range(4):
        coin(c, 800 + i * 5, 1080 - i * 46, 110, OCHRE, "#8a5a12")
    c.rect(1100, 930, 1560, 1160, TEAL, radius=20)
    c.circle(1330, 1045, 60, fill="#5e9c95")
    return (0.4, 0.62)


def phone_ban(c: Canvas, rng):
    backdrop(c, rng, "#e9efe6", TEAL)
    c.rect(120, 300, 1000, 980, TEAL, radius=24)  # the blackboard
    c.rect(150, 330, 970, 950, "#24554f", radius=14)
    for i in range(3):
        c.line([(220, 430 + i * 120), (220 + 540 - i * 120, 430 + i * 120)], "#cfe0dc", 10)
    for i in range(3):
        x = 1140 + i * 230
        phone(c, x, 420 + (i % 2) * 60, 170, 320)
    c.circle(1485, 640, 190, outline=RED, width=28)
    c.line([(1350, 775), (1620, 505)], RED, 28)
    c.rect(100, 1060, 1820, 1100, MUTED, radius=10)  # the desk
    return (0.7, 0.5)


def civil_servants(c: Canvas, rng):
    backdrop(c, rng, SAND, "#7aa37a")
    c.poly([(160, 520), (560, 330), (960, 520)], STONE)
    c.rect(180, 520, 940, 560, STONE)
    for i in range(5):
        c.rect(230 + i * 150, 580, 290 + i * 150, 980, STONE)
    c.rect(160, 980, 960, 1040, STONE)
    phone(c, 1130, 300, 360, 680, screen=PAPER)
    c.circle(1310, 480, 80, fill=TEAL)
    c.rect(1200, 590, 1420, 620, MUTED, radius=10)
    c.rect(1230, 650, 1390, 672, STONE, radius=10)
    for i, (x, y) in enumerate(((1560, 360), (1620, 560), (1540, 760))):
        heart = RED if i != 1 else BLUE
        c.circle(x - 26, y, 34, fill=heart)
        c.circle(x + 26, y, 34, fill=heart)
        c.poly([(x - 58, y + 12), (x + 58, y + 12), (x, y + 80)], heart)
    return (0.62, 0.5)


def mexico_judges(c: Canvas, rng):
    backdrop(c, rng, "#e6ecdf", "#b9c99e")
    ballot_box(c, 760, 640, 400, 360, TEAL)
    c.rect(1330, 400, 1610, 530, "#6b4a2b", radius=30)  # a gavel on its block
    c.rect(1360, 400, 1400, 530, "#4d341e")
    c.rect(1540, 400, 1580, 530, "#4d341e")
    c.rect(1450, 530, 1490, 860, "#6b4a2b", radius=14)
    c.rect(1300, 940, 1700, 1000, "#6b4a2b", radius=12)
    c.rect(1340, 900, 1660, 940, "#4d341e", radius=8)
    for i in range(7):
        figure(c, 160 + i * 80, 1080, 0.8, STONE if i % 3 else MUTED)
    figure(c, 560, 1080, 1.0, RED)
    return (0.5, 0.55)


def disability_scandal(c: Canvas, rng):
    backdrop(c, rng, "#efe3e0", ROSE)
    c.rect(300, 300, 1000, 1040, STONE, radius=18)  # a folder of papers
    c.rect(330, 260, 640, 320, STONE, radius=14)
    c.rect(380, 360, 960, 1000, PAPER, radius=8)
    for i in range(9):
        c.line([(440, 430 + i * 60), (900 - (i % 3) * 90, 430 + i * 60)], MUTED, 10)
    c.rect(440, 880, 760, 920, RED)
    c.circle(1260, 640, 220, outline=INK, width=34)  # a magnifier
    c.circle(1260, 640, 190, fill="#f6efe8")
    c.line([(1420, 800), (1640, 1020)], INK, 56)
    c.line([(1150, 600), (1370, 600)], RED, 12)
    c.line([(1150, 680), (1320, 680)], MUTED, 12)
    return (0.58, 0.5)


def news_creators(c: Canvas, rng):
    backdrop(c, rng, "#ece7f3", "#b6a6d6")
    c.circle(1200, 560, 260, outline=OCHRE, width=40)  # ring light
    phone(c, 1110, 380, 180, 340, screen=NIGHT)
    c.circle(1200, 520, 50, fill=ROSE)
    c.line([(1200, 820), (1200, 1080)], INK, 14)
    c.line([(1200, 1080), (1080, 1160)], INK, 12)
    c.line([(1200, 1080), (1320, 1160)], INK, 12)
    c.rect(220, 520, 820, 1060, PAPER, radius=10)  # a folded newspaper
    c.rect(260, 560, 780, 640, INK)
    for i in range(6):
        c.line([(260, 700 + i * 50), (500, 700 + i * 50)], MUTED, 8)
        c.line([(540, 700 + i * 50), (780, 700 + i * 50)], MUTED, 8)
    return (0.62, 0.45)


def call_centres(c: Canvas, rng):
    backdrop(c, rng, "#e3efed", "#7fb8ae")
    c.arc(600, 620, 260, 180, 360, INK, 40)  # a headset
    c.rect(300, 600, 400, 800, INK, radius=30)
    c.rect(800, 600, 900, 800, INK, radius=30)
    c.line([(850, 800), (820, 900), (680, 930)], INK, 14)
    c.circle(660, 930, 26, fill=RED)
    bubble(c, 1040, 330, 520, 170, BLUE)
    bubble(c, 1200, 580, 480, 150, TEAL, tail_left=False, lines=2)
    for i in range(5):  # a circuit trace
        y = 860 + i * 50
        c.line([(1040, y), (1240 + i * 40, y), (1300 + i * 40, y - 40), (1760, y - 40)], MUTED, 6)
        c.circle(1760, y - 40, 12, fill=OCHRE)
    return (0.4, 0.5)


def household_budgets(c: Canvas, rng):
    backdrop(c, rng, SAND, OCHRE)
    bars(c, 1100, 1080, [220, 300, 410, 520, 600], 110, 40, [STONE, STONE, OCHRE, OCHRE, RED])
    c.poly([(260, 640), (980, 640), (900, 1040), (340, 1040)], "#6b4a2b")  # a basket
    for i in range(5):
        c.line([(330 + i * 140, 660), (380 + i * 120, 1030)], "#8a6a45", 8)
    c.arc(620, 640, 260, 180, 360, "#6b4a2b", 26)
    c.circle(460, 600, 80, fill=RED)
    c.circle(640, 580, 90, fill="#7aa37a")
    c.circle(800, 610, 70, fill=OCHRE)
    return (0.45, 0.62)


def local_elections(c: Canvas, rng):
    backdrop(c, rng, "#e6ecdf", "#7aa37a")
    for i in range(4):  # calendar pages flying off
        x, y = 240 + i * 150, 300 + i * 40
        c.rect(x, y, x + 300, y + 340, PAPER if i < 3 else STONE, radius=14)
        c.rect(x, y, x + 300, y + 80, RED, radius=14)
        for r in range(3):
            for k in range(4):
                c.rect(x + 30 + k * 64, y + 120 + r * 64, x + 70 + k * 64, y + 160 + r * 64, STONE)
    ballot_box(c, 1200, 660, 420, 360, TEAL)
    c.rect(1160, 820, 1660, 860, INK)  # a chain across the box
    c.circle(1410, 840, 50, outline=OCHRE, width=16)
    return (0.66, 0.6)


def digital_id(c: Canvas, rng):
    backdrop(c, rng, "#e7ecf4", "#b8c9e6")
    phone(c, 760, 240, 440, 860)
    c.rect(820, 340, 1140, 560, "#dc143c", radius=18)  # the ID card on screen (red and white)
    c.rect(820, 340, 1140, 450, PAPER, radius=18)
    c.circle(900, 430, 46, fill=STONE)
    c.line([(970, 410), (1100, 410)], MUTED, 10)
    c.line([(970, 450), (1070, 450)], MUTED, 10)
    rng2 = random.Random("qr")
    for r in range(9):  # a code to scan
        for k in range(9):
            if rng2.random() > 0.5 or (r < 3 and k < 3) or (r < 3 and k > 5) or (r > 5 and k < 3):
                c.rect(860 + k * 26, 640 + r * 26, 884 + k * 26, 664 + r * 26, INK)
    for i, y in enumerate((380, 560, 740)):
        c.rect(1300, y, 1700, y + 120, (BLUE, TEAL, OCHRE)[i], radius=24)
    return (0.5, 0.45)


def moderation(c: Canvas, rng):
    backdrop(c, rng, "#ececec", "#a8a8b8")
    colours = [ROSE, "#9fc5c0", OCHRE, "#b6a6d6", STONE, "#8fb3d9"]
    for r in range(3):
        for k in range(4):
            x0, y0 = 160 + k * 230, 300 + r * 250
            c.rect(x0, y0, x0 + 200, y0 + 220, colours[(r * 4 + k) % 6], radius=16)
            c.poly([(x0 + 80, y0 + 70), (x0 + 80, y0 + 150), (x0 + 140, y0 + 110)], PAPER)
            if (r + k) % 4 == 1:
                c.rect(x0 + 150, y0 + 10, x0 + 190, y0 + 50, RED, radius=8)
    c.circle(1450, 620, 250, fill=NIGHT)  # the machine's eye
    c.circle(1450, 620, 130, fill=BLUE)
    c.circle(1450, 620, 56, fill=PAPER)
    c.arc(1450, 620, 320, 200, 340, MUTED, 10)
    return (0.7, 0.5)


def age_checks(c: Canvas, rng):
    backdrop(c, rng, "#f0e8e2", ROSE)
    c.arc(640, 540, 170, 180, 360, INK, 50)  # a padlock
    c.rect(420, 540, 860, 900, RED, radius=30)
    c.circle(640, 690, 46, fill=PAPER)
    c.rect(622, 700, 658, 800, PAPER, radius=10)
    c.rect(1020, 420, 1760, 520, STONE, radius=50)  # an age slider
    c.rect(1020, 420, 1380, 520, TEAL, radius=50)
    c.circle(1380, 470, 74, fill=PAPER, outline=INK, width=12)
    c.rect(1020, 640, 1760, 900, PAPER, radius=24)
    c.line([(1080, 720), (1560, 720)], MUTED, 14)
    c.line([(1080, 800), (1400, 800)], STONE, 14)
    return (0.33, 0.55)


def urdu_poetry(c: Canvas, rng):
    backdrop(c, rng, "#ece3f0", "#c9b6d9")
    c.circle(430, 380, 150, fill=OCHRE)  # a crescent moon
    c.circle(500, 340, 140, fill=PAPER)
    for i in range(5):  # flowing lines, like script
        y = 560 + i * 90
        pts = [(200 + t * 14, y + math.sin(t / 6 + i) * 36) for t in range(70)]
        c.line(pts, (NIGHT, BLUE, RED, TEAL, MUTED)[i], 14 - i)
        c.circle(200 + 70 * 14 + 20, y + math.sin(70 / 6 + i) * 36, 12, fill=(NIGHT, BLUE, RED, TEAL, MUTED)[i])
    phone(c, 1360, 300, 320, 620, screen=NIGHT)
    c.poly([(1480, 520), (1480, 680), (1600, 600)], PAPER)
    for i in range(3):
        c.circle(1300 - i * 40, 980 + i * 20, 26, fill=RED)
    return (0.72, 0.5)


def forwarded(c: Canvas, rng):
    backdrop(c, rng, "#e2efe4", "#7fbf8c")
    fills = ["#2f8f5b", TEAL, "#2f8f5b", TEAL, "#2f8f5b"]
    for i in range(5):  # messages cascading, forwarded again and again
        x, y = 200 + i * 230, 260 + i * 150
        bubble(c, x, y, 560, 130, fills[i], tail_left=i % 2 == 0, lines=2)
        c.line([(x + 600, y + 60), (x + 680, y + 60)], MUTED, 10)
        c.poly([(x + 680, y + 36), (x + 680, y + 84), (x + 720, y + 60)], MUTED)
    c.circle(1660, 300, 90, outline=RED, width=20)
    c.line([(1620, 300), (1700, 300)], RED, 20)
    return (0.5, 0.5)


COVERS: dict[str, tuple[Callable, str]] = {
    "ai-data-centres-power-grid-strain": (
        power_grid,
        "Illustration: electricity pylons beside a bank of server racks, with a red lightning bolt between them",
    ),
    "argentina-inflation-peso-households": (
        argentina_inflation,
        "Illustration: a falling blue price line over stacks of coins and a wallet",
    ),
    "central-europe-school-phone-bans": (
        phone_ban,
        "Illustration: a classroom blackboard beside three phones, one circled and struck through in red",
    ),
    "civil-servants-social-media-pakistan": (
        civil_servants,
        "Illustration: a columned government building beside a phone showing a profile, with hearts floating up",
    ),
    "mexico-judicial-elections-turnout": (
        mexico_judges,
        "Illustration: a ballot box and a judge’s gavel, with a short queue of voters",
    ),
    "milei-corruption-scandal-disability-agency": (
        disability_scandal,
        "Illustration: a folder of documents examined under a magnifying glass",
    ),
    "news-creators-trust-journalism": (
        news_creators,
        "Illustration: a phone on a stand inside a ring light, next to a folded newspaper",
    ),
    "pakistan-call-centres-ai-agents": (
        call_centres,
        "Illustration: a call-centre headset beside chat bubbles and a circuit trace",
    ),
    "pakistan-inflation-household-budgets": (
        household_budgets,
        "Illustration: a shopping basket of fruit beside rising price bars",
    ),
    "pakistan-local-government-elections-delay": (
        local_elections,
        "Illustration: calendar pages flying past a ballot box chained shut",
    ),
    "poland-mobywatel-digital-state": (
        digital_id,
        "Illustration: a phone showing a red and white identity card and a scannable code",
    ),
    "tiktok-uk-moderation-jobs-ai": (
        moderation,
        "Illustration: a grid of video tiles, some flagged in red, watched by a large machine eye",
    ),
    "uk-online-safety-age-checks-backlash": (
        age_checks,
        "Illustration: a red padlock beside an age-verification slider and form",
    ),
    "urdu-poetry-revival-social-media": (
        urdu_poetry,
        "Illustration: a crescent moon over flowing script-like lines and a phone playing a video",
    ),
    "whatsapp-election-misinformation-south-asia": (
        forwarded,
        "Illustration: green chat bubbles cascading down the page, each forwarded again",
    ),
}
