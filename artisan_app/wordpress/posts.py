"""One WordPress post → an article with its body, tags, cover image, comments and old addresses."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, insert
from sqlmodel import Session, select

from artisan_app import routes
from artisan_app.models import Article, ArticleStatus, ArticleTag, Block, Comment, CommentStatus, Section, WordPressItem
from artisan_app.services import comments as comment_rules
from artisan_app.services import redirects
from artisan_app.services import search
from artisan_app.services.authoring import body_word_count, ensure_tags
from artisan_app.services.images import ImageRejected, store_image
from artisan_app.services.text import clean_text, slugify
from artisan_app.wordpress.adapter import flatten, to_sections
from artisan_app.wordpress.html import convert
from artisan_app.wordpress.report import ImportReport
from artisan_app.wordpress.wxr import WxrItem

STATUS = {  # WordPress status → (our status, note)
    "publish": (ArticleStatus.published, ""),
    "future": (ArticleStatus.published, ""),  # published_at in the future: scheduled
    "draft": (ArticleStatus.draft, ""),
    "pending": (ArticleStatus.review, ""),
    "private": (ArticleStatus.draft, "private post imported as an unpublished draft"),
}
COMMENT_STATUS = {"1": CommentStatus.approved, "0": CommentStatus.pending, "spam": CommentStatus.spam,
                  "trash": CommentStatus.trash, "post-trashed": CommentStatus.trash}


@dataclass
class Context:
    """What every post needs: the maps built from the export's header, and where media live."""

    report: ImportReport
    now: datetime
    site_url: str = ""
    authors: dict[str, int] = field(default_factory=dict)  # login → Author.id
    categories: dict[str, int] = field(default_factory=dict)  # WordPress slug → Category.id
    attachments: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (relative file, alt)
    media_dir: Path | None = None
    upload_dir: Path | None = None


def label(item: WxrItem) -> str:
    return f"“{(item.title or '(untitled)')[:60]}” (WordPress #{item.post_id})"


def digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()


def _mapping(session: Session, kind: str, wp_id: int) -> WordPressItem | None:
    return session.exec(select(WordPressItem).where(WordPressItem.kind == kind, WordPressItem.wp_id == wp_id)).first()


def _unique_slug(session: Session, wanted: str, article_id: int | None) -> str:
    base = wanted or "post"
    slug, n = base, 2
    while session.exec(select(Article.id).where(Article.slug == slug, Article.id != (article_id or 0))).first():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _excerpt(item: WxrItem, sections) -> str:
    text = clean_text(convert_text(item.excerpt))
    if not text:  # as WordPress does: the start of the first paragraph
        first = next((b.text for s in sections for b in s.blocks if b.text), "")
        text = clean_text(first)
        if len(text) > 280:
            text = text[:280].rsplit(" ", 1)[0] + "…"
    return text[:600]


def convert_text(html: str) -> str:
    """Plain text of a bit of HTML (excerpts, comments): paragraphs kept, links as ``text (url)``."""
    if "<" not in html and "&" not in html and "[" not in html:  # already plain text (most comments)
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip())
    body = convert(html)
    return "\n\n".join(flatten(b.runs)[0] if b.kind != "list" else "\n".join(f"• {flatten(i)[0]}" for i in b.items)
                       for b in body.all_blocks()).strip()


def import_post(session: Session, item: WxrItem, ctx: Context) -> str:
    """Create or update the article for ``item``; returns "imported", "updated" or "unchanged"."""
    report, name = ctx.report, label(item)
    status, note = STATUS[item.status]
    thumb = item.meta_value("_thumbnail_id")
    old_slugs = item.meta.get("_wp_old_slug", [])
    wanted = digest(item.title, item.content, item.excerpt, item.status, item.post_name, item.date_gmt,
                    item.modified_gmt, item.creator, item.categories, item.tags, item.sticky, thumb, old_slugs)
    mapping = _mapping(session, "post", item.post_id)
    article = session.get(Article, mapping.local_id) if mapping else None
    outcome = "unchanged"
    if article is None or mapping.digest != wanted:
        outcome = "updated" if article is not None else "imported"
        article = _write_article(session, item, ctx, article, status)
        if note:
            report.add("notes", name, "status", note)
        if mapping is None:
            mapping = WordPressItem(kind="post", wp_id=item.post_id, local_id=article.id)
        mapping.local_id, mapping.guid, mapping.digest, mapping.imported_at = article.id, item.guid[:500], wanted, ctx.now
        session.add(mapping)
        if status is ArticleStatus.published:
            _redirects(session, item, article, ctx)
    _comments(session, item, article, ctx)
    session.flush()
    return outcome


def _write_article(session: Session, item: WxrItem, ctx: Context, article: Article | None, status) -> Article:
    report, name = ctx.report, label(item)
    body = convert(item.content, site_url=ctx.site_url)
    sections, unmapped = to_sections(body)
    for entry in unmapped:
        report.add("unmapped", name, entry.kind, f"{entry.excerpt} → {entry.action}")
    cats = [ctx.categories[slug] for slug, _ in item.categories if slug in ctx.categories]
    extra = [cat_name for slug, cat_name in item.categories[1:] if slug in ctx.categories]
    if extra:
        report.add("notes", name, "categories", f"one category per article here: {', '.join(extra)} kept as topics")
    headline = clean_text(item.title)[:300] or "(untitled)"
    slug = slugify(unquote(item.post_name), max_length=156) or slugify(headline, max_length=156) or f"post-{item.post_id}"
    if article is None:
        article = Article(slug=f"wp-import-{item.post_id}", headline=headline, created_at=item.date_gmt or ctx.now)
        session.add(article)
        session.flush()
    old_slug = article.slug
    article.slug = _unique_slug(session, slug, article.id)
    article.headline = headline
    article.excerpt = _excerpt(item, sections)
    article.category_id = cats[0] if cats else None
    article.author_id = ctx.authors.get(item.creator)
    article.status = status.value
    article.published_at = item.date_gmt if status is ArticleStatus.published else None
    if status is ArticleStatus.published and article.published_at is None:
        article.published_at = ctx.now
    article.updated_at = item.modified_gmt or item.date_gmt or ctx.now
    if item.sticky:
        if "featured" in Article.model_fields:  # the "feature on the front page" setting, once it exists
            setattr(article, "featured", True)
        else:
            report.add("notes", name, "sticky", "sticky post: no lead-story setting exists yet, not kept")
    _cover(item, article, ctx)
    session.add(article)
    session.flush()
    _write_body(session, article, sections)
    if old_slug != article.slug and not old_slug.startswith("wp-import-"):
        redirects.record_slug_change(session, article, old_slug)
    session.exec(ArticleTag.__table__.delete().where(ArticleTag.article_id == article.id))  # type: ignore[attr-defined]
    for tag in ensure_tags(session, [tag_name for _, tag_name in item.tags] + extra):
        session.add(ArticleTag(article_id=article.id, tag_id=tag.id))
    return article


def _write_body(session: Session, article: Article, sections) -> None:
    """What ``authoring.replace_body`` does (sections numbered from 1, word count, search index),
    in two multi-row INSERTs instead of a flush per section: the import writes thousands of bodies."""
    sec, blk = Section.__table__, Block.__table__
    session.flush()
    session.execute(delete(blk).where(blk.c.section_id.in_(select(sec.c.id).where(sec.c.article_id == article.id))))
    session.execute(delete(sec).where(sec.c.article_id == article.id))
    if sections:
        ids = session.execute(insert(sec).returning(sec.c.id, sort_by_parameter_order=True), [
            {"article_id": article.id, "position": i, "heading": s.heading} for i, s in enumerate(sections, start=1)]).scalars().all()
        blocks = [{"section_id": section_id, "position": j, "kind": b.kind, "text": b.text, "attribution": b.attribution}
                  for section_id, s in zip(ids, sections) for j, b in enumerate(s.blocks, start=1)]
        if blocks:
            session.execute(insert(blk), blocks)
    article.word_count = body_word_count(article.headline, sections)
    session.add(article)
    search.reindex_article(session, article.id)


def media_path(media_dir: Path, relative: str) -> Path | None:
    """``relative`` inside ``media_dir``, or None if it would leave it (``../`` in a hostile export)."""
    root = media_dir.resolve()
    path = (root / relative.lstrip("/")).resolve()
    return path if path.is_relative_to(root) and path != root else None


def _cover(item: WxrItem, article: Article, ctx: Context) -> None:
    thumb = item.meta_value("_thumbnail_id")
    if not thumb.isdigit():
        return
    relative, alt = ctx.attachments.get(int(thumb), ("", ""))
    name = label(item)
    if not relative:
        ctx.report.add("missing_media", name, "cover", f"attachment #{thumb} is not in the export")
        return
    path = media_path(ctx.media_dir, relative) if ctx.media_dir else None
    if path is None or not path.is_file():
        ctx.report.add("missing_media", name, "cover", relative if ctx.media_dir else f"{relative} (no --media-dir given)")
        return
    try:
        names = store_image(path.read_bytes(), directory=ctx.upload_dir, prefix=f"cover-{article.id}")
    except ImageRejected as exc:
        ctx.report.add("missing_media", name, "cover", f"{relative}: {exc}")
        return
    article.cover_image = f"/_upload/{names[max(names)]}"
    article.cover_alt = clean_text(alt)[:300] or clean_text(item.title)[:300]
    if not alt:
        ctx.report.add("notes", name, "cover", "no alt text in WordPress: the headline is used")


def _redirects(session: Session, item: WxrItem, article: Article, ctx: Context) -> None:
    keys = {f"/?p={item.post_id}"}
    if item.link:
        keys.add(redirects.key_of_url(item.link))
    day = item.date_local[:10].replace("-", "/") if item.date_local[:4].isdigit() else ""
    for slug in [item.post_name, *item.meta.get("_wp_old_slug", [])]:
        if slug:
            keys.add(redirects.normalise(f"/{slug}"))
            if day:
                keys.add(redirects.normalise(f"/{day}/{slug}"))
    keys.discard("/")
    ctx.report.redirects += redirects.add_to_live_page(session, keys, routes.article_url(article.slug), source="wordpress")


@lru_cache(maxsize=4096)
def _email(raw: str) -> tuple[str, str]:
    email = clean_text(raw)[:254]
    try:
        return email, validate_email(email, check_deliverability=False).normalized.casefold()
    except (EmailNotValidError, Exception):  # noqa: BLE001
        return email, email.casefold()


def _website(raw: str) -> str:
    url = clean_text(raw)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname and len(url) <= 200 else ""


def _comments(session: Session, item: WxrItem, article: Article, ctx: Context) -> None:
    """New comments go in with one multi-row INSERT per level of the reply tree; changed ones are updated."""
    real = [c for c in item.comments if c.type in ("", "comment")]
    if len(real) != len(item.comments):
        ctx.report.add("notes", label(item), "comments", f"{len(item.comments) - len(real)} pingback(s)/trackback(s) not imported")
    if not real:
        return
    ids = [c.id for c in real]
    maps = {m.wp_id: m for m in session.exec(select(WordPressItem).where(WordPressItem.kind == "comment", WordPressItem.wp_id.in_(ids))).all()}
    rows = {c.id: c for c in session.exec(select(Comment).where(Comment.id.in_([m.local_id for m in maps.values()]))).all()} if maps else {}
    fingerprints = set(session.exec(select(Comment.fingerprint).where(Comment.article_id == article.id)).all())
    existing = {wp: rows[m.local_id] for wp, m in maps.items() if m.local_id in rows}
    placed: dict[int, tuple[int, int]] = {wp: (row.id, row.depth) for wp, row in existing.items()}  # wp id → (id, depth)
    pending, known = sorted(real, key=lambda c: c.id), set(ids)
    while pending:  # in waves: parents before their replies
        waiting = {c.id for c in pending}
        wave = [c for c in pending if not c.parent or c.parent not in known or (c.parent in placed and c.parent not in waiting)]
        if not wave:  # a cycle in a hostile export: import the rest flat
            for c in pending:
                c.parent = 0
            continue
        new_rows, new_wp = [], []
        for c in wave:
            wanted = digest(c.author, c.email, c.url, c.date_gmt, c.content, c.approved, c.parent)
            mapping = maps.get(c.id)
            if mapping is not None and mapping.digest == wanted and c.id in existing:
                continue
            values = _comment_values(c, article, ctx, placed, fingerprints, existing.get(c.id))
            if c.id in existing:
                row = existing[c.id]
                for key, value in values.items():
                    setattr(row, key, value)
                session.add(row)
                placed[c.id] = (row.id, row.depth)
                mapping.digest, mapping.imported_at = wanted, ctx.now
                session.add(mapping)
                ctx.report.comments_updated += 1
            else:
                new_rows.append(values)
                new_wp.append((c.id, wanted, values["depth"]))
        if new_rows:
            session.flush()
            table = Comment.__table__
            new_ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), new_rows).scalars().all()
            session.execute(insert(WordPressItem.__table__), [
                {"kind": "comment", "wp_id": wp, "guid": "", "local_id": local, "digest": wanted, "imported_at": ctx.now}
                for (wp, wanted, _), local in zip(new_wp, new_ids)])
            for (wp, _, depth), local in zip(new_wp, new_ids):
                placed[wp] = (local, depth)
            ctx.report.comments_imported += len(new_rows)
        waved = {c.id for c in wave}
        pending = [c for c in pending if c.id not in waved]


def _comment_values(c, article, ctx, placed, fingerprints, row: Comment | None) -> dict:
    """The columns of WordPress comment ``c`` as stored here."""
    parent = placed.get(c.parent)
    email, normalized = _email(c.email)
    body = convert_text(c.content)[:comment_rules.MAX_BODY] or "(empty)"
    status = COMMENT_STATUS.get(c.approved, CommentStatus.pending)
    if row is not None:
        fingerprints.discard(row.fingerprint)
    fp = comment_rules.fingerprint(article.id, normalized, body)
    if fp in fingerprints:  # WordPress kept two identical comments: keep both
        fp = hashlib.sha256(f"wordpress-comment:{c.id}".encode()).hexdigest()
    fingerprints.add(fp)
    created = c.date_gmt or article.published_at or ctx.now
    return {
        "article_id": article.id, "parent_id": parent[0] if parent else None,
        "depth": min(parent[1] + 1, comment_rules.MAX_DEPTH) if parent else 0,
        "name": clean_text(convert_text(c.author))[: comment_rules.MAX_NAME] or "Anonymous",  # tags stripped, as WordPress does
        "email": email, "email_normalized": normalized, "website": _website(c.url), "body": body,
        "status": status.value, "held_reason": "imported" if status is CommentStatus.pending else "",
        "owner_key": "", "fingerprint": fp, "created_at": created,
        "approved_at": created if status is CommentStatus.approved else None,
    }
