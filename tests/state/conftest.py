"""Helpers to drive states the way Reflex does: a root state, a substate, a URL."""

from __future__ import annotations

import pytest
import reflex as rx
from reflex.istate.data import RouterData


def visit(root: rx.State, path: str, route: str = "", *, ip: str = "127.0.0.1", token: str = "tab-1") -> None:
    """Set the router as if the browser (tab ``token`` at ``ip``) were at ``path``."""
    root.router = RouterData.from_router_data(
        {
            "headers": {"origin": "http://localhost:3000"},
            "asPath": path,
            "pathname": route or path,
            "query": {},
            "ip": ip,
            "token": token,
        }
    )


@pytest.fixture
def root() -> rx.State:
    return rx.State(_reflex_internal_init=True)


async def drive(result) -> list:
    """Run a handler call as Reflex does: await a coroutine, or iterate a generator; the events it gave."""
    import inspect

    if inspect.isasyncgen(result):
        return [event async for event in result]
    if inspect.isgenerator(result):
        return list(result)
    if inspect.isawaitable(result):
        result = await result
    return result if isinstance(result, list) else [result] if result is not None else []


class Proxy:
    """What Reflex hands a background task: the state, lockable."""

    def __init__(self, state):
        object.__setattr__(self, "_state", state)

    def __getattr__(self, name):
        return getattr(self._state, name)

    def __setattr__(self, name, value):
        setattr(self._state, name, value)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


# ---------------------------------------------------------------- reading the rendered HTML states hold


def html_tree(*parts: str):
    """Parts of a page as states keep them (``artisan_app.render``), as one parsed tree."""
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring("".join(parts) or "<p></p>", create_parent="div")


def article_slugs(*parts: str) -> list[str]:
    """The articles that card titles (or a lead story's title) link to, in order."""
    hrefs = html_tree(*parts).xpath("//*[contains(@class, 'card-title') or @class='lead-title']/a/@href")
    return [h.rsplit("/", 1)[-1] for h in hrefs]


def texts(markup: str, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in html_tree(markup).xpath(xpath)]
