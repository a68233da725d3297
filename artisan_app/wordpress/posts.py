"""One WordPress post → an article with its body, tags, cover image, comments and old addresses."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session, select

from artisan_app.core import routes
from artisan_app.models import Article, ArticleStatus, ArticleTag, Block, Section, WordPressItem
from artisan_app.services.common.text import clean_text, slugify
from artisan_app.services.editorial.authoring import body_word_count, ensure_tags, stored_block
from artisan_app.services.media.single_images import ImageRejected, store_image
from artisan_app.services.search import index
from artisan_app.services.site import content_changes, redirects
from artisan_app.wordpress.adapter import to_sections
from artisan_app.wordpress.comments import import_comments
from artisan_app.wordpress.common import convert_text, digest, label
from artisan_app.wordpress.context import Context
from artisan_app.wordpress.html import convert
from artisan_app.wordpress.wxr import WxrItem

STATUS = {  # WordPress status → (our status, note)
    "publish": (ArticleStatus.published, ""),
    "future": (ArticleStatus.published, ""),  # published_at in the future: scheduled
    "draft": (ArticleStatus.draft, ""),
    "pending": (ArticleStatus.review, ""),
    "private": (ArticleStatus.draft, "private post imported as an unpublished draft"),
}


_ITEMS, _ARTICLES = WordPressItem.__table__, Article.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
# Built once: the import asks them for every post (a statement built per call costs more than the query).
_POST_MAPPING = select(_ITEMS.c.id, _ITEMS.c.local_id, _ITEMS.c.digest).where(
    _ITEMS.c.kind == "post", _ITEMS.c.wp_id == bindparam("wp_id")
)
_SLUG_TAKEN = select(_ARTICLES.c.id).where(_ARTICLES.c.slug == bindparam("slug"), _ARTICLES.c.id != bindparam("id")).limit(1)


def _unique_slug(session: Session, wanted: str, article_id: int | None) -> str:
    base = wanted or "post"
    slug, n = base, 2
    while session.connection().execute(_SLUG_TAKEN, {"slug": slug, "id": article_id or 0}).first():
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


def import_post(session: Session, item: WxrItem, ctx: Context) -> str:
    """Create or update the article for ``item``; returns "imported", "updated" or "unchanged"."""
    report, name = ctx.report, label(item)
    status, note = STATUS[item.status]
    thumb = item.meta_value("_thumbnail_id")
    old_slugs = item.meta.get("_wp_old_slug", [])
    wanted = digest(
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.post_name,
        item.date_gmt,
        item.modified_gmt,
        item.creator,
        item.categories,
        item.tags,
        item.sticky,
        thumb,
        old_slugs,
    )
    mapping = session.connection().execute(_POST_MAPPING, {"wp_id": item.post_id}).first()
    article = session.get(Article, mapping.local_id) if mapping else None
    outcome = "unchanged"
    if mapping is None or article is None or mapping.digest != wanted:  # no mapping: no article either
        outcome = "updated" if article is not None else "imported"
        article = _write_article(session, item, ctx, article, status)
        if note:
            report.add("notes", name, "status", note)
        values = {"local_id": article.id, "guid": item.guid[:500], "digest": wanted, "imported_at": ctx.now}
        if mapping is None:
            session.execute(insert(_ITEMS).values(kind="post", wp_id=item.post_id, **values))
        else:
            session.execute(update(_ITEMS).where(_ITEMS.c.id == mapping.id).values(**values))
        if status is ArticleStatus.published:
            _redirects(session, item, article, ctx)
    written = import_comments(session, item, article, ctx, new_article=outcome == "imported")
    if written and outcome == "unchanged":
        content_changes.bump_generation(session)  # the comments went in as bulk INSERTs, which the flush does not see
    session.flush()
    return outcome


def _write_article(session: Session, item: WxrItem, ctx: Context, article: Article | None, status) -> Article:
    """A new article is one INSERT with its final slug, body and word count; an existing one is updated."""
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
    new = article is None
    if article is None:
        old_slug = ""
        article = Article(slug="", headline=headline, created_at=item.date_gmt or ctx.now)
    else:
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
    if item.sticky and status is ArticleStatus.published:
        # WordPress's sticky → "Feature on the front page" (services/articles/featured.py): the most
        # recently featured live story leads, so of several sticky posts the newest does.
        article.featured_at = article.published_at or ctx.now
    article.word_count = body_word_count(article.headline, sections)
    session.add(article)
    session.flush()
    _cover(item, article, ctx)  # the stored file's name carries the article's id
    _write_body(session, article, sections, new)
    if old_slug and old_slug != article.slug and not old_slug.startswith("wp-import-"):
        redirects.record_slug_change(session, article, old_slug)
    _write_tags(session, article, [tag_name for _, tag_name in item.tags] + extra, ctx, new)
    return article


def _write_body(session: Session, article: Article, sections, new: bool) -> None:
    """What ``authoring.replace_body`` does (sections numbered from 1, search index), in two multi-row
    INSERTs instead of a flush per section, and the search text from what was written, not re-read."""
    sec, blk = Section.__table__, Block.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
    if not new:
        session.execute(delete(blk).where(blk.c.section_id.in_(select(sec.c.id).where(sec.c.article_id == article.id))))
        session.execute(delete(sec).where(sec.c.article_id == article.id))
    # stored_block: inline HTML cleaned again, plain text from it, list items as JSON.
    stored = [[stored_block(b) for b in s.blocks] for s in sections]
    if sections:
        returned = session.execute(
            insert(sec).returning(sec.c.id, sec.c.position),
            [{"article_id": article.id, "position": i, "heading": s.heading} for i, s in enumerate(sections, start=1)],
        ).all()
        ids = dict((position, section_id) for section_id, position in returned)
        blocks = [
            {"section_id": ids[i], "position": j, **values}
            for i, rows in enumerate(stored, start=1)
            for j, values in enumerate(rows, start=1)
        ]
        if blocks:
            session.execute(insert(blk), blocks)
    text = [
        part
        for s, rows in zip(sections, stored, strict=True)
        for part in (s.heading, *(p for v in rows for p in (v["text"], v["attribution"]) if p))
    ]
    doc = index.document(article.id, article.headline, article.kicker, article.excerpt, text)
    index.index_document(session, doc)


def _write_tags(session: Session, article: Article, names: list[str], ctx: Context, new: bool) -> None:
    """The article's tags: those declared in the export's header from ``ctx.tags``, others looked up or made."""
    table = ArticleTag.__table__  # type: ignore[attr-defined]  # set by SQLModel on table models
    if not new:
        session.execute(delete(table).where(table.c.article_id == article.id))
    ids, missing = [], []
    for tag_name in names:
        tag_id = ctx.tags.get(slugify(tag_name))
        if tag_id is None:
            missing.append(tag_name)
        elif tag_id not in ids:
            ids.append(tag_id)
    if missing:
        ids += [tag.id for tag in ensure_tags(session, missing) if tag.id not in ids]
    if ids:
        session.execute(insert(table), [{"article_id": article.id, "tag_id": tag_id} for tag_id in ids])


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
    assert ctx.upload_dir is not None  # import_export always gives one
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
    changed, refused = redirects.add_to_live_page(session, keys, routes.article_url(article.slug), source="wordpress")
    ctx.report.redirects += changed
    for key, reason in refused.items():
        ctx.report.add("refused", label(item), "redirect", f"{key} {reason}: not redirected")
