"""Moderation queue, site settings, cover images and the demo editor."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services.accounts import auth
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import catalog
from artisan_app.services.comments import moderation, submission
from artisan_app.services.comments import thread as comment_thread
from artisan_app.services.media.single_images import ImageRejected, store_image
from tests.factories import BASE_TIME, make_article, make_author, make_category, make_user

NOW = BASE_TIME + timedelta(days=5)


@pytest.fixture
def desk(any_session: Session):
    s = any_session
    cat, author = make_category(s, "Politics", slug="politics"), make_author(s, "Ann", slug="ann")
    article = make_article(s, category=cat, author=author, slug="story", hours=1)
    held = [
        submission.submit_comment(
            s,
            article_id=article.id,
            name=f"Reader {i}",
            email=f"r{i}@example.com",
            body=f"Comment {i}",
            client_key=f"c{i}",
            form_age_seconds=60,
            now=NOW + timedelta(minutes=i),
        ).comment_id
        for i in range(3)
    ]
    return {
        "s": s,
        "article": article,
        "held": held,
        "editor": make_user(s, Role.editor),
        "admin": make_user(s, Role.admin),
        "author": make_user(s, Role.author, author=author),
    }


def test_queue_shows_held_comments_oldest_first_with_email_for_editors(desk):
    rows, more = moderation.queue(desk["s"], user=desk["editor"], now=NOW + timedelta(hours=1))
    assert [r.name for r in rows] == ["Reader 0", "Reader 1", "Reader 2"] and not more
    assert rows[0].email == "r0@example.com" and rows[0].held_reason == "first comment"
    assert rows[0].article_headline and rows[0].age_label == "an hour ago"
    assert moderation.counts(desk["s"], user=desk["editor"]) == {"pending": 3, "approved": 0, "spam": 0, "trash": 0}


@pytest.mark.parametrize("who", [None, "author"])
def test_only_editors_and_admins_moderate(desk, who):
    user = desk[who] if who else None
    for call in (
        lambda: moderation.queue(desk["s"], user=user),
        lambda: moderation.counts(desk["s"], user=user),
        lambda: moderation.apply(desk["s"], user=user, comment_ids=desk["held"], action="approve"),
        lambda: moderation.reply_as_publication(desk["s"], user=user, comment_id=desk["held"][0], body="hi"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert comment_thread.article_comments(desk["s"], desk["article"].id).approved_count == 0


def test_bulk_actions_and_counts(desk):
    s, editor, held = desk["s"], desk["editor"], desk["held"]
    assert moderation.apply(s, user=editor, comment_ids=held[:2], action="approve") == 2
    assert moderation.apply(s, user=editor, comment_ids=[held[2], "junk", -1, 10**15], action="spam") == 1
    assert moderation.counts(s, user=editor) == {"pending": 0, "approved": 2, "spam": 1, "trash": 0}
    with pytest.raises(PermissionDenied):
        moderation.apply(s, user=editor, comment_ids=held, action="delete-everything")


def test_reply_as_the_publication_approves_the_parent_and_nests(desk):
    s, editor, held = desk["s"], desk["editor"], desk["held"]
    moderation.reply_as_publication(s, user=editor, comment_id=held[0], body="Thanks, we have corrected it.", now=NOW)
    thread = comment_thread.article_comments(s, desk["article"].id, now=NOW).comments
    assert [(c.name, c.depth) for c in thread] == [("Reader 0", 0), ("Artisan Times", 1)]
    with pytest.raises(submission.CommentValidationError):
        moderation.reply_as_publication(s, user=editor, comment_id=held[1], body="   ")


def test_admins_add_rename_and_reorder_categories(desk):
    s, admin = desk["s"], desk["admin"]
    catalog.save_category(s, user=admin, name="Climate", description="Weather and policy.")
    catalog.save_category(s, user=admin, slug="politics", name="Power & Politics", description="Renamed.")
    order = catalog.move_category(s, user=admin, slug="climate", step=-1)
    assert [(c.slug, c.name) for c in order] == [("climate", "Climate"), ("politics", "Power & Politics")]
    assert [c.slug for c in catalog.list_categories(s)] == ["climate", "politics"]
    with pytest.raises(ValueError, match="already exists"):
        catalog.save_category(s, user=admin, name="Climate")
    for user in (desk["editor"], desk["author"], None):
        with pytest.raises(PermissionDenied):
            catalog.save_category(s, user=user, name="Sneaky")
        with pytest.raises(PermissionDenied):
            catalog.save_author(s, user=user, slug="ann", name="Hacked", bio="")


def test_admins_edit_author_bios(desk):
    profile = catalog.save_author(
        desk["s"],
        user=desk["admin"],
        slug="ann",
        name="Ann Writer",
        bio="Covers politics.\n\nBased in Lahore.",
        avatar="/_upload/a.webp",
    )
    assert (profile.name, profile.avatar) == ("Ann Writer", "/_upload/a.webp")
    assert catalog.get_author(desk["s"], "ann").bio == "Covers politics.\n\nBased in Lahore."


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_cover_images_are_checked_by_content_and_reencoded(tmp_path):
    names = store_image(_png(2400, 1200), directory=tmp_path, prefix="cover-1")
    assert sorted(names) == [400, 800, 1600]
    with Image.open(tmp_path / names[1600]) as big, Image.open(tmp_path / names[400]) as small:
        assert big.format == "WEBP" and big.size == (1600, 800)
        assert small.size == (400, 200)
    with pytest.raises(ImageRejected, match="not an image"):
        store_image(b"<?php system($_GET['c']); ?>", directory=tmp_path, prefix="x")
    with pytest.raises(ImageRejected, match="not an image"):
        store_image(_png(10, 10)[:40], directory=tmp_path, prefix="x")  # truncated
    with pytest.raises(ImageRejected, match="8 MB"):
        store_image(b"\x89PNG" + b"0" * (8 * 1024 * 1024), directory=tmp_path, prefix="x")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ImageRejected):
        store_image(svg, directory=tmp_path, prefix="x")


def test_demo_editor_is_local_only(any_session: Session):
    assert auth.ensure_demo_editor(any_session, production=False) is True
    assert auth.ensure_demo_editor(any_session, production=False) is False  # idempotent
    user = auth.authenticate(
        any_session, email=auth.DEMO_EDITOR_EMAIL, password=auth.DEMO_EDITOR_PASSWORD, client_key="dev", production=False
    )
    assert user.role == "editor"
    with pytest.raises(auth.AuthError):
        auth.authenticate(
            any_session, email=auth.DEMO_EDITOR_EMAIL, password=auth.DEMO_EDITOR_PASSWORD, client_key="prod", production=True
        )
    with pytest.raises(PermissionDenied):
        auth.ensure_demo_editor(any_session, production=True)


def test_users_command_creates_an_admin_without_echoing_the_password(engine, monkeypatch, capsys):
    from artisan_app import users

    monkeypatch.setattr("sys.stdin", io.StringIO("a very long admin passphrase\n"))
    assert users.main(["create", "--role", "admin", "--email", "Boss@Example.com", "--name", "Boss", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "created admin boss@example.com" in out and "passphrase" not in out
    with Session(engine) as s:
        assert auth.authenticate(s, email="boss@example.com", password="a very long admin passphrase", client_key="cli").is_admin
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert users.main(["create", "--email", "x@example.com", "--name", "X", "--password-stdin"]) == 2
