"""The newsroom's rules: who may edit what, saving with optimistic locking,
revisions, publishing and scheduling, and who else has an article open.

Every function takes the signed-in ``StaffUser`` (or ``None``) and checks it
itself, so no caller can forget: authors touch only their own unpublished
articles and cannot publish; editors and admins may do anything here.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from artisan_app.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    ArticleTag,
    Author,
    BlockKind,
    Category,
    EditingPresence,
    Role,
    Tag,
    utcnow,
)
from artisan_app.services.articles import article_sections
from artisan_app.services.catalog import author_profile
from artisan_app.services.ids import as_id
from artisan_app.services.views import ArticleCard, ArticleDetail, BlockView, SectionView, TagLink
from artisan_app.services.auth import PermissionDenied, StaffUser, require
from artisan_app.services.authoring import collect_orphan_tags, ensure_tags, replace_body
from artisan_app.services.body import BlockDraft, SectionDraft
from artisan_app.services.text import clean_text, date_label, exact_label, iso, reading_minutes, slugify, word_count

LIMITS = {"headline": 300, "kicker": 200, "excerpt": 600, "slug": 160, "cover_alt": 300, "heading": 300,
          "text": 10000, "attribution": 300, "tags": 400}
EXCERPT_RANGE = (20, 300)
MAX_SECTIONS = 30
MAX_BLOCKS = 60
PRESENCE_WINDOW = timedelta(seconds=45)
LIST_PAGE = 25


MAX_TAG = 80  # a tag's name (the database column's size)
MAX_TAGS = 20


def tag_names(raw: str) -> list[str]:
    """The comma-separated tags of the form's field, trimmed, at most ``MAX_TAGS``."""
    return [t.strip() for t in raw.split(",") if t.strip()][:MAX_TAGS]


# --- forms (what the editor edits) -------------------------------------------


@dataclass(frozen=True)
class BlockForm:
    kind: str = BlockKind.paragraph.value
    text: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class SectionForm:
    heading: str = ""
    blocks: list[BlockForm] = field(default_factory=lambda: [BlockForm()])


@dataclass(frozen=True)
class ArticleForm:
    id: int = 0
    version: int = 0
    slug: str = ""
    slug_locked: bool = False  # fixed once first published
    kicker: str = ""
    headline: str = ""
    excerpt: str = ""
    category_slug: str = ""
    author_slug: str = ""
    tags: str = ""
    cover_image: str = ""
    cover_alt: str = ""
    status: str = ArticleStatus.draft.value
    published_at_iso: str = ""
    sections: list[SectionForm] = field(default_factory=lambda: [SectionForm()])


@dataclass(frozen=True)
class EditorRow:
    id: int
    headline: str
    status: str  # draft | review | scheduled | published
    category_name: str
    author_name: str
    updated_label: str
    slug: str


@dataclass(frozen=True)
class RevisionRow:
    id: int
    version: int
    user_name: str
    created_label: str
    note: str


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


# --- permissions ---------------------------------------------------------------


def _may_edit(user: StaffUser, article: Article) -> bool:
    if article.status == ArticleStatus.trashed.value:  # restore it from the trash first (services/trash.py)
        return False
    if user.can_publish:
        return True
    return (
        user.author_id is not None
        and article.author_id == user.author_id
        and article.status != ArticleStatus.published.value
    )


def _editable_article(session: Session, user: StaffUser | None, article_id: int) -> tuple[StaffUser, Article]:
    user = require(user)
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None or not _may_edit(user, article):
        raise PermissionDenied("You can’t edit that article.")
    return user, article


# --- reading -----------------------------------------------------------------------


def status_label(article: Article, now: datetime) -> str:
    if article.status == ArticleStatus.published.value and article.published_at and article.published_at > now:
        return "scheduled"
    return article.status


def list_articles(
    session: Session, *, user: StaffUser | None, status: str = "", category_slug: str = "", author_slug: str = "",
    query: str = "", offset: int = 0, now: datetime | None = None,
) -> tuple[list[EditorRow], bool]:
    """The newsroom's article list; authors see only their own."""
    user = require(user)
    now = now or utcnow()
    q = (
        select(Article, Category, Author)
        .join(Category, Category.id == Article.category_id, isouter=True)
        .join(Author, Author.id == Article.author_id, isouter=True)
    )
    if not user.can_publish:
        q = q.where(Article.author_id == (user.author_id or -1))
    q = q.where(Article.status != ArticleStatus.trashed.value)  # the trash has its own view (services/trash.py)
    if status == "scheduled":
        q = q.where(Article.status == ArticleStatus.published.value, Article.published_at > now)
    elif status == ArticleStatus.published.value:
        q = q.where(Article.status == status, Article.published_at <= now)
    elif status in (ArticleStatus.draft.value, ArticleStatus.review.value):
        q = q.where(Article.status == status)
    if category_slug:
        q = q.where(Category.slug == category_slug)
    if author_slug:
        q = q.where(Author.slug == author_slug)
    words = clean_text(query)[:100]
    if words:
        q = q.where(func.lower(Article.headline).contains(words.lower()))
    rows = session.exec(q.order_by(Article.updated_at.desc(), Article.id.desc()).offset(max(0, offset)).limit(LIST_PAGE + 1)).all()
    items = [
        EditorRow(id=a.id, headline=a.headline or "(untitled)", status=status_label(a, now),
                  category_name=c.name if c else "—", author_name=au.name if au else "—", updated_label=exact_label(a.updated_at), slug=a.slug)
        for a, c, au in rows[:LIST_PAGE]
    ]
    return items, len(rows) > LIST_PAGE


def _form_of(session: Session, article: Article) -> ArticleForm:
    category = session.get(Category, article.category_id) if article.category_id else None
    author = session.get(Author, article.author_id) if article.author_id else None
    tags = session.exec(
        select(Tag.name).join(ArticleTag, ArticleTag.tag_id == Tag.id).where(ArticleTag.article_id == article.id).order_by(Tag.name)
    ).all()
    sections = [
        SectionForm(heading=s.heading, blocks=[BlockForm(b.kind, b.text, b.attribution) for b in s.blocks])
        for s in article_sections(session, article.id)
    ]
    return ArticleForm(
        id=article.id, version=article.version, slug=article.slug,
        slug_locked=article.published_at is not None and article.status == ArticleStatus.published.value,
        kicker=article.kicker, headline=article.headline, excerpt=article.excerpt,
        category_slug=category.slug if category else "", author_slug=author.slug if author else "",
        tags=", ".join(tags), cover_image=article.cover_image, cover_alt=article.cover_alt,
        status=article.status, published_at_iso=article.published_at.isoformat() if article.published_at else "",
        sections=sections or [SectionForm()],
    )


def load_form(session: Session, *, user: StaffUser | None, article_id: int) -> ArticleForm:
    _, article = _editable_article(session, user, article_id)
    return _form_of(session, article)


def new_form(session: Session, *, user: StaffUser | None) -> ArticleForm:
    user = require(user)
    author = session.get(Author, user.author_id) if user.author_id else None
    return ArticleForm(author_slug=author.slug if author else "")


# --- validation -----------------------------------------------------------------


def _clean_form(form: ArticleForm) -> ArticleForm:
    """Trim and strip control characters everywhere; keep paragraphs' line breaks."""
    sections = [
        SectionForm(
            heading=clean_text(s.heading),
            blocks=[
                BlockForm(
                    kind=b.kind if b.kind in (BlockKind.paragraph.value, BlockKind.quote.value) else BlockKind.paragraph.value,
                    text=clean_text(b.text, multiline=True),
                    attribution=clean_text(b.attribution),
                )
                for b in s.blocks[:MAX_BLOCKS]
            ],
        )
        for s in form.sections[:MAX_SECTIONS]
    ]
    return replace(
        form,
        slug=slugify(form.slug, max_length=LIMITS["slug"]) if form.slug else "",
        kicker=clean_text(form.kicker), headline=clean_text(form.headline), excerpt=clean_text(form.excerpt),
        category_slug=clean_text(form.category_slug), author_slug=clean_text(form.author_slug),
        tags=clean_text(form.tags), cover_image=clean_text(form.cover_image), cover_alt=clean_text(form.cover_alt),
        sections=sections,
    )


def draft_errors(form: ArticleForm) -> dict[str, str]:
    """Problems that stop even a draft from being saved (lengths)."""
    errors: dict[str, str] = {}
    for name in ("headline", "kicker", "excerpt", "slug", "cover_alt", "tags"):
        value = getattr(form, name)
        if len(value) > LIMITS[name]:
            errors[name] = f"Keep this to {LIMITS[name]:,} characters or fewer (it is {len(value):,})."
    long_tag = next((t for t in tag_names(form.tags) if len(t) > MAX_TAG), "")
    if long_tag and "tags" not in errors:
        errors["tags"] = (f"Each tag must be {MAX_TAG} characters or fewer; “{long_tag[:30]}…” is "
                          f"{len(long_tag)}. Separate tags with commas.")
    for i, s in enumerate(form.sections):
        if len(s.heading) > LIMITS["heading"]:
            errors[f"section-{i}"] = f"Section {i + 1}: the heading is longer than {LIMITS['heading']} characters."
        for j, b in enumerate(s.blocks):
            if len(b.text) > LIMITS["text"] or len(b.attribution) > LIMITS["attribution"]:
                errors[f"section-{i}"] = f"Section {i + 1}, block {j + 1} is too long."
    return errors


def publish_errors(form: ArticleForm) -> dict[str, str]:
    """What must be fixed before an article can go live."""
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
    elif len(complete) != len(form.sections):
        errors.setdefault("sections", "Every section needs a heading and at least one paragraph or quote.")
    if form.cover_image and not form.cover_alt:
        errors.setdefault("cover_alt", "Describe the cover image for readers who can’t see it.")
    return errors


# --- saving ------------------------------------------------------------------------


def _snapshot(form: ArticleForm) -> str:
    data = asdict(form)
    for key in ("id", "version", "status", "published_at_iso", "slug_locked"):
        data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _unique_slug(session: Session, wanted: str, article_id: int) -> str:
    base = slugify(wanted, max_length=LIMITS["slug"] - 4) or "untitled"
    slug, n = base, 2
    while session.exec(select(Article.id).where(Article.slug == slug, Article.id != article_id)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _lookup(session: Session, model, slug: str):
    return session.exec(select(model).where(model.slug == slug)).first() if slug else None


def save_article(
    session: Session, *, user: StaffUser | None, form: ArticleForm, note: str = "", force: bool = False,
    now: datetime | None = None,
) -> SaveResult:
    """Create or update an article from ``form`` and keep a revision.

    ``form.version`` must be the version the editor started from; if someone
    saved since, ``EditConflict`` carries their text and nothing is written
    (unless ``force``, used when the editor chose to keep their own text).
    """
    user = require(user)
    now = now or utcnow()
    form = _clean_form(form)
    errors = draft_errors(form)
    category = _lookup(session, Category, form.category_slug)
    author = _lookup(session, Author, form.author_slug)
    if not user.can_publish:  # authors write under their own byline
        author = session.get(Author, user.author_id) if user.author_id else None
        if author is None:
            raise PermissionDenied("Your account has no byline; ask an editor to link one.")
    if form.category_slug and category is None:
        errors["category"] = "That category no longer exists."
    if errors:
        raise EditValidationError(errors)

    if form.id:
        user, article = _editable_article(session, user, form.id)
        if article.version != form.version and not force:
            last = session.exec(
                select(ArticleRevision).where(ArticleRevision.article_id == article.id).order_by(ArticleRevision.version.desc())
            ).first()
            raise EditConflict(_form_of(session, article), last.user_name if last else "Someone", article.updated_at)
    else:
        article = Article(slug=f"draft-{now.timestamp():.0f}-{user.id}", headline="", status=ArticleStatus.draft.value,
                          version=0, created_at=now, updated_at=now)
        session.add(article)
        session.flush()

    locked = article.status == ArticleStatus.published.value and article.published_at is not None
    if not locked:
        article.slug = _unique_slug(session, form.slug or form.headline or "untitled", article.id)
    article.kicker, article.headline, article.excerpt = form.kicker, form.headline, form.excerpt
    article.cover_image, article.cover_alt = form.cover_image, form.cover_alt
    article.category_id = category.id if category else None
    article.author_id = author.id if author else None
    replace_body(session, article, [
        SectionDraft(s.heading, [BlockDraft(b.kind, b.text, b.attribution) for b in s.blocks if b.text])
        for s in form.sections if s.heading or any(b.text for b in s.blocks)
    ])
    previous_tags = session.exec(select(ArticleTag.tag_id).where(ArticleTag.article_id == article.id)).all()
    session.exec(ArticleTag.__table__.delete().where(ArticleTag.article_id == article.id))  # type: ignore[attr-defined]
    for tag in ensure_tags(session, tag_names(form.tags)):
        session.add(ArticleTag(article_id=article.id, tag_id=tag.id))
    session.flush()
    collect_orphan_tags(session, previous_tags)  # tags typed and dropped again leave nothing behind
    article.version += 1
    article.updated_at = now
    session.add(article)
    session.flush()
    saved = _form_of(session, article)
    session.add(ArticleRevision(article_id=article.id, version=article.version, user_id=user.id, user_name=user.name,
                                note=note[:120], snapshot=_snapshot(saved), created_at=now))
    session.flush()
    return SaveResult(article_id=article.id, version=article.version, slug=article.slug, saved_at=now)


# --- workflow ------------------------------------------------------------------------


def _current_form_checked(session: Session, article: Article) -> ArticleForm:
    form = _form_of(session, article)
    errors = publish_errors(form)
    if errors:
        raise EditValidationError(errors)
    return form


def publish(
    session: Session, *, user: StaffUser | None, article_id: int, at: datetime | None = None, now: datetime | None = None,
) -> Article:
    """Publish now, or schedule for ``at`` (it goes live by itself then)."""
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    _, article = _editable_article(session, user, article_id)
    _current_form_checked(session, article)
    if at is not None and at.tzinfo is None:
        raise EditValidationError({"schedule": "Give the time with its time zone."})
    article.status = ArticleStatus.published.value
    article.published_at = at if at and at > now else now
    article.updated_at = now
    session.add(article)
    session.flush()
    return article


def unpublish(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    user = require(user, Role.admin, Role.editor)
    _, article = _editable_article(session, user, article_id)
    article.status = ArticleStatus.draft.value
    article.published_at = None
    article.featured_at = None  # no longer on the front page
    article.updated_at = now or utcnow()
    session.add(article)
    session.flush()
    return article


def submit_for_review(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """An author hands a finished draft to the editors."""
    _, article = _editable_article(session, user, article_id)
    if article.status == ArticleStatus.published.value:
        raise EditValidationError({"status": "This article is already published."})
    _current_form_checked(session, article)
    article.status = ArticleStatus.review.value
    article.updated_at = now or utcnow()
    session.add(article)
    session.flush()
    return article


# --- revisions -----------------------------------------------------------------------


def list_revisions(session: Session, *, user: StaffUser | None, article_id: int, limit: int = 50) -> list[RevisionRow]:
    _editable_article(session, user, article_id)
    rows = session.exec(
        select(ArticleRevision).where(ArticleRevision.article_id == article_id)
        .order_by(ArticleRevision.version.desc()).limit(limit)
    ).all()
    return [RevisionRow(id=r.id, version=r.version, user_name=r.user_name,
                        created_label=exact_label(r.created_at), note=r.note) for r in rows]


def _revision(session: Session, user: StaffUser | None, revision_id: int) -> tuple[StaffUser, Article, ArticleRevision]:
    require(user)
    revision = session.get(ArticleRevision, revision_id) if as_id(revision_id) else None
    if revision is None:
        raise PermissionDenied("No such revision.")
    user, article = _editable_article(session, user, revision.article_id)
    return user, article, revision


def _readable(form_json: str) -> list[str]:
    data = json.loads(form_json)
    lines = [f"Headline: {data.get('headline', '')}", f"Kicker: {data.get('kicker', '')}",
             f"Excerpt: {data.get('excerpt', '')}", f"Category: {data.get('category_slug', '')}",
             f"Author: {data.get('author_slug', '')}", f"Tags: {data.get('tags', '')}"]
    for i, s in enumerate(data.get("sections", []), start=1):
        lines.append(f"{i}. {s.get('heading', '')}")
        for b in s.get("blocks", []):
            text = b.get("text", "")
            lines.append(f"   > {text} — {b.get('attribution', '')}" if b.get("kind") == "quote" else f"   {text}")
    return lines


def revision_diff(session: Session, *, user: StaffUser | None, revision_id: int) -> list[str]:
    """Unified diff from the revision to the article as it is now."""
    _, article, revision = _revision(session, user, revision_id)
    current = _snapshot(_form_of(session, article))
    return list(difflib.unified_diff(_readable(revision.snapshot), _readable(current),
                                     f"version {revision.version}", f"current (version {article.version})", lineterm=""))


def restore_revision(session: Session, *, user: StaffUser | None, revision_id: int, now: datetime | None = None) -> SaveResult:
    user, article, revision = _revision(session, user, revision_id)
    data = json.loads(revision.snapshot)
    sections = [SectionForm(heading=s["heading"], blocks=[BlockForm(**b) for b in s["blocks"]]) for s in data.pop("sections")]
    form = ArticleForm(id=article.id, version=article.version, sections=sections,
                       **{k: v for k, v in data.items() if k in ArticleForm.__dataclass_fields__})
    return save_article(session, user=user, form=form, note=f"Restored version {revision.version}", now=now)


# --- presence ----------------------------------------------------------------------------


def touch_presence(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> list[str]:
    """Record that ``user`` has the article open; return the others who do."""
    user, article = _editable_article(session, user, article_id)
    now = now or utcnow()
    row = session.get(EditingPresence, (article.id, user.id))
    if row is None:
        row = EditingPresence(article_id=article.id, user_id=user.id, user_name=user.name, seen_at=now)
    row.seen_at = now
    session.add(row)
    session.flush()
    others = session.exec(
        select(EditingPresence.user_name).where(
            EditingPresence.article_id == article.id, EditingPresence.user_id != user.id,
            EditingPresence.seen_at > now - PRESENCE_WINDOW,
        ).order_by(EditingPresence.user_name)
    ).all()
    return list(others)


def leave_presence(session: Session, *, user: StaffUser | None, article_id: int) -> None:
    if user is None or not as_id(article_id):
        return
    row = session.get(EditingPresence, (article_id, user.id))
    if row is not None:
        session.delete(row)


def options(session: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(slug, name) of categories and authors, for the editor's selects."""
    cats = session.exec(select(Category.slug, Category.name).order_by(Category.position, Category.name)).all()
    authors = session.exec(select(Author.slug, Author.name).order_by(Author.name)).all()
    return [tuple(c) for c in cats], [tuple(a) for a in authors]



def preview(session: Session, *, user: StaffUser | None, form: ArticleForm, now: datetime | None = None) -> ArticleDetail:
    """The article as readers will see it, built from the unsaved form."""
    require(user)
    now = now or utcnow()
    form = _clean_form(form)
    category = _lookup(session, Category, form.category_slug)
    author = _lookup(session, Author, form.author_slug)
    sections = [
        SectionView(number=i, heading=s.heading,
                    blocks=[BlockView(b.kind, b.text, b.attribution) for b in s.blocks if b.text])
        for i, s in enumerate((s for s in form.sections if s.heading or any(b.text for b in s.blocks)), start=1)
    ]
    words = word_count(form.headline, *(s.heading for s in sections), *(b.text for s in sections for b in s.blocks))
    moment = datetime.fromisoformat(form.published_at_iso) if form.published_at_iso else now
    card = ArticleCard(
        slug=form.slug or slugify(form.headline) or "preview", kicker=form.kicker, headline=form.headline or "(No headline yet)",
        excerpt=form.excerpt, category_name=category.name if category else "No category",
        category_slug=category.slug if category else "", author_name=author.name if author else "No author",
        author_slug=author.slug if author else "", published_iso=iso(moment), published_label=date_label(moment),
        reading_minutes=reading_minutes(words),
    )
    tags = [TagLink(name=t.strip(), slug=slugify(t)) for t in form.tags.split(",") if slugify(t)]
    return ArticleDetail(
        id=form.id, card=card,
        author=author_profile(author) if author else author_profile(Author(name="No author", slug="")),
        updated_iso=iso(now), updated_label=date_label(now), sections=sections, tags=tags,
        cover_image=form.cover_image, cover_alt=form.cover_alt,
    )
