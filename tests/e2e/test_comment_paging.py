"""A reader pages through a long comment thread: 30 top-level comments at a time,
replies with their parents, oldest or newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article, Comment, CommentStatus, utcnow
from artisan_app.services.comments import thread as comment_thread

SLUG = "urdu-poetry-revival-social-media"
TOP_LEVEL = comment_thread.PAGE_ROOTS + 5


@pytest.fixture(scope="module")
def long_thread(e2e_db_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as s:
        article = s.exec(select(Article).where(Article.slug == SLUG)).one()
        start = utcnow() - timedelta(days=2)
        rows = [
            Comment(
                article_id=article.id,
                name=f"Reader {i:02d}",
                email=f"r{i}@example.com",
                email_normalized=f"r{i}@example.com",
                body=f"Thought number {i}",
                status=CommentStatus.approved.value,
                fingerprint=f"paging-{i}",
                created_at=start + timedelta(minutes=i),
                approved_at=start + timedelta(minutes=i),
            )
            for i in range(TOP_LEVEL)
        ]
        s.add_all(rows)
        s.flush()
        s.add(
            Comment(
                article_id=article.id,
                parent_id=rows[0].id,
                depth=1,
                name="Late Replier",
                email="late@example.com",
                email_normalized="late@example.com",
                body="An answer, a day later",
                status=CommentStatus.approved.value,
                fingerprint="paging-reply",
                created_at=start + timedelta(days=1),
                approved_at=start + timedelta(days=1),
            )
        )
        s.commit()
    engine.dispose()


def authors(page: Page):
    return page.get_by_role("main").locator(".comment-list .comment-author")


def test_load_more_and_newest_first(page: Page, long_thread):
    page.goto(f"/article/{SLUG}")
    thread = page.get_by_role("region", name="Comments")
    expect(thread.get_by_role("heading", level=2).first).to_contain_text(f"({TOP_LEVEL + 1})")
    expect(authors(page)).to_have_count(comment_thread.PAGE_ROOTS + 1)
    expect(authors(page).nth(1)).to_have_text("Late Replier")  # under the comment it answers
    page.get_by_role("button", name="Load more comments").click()
    expect(authors(page)).to_have_count(TOP_LEVEL + 1)
    expect(authors(page).last).to_have_text(f"Reader {TOP_LEVEL - 1:02d}")
    expect(page.get_by_role("button", name="Load more comments")).to_have_count(0)

    page.get_by_role("list", name="Order of comments").get_by_role("button", name="Newest first").click()
    expect(authors(page).first).to_have_text(f"Reader {TOP_LEVEL - 1:02d}")
    expect(authors(page)).to_have_count(comment_thread.PAGE_ROOTS)
