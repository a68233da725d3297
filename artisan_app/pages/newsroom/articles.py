"""The newsroom's article list, ``/editor``. The other newsroom pages: ``pages.newsroom.sign_in``
(``/editor/login``), ``article_editor`` (``/editor/article/[id]``), ``moderation``
(``/editor/comments``), ``pages.newsroom.settings`` (``/editor/settings``), ``pages.newsroom.trash``."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link, notice, skeleton
from artisan_app.components.editor.language import translation_note
from artisan_app.components.editor.review import author_updates_list
from artisan_app.components.newsroom.frame import newsroom_frame, status_badge
from artisan_app.core import routes
from artisan_app.state.newsroom.article_list import NewsroomState as N

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.

STATUSES = [
    ("", "All statuses"),
    ("waiting", "Waiting for me"),
    ("draft", "Drafts"),
    ("review", "In review"),
    ("changes", "Changes requested"),
    ("approved", "Approved"),
    ("scheduled", "Scheduled"),
    ("published", "Published"),
]


def _filter_select(label: str, name: str, value, options, placeholder: str | None = None) -> rx.Component:
    opts = [rx.el.option(placeholder, value="")] if placeholder else []
    return rx.el.div(
        rx.el.label(label, html_for=f"filter-{name}", class_name="field-label"),
        rx.el.select(
            *opts,
            rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])),
            id=f"filter-{name}",
            value=value,
            on_change=lambda v: N.set_filter(name, v),  # type: ignore[operator]
            class_name="field-input",
        ),
        class_name="field",
    )


def _row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            link(row.headline, href="/editor/article/" + row.id.to_string(), class_name="row-title", dir="auto"),
            translation_note(row),
        ),
        rx.el.td(status_badge(row.status)),
        rx.el.td(row.category_name),
        rx.el.td(row.author_name),
        rx.el.td(row.updated_label),
    )


def newsroom_page() -> rx.Component:
    filters = rx.el.div(
        _filter_select("Status", "status", N.status, STATUSES),
        _filter_select("Category", "category", N.category, N.categories, "All categories"),
        _filter_select("Author", "author", N.author, N.authors, "All authors"),
        rx.el.div(
            rx.el.label("Search titles", html_for="filter-query", class_name="field-label"),
            rx.debounce_input(
                rx.el.input(
                    id="filter-query",
                    type="search",
                    value=N.query,
                    on_change=lambda v: N.set_filter("query", v),  # type: ignore[operator]
                    class_name="field-input",
                ),
                debounce_timeout=300,
            ),
            class_name="field",
        ),
        class_name="filters",
        role="search",
        aria_label="Filter articles",
    )
    table = rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("Headline", "Status", "Category", "Author", "Updated")])),
            rx.el.tbody(rx.foreach(N.rows, _row)),
            class_name="data-table",
        ),
        class_name="table-scroll",
    )
    return newsroom_frame(
        rx.cond(
            N.loaded,
            rx.fragment(
                notice(N.error, False),
                link("+ New article", href=routes.editor_article_url(routes.NEW_ARTICLE), class_name="button"),
                author_updates_list(N.updates),
                filters,
                rx.cond(N.rows.length() > 0, table, rx.el.p("No articles match these filters.", class_name="empty-list")),  # type: ignore[attr-defined]
                rx.cond(
                    N.has_more, rx.el.button("Show more", type="button", class_name="button secondary", on_click=N.load_more)
                ),
            ),
            skeleton(label="Loading articles"),
        ),
        title="Articles",
    )
