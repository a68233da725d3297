"""Item 9 of issue #12: presence ends with the tab, readers cannot sign as the
publication or its staff (whose replies are marked), settings check the author
before writing anything, and uploads are parsed only by the accepted decoders."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import BmpImagePlugin, Image
from sqlmodel import Session, select

from artisan_app.models import EditingPresence, Role
from artisan_app.services.comments import moderation
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments import thread as comment_thread
from artisan_app.services.comments.submission import CommentValidationError
from artisan_app.services.editorial import forms, saving
from artisan_app.services.media.single_images import ImageRejected, store_image
from artisan_app.state.editor import article_editor as editor_state
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom import settings as admin_state
from artisan_app.state.newsroom.auth import AuthState
from artisan_app.state.newsroom.settings import AdminState
from tests.factories import BASE_TIME, PASSWORD, make_article, make_author, make_category, make_user
from tests.state.conftest import Proxy, visit

NOW = BASE_TIME + timedelta(days=10)


@pytest.fixture
def desk(any_session: Session):
    cat, author = make_category(any_session, "Politics", slug="politics"), make_author(any_session, "Vic Byline", slug="vic")
    live = make_article(any_session, category=cat, author=author, slug="story", hours=1)
    people = {
        "editor": make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test"),
        "admin": make_user(any_session, Role.admin, name="Ada Admin", email="ada@artisan.test"),
    }
    any_session.commit()
    return {"live": live, **people}


def post(session, article, name, **kw):
    return svc.submit_comment(
        session,
        article_id=article.id,
        name=name,
        email="reader@example.com",
        body="Hello.",
        reader_id="r1",
        client_key="10.0.0.1",
        form_age_seconds=30,
        now=NOW,
        **kw,
    )


@pytest.mark.parametrize(
    "name",
    [
        "Artisan Times",
        "  artisan   TIMES ",
        "The Artisan-Times desk",
        "ＡＲＴＩＳＡＮ ＴＩＭＥＳ",
        "Eve Editor",
        "eve  editor",
        "Vic Byline",
    ],
)
def test_readers_cannot_sign_as_the_publication_or_its_staff(any_session, desk, name):
    with pytest.raises(CommentValidationError) as err:
        post(any_session, desk["live"], name)
    assert err.value.errors == {"name": svc.RESERVED_NAME_MESSAGE}
    assert (
        post(
            any_session,
            desk["live"],
            "Eve Editorial Fan",
        )
        is not None
    )  # merely similar names are fine


def test_staff_replies_are_marked_and_readers_are_not(any_session, desk):
    reader = post(any_session, desk["live"], "Ann Reader")
    moderation.reply_as_publication(any_session, user=desk["editor"], comment_id=reader.comment_id, body="Thanks!", now=NOW)
    thread = comment_thread.article_comments(any_session, desk["live"].id, now=NOW).comments
    assert [(c.name, c.staff) for c in thread] == [("Ann Reader", False), ("Artisan Times", True)]


def test_comment_items_render_the_staff_badge():
    from artisan_app.components.reader.comments import comment_item
    from artisan_app.state.reader.comments import CommentState

    rendered = str(comment_item(CommentState.comments[0]).render())
    assert "comment-staff-badge" in rendered and "Staff" in rendered


async def _admin_tab(root):
    visit(root, "/editor/login", "/editor/login")
    await (await root.get_state(AuthState)).login({"email": "ada@artisan.test", "password": PASSWORD})
    visit(root, "/editor/settings", "/editor/settings")
    state = await root.get_state(AdminState)
    await state.load_settings()
    return state


class _Upload:
    def __init__(self, data: bytes):
        self.data = data

    async def read(self, size: int = -1) -> bytes:
        return self.data


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


async def test_edit_author_checks_the_author_before_any_file_is_written(root, desk, monkeypatch, tmp_path):
    monkeypatch.setattr(admin_state.rx, "get_upload_dir", lambda: tmp_path)
    state = await _admin_tab(root)
    await state.edit_author("../../etc/nobody")
    assert state.editing_author == "" and "no longer exists" in state.error
    state.editing_author = "ghost"  # as if the author was deleted after being chosen
    await state.upload_avatar([_Upload(_png())])
    assert list(tmp_path.iterdir()) == []
    await state.edit_author("vic")
    assert state.editing_author == "vic"
    await state.upload_avatar([_Upload(_png())])
    assert list(tmp_path.iterdir())


def test_only_the_accepted_decoders_ever_see_an_upload(tmp_path, monkeypatch):
    tried = []
    original = BmpImagePlugin.BmpImageFile._open

    def spy(self):
        tried.append("bmp")
        return original(self)

    monkeypatch.setattr(BmpImagePlugin.BmpImageFile, "_open", spy)
    bmp = io.BytesIO()
    Image.new("RGB", (8, 8)).save(bmp, "BMP")
    with pytest.raises(ImageRejected):
        store_image(bmp.getvalue(), directory=tmp_path, prefix="x")
    assert tried == []
    assert store_image(_png(), directory=tmp_path, prefix="ok")


async def test_presence_ends_when_the_tab_is_gone(root, desk, any_session, monkeypatch):
    visit(root, "/editor/login", "/editor/login")
    await (await root.get_state(AuthState)).login({"email": "eve@artisan.test", "password": PASSWORD})
    saved = saving.save_article(any_session, user=desk["editor"], form=forms.ArticleForm(headline="Draft"))
    any_session.commit()
    visit(root, f"/editor/article/{saved.article_id}", "/editor/article/[id]")
    state = await root.get_state(ArticleEditorState)
    await state.load_editor()
    any_session.expire_all()
    assert any_session.exec(select(EditingPresence)).first() is not None  # "Eve Editor is editing"

    beats = []

    async def connected(token):
        beats.append(token)
        return len(beats) < 3  # the tab closes after two heartbeats

    monkeypatch.setattr(editor_state, "HEARTBEAT_SECONDS", 0)
    monkeypatch.setattr(editor_state, "client_connected", connected)
    await ArticleEditorState.watch_presence.fn(Proxy(state))
    assert len(beats) == 3  # it stopped right after the tab was gone, not hours later
    any_session.expire_all()
    assert any_session.exec(select(EditingPresence)).first() is None  # and nobody is announced any more
