"""Long-waiting background handlers without the state tree they last loaded.

Reflex (0.10.1) hands a background handler a ``StateProxy``; after each ``async with self``
block the proxy keeps pointing at the state tree it loaded under the tab's lock, until the
handler returns. With state in Redis and opportunistic locking that tree is the tab's whole
tree (every substate, 29 today), so a handler that waits for hours -- the comment watcher,
one per open article tab -- pinned a full tree per reader: memory, and objects for every full
garbage collection to walk. ``let_go`` points the proxy at an empty instance of
its state's class while it waits; the next ``async with self`` loads the tab's current state
exactly as before, so nothing the handler reads or writes changes.
"""

from __future__ import annotations

import wrapt
from reflex.istate.proxy import StateProxy


def let_go(proxy: object) -> None:
    """Between ``async with self`` blocks of a background handler: drop the tree it last loaded."""
    if isinstance(proxy, StateProxy) and not proxy._is_mutable():
        empty = type(proxy.__wrapped__)(_reflex_internal_init=True, init_substates=False)
        wrapt.ObjectProxy.__setattr__(proxy, "__wrapped__", empty)
