"""The newsroom tools' states driven as the browser drives them: trash, feature,
"New category…", the live held-comments badge and queue, the reader's notice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from artisan_app.models import Article, ArticleStatus, Role
from artisan_app.services.articles import featured
from artisan_app.services.comments import submission as comment_svc
from artisan_app.services.comments.thread import CommentView
from artisan_app.state.editor.tools import ArticleToolsState, CategoryQuickAddState, TrashState
from artisan_app.state.newsroom import moderation_watch
from artisan_app.state.newsroom.moderation import ModerationState
from artisan_app.state.newsroom.moderation_watch import PendingBadgeState
from artisan_app.state.reader.comment_watch import PUBLISHED_NOTICE
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.thread_watch import ThreadWatch
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user
from tests.state.conftest import visit
from tests.state.test_editor import open_editor, sign_in


@pytest.fixture
def desk(any_session: Session):
    s = any_session
    cat = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann", slug="ann")
    people = {
        "editor": make_user(s, Role.editor, name="Eve Editor", email="eve@artisan.test"),
        "admin": make_user(s, Role.admin, name="Ada Admin", email="ada@artisan.test"),
        "author": make_user(s, Role.author, name="Ann", email="ann@artisan.test", author=ann),
    }
    draft = make_article(s, category=cat, author=ann, slug="a-draft", headline="A draft", status=ArticleStatus.draft)
    live = make_article(s, category=cat, author=ann, slug="live", headline="Live story", hours=-5)
    s.commit()
    return {"s": s, "draft": draft.id, "live": live.id, **people}


async def test_move_to_trash_then_restore_from_the_trash_view(desk, root):
    await sign_in(root, "eve@artisan.test")
    await open_editor(root, desk["draft"])
    tools = await root.get_state(ArticleToolsState)
    result = await tools.move_to_trash()
    assert tools.error == "" and any("/editor/trash" in str(e) for e in result)
    desk["s"].expire_all()
    assert desk["s"].get(Article, desk["draft"]).status == "trashed"

    visit(root, "/editor/trash")
    view = await root.get_state(TrashState)
    await view.load_trash()
    assert view.message.startswith("Moved “A draft” to the trash") and [r.headline for r in view.rows] == ["A draft"]
    assert not view.is_admin
    await view.empty()  # an editor cannot empty it, whatever the page shows
    assert "role does not allow" in view.error and len(view.rows) == 1
    await view.restore(desk["draft"])
    assert view.message == "Restored “A draft” as a draft." and view.rows == []
    desk["s"].expire_all()
    assert desk["s"].get(Article, desk["draft"]).status == "draft"


async def test_a_published_article_is_not_trashed_and_admins_empty_the_trash(desk, root):
    await sign_in(root, "ada@artisan.test")
    await open_editor(root, desk["live"])
    tools = await root.get_state(ArticleToolsState)
    await tools.move_to_trash()
    assert tools.error == "Unpublish this article before moving it to the trash."
    await open_editor(root, desk["draft"])
    await tools.move_to_trash()
    view = await root.get_state(TrashState)
    await view.load_trash()
    assert view.is_admin
    view.ask_empty()
    assert view.confirming_empty
    await view.empty()
    assert view.message == "Deleted 1 article for good." and view.rows == []
    desk["s"].expire_all()
    assert desk["s"].get(Article, desk["draft"]) is None


async def test_feature_toggle_is_for_editors(desk, root):
    await sign_in(root, "eve@artisan.test")
    await open_editor(root, desk["live"])
    tools = await root.get_state(ArticleToolsState)
    await tools.load_tools()
    assert not tools.featured
    await tools.toggle_feature()
    assert tools.featured and tools.message.startswith("Featured")
    assert featured.front_page(desk["s"], limit=1).items[0].slug == "live"
    await tools.toggle_feature()
    assert not tools.featured and tools.message.startswith("Removed from the front page")


async def test_authors_cannot_feature(desk, root):
    await sign_in(root, "ann@artisan.test")
    await open_editor(root, desk["draft"])
    tools = await root.get_state(ArticleToolsState)
    await tools.toggle_feature()
    assert "role does not allow" in tools.error


async def test_new_category_from_the_article_form(desk, root):
    await sign_in(root, "eve@artisan.test")
    editor = await open_editor(root, desk["draft"])
    quick = await root.get_state(CategoryQuickAddState)
    quick.toggle()
    events = await quick.add({"name": "Politics"})
    assert quick.error == "A category with that name already exists." and quick.open and quick.name == "Politics"
    events = await quick.add({"name": "Climate & Energy"})
    assert quick.error == "" and not quick.open
    assert ("climate-energy", "Climate & Energy") in [tuple(c) for c in editor.categories]
    assert any("set_field" in str(e) and "climate-energy" in str(e) for e in events)


async def test_authors_cannot_add_categories(desk, root):
    await sign_in(root, "ann@artisan.test")
    await open_editor(root, desk["draft"])
    quick = await root.get_state(CategoryQuickAddState)
    await quick.add({"name": "Sneaky"})
    assert "role does not allow" in quick.error


async def test_badge_and_queue_update_live_when_a_comment_arrives(desk, root):
    await sign_in(root, "eve@artisan.test")
    visit(root, "/editor/comments")
    queue = await root.get_state(ModerationState)
    await queue.load_queue()
    badge = await root.get_state(PendingBadgeState)
    assert await badge._refresh() and badge.pending == 0 and queue.rows == []
    known = badge._version

    comment_svc.submit_comment(
        desk["s"],
        article_id=desk["live"],
        name="Reader",
        email="r@example.com",
        body="Hello",
        client_key="c",
        form_age_seconds=60,
        now=BASE_TIME + timedelta(days=1),
    )
    desk["s"].commit()
    # The worker's one poll sees the queue change and wakes the waiting tab ...
    watch = ThreadWatch(0.01, moderation_watch._read_queue_version)
    assert await watch.wait_for_change(moderation_watch.QUEUE_KEY, known, timeout=2)
    # ... which catches up: the badge counts it and the open queue shows it.
    assert await badge._catch_up(True)
    assert badge.pending == 1 and [r.name for r in queue.rows] == ["Reader"]


async def test_badge_stays_empty_for_authors(desk, root):
    await sign_in(root, "ann@artisan.test")
    badge = await root.get_state(PendingBadgeState)
    comment_svc.submit_comment(
        desk["s"],
        article_id=desk["live"],
        name="Reader",
        email="r@example.com",
        body="Hello",
        client_key="c",
        form_age_seconds=60,
        now=BASE_TIME + timedelta(days=1),
    )
    desk["s"].commit()
    assert not await badge._refresh() and badge.pending == 0


async def test_reader_notice_says_published_after_approval(desk, root):
    comments = await root.get_state(CommentState)
    comments.notice = comment_svc.AWAITING_MESSAGE
    held_id = 7
    comments.comments = [
        CommentView(
            id=held_id,
            parent_id=0,
            depth=0,
            name="Reader",
            website="",
            body="Hello",
            created_iso="",
            created_label="",
            relative_label="",
            awaiting=False,
        )
    ]
    comments._note_approval({held_id})
    assert comments.notice == PUBLISHED_NOTICE
    comments.notice = comment_svc.AWAITING_MESSAGE
    comments._note_approval({99})  # someone else's comment: nothing to say
    assert comments.notice == comment_svc.AWAITING_MESSAGE
