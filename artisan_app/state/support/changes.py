"""Set a state's vars only where the value changed.

Reflex sends every var a handler sets back to the browser, changed or not, and marks its state
dirty (pickled and written back). A page visit that reloads what the tab already shows (going
back to a page, the navigation on every page) sets only what differs.
"""

from __future__ import annotations

from typing import Any


def set_changed(state: Any, **values: Any) -> None:
    """``setattr(state, name, value)`` for each value that differs from the state's."""
    for name, value in values.items():
        if getattr(state, name) != value:
            setattr(state, name, value)
