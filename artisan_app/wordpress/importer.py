"""Import a WordPress export: authors, categories and tags, then each post in its own transaction.

The file is read twice, streaming: first for the header (authors, categories,
tags) and the attachments (for featured images, which may come after their
post), then for the posts. A post that fails is rolled back, reported and
skipped; the rest import. With ``dry_run`` everything happens inside one
transaction that is rolled back at the end (each post in a savepoint), so the
report is exactly what a real run would say.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from artisan_app.models import Author, Category, Role, User, utcnow
from artisan_app.services.accounts.auth import hash_password, normalise_email
from artisan_app.services.common.text import clean_text, slugify
from artisan_app.services.editorial.authoring import ensure_tags
from artisan_app.services.site import redirects
from artisan_app.wordpress import wxr
from artisan_app.wordpress.common import label
from artisan_app.wordpress.context import Context
from artisan_app.wordpress.posts import STATUS, import_post
from artisan_app.wordpress.report import MAX_DETAILS, ImportReport

Progress = Callable[[int, int], None]  # (done, total)


def _slug(raw: str) -> str:
    return slugify(unquote(raw or ""))


@contextmanager
def _unit(session: Session, dry_run: bool):
    if dry_run:
        with session.begin_nested():
            yield
    else:
        if session.get_bind().dialect.name == "postgresql":
            # Each post's commit need not wait for the disk: the import is idempotent, so
            # posts lost to a crash in the last moments come back by running it again.
            session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        try:
            yield
            session.commit()
        except Exception:
            session.rollback()
            raise


@contextmanager
def _connection(engine: Engine, dry_run: bool):
    """One connection for the whole import. On SQLite in WAL mode its commits need not wait for the
    disk (``synchronous=NORMAL``: a crash may lose the last posts, never corrupt the file, and the
    import is idempotent, so running it again brings them back); restored before the pool gets it back."""
    with engine.connect() as conn:
        previous = None
        if engine.dialect.name == "sqlite" and not dry_run and conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal":
            previous = int(conn.exec_driver_sql("PRAGMA synchronous").scalar_one())
            conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
        conn.commit()
        try:
            yield conn
        finally:
            if previous is not None:
                conn.rollback()
                conn.exec_driver_sql(f"PRAGMA synchronous={previous}")
                conn.commit()


def scan(source: str | Path | IO[bytes]) -> tuple[wxr.WxrChannel, dict[int, tuple[str, str]], int]:
    """First pass: the header, attachments (id → (file under uploads, alt text)) and how many items."""
    channel = wxr.WxrChannel()
    attachments: dict[int, tuple[str, str]] = {}
    total = 0
    for item in wxr.read(source, channel, comments=False):
        total += 1
        if item.post_type == "attachment":
            relative = item.meta_value("_wp_attached_file")
            if not relative and "/uploads/" in item.attachment_url:
                relative = unquote(urlsplit(item.attachment_url).path.split("/uploads/", 1)[1])
            attachments[item.post_id] = (relative, item.meta_value("_wp_attachment_image_alt"))
    return channel, attachments, total


def _header(session: Session, channel: wxr.WxrChannel, ctx: Context, staff_accounts: bool) -> None:
    report = ctx.report
    for a in channel.authors:
        slug = _slug(a.login) or f"wp-author-{a.id}"
        name = clean_text(a.display_name or a.login)[:120] or slug
        author = (
            session.exec(select(Author).where(Author.slug == slug)).first()
            or session.exec(select(Author).where(Author.name == name)).first()
        )  # the same person's profile here
        if author is None:
            author = Author(name=name, slug=slug)
            session.add(author)
            session.flush()
            report.authors_created += 1
        ctx.authors[a.login] = author.id
        if _segment(a.login):
            _redirect(session, f"/author/{a.login}", f"/author/{author.slug}", ctx)
        email = normalise_email(a.email) if a.email else ""
        if staff_accounts and email and session.exec(select(User.id).where(User.email == email)).first() is None:
            # Cannot sign in: inactive, with a password nobody knows, until an admin sets one up.
            session.add(
                User(
                    email=email,
                    name=author.name,
                    role=Role.author.value,
                    author_id=author.id,
                    password_hash=hash_password(secrets.token_urlsafe(32)),
                    is_active=False,
                )
            )
            report.accounts_created += 1
    by_slug = {c.slug: c for c in channel.categories}
    for c in channel.categories:
        slug = _slug(c.slug)
        if not slug:
            continue
        row = session.exec(select(Category).where(Category.slug == slug)).first()
        if row is None:
            last = session.exec(select(Category.position).order_by(col(Category.position).desc())).first()
            row = Category(
                slug=slug,
                name=clean_text(c.name)[:80] or slug,
                description=clean_text(c.description)[:400],
                position=(last or 0) + 1,
            )
            session.add(row)
            session.flush()
            report.categories_created += 1
        ctx.categories[c.slug] = row.id
        if c.parent:
            parent = by_slug.get(c.parent)
            report.add(
                "notes",
                f"category “{c.name}”",
                "category",
                f"was under “{parent.name if parent else c.parent}”: flattened to a section of its own",
            )
        if _segment(c.slug):
            _redirect(session, f"/category/{c.slug}", f"/category/{slug}", ctx)
            _redirect(session, f"/category/{c.slug}/feed", f"/category/{slug}/feed.xml", ctx)
    for t in channel.tags:
        tags = ensure_tags(session, [clean_text(t.name)[:80] or t.slug])
        for tag in tags:
            ctx.tags[tag.slug] = tag.id  # committed with the header: the posts look their tags up here
        if tags and _segment(t.slug):
            _redirect(session, f"/tag/{t.slug}", f"/tag/{tags[0].slug}", ctx)
    _redirect(session, "/feed", "/feed.xml", ctx)


def _segment(value: str) -> bool:
    """One path segment (a hostile export's ``news/feed.xml`` must not claim another address)."""
    decoded = unquote(value or "")
    return bool(decoded) and not any(ch in decoded for ch in "/?#\\") and decoded not in (".", "..")


def _redirect(session: Session, old: str, new: str, ctx: Context) -> None:
    """An old address of the export's authors, categories, tags or feed; refused (and reported) if it
    is one of this site's own pages or would loop. The same address here is no redirect at all."""
    if redirects.normalise(old) == redirects.normalise(new):
        return
    try:
        if redirects.add(session, redirects.normalise(old), new, source="wordpress"):
            ctx.report.redirects += 1
    except redirects.RedirectError as exc:
        ctx.report.add("refused", old, "redirect", str(exc))


def import_export(
    engine: Engine,
    source: str | Path | IO[bytes],
    *,
    media_dir: Path | None = None,
    upload_dir: Path | None = None,
    dry_run: bool = False,
    staff_accounts: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import ``source`` (a path, or a seekable binary file). Raises ``wxr.WxrError`` for an unreadable export."""
    now = now or utcnow()
    channel, attachments, total = scan(source)
    if hasattr(source, "seek"):
        source.seek(0)
    report = ImportReport(dry_run=dry_run)
    ctx = Context(
        report=report,
        now=now,
        site_url=channel.link,
        attachments=attachments,
        media_dir=media_dir,
        upload_dir=upload_dir or Path("uploaded_files"),
    )
    with _connection(engine, dry_run) as conn, Session(conn, expire_on_commit=False) as session:
        if dry_run and engine.dialect.name == "sqlite":
            # pysqlite opens transactions only for writes, so the first savepoint's
            # RELEASE would commit; an explicit BEGIN keeps everything rollback-able.
            session.connection().exec_driver_sql("BEGIN")
        with _unit(session, dry_run):
            _header(session, channel, ctx, staff_accounts)
        done = 0
        for item in wxr.read(source):
            done += 1
            if progress:
                progress(done, total)
            if item.post_type != "post":
                report.add("skipped", label(item), item.post_type or "item", "not a post: skipped")
                continue
            if item.status not in STATUS:
                report.add("skipped", label(item), "status", f"status “{item.status}” is not imported")
                continue
            try:
                with _unit(session, dry_run):
                    outcome = import_post(session, item, ctx)
            except Exception as exc:  # noqa: BLE001 - one bad post must not stop the rest
                report.failed += 1
                report.add("skipped", label(item), "failed", f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
            if outcome == "updated" and len(report.updated_posts) < MAX_DETAILS:
                report.updated_posts.append(label(item))
        if dry_run:
            session.rollback()
    return report
