"""The article's first view carries the first page of its comments, as the app shows it."""

from __future__ import annotations

from datetime import timedelta

from lxml import html as lxml_html
from sqlmodel import Session

from artisan_app import render
from artisan_app.models import Comment, CommentStatus
from artisan_app.services.articles import catalog, queries
from artisan_app.services.comments import thread as comment_thread
from tests.factories import BASE_TIME, make_article, make_author, make_category

EVIL = '</li><script>alert("x")</script>'


def comment(session, article, i, **kw) -> Comment:
    c = Comment(
        article_id=article.id,
        name=kw.pop("name", f"n{i}"),
        email="secret@example.com",
        email_normalized="secret@example.com",
        body=kw.pop("body", f"comment {i}"),
        status=kw.pop("status", CommentStatus.approved.value),
        fingerprint=f"fp{i}",
        created_at=BASE_TIME + timedelta(minutes=i),
        **kw,
    )
    session.add(c)
    session.flush()
    return c


def test_first_page_of_comments_with_replies_and_load_more(session: Session):
    article = make_article(session, category=make_category(session), author=make_author(session), slug="a")
    session.flush()
    first = comment(session, article, 0, name=EVIL, body=EVIL, website="https://example.com/?a=1&b=2")
    for i in range(1, comment_thread.PAGE_ROOTS + 5):
        comment(session, article, i)
    comment(session, article, 999, parent_id=first.id, depth=1, name="late reply")
    comment(session, article, 1000, status=CommentStatus.pending.value, name="held")
    session.commit()
    detail = queries.get_article(session, "a", now=BASE_TIME + timedelta(days=400))
    thread = comment_thread.thread_page(session, article.id)
    markup = render.article_page(detail, related=[], categories=catalog.list_categories(session), thread=thread)
    tree = lxml_html.fragment_fromstring(markup, create_parent="body")
    (section,) = tree.xpath("//section[@class='comments-section']")
    assert " ".join(section.xpath("string(h2)").split()) == f"Comments ({comment_thread.PAGE_ROOTS + 6})"  # and the reply
    items = section.xpath(".//ol[@class='comment-list']/li")
    assert len(items) == comment_thread.PAGE_ROOTS + 1
    names = [i.xpath("string(.//*[@class='comment-author'])") for i in items]
    assert names[:2] == [EVIL, "late reply"] and "held" not in names
    assert items[1].get("class") == "comment-item depth-1"
    assert section.xpath(".//div[@class='load-more']/button/text()") == ["Load more comments"]
    assert section.xpath(".//button[@class='chip']/text()") == ["Oldest first", "Newest first"]
    assert "<script>alert" not in markup and "secret@example.com" not in markup
    assert tree.xpath("//a[@class='comment-author']/@href") == ["https://example.com/?a=1&b=2"]
    assert all(i.startswith("first-view") for i in tree.xpath("//@id"))
