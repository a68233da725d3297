"""Comments under an article: the thread, and the reader's draft for that article.

The draft (name, email, website, comment text, reply target) is the reader's
own typing. The browser keeps it: a small script (``render/js/
comment_drafts.js``) writes every keystroke to local storage at once, so a link
followed or a tab closed half a second after typing loses nothing. This state
holds the open article's copy: read from local storage when the page loads
(``restore_draft``), kept up to date by the debounced ``set_field``, and
cleared in the browser after a successful post. The server never writes the
stored drafts while the reader types (it would overwrite newer keystrokes).
Nothing the client sends is trusted: the article id, the time the form was
opened and the version of the thread are backend-only vars.
Other readers' email addresses never enter any state (``CommentView`` has none).
"""

from __future__ import annotations

import asyncio
import functools
import json
import secrets
import time

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from artisan_app.core import db, i18n
from artisan_app.render.scripts import DRAFTS_KEY, READER_KEY
from artisan_app.services.comments import outcomes, thread
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments.submission import CommentRefused, CommentValidationError
from artisan_app.services.comments.thread import CommentView
from artisan_app.services.site import page_data
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comment_drafts import IDENTITY_FIELDS, READ_DRAFTS_JS
from artisan_app.state.reader.comment_drafts import parse_saved as _parse_saved
from artisan_app.state.reader.comment_watch import CommentWatchMixin
from artisan_app.state.support.clients import client_key
from artisan_app.state.support.offload import off_loop
from artisan_app.state.support.resilience import outage_safe

THREAD_ORDERS = ("oldest", "newest")


@functools.cache
def _read_drafts() -> EventSpec:
    """The script that reads the browser's drafts (the same every visit: built once, ~0.1 ms each)."""
    return rx.call_script(READ_DRAFTS_JS, callback=CommentState.restore_draft)


class CommentState(CommentWatchMixin, rx.State):
    # The thread, paged by top-level comments with their replies (services/comments/thread.py).
    comments: list[CommentView] = []
    approved_count: int = 0
    loaded: bool = False
    thread_order: str = "oldest"  # or "newest"
    has_more_comments: bool = False

    # The reader's draft for the open article.
    name: str = ""
    email: str = ""
    website: str = ""
    body: str = ""
    reply_to: int = 0
    reply_to_name: str = ""
    errors: dict[str, str] = {}
    notice: str = ""
    notice_ok: bool = True

    # ``notice`` and ``errors`` in the page's edition (the catalog has every message the
    # form says). They follow ``_language`` (set as the article loads), not the router: a var that
    # read the router would make Reflex load this state for every event of the tab.
    @rx.var
    def notice_shown(self) -> str:
        return i18n.translate(self._language, self.notice) if self.notice else ""

    @rx.var
    def errors_shown(self) -> dict[str, str]:
        return {name: i18n.translate(self._language, message) for name, message in self.errors.items()}

    submitting: bool = False

    # Mirrored to the browser; parsed defensively on every load.
    saved_drafts: str = rx.LocalStorage("", name=DRAFTS_KEY)
    reader_id: str = rx.LocalStorage("", name=READER_KEY)

    _article_id: int = 0
    _slug: str = ""
    _language: str = "en"  # the edition of the article shown
    _new_reader: bool = False  # reader_id made on this page load: no held comment of theirs exists
    _form_opened_at: float = 0.0
    _typed_since_load: bool = False
    _roots_shown: int = 0
    _last_root_id: int = 0
    _version: str = ""
    _watching: str = ""

    # --- loading ------------------------------------------------------------

    def _thread_page(self, session, *, after_id: int = 0, roots: int = thread.PAGE_ROOTS) -> thread.ThreadPage:
        return thread.thread_page(
            session,
            self._article_id,
            reader_id=self.reader_id,
            newest_first=self.thread_order == "newest",
            after_id=after_id,
            roots=roots,
        )

    def _refresh(self, session: Session | None = None) -> None:
        """The thread from the start, as many top-level comments as the reader has open (the same
        for every reader without a held comment here: remembered, ``services.site.page_data.thread_start``),
        in ``session`` or a session of its own."""
        if session is None:
            with db.session_scope() as own:
                self._refresh(own)
            return
        page, self._version = page_data.thread_start(
            session,
            self._article_id,
            reader_id="" if self._new_reader else self.reader_id,
            newest_first=self.thread_order == "newest",
            roots=max(thread.PAGE_ROOTS, self._roots_shown),
        )
        self.comments = list(page.comments)  # a copy: the page may be shared (remembered)
        self.approved_count = page.approved_count
        self.has_more_comments = page.has_more
        self._roots_shown, self._last_root_id = page.roots, page.last_root_id

    def _more(self) -> None:
        with db.session_scope() as session:
            page = self._thread_page(session, after_id=self._last_root_id)
        known = {c.id for c in self.comments}
        self.comments = self.comments + [c for c in page.comments if c.id not in known]
        self.approved_count = page.approved_count
        self.has_more_comments = page.has_more
        if page.roots:
            self._roots_shown, self._last_root_id = self._roots_shown + page.roots, page.last_root_id

    def _restore_draft(self) -> None:
        saved = _parse_saved(self.saved_drafts)
        for key in IDENTITY_FIELDS:
            setattr(self, key, saved["who"].get(key, ""))
        self.body = saved["drafts"].get(self._slug, {}).get("body", "")

    def _clear_browser_draft(self):
        """Forget the posted comment's text in the browser (``render/js/comment_drafts.js``)."""
        return rx.call_script(f"window.artisanCommentDrafts && window.artisanCommentDrafts.clear({json.dumps(self._slug)})")

    @rx.event
    @outage_safe
    async def load_comments(self):
        """Runs after ``ArticleState.load_article`` on every article page load."""
        if self._open(await self.get_state(ArticleState)):
            await asyncio.to_thread(self._refresh)  # off the event loop (see state/support/offload.py)
        return self._opened()

    def _open(self, article: ArticleState) -> bool:
        """The form for the article ``article`` loaded (no database work): whether it has a thread
        to load (``_refresh``, then ``_opened``)."""
        self._language = article.language
        self.errors, self.notice, self.reply_to, self.reply_to_name = {}, "", 0, ""
        self._roots_shown, self._last_root_id = 0, 0
        if not article.found:
            self._article_id, self._slug, self.comments, self.approved_count = 0, "", [], 0
            self.has_more_comments, self.loaded = False, True
            return False
        # A reader id made just now has no held comment anywhere: no need to ask (until they post).
        self._new_reader = not self.reader_id
        if not self.reader_id:
            self.reader_id = secrets.token_urlsafe(24)
        self._article_id, self._slug = article._article_id, article._slug
        self._form_opened_at = time.time()
        self._typed_since_load = False
        self._restore_draft()
        # Back from a comment posted with the first view's plain form (before the app had loaded).
        posted = outcomes.success(self.router.url.query_parameters.get(outcomes.QUERY_KEY))
        if posted is not None:
            self.notice, self.notice_ok = posted
        return True

    def _opened(self) -> list | None:
        """After the thread's first page: the watcher, and the browser's newest copy of the draft
        (written on every keystroke; the copy sent when the tab connected may be older)."""
        if not self._slug:
            return None
        self.loaded = True
        return [CommentState.watch_comments, _read_drafts()]

    @rx.event
    def restore_draft(self, raw: str):
        """The browser's stored drafts, read as the article opened; parsed defensively."""
        if not self._slug or not isinstance(raw, str):
            return
        saved = _parse_saved(raw)
        for key in IDENTITY_FIELDS:
            if key in saved["who"] and not (self._typed_since_load and getattr(self, key)):
                setattr(self, key, saved["who"][key])
        if not self._typed_since_load:
            self.body = saved["drafts"].get(self._slug, {}).get("body", "")

    @rx.event
    @off_loop
    @outage_safe
    def load_more_comments(self):
        """The next top-level comments, each with all its replies."""
        if self._article_id and self.has_more_comments:
            self._more()

    @rx.event
    @off_loop
    @outage_safe
    def set_thread_order(self, order: str):
        """Oldest or newest first; starts again from the first page."""
        if order not in THREAD_ORDERS or not self._article_id or order == self.thread_order:
            return
        self.thread_order = order
        self._roots_shown = 0
        self._refresh()

    # --- the draft ----------------------------------------------------------

    @rx.event
    def set_field(self, field: str, value: str):
        """Keep what the reader typed (also in their browser); never validates."""
        if field not in svc.FIELDS or not isinstance(value, str) or not self._slug:
            return
        setattr(self, field, value[: svc.MAX_BODY * 2])
        self._typed_since_load = True
        if field in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != field}

    @rx.event
    def start_reply(self, comment_id: int):
        target = next((c for c in self.comments if c.id == comment_id and not c.awaiting), None)
        if target is None:
            return
        self.reply_to, self.reply_to_name = target.id, target.name
        return rx.set_focus("comment-body")

    @rx.event
    def cancel_reply(self):
        self.reply_to, self.reply_to_name = 0, ""

    @rx.event
    @off_loop
    @outage_safe
    def submit(self, form_data: dict):
        """Post the comment. On any refusal every field stays as typed."""
        if not self._article_id:
            return
        form_data = form_data if isinstance(form_data, dict) else {}
        # The form's own values win (they are what the reader sees), the draft otherwise.
        for key in svc.FIELDS:
            if isinstance(form_data.get(key), str):
                setattr(self, key, form_data[key][: svc.MAX_BODY * 2])
        self.errors, self.notice = {}, ""
        try:
            with db.session_scope() as session:
                result = svc.submit_comment(
                    session,
                    article_id=self._article_id,
                    name=self.name,
                    email=self.email,
                    website=self.website,
                    body=self.body,
                    parent_id=self.reply_to or None,
                    reader_id=self.reader_id,
                    client_key=client_key(self),
                    honeypot=form_data.get("company", ""),
                    form_age_seconds=time.time() - self._form_opened_at,
                )
        except CommentValidationError as exc:
            self.errors = exc.errors
            self.notice, self.notice_ok = svc.FIX_FIELDS_MESSAGE, False
            return rx.set_focus(f"comment-{next(iter(exc.errors))}")
        except CommentRefused as exc:
            self.notice, self.notice_ok = exc.message, False
            return
        self.body, self.reply_to, self.reply_to_name = "", 0, ""
        self.notice, self.notice_ok = result.message, True
        self._new_reader = False  # their comment may be held now
        self._refresh()
        return self._clear_browser_draft()
