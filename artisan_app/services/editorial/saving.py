"""Saving an article from the editor: optimistic locking, slugs, and the revision policy.

Revision policy: an autosave rewrites one rolling revision per editor and article;
an explicit save, an update of a live article, publishing, scheduling and
restoring each add a revision of their own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleRevision, ArticleStatus, ArticleTag, Author, Category, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.body import BlockDraft, SectionDraft
from artisan_app.services.articles.coauthors import sync_primary
from artisan_app.services.common.text import slugify
from artisan_app.services.editorial import approval
from artisan_app.services.editorial.access import editable_article, form_of, is_public_or_scheduled, lookup, slug_fixed
from artisan_app.services.editorial.authoring import collect_orphan_tags, ensure_tags, replace_body
from artisan_app.services.editorial.forms import (
    LIMITS,
    ArticleForm,
    BlockForm,
    EditConflict,
    EditValidationError,
    SaveResult,
    clean_form,
    publish_errors,
    savable,
    snapshot,
    tag_names,
)
from artisan_app.services.editorial.rich import drafts_of, has_content
from artisan_app.services.media.library import get_image

AUTOSAVE_NOTE = "Autosave"


def unique_slug(session: Session, wanted: str, article_id: int) -> str:
    base = slugify(wanted, max_length=LIMITS["slug"] - 4) or "untitled"
    slug, n = base, 2
    while session.exec(select(Article.id).where(Article.slug == slug, Article.id != article_id)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def add_revision(
    session: Session, article: Article, user: StaffUser, note: str, now: datetime, *, autosave: bool = False
) -> ArticleRevision:
    """Keep a snapshot of the article as stored now (see the policy above)."""
    data = snapshot(form_of(session, article, now))
    rolling = session.exec(
        select(ArticleRevision).where(
            ArticleRevision.article_id == article.id, ArticleRevision.user_id == user.id, col(ArticleRevision.autosave).is_(True)
        )
    ).first()
    if autosave:
        row = rolling or ArticleRevision(
            article_id=article.id, user_id=user.id, autosave=True, snapshot=data, version=article.version
        )
        row.version, row.snapshot, row.created_at = article.version, data, now
        row.user_name, row.note = user.name, AUTOSAVE_NOTE
    else:
        if rolling is not None:  # superseded by a revision of its own
            session.delete(rolling)
        row = ArticleRevision(
            article_id=article.id,
            version=article.version,
            user_id=user.id,
            user_name=user.name,
            note=note[:120],
            snapshot=data,
            created_at=now,
        )
    session.add(row)
    session.flush()
    return row


def _conflict(session: Session, article: Article) -> EditConflict:
    last = session.exec(
        select(ArticleRevision).where(col(ArticleRevision.article_id) == article.id).order_by(col(ArticleRevision.version).desc())
    ).first()
    return EditConflict(form_of(session, article), last.user_name if last else "Someone", article.updated_at)


def _keyed(drafts: list[BlockDraft], key: str) -> list[BlockDraft]:
    """``drafts`` with the first one keeping ``key`` (the rest, split off by a paste, get new keys)."""
    return [replace(d, key=key) if i == 0 and key else d for i, d in enumerate(drafts)]


def _checked_image(session: Session, b: BlockForm) -> BlockForm:
    """An image block keeps only an Image that exists. Its alt text is the block's own: the same
    photo may be used by other articles, which this save must not change."""
    if b.kind != "image":
        return b
    return b if b.image_id and get_image(session, b.image_id) is not None else replace(b, image_id=0)


def save_article(
    session: Session,
    *,
    user: StaffUser | None,
    form: ArticleForm,
    note: str = "",
    force: bool = False,
    now: datetime | None = None,
    autosave: bool = False,
) -> SaveResult:
    """Create or update an article from ``form``.

    ``form.version`` must be the version the editor started from; if someone
    saved since, ``EditConflict`` carries their text and nothing is written
    (unless ``force``, used when the editor chose to keep their own text).

    A draft saves every valid field and leaves each invalid one as stored,
    naming it in ``SaveResult.skipped``. An article that is live or scheduled
    changes only as a whole, and only if it passes every publishing check
    (cover alt text included); an autosave never touches it.
    """
    user = require(user)
    now = now or utcnow()
    form = clean_form(form)
    author = lookup(session, Author, form.author_slug)
    if not user.can_publish:  # authors write under their own byline
        author = session.get(Author, user.author_id) if user.author_id else None
        if author is None:
            raise PermissionDenied("Your account has no byline; ask an editor to link one.")

    stored: ArticleForm | None = None
    if form.id:
        user, article = editable_article(session, user, form.id)
        if article.version != form.version and not force:
            raise _conflict(session, article)
        approval.check_update(session, user, article, now)
        stored = form_of(session, article, now)
    else:
        article = None

    category = lookup(session, Category, form.category_slug)
    missing_category = {"category": "That category no longer exists."} if form.category_slug and category is None else {}
    if article is not None and is_public_or_scheduled(article):
        if autosave:
            raise EditValidationError({"publish": "A live or scheduled article changes only when you choose Update."})
        errors = {**publish_errors(form), **missing_category}
        if errors:
            raise EditValidationError(errors)
        skipped: dict[str, str] = {}
    else:
        form, skipped = savable(form, stored)
        if missing_category:
            skipped.update(missing_category)
            category = lookup(session, Category, stored.category_slug) if stored else None

    if article is None:
        article = Article(
            slug=f"draft-{now.timestamp():.0f}-{user.id}",
            headline="",
            status=ArticleStatus.draft.value,
            version=0,
            created_at=now,
            updated_at=now,
        )
        session.add(article)
        session.flush()

    if not slug_fixed(article):
        # The slug follows the headline until an editor types one; it is fixed once published.
        custom = (
            form.slug_custom
            or bool(form.slug and stored is not None and form.slug != stored.slug)
            or (bool(form.slug) and stored is None)
        )
        article.slug_custom = custom and bool(form.slug)
        article.slug = unique_slug(session, form.slug if article.slug_custom else (form.headline or "untitled"), article.id)
    article.kicker, article.headline, article.excerpt = form.kicker, form.headline, form.excerpt
    article.cover_image, article.cover_alt = form.cover_image, form.cover_alt
    # The cover's Image (uploaded through services/media); an unknown id is no cover.
    article.cover_image_id = form.cover_image_id if form.cover_image_id and get_image(session, form.cover_image_id) else None
    if article.cover_image_id:
        article.cover_image = ""
    form = replace(form, sections=[replace(s, blocks=[_checked_image(session, b) for b in s.blocks]) for s in form.sections])
    article.category_id = category.id if category else None
    if user.can_publish or article.author_id is None:  # a co-author's save keeps the primary author
        article.author_id = author.id if author else None
    sync_primary(session, article)
    # Inline Markdown becomes cleaned HTML (editor_rich); a pasted run of paragraphs, several blocks
    # (the first keeps the editor block's stable key, which review notes anchor to).
    replace_body(
        session,
        article,
        [
            SectionDraft(s.heading, [d for b in s.blocks if has_content(b) for d in _keyed(drafts_of(b), b.key)], s.key)
            for s in form.sections
            if s.heading or any(has_content(b) for b in s.blocks)
        ],
    )
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
    notice = ""
    if stored is not None and snapshot(form_of(session, article, now)) != snapshot(stored):
        notice = approval.after_content_change(session, article, user, now)
    add_revision(
        session, article, user, note or ("Updated" if is_public_or_scheduled(article) else "Saved"), now, autosave=autosave
    )
    return SaveResult(
        article_id=article.id, version=article.version, slug=article.slug, saved_at=now, skipped=skipped, review_notice=notice
    )
