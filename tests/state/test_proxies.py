"""``state/proxies.let_go``: a waiting background handler holds no state tree (issue #19)."""

from __future__ import annotations

import reflex as rx
import wrapt
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.proxy import StateProxy
from reflex_base.event.context import EventContext

from artisan_app.state.reader.comments import CommentState
from artisan_app.state.support.detached_handlers import let_go


async def _nothing(*args, **kwargs) -> None:
    return None


def _context(manager) -> EventContext:
    return EventContext(
        token="tab-1",
        txid="t1",
        parent_txid=None,
        state_manager=manager,
        enqueue_impl=_nothing,
        emit_delta_impl=_nothing,
        emit_event_impl=_nothing,
    )


async def test_a_waiting_watcher_lets_go_of_the_tree_and_gets_the_current_state_back():
    manager = StateManagerMemory()
    reset = EventContext.set(_context(manager))
    try:
        root = await manager.get_state(rx.BaseStateToken(ident="tab-1", cls=rx.State))
        comments = await root.get_state(CommentState)
        comments.body = "Half a thought"
        proxy = StateProxy(comments)
        let_go(proxy)
        assert proxy.__wrapped__ is not comments and proxy.__wrapped__.parent_state is None  # no tree held
        async with proxy:  # as the watcher does when its thread changed: the tab's current state
            assert proxy.__wrapped__ is comments and proxy.body == "Half a thought"
            let_go(proxy)  # never while the handler holds the lock
            assert proxy.__wrapped__ is comments
    finally:
        EventContext.reset(reset)


def test_anything_else_is_left_alone():
    """The tests' own stand-in proxies and plain states keep what they point at."""

    class Plain:
        pass

    thing = Plain()
    thing.body = "kept"
    let_go(thing)
    assert vars(thing) == {"body": "kept"}
    comments = CommentState(_reflex_internal_init=True, init_substates=False)
    other_proxy = wrapt.ObjectProxy(comments)
    let_go(other_proxy)
    assert other_proxy.__wrapped__ is comments
