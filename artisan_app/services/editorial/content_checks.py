"""The editor's content checks: pure functions of the form, run as the editor types.

Each check passes, warns (worth a look) or fails (publishing asks for confirmation).
Limits follow what readers see: search results show about 60 characters of a title
and about 160 of a description; link previews about the same.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import textstat

from artisan_app.models import BlockKind
from artisan_app.services.common.text import reading_minutes, word_count
from artisan_app.services.editorial.forms import ArticleForm

HEADLINE_SHOWN = 60  # characters of a title in search results before "…"
EXCERPT_SHOWN = (50, 160)  # a description shorter says little; longer is cut in results and previews
READABILITY_MIN_WORDS = 100  # below this a readability score says nothing
# Link text that says nothing out of context (WCAG 2.4.4).
VAGUE_LINK_TEXT = {"here", "click here", "click", "read more", "more", "link", "this", "this link", "this page", "go"}
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I | re.S)


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    level: str  # "pass" | "warn" | "fail"
    detail: str


@dataclass(frozen=True)
class CheckReport:
    words: int
    minutes: int
    readability: str  # "Flesch reading ease 64 (plain English)"; "" where no sound measure exists
    checks: list[Check]

    @property
    def failing(self) -> list[Check]:
        return [c for c in self.checks if c.level == "fail"]


def _check(key: str, label: str, problem: str, *, level: str = "fail", ok: str = "") -> Check:
    return Check(key, label, level if problem else "pass", problem or ok)


def readability(text: str, language: str = "en") -> str:
    """Flesch reading ease for English text of some length; "" otherwise (no sound measure)."""
    if language != "en" or word_count(text) < READABILITY_MIN_WORDS:
        return ""
    score = textstat.flesch_reading_ease(text)
    band = (
        "very easy"
        if score >= 80
        else "plain English"
        if score >= 60
        else "fairly difficult"
        if score >= 50
        else "difficult"
        if score >= 30
        else "very difficult"
    )
    return f"Flesch reading ease {score:.0f} ({band})"


def _links(text: str) -> list[str]:
    return [m.strip() for m in _MD_LINK.findall(text) + _HTML_LINK.findall(text)]


def run_checks(form: ArticleForm, *, language: str = "en") -> CheckReport:
    body = [b for s in form.sections for b in s.blocks]
    text = "\n\n".join([*(s.heading for s in form.sections if s.heading), *(b.text for b in body if b.text)])
    words = word_count(form.headline, text)
    headline, excerpt = form.headline.strip(), form.excerpt.strip()

    empty = [i for i, s in enumerate(form.sections, start=1) if not any(b.text.strip() for b in s.blocks)]
    unattributed = [
        i
        for i, s in enumerate(form.sections, start=1)
        for b in s.blocks
        if b.kind == BlockKind.quote.value and b.text.strip() and not b.attribution.strip()
    ]
    vague = [t or "(empty)" for b in body for t in _links(b.text) if t.lower().strip(" .!") in VAGUE_LINK_TEXT or not t]
    # Sections are headed h3s under the body's h2: only a lead-in (the first) may go without a heading.
    unheaded = [
        i
        for i, s in enumerate(form.sections, start=1)
        if i > 1 and not s.heading.strip() and any(b.text.strip() for b in s.blocks)
    ]

    def nums(items: list[int]) -> str:
        return ", ".join(str(i) for i in sorted(set(items)))

    checks = [
        _check("kicker", "Kicker", "" if form.kicker.strip() else "Add a kicker: every article has one.", ok="Present."),
        _check(
            "excerpt", "Excerpt", "" if excerpt else "Add an excerpt: it is the standfirst and the description.", ok="Present."
        ),
        _check(
            "headline-length",
            "Headline length",
            f"{len(headline)} characters: search results show about {HEADLINE_SHOWN}, the rest is cut."
            if len(headline) > HEADLINE_SHOWN
            else "",
            level="warn",
            ok=f"{len(headline)} of about {HEADLINE_SHOWN} characters shown in search results.",
        ),
        _check(
            "excerpt-length",
            "Excerpt length",
            (
                f"{len(excerpt)} characters: under {EXCERPT_SHOWN[0]} says little in a link preview."
                if len(excerpt) < EXCERPT_SHOWN[0]
                else f"{len(excerpt)} characters: search results and previews cut it at about {EXCERPT_SHOWN[1]}."
            )
            if excerpt and not EXCERPT_SHOWN[0] <= len(excerpt) <= EXCERPT_SHOWN[1]
            else "",
            level="warn",
            ok=f"{len(excerpt)} characters, within what previews show.",
        ),
        _check(
            "alt-text",
            "Image descriptions",
            "The cover image has no description for people who can’t see it."
            if form.cover_image and not form.cover_alt.strip()
            else "",
            ok="Every image is described.",
        ),
        _check(
            "empty-sections",
            "Empty sections",
            f"Section {nums(empty)} has no text." if empty else "",
            ok="Every section has text.",
        ),
        _check(
            "quote-attribution",
            "Quotes attributed",
            f"A quote in section {nums(unattributed)} says nobody said it." if unattributed else "",
            ok="Every quote says who said it.",
        ),
        _check(
            "heading-order",
            "Heading order",
            f"Section {nums(unheaded)} has no heading: only the opening section may go without." if unheaded else "",
            ok="Headings in order.",
        ),
        _check(
            "link-text",
            "Link text",
            "Links that say nothing out of context: " + ", ".join(f"“{t}”" for t in vague[:3]) + "." if vague else "",
            ok="Every link says where it goes.",
        ),
    ]
    return CheckReport(words=words, minutes=reading_minutes(words), readability=readability(text, language), checks=checks)


_last: tuple[ArticleForm, str, CheckReport] | None = None


def checks_for(form: ArticleForm, *, language: str = "en") -> CheckReport:
    """``run_checks``, remembered for the last form asked about: the editor's three computed vars
    ask for the same form's report, and every reader's tab computes them once for the empty form
    (Reflex snapshots the whole state tree, the newsroom's states included, on each visit)."""
    global _last
    form = getattr(form, "__wrapped__", form)  # a state's value comes wrapped (Reflex's MutableProxy)
    last = _last
    if last is not None and last[1] == language and last[0] == form:
        return last[2]
    report = run_checks(form, language=language)
    # A copy: equal to a later form only if that form has the same content, however it was made.
    _last = (copy.deepcopy(form), language, report)
    return report
