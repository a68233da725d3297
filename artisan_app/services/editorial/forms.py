"""The article editor's form and its checks: what an editor edits, how it is
cleaned, and every problem named against the field it belongs to.

Error keys are the ids of the fields in the editor (``headline``, ``heading-2``,
``block-2-1``, ``attr-2-1``, ``body``…), so the page can put each message next
to its field and link to it from the error summary.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from artisan_app.models import ArticleStatus, BlockKind
from artisan_app.services.common.text import clean_text, slugify
from artisan_app.services.editorial.rich import embed_error

LIMITS = {
    "headline": 300,
    "kicker": 200,
    "excerpt": 600,
    "slug": 160,
    "cover_alt": 300,
    "heading": 300,
    "text": 10000,
    "attribution": 300,
    "tags": 400,
}
EXCERPT_RANGE = (20, 300)
MAX_SECTIONS = 30
MAX_BLOCKS = 60
# The whole body (headings, paragraphs, quotes and attributions): about 200 KB of text.
BODY_LIMIT = 200_000
FIELD_LABELS = {
    "headline": "Headline",
    "kicker": "Kicker",
    "excerpt": "Excerpt",
    "slug": "Slug",
    "cover_alt": "Cover image description",
    "tags": "Tags",
}
# "1. Panels", "2) Costs": the number is added by the layout, so a typed one is dropped.
_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]\s+")


@dataclass(frozen=True)
class BlockForm:
    """``text``: inline Markdown for paragraphs and quotes, one item a line for lists,
    the URL of an embed, the caption of an image (credit in ``attribution``)."""

    kind: str = BlockKind.paragraph.value
    text: str = ""
    attribution: str = ""
    image_id: int = 0
    wide: bool = False
    alt: str = ""  # an image's alt text (kept on the Image row)
    preview: str = ""  # an image's small JPEG, for the editor only
    key: str = field(default="", compare=False)  # stable id (services/authoring.replace_body)


@dataclass(frozen=True)
class SectionForm:
    heading: str = ""
    blocks: list[BlockForm] = field(default_factory=lambda: [BlockForm()])
    key: str = field(default="", compare=False)


@dataclass(frozen=True)
class ArticleForm:
    id: int = 0
    version: int = 0
    slug: str = ""
    slug_locked: bool = False  # fixed once first published
    slug_custom: bool = False  # typed by an editor; otherwise made from the headline
    kicker: str = ""
    headline: str = ""
    excerpt: str = ""
    category_slug: str = ""
    author_slug: str = ""
    tags: str = ""
    cover_image: str = ""
    cover_alt: str = ""
    cover_image_id: int = 0  # the cover's Image row (services/media); cover_image is then ""
    cover_preview: str = ""  # its whole picture as a small JPEG: the editor's focal-point target
    cover_focal: str = ""  # "x,y" as fractions, shown to the editor
    status: str = ArticleStatus.draft.value
    published_at_iso: str = ""
    # "draft" | "review" | "scheduled" | "published" (what readers see now)
    phase: str = ArticleStatus.draft.value
    schedule_label: str = ""  # "29 November 2026, 09:00 PKT (04:00 UTC)" when scheduled
    sections: list[SectionForm] = field(default_factory=lambda: [SectionForm()])


# Not part of a revision's snapshot (identity and workflow, not content).
NOT_CONTENT = ("id", "version", "status", "published_at_iso", "slug_locked", "phase", "schedule_label")


def snapshot(form: ArticleForm) -> str:
    """The form's content as JSON (identity and workflow fields left out): what a revision keeps,
    and what an approval covers."""
    data = asdict(form)
    for key in NOT_CONTENT:
        data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


class EditValidationError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class EditConflict(Exception):
    """Someone saved since this editor loaded the article."""

    def __init__(self, theirs: ArticleForm, by: str, at: datetime):
        super().__init__(f"{by} saved this article at {at:%H:%M} UTC")
        self.theirs, self.by, self.at = theirs, by, at


@dataclass(frozen=True)
class SaveResult:
    article_id: int
    version: int
    slug: str
    saved_at: datetime
    # Fields that were not saved because they are invalid (key -> message); the rest was saved.
    skipped: dict[str, str] = field(default_factory=dict)
    # What the save did to the article's review ("" nothing), e.g. that it is back in review.
    review_notice: str = ""


def strip_section_number(heading: str) -> str:
    """Drop a typed leading "1. " from a section heading: the layout numbers sections."""
    return _LEADING_NUMBER.sub("", heading, count=1)


def clean_form(form: ArticleForm) -> ArticleForm:
    """Trim and strip control characters everywhere; keep paragraphs' line breaks."""
    sections = [
        SectionForm(
            heading=strip_section_number(clean_text(s.heading)),
            blocks=[
                BlockForm(
                    kind=b.kind if b.kind in _KINDS else BlockKind.paragraph.value,
                    text=clean_text(b.text, multiline=True),
                    attribution=clean_text(b.attribution),
                    image_id=b.image_id if isinstance(b.image_id, int) and not isinstance(b.image_id, bool) else 0,
                    wide=b.wide is True,
                    alt=clean_text(b.alt)[:300],
                    preview=b.preview if isinstance(b.preview, str) else "",
                    key=b.key,
                )
                for b in s.blocks[:MAX_BLOCKS]
            ],
            key=s.key,
        )
        for s in form.sections[:MAX_SECTIONS]
    ]
    return replace(
        form,
        slug=slugify(form.slug, max_length=LIMITS["slug"]) if form.slug else "",
        kicker=clean_text(form.kicker),
        headline=clean_text(form.headline),
        excerpt=clean_text(form.excerpt),
        category_slug=clean_text(form.category_slug),
        author_slug=clean_text(form.author_slug),
        tags=clean_text(form.tags),
        cover_image=clean_text(form.cover_image),
        cover_alt=clean_text(form.cover_alt),
        cover_image_id=form.cover_image_id if type(form.cover_image_id) is int and form.cover_image_id > 0 else 0,
        sections=sections,
    )


def _too_long(value: str, limit: int) -> str:
    return f"Keep this to {limit:,} characters or fewer (it is {len(value):,})."


_KINDS = tuple(k.value for k in BlockKind)
BLOCK_NAMES = {
    "paragraph": "paragraph",
    "quote": "quote",
    "subheading": "subheading",
    "bullets": "bulleted list",
    "numbers": "numbered list",
    "image": "image",
    "embed": "embed",
    "separator": "separator",
}


def block_name(block: BlockForm) -> str:
    return BLOCK_NAMES.get(block.kind, "paragraph")


MAX_TAG = 80  # a tag's name (the database column's size)
MAX_TAGS = 20


def tag_names(raw: str) -> list[str]:
    """The comma-separated tags of the form's field, trimmed, at most ``MAX_TAGS``."""
    return [t.strip() for t in raw.split(",") if t.strip()][:MAX_TAGS]


def draft_errors(form: ArticleForm) -> dict[str, str]:
    """Problems that stop a field from being saved at all (lengths), one per field."""
    errors: dict[str, str] = {}
    for name in ("headline", "kicker", "excerpt", "slug", "cover_alt", "tags"):
        value = getattr(form, name)
        if len(value) > LIMITS[name]:
            errors[name] = f"{FIELD_LABELS[name]}: " + _too_long(value, LIMITS[name]).lower()
    long_tag = next((t for t in tag_names(form.tags) if len(t) > MAX_TAG), "")
    if long_tag and "tags" not in errors:
        errors["tags"] = (
            f"Each tag must be {MAX_TAG} characters or fewer; “{long_tag[:30]}…” is {len(long_tag)}. Separate tags with commas."
        )
    for i, s in enumerate(form.sections, start=1):
        if len(s.heading) > LIMITS["heading"]:
            errors[f"heading-{i}"] = f"Section {i} heading: " + _too_long(s.heading, LIMITS["heading"]).lower()
        for j, b in enumerate(s.blocks, start=1):
            where = f"Section {i}, {block_name(b)} {j}"
            if len(b.text) > LIMITS["text"]:
                errors[f"block-{i}-{j}"] = f"{where}: " + _too_long(b.text, LIMITS["text"]).lower()
            elif embed_error(b):
                errors[f"block-{i}-{j}"] = f"{where}: " + embed_error(b)
            if len(b.attribution) > LIMITS["attribution"]:
                errors[f"attr-{i}-{j}"] = f"{where}, attribution: " + _too_long(b.attribution, LIMITS["attribution"]).lower()
    size = body_size(form)
    if size > BODY_LIMIT:
        errors["body"] = (
            f"The article body is {size:,} characters; the limit is {BODY_LIMIT:,}. Split it into two articles or shorten it."
        )
    return errors


def body_size(form: ArticleForm) -> int:
    return sum(len(s.heading) + sum(len(b.text) + len(b.attribution) for b in s.blocks) for s in form.sections)


def publish_errors(form: ArticleForm) -> dict[str, str]:
    """What must be fixed before an article can be public (first publication or any update)."""
    errors = draft_errors(form)
    if not form.headline:
        errors.setdefault("headline", "A headline is required.")
    if not form.category_slug:
        errors.setdefault("category", "Choose a category.")
    if not form.author_slug:
        errors.setdefault("author", "Choose an author.")
    low, high = EXCERPT_RANGE
    if not (low <= len(form.excerpt) <= high):
        errors.setdefault("excerpt", f"The excerpt should be {low}–{high} characters (it is {len(form.excerpt)}).")
    complete = [s for s in form.sections if s.heading and any(b.text for b in s.blocks)]
    if not complete:
        errors.setdefault("sections", "Add at least one section with a heading and some text.")
    for i, s in enumerate(form.sections, start=1):
        if not s.heading and any(b.text for b in s.blocks):
            errors.setdefault(f"heading-{i}", f"Section {i} needs a heading.")
        elif s.heading and not any(b.text for b in s.blocks):
            errors.setdefault(f"block-{i}-1", f"Section {i} needs at least one paragraph or quote.")
    for i, s in enumerate(form.sections, start=1):
        for j, b in enumerate(s.blocks, start=1):
            if b.kind == BlockKind.image.value and b.image_id and not b.alt:
                errors.setdefault(
                    f"alt-{i}-{j}", f"Section {i}, image {j}: describe the image for readers who can’t see it (alt text)."
                )
    if (form.cover_image or form.cover_image_id) and not form.cover_alt:
        errors.setdefault("cover_alt", "Describe the cover image for readers who can’t see it.")
    return errors


def savable(form: ArticleForm, stored: ArticleForm | None) -> tuple[ArticleForm, dict[str, str]]:
    """The form with every invalid field left as it is stored (or empty), and the errors.

    So one field over its limit never stops the rest from being saved.
    """
    errors = draft_errors(form)
    if not errors:
        return form, errors
    base = stored or ArticleForm()
    fixed = {name: getattr(base, name) for name in FIELD_LABELS if name in errors}
    sections, size = [], 0
    for i, s in enumerate(form.sections, start=1):
        heading = s.heading if f"heading-{i}" not in errors else ""
        blocks = []
        for j, b in enumerate(s.blocks, start=1):
            text = b.text if f"block-{i}-{j}" not in errors else ""
            attribution = b.attribution if f"attr-{i}-{j}" not in errors else ""
            if size + len(text) + len(attribution) > BODY_LIMIT:
                text, attribution = "", ""
                errors.setdefault(
                    f"block-{i}-{j}",
                    f"Section {i}, {block_name(b)} {j}: not saved, the body is over its limit of {BODY_LIMIT:,} characters.",
                )
            size += len(text) + len(attribution)
            blocks.append(replace(b, text=text, attribution=attribution))
        size += len(heading)
        sections.append(SectionForm(heading, blocks, key=s.key))
    return replace(form, sections=sections, **fixed), errors
