"""Newsroom tools: the editor's trash and feature buttons, "New category…" beside
the category select, the held-comments badge and the trash list."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice
from artisan_app.state.editor.article_editor import ArticleEditorState as E
from artisan_app.state.editor.tools import ArticleToolsState as T
from artisan_app.state.editor.tools import CategoryQuickAddState as Q
from artisan_app.state.editor.tools import TrashState
from artisan_app.state.newsroom.moderation_watch import PendingBadgeState

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def article_tools() -> rx.Component:
    """In the publishing panel, below the workflow buttons."""
    published = E.form.phase == "published"
    live_or_scheduled = published | (E.form.phase == "scheduled")
    return rx.el.div(
        notice(T.message),
        notice(T.error, False),
        rx.cond(
            E.can_publish & published,
            rx.el.button(
                rx.cond(T.featured, "Remove from the front page", "Feature on the front page"),
                type="button",
                class_name="button secondary",
                on_click=T.toggle_feature,
                aria_pressed=rx.cond(T.featured, "true", "false"),
            ),
        ),
        rx.cond(
            E.form.id != 0,
            rx.cond(
                live_or_scheduled,
                rx.el.p(
                    "To delete this article, unpublish it first (or cancel its schedule); then move it to the trash.",
                    class_name="field-hint",
                ),
                rx.el.button("Move to trash", type="button", class_name="button danger", on_click=T.move_to_trash),
            ),
        ),
        # Mounted with each article the editor opens: whether it is featured, no stale messages.
        on_mount=T.load_tools,
        class_name="article-tools",
    )


def category_quick_add() -> rx.Component:
    """ "New category…" for editors and admins, right under the category select."""
    return rx.cond(
        E.can_publish,
        rx.el.div(
            rx.el.button(
                "New category…",
                type="button",
                class_name="small-button",
                on_click=Q.toggle,
                aria_expanded=rx.cond(Q.open, "true", "false"),
                aria_controls="new-category",
            ),
            rx.cond(
                Q.open,
                rx.el.form(
                    rx.el.label("Name of the new category", html_for="new-category-name", class_name="field-label"),
                    rx.el.input(
                        id="new-category-name",
                        name="name",
                        default_value=Q.name,
                        class_name="field-input",
                        auto_focus=True,
                        max_length=80,
                        aria_invalid=rx.cond(Q.error != "", "true", "false"),
                        aria_describedby=rx.cond(Q.error != "", "new-category-error", ""),
                    ),
                    rx.cond(Q.error != "", rx.el.p(Q.error, id="new-category-error", class_name="field-error")),
                    rx.el.div(
                        rx.el.button("Add category", type="submit", class_name="small-button"),
                        rx.el.button("Cancel", type="button", class_name="small-button", on_click=Q.toggle),
                        class_name="block-tools",
                    ),
                    on_submit=Q.add,
                    reset_on_submit=False,
                    id="new-category",
                    class_name="category-quick-add not-article-field",
                    aria_label="New category",
                ),
            ),
            on_mount=Q.close,  # closed whenever an article opens
            class_name="field new-category",
        ),
    )


def pending_badge() -> rx.Component:
    """Inside the navigation's "Comments" link: held comments, kept live."""
    return rx.el.span(
        rx.cond(
            PendingBadgeState.pending > 0,
            rx.el.span(
                " ",
                rx.el.span(PendingBadgeState.pending, class_name="nav-badge"),
                rx.el.span(" held", class_name="visually-hidden"),
            ),
        ),
        on_mount=PendingBadgeState.watch_queue,
    )


def _trash_row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row.headline, class_name="row-title"),
        rx.el.td(row.author_name),
        rx.el.td(row.trashed_label),
        rx.el.td(row.purge_label),
        rx.el.td(
            rx.el.button(
                "Restore",
                type="button",
                class_name="small-button",
                on_click=TrashState.restore(row.id),  # type: ignore[operator]
                aria_label="Restore " + row.headline,
            )
        ),
    )


def trash_list() -> rx.Component:
    table = rx.el.div(
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    *[rx.el.th(h, scope="col") for h in ("Headline", "Author", "Moved to the trash", "Deleted for good on", "")]
                )
            ),
            rx.el.tbody(rx.foreach(TrashState.rows, _trash_row)),
            class_name="data-table",
            aria_label="Articles in the trash",
        ),
        class_name="table-scroll",
    )
    empty_controls = rx.cond(
        TrashState.is_admin & (TrashState.rows.length() > 0),  # type: ignore[attr-defined]
        rx.cond(
            TrashState.confirming_empty,
            rx.el.div(
                rx.el.p("Delete every article in the trash for good? This cannot be undone.", role="alert"),
                rx.el.button("Yes, empty the trash", type="button", class_name="button danger", on_click=TrashState.empty),
                rx.el.button("Cancel", type="button", class_name="button secondary", on_click=TrashState.cancel_empty),
                class_name="button-row",
            ),
            rx.el.button("Empty trash", type="button", class_name="button danger", on_click=TrashState.ask_empty),
        ),
    )
    return rx.fragment(
        notice(TrashState.message),
        notice(TrashState.error, False),
        rx.el.p(
            "Articles stay here for 30 days, then they are deleted for good with their comments and revisions.",
            class_name="field-hint",
        ),
        rx.cond(TrashState.rows.length() > 0, table, rx.el.p("The trash is empty.", class_name="empty-list")),  # type: ignore[attr-defined]
        empty_controls,
    )
