"""The comment form of an article's first HTML, posted without JavaScript (as WordPress's is).

Every article's first view ends with "Leave a comment" and a plain HTML form
(``render/templates/stand_ins.html: comment_form``) that posts to ``POST /comments/post``
(``routes.COMMENT_POST``). The route applies the comment service's rules exactly
(``services/comments.submit_comment``: validation, honeypot, the time the form was open,
the per-client rate limit, moderation), then answers ``303 See Other`` back to the article
with the outcome, ``?comment=<code>#first-view-leave-comment``:

* ``held`` or ``published``: the service's own thanks ("... awaiting moderation."), and a held
  comment shown to its author in the thread (its id in a signed cookie for that article). A reader
  without JavaScript has no reader id, so their comment is held like any first comment; with
  JavaScript (posted before the app took over) the form carries the browser's reader id as the
  app's form does, and the app then shows them their held comment.
* ``invalid``, ``refused``, ``limited``, ``closed``: the message, and what was typed, kept in a
  short-lived signed cookie scoped to that article (``KEPT_COOKIE``, never the URL: comment text
  stays out of logs, history and links; compressed, up to ``MAX_CHUNKS`` cookies: only hardly
  compressible text near the length limit, say 5,000 random CJK characters, is cut to fit). The
  first view shows each field as typed with its error next to it. A link with a code but
  without this browser's cookie shows nothing: a link cannot put words on the page.

Only a POST from one of the site's own pages is accepted (``same_origin.from_this_site``); the form
carries the signed time it was made (``form_stamp``), the service's measure of how long it was
open (a cached page only makes it older). With JavaScript the app takes the form over
(``render/scripts.py``: the hand-over carries typed text across).
"""

from __future__ import annotations

import re
import time

from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from artisan_app.core import db, i18n, routes
from artisan_app.core.settings import settings
from artisan_app.render import CommentFormView
from artisan_app.render.scripts import READER_ID_PATTERN
from artisan_app.services.articles import queries
from artisan_app.services.comments import outcomes, thread
from artisan_app.services.comments import submission as svc
from artisan_app.services.comments.outcomes import OUTCOMES, QUERY_KEY
from artisan_app.services.comments.submission import CommentRefused, CommentValidationError
from artisan_app.services.comments.thread import CommentView
from artisan_app.services.common.ids import as_id
from artisan_app.web.client import client_key
from artisan_app.web.same_origin import from_this_site

MAX_FORM_BYTES = 64_000
ANCHOR = "#first-view-leave-comment"
KEPT_COOKIE = "artisan_comment_kept"  # + "0", "1"...: a long comment takes more than one cookie
POSTED_COOKIE = "artisan_comment_posted"  # the held comment this browser has just posted
KEPT_SECONDS = 600
CHUNK = 3800  # characters per cookie (browsers keep 4096 bytes with the name and attributes)
MAX_CHUNKS = 3  # the Cookie header stays well under servers' and proxies' 16 KB limits
KEEP_CHARS = svc.MAX_BODY * 2  # as the app keeps a draft
CROSS_SITE = "This form can only be sent from the Artisan Times site."


def _kept_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key, salt="artisan-comment-form-kept")


def _stamp_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key, salt="artisan-comment-form-opened")


def form_stamp(now: float | None = None) -> str:
    """The signed time the form was made (a hidden field of the first view's form)."""
    return str(_stamp_serializer().dumps(int(now if now is not None else time.time())))


def _form_age(stamp: object) -> float:
    """Seconds since ``form_stamp``; a missing or forged stamp counts as just made (refused)."""
    try:
        made = _stamp_serializer().loads(stamp) if isinstance(stamp, str) else None
    except BadSignature:
        made = None
    return time.time() - made if isinstance(made, int) else 0.0


# ---------------------------------------------------------------- what was typed, kept in a cookie


def _chunks(article_id: int, values: dict[str, str], errors: dict[str, str]) -> list[str]:
    """The signed value in cookie-sized pieces; a comment too long for them is cut to fit."""
    values = dict(values)
    while True:
        token = _kept_serializer().dumps({"a": article_id, "v": values, "e": errors})
        if len(token) <= CHUNK * MAX_CHUNKS or not values.get("body"):
            return [token[i : i + CHUNK] for i in range(0, len(token), CHUNK)]
        values["body"] = values["body"][: len(values["body"]) * 3 // 4]


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or settings.site_url.startswith("https:")


def _keep(response: Response, request: Request, path: str, chunks: list[str]) -> None:
    secure = _secure(request)
    for i in range(MAX_CHUNKS):
        name = f"{KEPT_COOKIE}{i}"
        if i < len(chunks):
            response.set_cookie(name, chunks[i], max_age=KEPT_SECONDS, path=path, secure=secure, httponly=True, samesite="lax")
        elif name in request.cookies or chunks:
            response.delete_cookie(name, path=path, secure=secure, httponly=True, samesite="lax")


def _kept(request: Request, article_id: int) -> tuple[dict[str, str], dict[str, str]] | None:
    token = "".join(request.cookies.get(f"{KEPT_COOKIE}{i}", "") for i in range(MAX_CHUNKS))
    try:
        data = _kept_serializer().loads(token, max_age=KEPT_SECONDS) if token else None
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article_id:
        return None
    values, errors = data.get("v"), data.get("e")
    if not isinstance(values, dict) or not isinstance(errors, dict):
        return None
    return (
        {k: v for k, v in values.items() if k in svc.FIELDS and isinstance(v, str)},
        {k: v for k, v in errors.items() if k in svc.FIELDS and isinstance(v, str)},
    )


def form_view(request: Request, article_id: int) -> CommentFormView:
    """The article's comment form as its first view shows it: empty, or the outcome of a post."""
    code = request.query_params.get(QUERY_KEY, "")
    notice, ok = OUTCOMES.get(code, ("", True))
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    if notice and not ok:  # a failure is shown only to the browser that posted (its cookie)
        kept = _kept(request, article_id)
        if kept is None:
            notice = ""
        else:
            values, errors = kept[0], kept[1] if code == "invalid" else {}
    return CommentFormView(article_id=article_id, stamp=form_stamp(), values=values, errors=errors, notice=notice, notice_ok=ok)


def held_comment(request: Request, session: Session, article_id: int) -> CommentView | None:
    """On ``?comment=held``, the comment this browser has just posted, while it is held."""
    if request.query_params.get(QUERY_KEY) != "held" or POSTED_COOKIE not in request.cookies:
        return None
    try:
        data = _kept_serializer().loads(request.cookies[POSTED_COOKIE], max_age=KEPT_SECONDS)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article_id or not isinstance(data.get("c"), int):
        return None
    return thread.held_comment(session, article_id, data["c"])


def shows_outcome(request: Request) -> bool:
    return request.query_params.get(QUERY_KEY, "") in OUTCOMES


# ---------------------------------------------------------------- POST /comments/post


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value[:KEEP_CHARS] if isinstance(value, str) else ""


def _reader_id(form: FormData) -> str:
    """The browser's reader id, filled in by its draft keeper (``render/js/comment_drafts.js``); none without JavaScript."""
    reader = _field(form, "reader")
    return reader if re.fullmatch(READER_ID_PATTERN, reader) else ""


def _submit(article_id: int | None, values: dict[str, str], honeypot: str, age: float, client: str, reader: str):
    """``(slug, language, code, errors, comment id)``, or ``None`` for an article that is not live."""
    with db.session_scope() as session:
        address = queries.live_address(session, article_id) if article_id else None
        if address is None or article_id is None:
            return None
        try:
            result = svc.submit_comment(
                session,
                article_id=article_id,
                name=values["name"],
                email=values["email"],
                website=values["website"],
                body=values["body"],
                reader_id=reader,
                client_key=client,
                honeypot=honeypot,
                form_age_seconds=age,
            )
        except CommentValidationError as exc:
            return (*address, "invalid", exc.errors, 0)
        except CommentRefused as exc:
            return (*address, outcomes.refused(exc), {}, 0)
        code = outcomes.posted(result)
    return (*address, code, {}, result.comment_id)


async def post_comment(request: Request) -> Response:
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return PlainTextResponse("Too large.", status_code=413)
    if not from_this_site(request):
        return PlainTextResponse(CROSS_SITE, status_code=403)
    form = await request.form(max_files=0, max_fields=20)
    values = {name: _field(form, name) for name in svc.FIELDS}
    raw_id = _field(form, "article")
    article_id = as_id(int(raw_id)) if raw_id.isascii() and raw_id.isdigit() and len(raw_id) <= 10 else None
    outcome = await run_in_threadpool(
        _submit, article_id, values, _field(form, "company"), _form_age(form.get("opened")), client_key(request), _reader_id(form)
    )
    if outcome is None:
        return PlainTextResponse(svc.CLOSED_MESSAGE, status_code=404)
    slug, language, code, errors, comment_id = outcome
    path = i18n.edition_path(language, routes.article_url(slug))
    response = RedirectResponse(f"{path}?{QUERY_KEY}={code}{ANCHOR}", status_code=303)
    failed = not OUTCOMES[code][1]
    _keep(response, request, path, _chunks(int(article_id or 0), values, errors) if failed else [])
    if code == "held" and comment_id:  # its author sees it (a reader without JavaScript has no reader id)
        response.set_cookie(
            POSTED_COOKIE,
            _kept_serializer().dumps({"a": article_id, "c": comment_id}),
            max_age=KEPT_SECONDS,
            path=path,
            secure=_secure(request),
            httponly=True,
            samesite="lax",
        )
    return response


def comment_form_routes() -> list[BaseRoute]:
    return [Route(routes.COMMENT_POST, post_comment, methods=["POST"])]
