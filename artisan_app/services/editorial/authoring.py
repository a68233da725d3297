"""Writing articles: creating them with their structured body and tags."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict

from sqlmodel import Session, select

from artisan_app.models import Article, ArticleStatus, ArticleTag, Block, BlockKind, Section, Tag, utcnow
from artisan_app.services.articles.body import BlockDraft, SectionDraft
from artisan_app.services.articles.coauthors import sync_primary
from artisan_app.services.articles.rich_text import clean_inline, from_text, plain_text
from artisan_app.services.common.text import slugify, word_count
from artisan_app.services.search import index


def body_word_count(headline: str, sections: Sequence[SectionDraft]) -> int:
    return word_count(
        headline,
        *(s.heading for s in sections),
        *(b.text for s in sections for b in s.blocks),
    )


def ensure_tags(session: Session, names: Sequence[str]) -> list[Tag]:
    """Existing tags by slug, creating the missing ones."""
    tags: list[Tag] = []
    for name in names:
        slug = slugify(name)
        if not slug or any(t.slug == slug for t in tags):
            continue
        tag = session.exec(select(Tag).where(Tag.slug == slug)).first()
        if tag is None:
            tag = Tag(name=name.replace("-", " "), slug=slug)
            session.add(tag)
            session.flush()
        tags.append(tag)
    return tags


def collect_orphan_tags(session: Session, tag_ids: Sequence[int]) -> int:
    """Delete those of ``tag_ids`` that no article uses any more (e.g. what autosave
    made of a half-typed tag field); returns how many went."""
    gone = 0
    for tag_id in set(tag_ids):
        if session.exec(select(ArticleTag.tag_id).where(ArticleTag.tag_id == tag_id).limit(1)).first() is None:
            tag = session.get(Tag, tag_id)
            if tag is not None:
                session.delete(tag)
                gone += 1
    session.flush()
    return gone


def new_key() -> str:
    return uuid.uuid4().hex


class StoredBlock(TypedDict):
    """A ``Block`` row's own columns (its section and position aside)."""

    kind: str
    text: str
    attribution: str
    html: str
    items: str
    image_id: int | None
    url: str
    wide: bool
    key: str
    alt: str


def stored_block(block: BlockDraft) -> StoredBlock:
    """A draft's columns: inline HTML cleaned again (every write), the plain text
    derived from it (search, word counts), list items as a JSON list."""
    values: StoredBlock = {
        "kind": block.kind,
        "text": block.text,
        "attribution": block.attribution,
        "html": "",
        "items": "",
        "image_id": block.image_id,
        "url": block.url,
        "wide": bool(block.wide),
        "key": block.key or new_key(),
        "alt": " ".join(block.alt.split())[:300] if block.kind == BlockKind.image.value else "",
    }
    if block.kind in (BlockKind.paragraph.value, BlockKind.quote.value):
        html = clean_inline(block.html) if block.html else from_text(block.text)
        values["html"], values["text"] = html, plain_text(html)
    elif block.kind in (BlockKind.bullets.value, BlockKind.numbers.value):
        items = [h for h in (clean_inline(i) for i in block.items) if h]
        values["items"], values["text"] = json.dumps(items), "\n".join(plain_text(h) for h in items)
    return values


def replace_body(session: Session, article: Article, sections: Sequence[SectionDraft]) -> None:
    """Store ``sections`` as the article's body, numbered from 1 in the given order."""
    for old in session.exec(select(Section).where(Section.article_id == article.id)).all():
        for block in session.exec(select(Block).where(Block.section_id == old.id)).all():
            session.delete(block)
        session.delete(old)
    session.flush()
    for position, draft in enumerate(sections, start=1):
        section = Section(article_id=article.id, position=position, heading=draft.heading, key=draft.key or new_key())
        session.add(section)
        session.flush()
        for block_position, block_draft in enumerate(draft.blocks, start=1):
            session.add(Block(section_id=section.id, position=block_position, **stored_block(block_draft)))
    # Word count from the stored plain text (never the markup).
    stored = [SectionDraft(d.heading, [BlockDraft(b.kind, stored_block(b)["text"]) for b in d.blocks]) for d in sections]
    article.word_count = body_word_count(article.headline, stored)
    # Keep full-text search current with the headline, kicker, excerpt and body.
    index.reindex_article(session, article.id)


def create_article(
    session: Session,
    *,
    slug: str,
    headline: str,
    category_id: int,
    author_id: int,
    sections: Sequence[SectionDraft],
    kicker: str = "",
    excerpt: str = "",
    tags: Sequence[str] = (),
    status: ArticleStatus = ArticleStatus.draft,
    published_at: datetime | None = None,
    language: str = "en",
    translation_group: str | None = None,
) -> Article:
    now = utcnow()
    published_at = published_at if published_at else (now if status is ArticleStatus.published else None)
    article = Article(
        slug=slug,
        kicker=kicker,
        headline=headline,
        excerpt=excerpt,
        category_id=category_id,
        author_id=author_id,
        status=status.value,
        published_at=published_at,
        first_published_at=published_at if status is ArticleStatus.published else None,
        created_at=now,
        updated_at=published_at or now,
        language=language,
        translation_group=translation_group,
    )
    session.add(article)
    session.flush()
    sync_primary(session, article)
    replace_body(session, article, sections)
    for tag in ensure_tags(session, tags):
        session.add(ArticleTag(article_id=article.id, tag_id=tag.id))
    session.flush()
    return article
