"""Hot reader handlers do their database work off the event loop: a slow query
in one tab does not hold up another tab's event on the same worker."""

from __future__ import annotations

import asyncio
import inspect
import threading

import pytest
import reflex as rx
from sqlmodel import Session

from artisan_app.services.articles import featured, queries
from artisan_app.services.comments import submission as comment_svc
from artisan_app.services.search import queries as search
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.listings import ListingState, ReaderState
from artisan_app.state.reader.search import SearchState
from tests.factories import make_article, make_author, make_category
from tests.state.conftest import visit


@pytest.fixture
def world(session: Session):
    cat = make_category(session, "Politics", slug="politics")
    author = make_author(session)
    make_article(session, category=cat, author=author, slug="one", headline="Inflation and wages", hours=1)
    session.commit()
    return session


async def dispatch(handler, *args):
    """As Reflex's event processor: call, and await what is awaitable."""
    result = handler(*args)
    if inspect.isawaitable(result):
        result = await result
    return result


class Stuck:
    """A query stuck on a busy database until the test lets it go (at most 30 s)."""

    def __init__(self) -> None:
        self.entered, self.release, self.returned = threading.Event(), threading.Event(), threading.Event()

    def patch(self, monkeypatch, module, name: str) -> None:
        real = getattr(module, name)

        def stuck(*args, **kwargs):
            self.entered.set()
            self.release.wait(timeout=30)
            self.returned.set()
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, stuck)


async def _tab(path: str, route: str, token: str):
    root = rx.State(_reflex_internal_init=True)
    visit(root, path, route, token=token)
    return root


async def _article(root) -> ArticleState:
    return await root.get_state(ArticleState)


async def _comment_post(root):
    await dispatch((await root.get_state(ArticleState)).load_article)
    state = await root.get_state(CommentState)
    await state.load_comments()
    state._form_opened_at -= 60
    return state.submit, {"name": "Ann", "email": "ann@example.com", "website": "", "body": "Slow post", "company": ""}


CASES = {
    "article load": (queries, "get_article", "/article/one", "/article/[slug]", ArticleState, "load_article"),
    # (the front page leads with the featured story: services/articles/featured.py)
    "front page load": (featured, "front_page", "/", "/", ReaderState, "load_front_page"),
    "section load": (queries, "latest_articles", "/category/politics", "/category/[slug]", ListingState, "load_listing"),
    "search": (search, "search_articles", "/search", "/search", SearchState, "set_query"),
    "comment post": (comment_svc, "submit_comment", "/article/one", "/article/[slug]", CommentState, "submit"),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_a_slow_query_in_one_tab_does_not_block_another_tabs_event(world, monkeypatch, case):
    module, name, path, route, state_cls, handler = CASES[case]
    slow_root = await _tab(path, route, "slow-tab")
    if case == "comment post":
        call, arg = await _comment_post(slow_root)
        args = (arg,)
    else:
        call = getattr(await slow_root.get_state(state_cls), handler)
        args = ("inflation",) if case == "search" else ()
    query = Stuck()
    query.patch(monkeypatch, module, name)

    # Another reader, meanwhile, types in a comment box (an event with no database work).
    other_root = await _tab("/article/one", "/article/[slug]", "other-tab")
    other = await other_root.get_state(CommentState)

    slow_task = asyncio.create_task(dispatch(call, *args))
    for _ in range(3000):  # the slow handler has reached its query
        if query.entered.is_set():
            break
        await asyncio.sleep(0.01)
    assert query.entered.is_set(), f"{case}: the handler never ran its query"
    await dispatch(other.set_field, "name", "Bea")
    answered_while_stuck = not query.returned.is_set()
    query.release.set()
    await slow_task
    assert answered_while_stuck, f"{case}: the other tab's event waited for the stuck query"
