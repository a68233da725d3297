"""The newsroom's rules: who may edit what, saving with optimistic locking,
revisions, publishing and scheduling, and who else has an article open.

Every function takes the signed-in ``StaffUser`` (or ``None``) and checks it
itself, so no caller can forget: authors touch only their own unpublished
articles and cannot publish; editors and admins may do anything here.

This module holds the article list, the preview and presence, and re-exports
the rest, which lives by concern: ``services.editorial.forms`` (the form and its checks),
``services.editorial.access`` (permissions), ``services.editorial.saving`` (saving, slugs, the revision
policy), ``editor_workflow`` (publish, schedule, unpublish, review) and
``revisions`` (list, compare, restore).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleAuthor, ArticleStatus, Author, Category, EditingPresence, utcnow
from artisan_app.services.accounts.auth import StaffUser, require
from artisan_app.services.articles.catalog import author_profile
from artisan_app.services.articles.views import ArticleCard, ArticleDetail, BlockView, SectionView, TagLink
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import clean_text, date_label, exact_label, iso, reading_minutes, slugify, word_count
from artisan_app.services.editorial.access import editable_article, form_of, lookup, phase_of
from artisan_app.services.editorial.authoring import new_key
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm, clean_form
from artisan_app.services.editorial.rich import drafts_of, has_content, preview_markup
from artisan_app.services.media.library import image_refs

PRESENCE_WINDOW = timedelta(seconds=45)
LIST_PAGE = 25


@dataclass(frozen=True)
class EditorRow:
    id: int
    headline: str
    status: str  # draft | review | scheduled | published
    category_name: str
    author_name: str
    updated_label: str
    slug: str
    language: str = "en"  # its edition
    translations: str = ""  # the languages of its linked translations, e.g. "ur" ("" for none)


# --- reading -----------------------------------------------------------------------


def status_label(article: Article, now: datetime) -> str:
    return phase_of(article, now)


def list_articles(
    session: Session,
    *,
    user: StaffUser | None,
    status: str = "",
    category_slug: str = "",
    author_slug: str = "",
    query: str = "",
    offset: int = 0,
    now: datetime | None = None,
) -> tuple[list[EditorRow], bool]:
    """The newsroom's article list; authors see only their own."""
    user = require(user)
    now = now or utcnow()
    q = (
        select(Article, Category, Author)
        .join(Category, col(Category.id) == col(Article.category_id), isouter=True)
        .join(Author, col(Author.id) == col(Article.author_id), isouter=True)
    )
    if not user.can_publish:  # their own articles, co-authored ones included
        q = q.where(
            col(Article.id).in_(select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == (user.author_id or -1)))
            | (Article.author_id == (user.author_id or -1))
        )
    q = q.where(Article.status != ArticleStatus.trashed.value)  # the trash has its own view (services/editorial/trash.py)
    if status == "scheduled":
        q = q.where(col(Article.status) == ArticleStatus.published.value, col(Article.published_at) > now)
    elif status == ArticleStatus.published.value:
        q = q.where(col(Article.status) == status, col(Article.published_at) <= now)
    elif status in (
        ArticleStatus.draft.value,
        ArticleStatus.review.value,
        ArticleStatus.changes.value,
        ArticleStatus.approved.value,
    ):
        q = q.where(Article.status == status)
    elif status == "waiting":  # editors: in review or approved; authors: changes requested
        q = q.where(
            col(Article.status).in_(
                [ArticleStatus.review.value, ArticleStatus.approved.value] if user.can_publish else [ArticleStatus.changes.value]
            )
        )
    if category_slug:
        q = q.where(Category.slug == category_slug)
    if author_slug:
        q = q.where(Author.slug == author_slug)
    words = clean_text(query)[:100]
    if words:
        q = q.where(func.lower(Article.headline).contains(words.lower()))
    rows = session.exec(
        q.order_by(col(Article.updated_at).desc(), col(Article.id).desc()).offset(max(0, offset)).limit(LIST_PAGE + 1)
    ).all()
    from artisan_app.core.i18n import NATIVE_NAMES
    from artisan_app.services.editorial.translations import languages_by_article  # it imports the editor's services

    linked = languages_by_article(session, [a.id for a, _c, _au in rows[:LIST_PAGE]])
    items = [
        EditorRow(
            id=a.id,
            headline=a.headline or "(untitled)",
            status=status_label(a, now),
            category_name=c.name if c else "—",
            author_name=au.name if au else "—",
            updated_label=exact_label(a.updated_at),
            slug=a.slug,
            language=a.language,
            translations=", ".join(NATIVE_NAMES[lang] for lang in linked.get(a.id, [])),
        )
        for a, c, au in rows[:LIST_PAGE]
    ]
    return items, len(rows) > LIST_PAGE


def load_form(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> ArticleForm:
    _, article = editable_article(session, user, article_id)
    return form_of(session, article, now)


def new_form(session: Session, *, user: StaffUser | None) -> ArticleForm:
    user = require(user)
    author = session.get(Author, user.author_id) if user.author_id else None
    first = SectionForm(blocks=[BlockForm(key=new_key())], key=new_key())  # keys stay put through saves
    return ArticleForm(author_slug=author.slug if author else "", sections=[first])


# --- presence ----------------------------------------------------------------------------


def touch_presence(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> list[str]:
    """Record that ``user`` has the article open; return the others who do."""
    user, article = editable_article(session, user, article_id)
    now = now or utcnow()
    row = session.get(EditingPresence, (article.id, user.id))
    if row is None:
        row = EditingPresence(article_id=article.id, user_id=user.id, user_name=user.name, seen_at=now)
    row.seen_at = now
    session.add(row)
    session.flush()
    others = session.exec(
        select(EditingPresence.user_name)
        .where(
            EditingPresence.article_id == article.id,
            EditingPresence.user_id != user.id,
            EditingPresence.seen_at > now - PRESENCE_WINDOW,
        )
        .order_by(EditingPresence.user_name)
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
    cats = session.exec(select(col(Category.slug), col(Category.name)).order_by(col(Category.position), col(Category.name))).all()
    authors = session.exec(select(Author.slug, Author.name).order_by(Author.name)).all()
    return [(slug, name) for slug, name in cats], [(slug, name) for slug, name in authors]


def preview(session: Session, *, user: StaffUser | None, form: ArticleForm, now: datetime | None = None) -> ArticleDetail:
    """The article as readers will see it, built from the unsaved form."""
    require(user)
    now = now or utcnow()
    form = clean_form(form)
    category = lookup(session, Category, form.category_slug)
    author = lookup(session, Author, form.author_slug)
    kept = [s for s in form.sections if s.heading or any(has_content(b) for b in s.blocks)]
    drafts = [[d for b in s.blocks if has_content(b) for d in drafts_of(b)] for s in kept]
    images = image_refs(session, [d.image_id for ds in drafts for d in ds if d.image_id])
    sections = [
        SectionView(
            number=i,
            heading=s.heading,
            blocks=[BlockView(d.kind, d.text, d.attribution, markup=preview_markup(d, images)) for d in ds],
        )
        for i, (s, ds) in enumerate(zip(kept, drafts, strict=True), start=1)
    ]
    words = word_count(form.headline, *(s.heading for s in sections), *(b.text for s in sections for b in s.blocks))
    moment = datetime.fromisoformat(form.published_at_iso) if form.published_at_iso else now
    card = ArticleCard(
        slug=form.slug or slugify(form.headline) or "preview",
        kicker=form.kicker,
        headline=form.headline or "(No headline yet)",
        excerpt=form.excerpt,
        category_name=category.name if category else "No category",
        category_slug=category.slug if category else "",
        author_name=author.name if author else "No author",
        author_slug=author.slug if author else "",
        published_iso=iso(moment),
        published_label=date_label(moment),
        reading_minutes=reading_minutes(words),
        # In its edition's language and direction, as readers will see it.
        language=_language_of(session, form.id),
    )
    tags = [TagLink(name=t.strip(), slug=slugify(t)) for t in form.tags.split(",") if slugify(t)]
    return ArticleDetail(
        id=form.id,
        card=card,
        author=author_profile(author) if author else author_profile(Author(name="No author", slug="")),
        updated_iso=iso(now),
        updated_label=date_label(now),
        sections=sections,
        tags=tags,
        cover_image=form.cover_image,
        cover_alt=form.cover_alt,
    )


def _language_of(session: Session, article_id: int) -> str:
    """The saved article's edition ("en" for one not saved yet)."""
    article = session.get(Article, article_id) if article_id else None
    return article.language if article is not None else "en"
