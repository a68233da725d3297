"""What a reader's visit costs the backend (issue #19): what each event loads, keeps and sends.

The numbers are in ``benchmarks/visit_cost.py`` and ``benchmarks/RESULTS.md``; these tests keep
the behaviour that the cheaper visit rests on: the comment form's messages follow the article's
edition without reading the router, the interface wording lives in the pages and not in any
state, and state kept in Redis is held by the worker for a tab's whole visit.
"""

from __future__ import annotations

import json

import pytest
import reflex as rx
from reflex.istate.manager.redis import StateManagerRedis
from reflex.state import OnLoadInternalState, State
from reflex.utils import format
from sqlmodel import Session

from artisan_app.components.i18n import t
from artisan_app.core import i18n
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.site import SiteState
from tests.factories import make_article, make_author, make_category
from tests.state.conftest import visit


@pytest.fixture
def editions(any_session: Session):
    cat, author = make_category(any_session), make_author(any_session)
    make_article(any_session, category=cat, author=author, slug="one", hours=1)
    make_article(any_session, category=cat, author=author, slug="yak", hours=2, language="ur")
    any_session.commit()
    return any_session


async def open_article(root: rx.State, path: str) -> CommentState:
    visit(root, path, "/ur/article/[slug]" if path.startswith("/ur/") else "/article/[slug]")
    await (await root.get_state(ArticleState)).load_article()
    state = await root.get_state(CommentState)
    await state.load_comments()
    return state


async def test_the_comment_form_speaks_the_articles_edition(editions, root):
    state = await open_article(root, "/ur/article/yak")
    state._form_opened_at -= 60
    await state.submit({"name": "", "email": "", "website": "", "body": "", "company": ""})
    assert state.notice and state.notice_shown != state.notice  # said in Urdu
    assert state.errors_shown and state.errors_shown != state.errors
    # The same tab opens an English article: the form speaks English again.
    state = await open_article(root, "/article/one")
    state._form_opened_at -= 60
    await state.submit({"name": "", "email": "", "website": "", "body": "", "company": ""})
    assert state.notice_shown == state.notice == "Please correct the highlighted fields."
    assert state.errors_shown == state.errors


def test_no_event_loads_the_comment_form_unless_it_concerns_it():
    """A state whose computed vars read the router is loaded (and written back) for every event of the tab."""
    manager = StateManagerRedis.__new__(StateManagerRedis)  # only its tree walk is used
    needed = manager._get_required_state_classes(OnLoadInternalState, subclasses=True)
    assert CommentState not in needed and State in needed
    assert CommentState in manager._get_required_state_classes(CommentState, subclasses=True)


def test_the_interface_wording_is_in_the_page_not_in_the_state():
    wording = str(t("Leave a comment"))
    assert json.dumps("Leave a comment") in wording and json.dumps(i18n.translate("ur", "Leave a comment")) in wording
    assert "language" in wording  # picked by the edition shown (SiteState.language)
    assert "ui" not in SiteState.base_vars
    snapshot = format.json_dumps(State(_reflex_internal_init=True).dict())
    assert "Leave a comment" not in snapshot


def test_a_worker_keeps_a_tabs_state_for_its_visit():
    """Reflex's opportunistic locking is on unless the environment says otherwise (``rxconfig.py``,
    read before Reflex makes its state manager)."""
    from reflex_base.environment import environment

    import rxconfig  # noqa: F401

    assert environment.REFLEX_OPLOCK_ENABLED.get() is True
