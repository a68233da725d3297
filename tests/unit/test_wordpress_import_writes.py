"""The WordPress import's write path: what a failed post leaves behind, comments added by a later export,
and the import's own SQLite connection (tests/fixtures/wordpress/export.xml)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from artisan_app.core import db
from artisan_app.models import Article, Comment, Redirect, Section, WordPressItem
from artisan_app.services.search import queries
from artisan_app.services.site import content_changes
from artisan_app.wordpress import comments as wp_comments
from artisan_app.wordpress.importer import import_export
from tests.conftest import create_schema

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress" / "export.xml"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _import(engine, tmp_path, source=EXPORT):
    return import_export(engine, source, upload_dir=tmp_path / "up", now=NOW)


def test_a_post_failing_after_its_article_is_written_leaves_nothing_and_the_rest_import(engine, tmp_path, monkeypatch):
    real = wp_comments._insert

    def broken(session, new_rows, *args):
        if any(values["body"] == "Top-level comment." for _, values in new_rows):  # post #101's comments
            raise RuntimeError("comment table locked")
        return real(session, new_rows, *args)

    monkeypatch.setattr(wp_comments, "_insert", broken)
    report = _import(engine, tmp_path)
    assert (report.failed, report.imported) == (1, 7)
    assert any("comment table locked" in e.detail and "#101" in e.post for e in report.skipped)
    with Session(engine) as session:  # its article, body, search text, redirects and mapping went with it
        assert session.exec(select(Article).where(Article.slug == "every-block")).first() is None
        assert session.exec(select(Redirect).where(Redirect.new_path.contains("every-block"))).all() == []
        assert session.exec(select(WordPressItem).where(WordPressItem.kind == "post", WordPressItem.wp_id == 101)).first() is None
        assert queries.search_articles(session, "exports rose", now=NOW).items == []
        sections = len(session.exec(select(Section)).all())

    monkeypatch.setattr(wp_comments, "_insert", real)
    again = _import(engine, tmp_path)  # the next run brings the failed post, and only it
    assert (again.imported, again.unchanged, again.failed) == (1, 7, 0)
    with Session(engine) as session:
        article = session.exec(select(Article).where(Article.slug == "every-block")).one()
        assert len(session.exec(select(Section)).all()) == sections + 3
        assert [c.card.slug for c in queries.search_articles(session, "exports rose", now=NOW).items] == ["every-block"]
        assert len(session.exec(select(Comment).where(Comment.article_id == article.id)).all()) == 7


NEW_REPLY = """<wp:comment><wp:comment_id>18</wp:comment_id><wp:comment_author><![CDATA[Reader Four]]></wp:comment_author>
<wp:comment_author_email><![CDATA[four@example.com]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>
<wp:comment_date_gmt><![CDATA[2024-03-06 09:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[A later reply.]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type>
<wp:comment_parent>12</wp:comment_parent></wp:comment>
"""


def test_a_later_export_adds_a_reply_under_an_existing_comment_and_updates_its_parent(any_engine, tmp_path):
    engine = any_engine
    _import(engine, tmp_path)
    with Session(engine) as session:
        generation = content_changes.current_generation(session)
    text = EXPORT.read_text(encoding="utf-8")
    head, tail = text.split("<wp:comment>", 1)
    edited = (head + NEW_REPLY + "<wp:comment>" + tail).replace("A reply, with <a", "A reply, edited, with <a")
    report = _import(engine, tmp_path, source=io.BytesIO(edited.encode()))
    assert (report.imported, report.updated, report.comments_imported, report.comments_updated) == (0, 0, 1, 1)
    with Session(engine) as session:
        rows = {
            c.name: c
            for c in session.exec(
                select(Comment).where(
                    Comment.body.in_(
                        ["A later reply.", "A reply, edited, with proof (https://two.example.com/proof).", "Top-level comment."]
                    )
                )
            ).all()
        }
        assert rows["Reader Four"].parent_id == rows["Reader Two"].id and rows["Reader Four"].depth == 2
        assert rows["Reader Two"].parent_id == rows["Reader One"].id and rows["Reader Two"].depth == 1
        assert content_changes.current_generation(session) > generation  # readers' cached pages see the new comment
    assert _import(engine, tmp_path, source=io.BytesIO(edited.encode())).comments_imported == 0


def test_the_import_leaves_sqlite_durability_as_it_found_it(tmp_path):
    engine = db.engine_for(f"sqlite:///{tmp_path}/site.db")  # the app's engine: a file in WAL mode
    create_schema(engine)
    try:
        assert _import(engine, tmp_path).imported == 8
        with engine.connect() as conn:  # the connection the import used, back in the pool
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL, SQLite's default
    finally:
        engine.dispose()


def test_comments_deleted_here_come_back_once_with_their_reply_links(engine, tmp_path):
    _import(engine, tmp_path)
    with Session(engine) as session:
        reply = session.exec(select(Comment).where(Comment.body == "A reply to the reply.")).one()
        session.delete(reply)  # its own reply (WordPress #14) goes with it
        session.commit()
    assert _import(engine, tmp_path).comments_imported == 2
    assert _import(engine, tmp_path).comments_imported == 0  # their mappings point at the new rows
    with Session(engine) as session:
        again = session.exec(select(Comment).where(Comment.body == "A reply to the reply.")).one()
        deepest = session.exec(select(Comment).where(Comment.body == "A reply to a reply to a reply.")).one()
        assert (again.depth, deepest.parent_id, deepest.depth) == (2, again.id, 3)
