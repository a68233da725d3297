"""The hostile-input suite (issue #12): every public event handler of every
state, found by walking the state tree (a new handler is covered without
touching this file), called as an anonymous reader, an author and an editor
with generated payloads (wrong types, huge strings, deep nesting, unicode,
nulls), the way any client can over the websocket.

For every call: no exception escapes (nothing for Reflex to turn into an error
on the client), nothing private comes back (state or returned events: other
people's emails, password hashes, session tokens, embargoed drafts), and the
database changes only as the caller's role allows.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import pkgutil
import sys
from collections.abc import Iterator

import pytest
import reflex as rx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from reflex.utils import format
from sqlalchemy import text
from sqlmodel import Session

import artisan_app.state as state_package
from artisan_app.models import Role
from artisan_app.services.accounts import auth
from artisan_app.state.newsroom.auth import AuthState
from tests.factories import PASSWORD
from tests.state.conftest import Proxy, visit
from tests.state.test_authorization_sweep import SECRET_EMAIL, SECRET_HEADLINE, newsroom, snapshot  # noqa: F401

for _module in pkgutil.walk_packages(state_package.__path__, f"{state_package.__name__}."):
    importlib.import_module(_module.name)


def _walk(cls: type[rx.State]) -> Iterator[type[rx.State]]:
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):
        yield sub
        yield from _walk(sub)


STATES = [cls for cls in _walk(rx.State) if cls.__module__.startswith("artisan_app.")]
HANDLERS = [
    pytest.param(cls, name, id=f"{cls.__name__}.{name}")
    for cls in STATES
    for name in cls.event_handlers
    if not name.startswith("_") and name != "setvar"  # setvar: tested below, it refuses every declared var
]
ROLES = ["anonymous", "author", "editor"]
EXAMPLES = 20


class FakeUpload:
    """What ``/_upload`` hands an upload handler: here with any bytes at all."""

    def __init__(self, data: bytes, filename: str = "x.png"):
        self.data, self.filename = data, filename

    async def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]


def _deep(levels: int) -> object:
    value: object = "bottom"
    for i in range(levels):
        value = [value] if i % 2 else {"k": value}
    return value


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.text(alphabet="\x00\u202e\ufeff\U0001f600<>\"'&;%$", max_size=30)
    | st.sampled_from(
        [
            "x" * 200_000,
            10**30,
            -(10**30),
            -1,
            0,
            "",
            " ",
            "null",
            "__proto__",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
        ]
    )
)
HOSTILE = st.one_of(
    st.recursive(
        _scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
        max_leaves=10,
    ),
    st.sampled_from([_deep(300), [[[[[[[]]]]]]] * 50]),
    st.lists(st.builds(FakeUpload, st.binary(max_size=64)), max_size=2),
)
FORM_KEYS = [
    "email",
    "password",
    "name",
    "slug",
    "description",
    "schedule_at",
    "reply",
    "bio",
    "company",
    "body",
    "website",
    "q",
    "headline",
]


def _typed(annotation: str, world: dict) -> st.SearchStrategy:
    """A well-typed value (to get past type checks into the rules) of a parameter's annotation."""
    ids = [world["draft_id"], world["live_id"], world["comment_id"], world["revision_id"], 1, 0, -1, 2**63]
    words = [
        "approve",
        "spam",
        "trash",
        "hold",
        "pending",
        "politics",
        "vic",
        "mal",
        "headline",
        "tags",
        "slug",
        "text",
        "attribution",
        "quote",
        "paragraph",
        "status",
        "category",
        "author",
        "query",
        "relevance",
        "newest",
        "live-story",
        "name",
        "email",
        "body",
        "website",
    ]
    if "int" in annotation:
        return st.sampled_from(ids) | st.integers()
    if "dict" in annotation:
        return st.dictionaries(st.sampled_from(FORM_KEYS), st.sampled_from(words) | st.text(max_size=40) | HOSTILE, max_size=6)
    if "list" in annotation:
        return st.lists(st.sampled_from(ids), max_size=3) | st.lists(
            st.builds(FakeUpload, st.binary(max_size=64)), min_size=1, max_size=1
        )
    return st.sampled_from(words) | st.text(max_size=60)


def _arguments(handler, world: dict) -> st.SearchStrategy:
    params = list(inspect.signature(handler.fn).parameters.values())[1:]
    return st.tuples(*(st.one_of(_typed(str(p.annotation), world), HOSTILE) for p in params))


PATHS = [
    "/",
    "/article/live-story",
    "/editor/article/{draft_id}",
    "/editor/article/new",
    "/editor/comments",
    "/editor/settings",
    "/tag/nope",
    "/category/politics",
    "/author/vic",
    "/search",
    "/editor/article/99999999",
]


async def _call(state, handler, args) -> list:
    fn = handler.fn
    target = Proxy(state) if getattr(handler, "is_background", False) else state
    result = fn(target, *args)
    if inspect.iscoroutine(result):
        result = await result
    elif inspect.isasyncgen(result):
        result = [item async for item in result]
    elif inspect.isgenerator(result):
        result = list(result)
    return result if isinstance(result, list) else [result]


@pytest.fixture
def quiet_background(monkeypatch, tmp_path):
    """Background loops end at once (their tab is "gone"); uploads land in a temporary directory."""

    async def gone(token):
        return False

    # Every state module that asks whether its tab is still there (found, so new watchers are covered).
    for name, module in list(sys.modules.items()):
        if name.startswith("artisan_app.state.") and hasattr(module, "client_connected"):
            monkeypatch.setattr(module, "client_connected", gone)
        if name.startswith("artisan_app.state.") and hasattr(module, "CHECK_SECONDS"):
            monkeypatch.setattr(module, "CHECK_SECONDS", 0.01)
    monkeypatch.setattr("artisan_app.state.editor.article_editor.HEARTBEAT_SECONDS", 0)
    monkeypatch.setattr("artisan_app.state.reader.site.RECOVERY_FIRST_RETRY_SECONDS", 0)
    monkeypatch.setattr(rx, "get_upload_dir", lambda: tmp_path)


def _private(world: dict, role: str) -> list[str]:
    """What must never reach this role's browser."""
    secrets = ["$argon2", PASSWORD, *[t for r, t in world["tokens"].items() if r != role]]
    if role != "editor":
        secrets += [SECRET_EMAIL, SECRET_HEADLINE]
    return secrets


def _db_view(session: Session, world: dict, role: str) -> dict:
    """The part of the database this role must not change."""
    if role == "editor":
        # Editors edit, moderate and may add a category; staff accounts, authors and the
        # existing categories (names, order) are the admin's.
        full = snapshot(session, None)
        view = {name: full[name] for name in ("user", "category", "author")}
        view["category"] = [row for row in view["category"] if json.loads(row)["id"] in world["category_ids"]]
        return view
    view = snapshot(session, world["attacker_author_id"] if role == "author" else None)
    # Anyone may post a reader comment: it arrives held, and only as a reader's.
    session.expire_all()
    new = {
        r[0]
        for r in session.execute(
            text("SELECT id FROM comment WHERE id > :last AND status = 'pending' AND by_staff = :no"),
            {"last": world["last_comment_id"], "no": False},
        )
    }
    view["comment"] = [row for row in view["comment"] if not any(f'"id": {i},' in row for i in new)]
    return view


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Argon2 at its cheapest for the accounts of this suite's many fixtures (the
    real parameters are tested in tests/unit/services/test_auth.py)."""
    hasher = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    monkeypatch.setattr(auth, "_hasher", hasher)
    monkeypatch.setattr(auth, "_DUMMY_HASH", hasher.hash("timing-equaliser"))


@pytest.fixture
def any_session(session):
    """SQLite only here (hundreds of handler runs); the rules themselves are tested on both databases."""
    return session


@pytest.fixture
def world(newsroom, any_session):  # noqa: F811 - the sweep's fixture
    s = any_session
    editor_id = s.execute(text('SELECT id FROM "user" WHERE role = :r'), {"r": Role.editor.value}).scalar()
    newsroom["tokens"] = {"author": newsroom["author_token"], "editor": auth.start_session(s, user_id=editor_id)}
    newsroom["last_comment_id"] = s.execute(text("SELECT max(id) FROM comment")).scalar()
    newsroom["category_ids"] = set(s.execute(text("SELECT id FROM category")).scalars())
    s.commit()
    return newsroom


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state_cls, name", HANDLERS)
def test_every_handler_survives_hostile_input(state_cls, name, role, world, quiet_background):
    session: Session = world["session"]
    handler = state_cls.event_handlers[name]
    before = _db_view(session, world, role)
    private = _private(world, role)
    root = rx.State(_reflex_internal_init=True)
    loop = asyncio.new_event_loop()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(args=_arguments(handler, world), path=st.sampled_from(PATHS))
    def run(args, path):
        async def once():
            auth_state = await root.get_state(AuthState)
            if role != "anonymous":  # (a hostile "logout" may have ended it: sign in afresh)
                if auth.resolve_session(session, auth_state.staff_token) is None:
                    user_id = session.execute(
                        text("SELECT user_id FROM usersession WHERE token_hash = :h"),
                        {"h": auth._token_hash(world["tokens"][role])},
                    ).scalar()
                    world["tokens"][role] = auth.start_session(session, user_id=user_id)
                    session.commit()
                auth_state.staff_token = world["tokens"][role]
            visit(root, path.format(draft_id=world["draft_id"]), token=f"{role}-tab", ip="6.6.6.6")
            state = await root.get_state(state_cls)
            try:
                returned = await _call(state, handler, args)
            except Exception as exc:  # noqa: BLE001 - this is what the test looks for
                pytest.fail(f"{state_cls.__name__}.{name}{_short(args)} as {role} raised {exc!r}")
            dumped = format.json_dumps(root.dict()) + " ".join(str(r) for r in returned)
            for secret in private:
                assert secret not in dumped, f"{state_cls.__name__}.{name} as {role} leaked {secret[:12]}…"

        loop.run_until_complete(once())

    try:
        run()
    finally:
        loop.close()
    session.expire_all()
    assert _db_view(session, world, role) == before


def _short(args) -> str:
    text_ = repr(args)
    return text_ if len(text_) < 300 else text_[:300] + "…"


def test_the_suite_reaches_every_state_and_handler():
    names = {cls.__name__ for cls in STATES}
    assert {
        "AuthState",
        "ArticleEditorState",
        "ModerationState",
        "AdminState",
        "NewsroomState",
        "CommentState",
        "SearchState",
        "ReaderState",
        "ArticleState",
        "SiteState",
        "ListingState",
    } <= names
    assert len(HANDLERS) >= 60


@pytest.mark.parametrize("state_cls", STATES, ids=lambda c: c.__name__)
async def test_the_generic_setter_refuses_every_declared_var(state_cls, root):
    state = await root.get_state(state_cls)
    for var in state_cls.base_vars:
        if f"set_{var}" in state_cls.event_handlers:
            continue  # setvar routes to the state's own handler, which is in HANDLERS
        with pytest.raises(AttributeError):
            state_cls.event_handlers["setvar"].fn(state, var, "Hacked")


def test_the_roles_are_real(world):
    """The suite's author and editor tabs really are signed in (else it would prove little)."""
    from artisan_app.state.newsroom.article_list import NewsroomState
    from artisan_app.state.newsroom.moderation import ModerationState

    async def as_role(role: str, state_cls, handler: str):
        root = rx.State(_reflex_internal_init=True)
        (await root.get_state(AuthState)).staff_token = world["tokens"][role]
        visit(root, "/editor", token=f"{role}-tab")
        state = await root.get_state(state_cls)
        await getattr(state, handler)()
        return state, format.json_dumps(root.dict())

    loop = asyncio.new_event_loop()
    try:
        _, dumped = loop.run_until_complete(as_role("editor", ModerationState, "load_queue"))
        assert SECRET_EMAIL in dumped
        moderation, _ = loop.run_until_complete(as_role("author", ModerationState, "load_queue"))
        assert not moderation.allowed
        newsroom_list, _ = loop.run_until_complete(as_role("author", NewsroomState, "load_list"))
        assert newsroom_list.loaded and newsroom_list.error == ""
    finally:
        loop.close()
