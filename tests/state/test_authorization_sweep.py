"""Every public handler of every newsroom state, called the way an attacker can
(any handler, any payload, over the websocket), from an anonymous tab and from
an author's tab: nothing changes in the database and nothing private comes back.
"""

from __future__ import annotations

import inspect
import itertools
import json
from datetime import timedelta

import pytest
import reflex as rx
from reflex.utils import format
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from artisan_app.models import ArticleStatus, Role
from artisan_app.services.accounts import auth
from artisan_app.services.comments import submission as comment_svc
from artisan_app.services.editorial import forms, revisions, saving
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.editor.tools import ArticleToolsState, CategoryQuickAddState, TrashState
from artisan_app.state.newsroom.article_list import NewsroomState
from artisan_app.state.newsroom.auth import AuthState
from artisan_app.state.newsroom.mail_health import MailHealthState
from artisan_app.state.newsroom.moderation import ModerationState
from artisan_app.state.newsroom.moderation_watch import PendingBadgeState
from artisan_app.state.newsroom.redirects import RedirectsState
from artisan_app.state.newsroom.settings import AdminState
from artisan_app.state.newsroom.wordpress_import import ImportState
from tests.factories import BASE_TIME, PASSWORD, make_article, make_author, make_category, make_user
from tests.state.conftest import visit

STATES = [
    NewsroomState,
    ArticleEditorState,
    ModerationState,
    AdminState,
    AuthState,
    TrashState,
    ArticleToolsState,
    CategoryQuickAddState,
    PendingBadgeState,
    RedirectsState,
    ImportState,
    MailHealthState,
]
SECRET_HEADLINE = "Embargoed: the minister resigns"
SECRET_EMAIL = "whistleblower@example.com"
# Handlers that only run as server-started background loops (they re-check the session each round).
BACKGROUND = {"watch_presence"}


@pytest.fixture
def newsroom(any_session: Session):
    s = any_session
    cat = make_category(s, "Politics", slug="politics")
    victim_author, attacker_author = make_author(s, "Vic", slug="vic"), make_author(s, "Mal", slug="mal")
    editor = make_user(s, Role.editor, name="Eve Editor")
    attacker = make_user(s, Role.author, name="Mal Author", email="mal@artisan.test", author=attacker_author)
    draft = saving.save_article(
        s,
        user=editor,
        form=forms.ArticleForm(
            headline=SECRET_HEADLINE,
            category_slug="politics",
            author_slug="vic",
            sections=[forms.SectionForm("Secret", [forms.BlockForm("paragraph", "Not for readers yet.")])],
        ),
    )
    live = make_article(s, category=cat, author=victim_author, slug="live-story", hours=1)
    comment = comment_svc.submit_comment(
        s,
        article_id=live.id,
        name="Source",
        email=SECRET_EMAIL,
        body="Held for review",
        client_key="x",
        form_age_seconds=60,
        now=BASE_TIME + timedelta(days=1),
    )
    s.commit()
    revision = revisions.list_revisions(s, user=editor, article_id=draft.article_id)[0]
    token = auth.start_session(s, user_id=attacker.id)
    s.commit()
    return {
        "session": s,
        "draft_id": draft.article_id,
        "live_id": live.id,
        "comment_id": comment.comment_id,
        "revision_id": revision.id,
        "author_token": token,
        "attacker_author_id": attacker_author.id,
    }


def snapshot(session: Session, ignore_author_id: int | None) -> dict[str, list]:
    """Every row of every table, minus what an author may legitimately create: their own drafts."""
    session.expire_all()
    own_articles: set[int] = set()
    if ignore_author_id is not None:
        own_articles = {
            r[0] for r in session.execute(text("SELECT id FROM article WHERE author_id = :a"), {"a": ignore_author_id})
        }
    own_sections = {r[0] for r in session.execute(text("SELECT id, article_id FROM section")) if r[1] in own_articles}
    out: dict[str, list] = {}
    for table in SQLModel.metadata.sorted_tables:
        rows = [dict(r._mapping) for r in session.execute(table.select())]
        if table.name == "article":
            rows = [r for r in rows if r["id"] not in own_articles]
        elif table.name in (
            "section",
            "articletag",
            "articlerevision",
            "editingpresence",
            "articleauthor",
            "statuschange",
            "reviewnote",
        ):
            rows = [r for r in rows if r["article_id"] not in own_articles]
        elif table.name == "block":
            rows = [r for r in rows if r["section_id"] not in own_sections]
        elif table.name == "tag" and ignore_author_id is not None:
            continue  # an author's own draft may introduce new tags
        elif table.name == "usersession":
            continue  # signing in (or failing to) is not a change to anyone's data
        elif table.name == "contentgeneration":
            continue  # the page cache's counter (services/site/content_changes.py): bumping it only costs a re-render
        out[table.name] = sorted(json.dumps(r, default=str, sort_keys=True) for r in rows)
    return out


def payloads(w: dict) -> dict[type, list]:
    form = {
        "email": "mal@artisan.test",
        "password": PASSWORD,
        "name": "Hacked",
        "slug": "politics",
        "description": "Hacked",
        "schedule_at": "2030-01-01T00:00",
        "reply": "Hacked",
        "bio": "Hacked",
        "company": "",
        "body": "Hacked",
        "old_path": "/hacked/",
        "new_path": "https://evil.example/",
    }
    return {
        int: [w["draft_id"], w["live_id"], w["comment_id"], w["revision_id"], -1, 0, 10**12, 1],
        str: ["approve", "politics", "headline", "text", "vic", "<script>alert(1)</script>", "x" * 5000, ""],
        dict: [form, {}, {"email": "guess@example.com", "password": None}],
        list: [[], [w["comment_id"], w["live_id"]]],
    }


def _annotation_type(param: inspect.Parameter) -> type:
    ann = str(param.annotation)
    for t in (int, dict, list):
        if t.__name__ in ann:
            return t
    return str


async def call_everything(root: rx.State, w: dict) -> int:
    calls = 0
    values = payloads(w)
    for state_cls in STATES:
        state = await root.get_state(state_cls)
        for name, handler in state_cls.event_handlers.items():
            if name.startswith("_") or name in BACKGROUND or getattr(handler, "is_background", False):
                continue
            if state_cls is AuthState and name == "logout":
                continue  # ending one's own session is allowed, checked separately
            if name == "setvar":
                # Reflex's generic setter: with auto-setters off it refuses every var we declare.
                for var in inspect.get_annotations(state_cls):
                    with pytest.raises(AttributeError):
                        handler.fn(state, var, "Hacked")
                    calls += 1
                continue
            params = list(inspect.signature(handler.fn).parameters.values())[1:]
            pools = [values[_annotation_type(p)] for p in params]
            combos = list(itertools.product(*pools)) if pools else [()]
            for args in combos[:: max(1, len(combos) // 40)]:
                # Also point the route at someone else's article, as a crafted URL would.
                visit(root, f"/editor/article/{w['draft_id']}", "/editor/article/[id]", token="attacker-tab", ip="6.6.6.6")
                result = handler.fn(state, *args)
                if inspect.iscoroutine(result):
                    await result
                elif inspect.isasyncgen(result):
                    async for _ in result:
                        pass
                elif inspect.isgenerator(result):
                    for _ in result:
                        pass
                calls += 1
    return calls


def assert_nothing_private(root: rx.State) -> None:
    dumped = format.json_dumps(root.dict())
    assert SECRET_HEADLINE not in dumped
    assert SECRET_EMAIL not in dumped
    assert "$argon2" not in dumped
    assert PASSWORD not in dumped


async def test_anonymous_tab_can_do_nothing(newsroom):
    s = newsroom["session"]
    before = snapshot(s, None)
    root = rx.State(_reflex_internal_init=True)
    calls = await call_everything(root, newsroom)
    assert calls > 100
    assert snapshot(s, None) == before
    assert_nothing_private(root)


async def test_author_tab_cannot_touch_others_or_publish(newsroom):
    s = newsroom["session"]
    before = snapshot(s, newsroom["attacker_author_id"])
    root = rx.State(_reflex_internal_init=True)
    (await root.get_state(AuthState)).staff_token = newsroom["author_token"]
    calls = await call_everything(root, newsroom)
    assert calls > 100
    assert snapshot(s, newsroom["attacker_author_id"]) == before
    assert_nothing_private(root)
    # And nothing of the author's own became public.
    s.expire_all()
    published = s.execute(
        text("SELECT count(*) FROM article WHERE author_id = :a AND status = :p"),
        {"a": newsroom["attacker_author_id"], "p": ArticleStatus.published.value},
    ).scalar()
    assert published == 0
