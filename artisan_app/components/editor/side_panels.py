"""The article editor's side panels: publishing (a bar fixed to the bottom of small
screens), the conflict chooser, and revisions with a side-by-side comparison."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link
from artisan_app.components.editor.review import publish_confirm, review_gate
from artisan_app.components.newsroom.frame import field_error, small_button, status_badge
from artisan_app.components.newsroom.tools import article_tools
from artisan_app.core import routes
from artisan_app.render.scripts import SAVED_CLOCK_JS
from artisan_app.state.editor.article_editor import ArticleEditorState as E

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _save_status() -> rx.Component:
    return rx.el.p(
        rx.cond(
            E.saved_at_ms > 0,
            rx.fragment(
                rx.el.span("Saved just now", class_name="saved-now"),
                rx.el.span("Saved at ", E.saved_clock, class_name="saved-at"),
                rx.cond(E.save_status != "", rx.el.span(" · ", E.save_status)),
            ),
            E.save_status,
        ),
        class_name="save-status",
        role="status",
        aria_live="polite",
        data_saved_at=E.saved_at_ms.to_string(),  # type: ignore[attr-defined]
    )


def _unpublish_confirm() -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong("Take this article off the site?"), id="unpublish-title"),
        rx.el.p(
            "Readers following links to it will find nothing until it is published again. Its address stays /article/",
            E.form.slug,
            ".",
            id="unpublish-desc",
        ),
        rx.el.div(
            rx.el.button("Yes, unpublish", type="button", class_name="button danger", on_click=E.unpublish, auto_focus=True),
            rx.el.button("Keep it live", type="button", class_name="button secondary", on_click=E.ask("")),  # type: ignore[operator]
            class_name="button-row",
        ),
        role="alertdialog",
        aria_labelledby="unpublish-title",
        aria_describedby="unpublish-desc",
        class_name="confirm",
    )


def _schedule_form() -> rx.Component:
    return rx.el.form(
        rx.el.label(
            rx.cond(E.form.phase == "scheduled", "Reschedule for", "Schedule for"),
            " (",
            E.tz_name,
            " time)",
            html_for="schedule-at",
            class_name="field-label",
        ),
        rx.el.input(
            id="schedule-at",
            name="schedule_at",
            type="datetime-local",
            class_name="field-input",
            default_value=E.schedule_at,
            aria_invalid=rx.cond(E.errors.contains("schedule"), "true", "false"),  # type: ignore[attr-defined]
            aria_describedby=rx.cond(E.errors.contains("schedule"), "err-schedule", ""),  # type: ignore[attr-defined]
        ),
        rx.el.button("Schedule", type="submit", class_name="button secondary"),
        field_error(E.errors, "schedule"),
        on_submit=E.schedule,
        reset_on_submit=False,
        class_name="schedule-form",
    )


def publish_panel() -> rx.Component:
    phase = E.form.phase
    live_or_scheduled = (phase == "published") | (phase == "scheduled")
    primary = rx.el.div(
        rx.el.button(rx.cond(live_or_scheduled, "Update", "Save draft"), type="button", class_name="button", on_click=E.save),
        rx.cond(
            E.can_publish & ~live_or_scheduled,
            rx.el.button("Publish now", type="button", class_name="button", on_click=E.publish_now),
        ),
        rx.cond(
            ~E.can_publish & ((phase == "draft") | (phase == "changes")),
            rx.el.button("Submit for review", type="button", class_name="button", on_click=E.submit_review),
        ),
        rx.el.button(
            rx.cond(E.preview_mode, "Back to editing", "Preview"),
            type="button",
            class_name="button secondary",
            on_click=E.toggle_preview,
            aria_pressed=E.preview_mode.to_string(),  # type: ignore[attr-defined]
        ),
        rx.el.button(
            rx.cond(E.panel_open, "Fewer options", "More options"),
            type="button",
            class_name="button secondary bar-only",
            on_click=E.toggle_panel,
            aria_expanded=E.panel_open.to_string(),  # type: ignore[attr-defined]
            aria_controls="publish-extra",
        ),
        class_name="button-row publish-primary",
    )
    # A failing content check asks first; on the byline, someone else must approve (editor_craft).
    primary = rx.fragment(primary, publish_confirm(), review_gate())
    extra = rx.el.div(
        rx.cond(
            E.can_publish,
            rx.el.div(
                rx.cond(
                    phase == "published",
                    rx.cond(
                        E.confirming == "unpublish",
                        _unpublish_confirm(),
                        rx.el.button("Unpublish…", type="button", class_name="button danger", on_click=E.ask("unpublish")),  # type: ignore[operator]
                    ),
                    _schedule_form(),
                ),
                rx.cond(
                    phase == "scheduled",
                    rx.el.button("Cancel schedule", type="button", class_name="button danger", on_click=E.cancel_schedule),
                ),
                class_name="workflow",
            ),
        ),
        rx.cond(phase == "published", link("View on the site", href=routes.article_url(E.form.slug), class_name="row-title")),
        article_tools(),
        id="publish-extra",
        class_name="publish-extra",
    )
    return rx.el.aside(
        rx.el.h2("Publishing", class_name="section-label"),
        rx.el.p(
            "Status: ",
            status_badge(phase),
            rx.cond(phase == "scheduled", rx.el.span(" Scheduled for ", E.form.schedule_label, class_name="schedule-label")),
            class_name="status-line",
        ),
        _save_status(),
        rx.cond(
            E.others_editing.length() > 0,  # type: ignore[attr-defined]
            rx.el.p("Also editing now: ", rx.el.strong(E.others_editing.join(", ")), class_name="presence"),  # type: ignore[attr-defined]
        ),
        primary,
        extra,
        rx.script(SAVED_CLOCK_JS),  # "Saved at 10:52:31" after a minute; the error summary's links focus their field
        class_name=rx.cond(E.panel_open, "publish-panel open", "publish-panel"),
        aria_label="Publishing",
    )


def conflict_panel() -> rx.Component:
    theirs = E.conflict
    return rx.cond(
        theirs,
        rx.el.section(
            rx.el.h2("Someone else saved this article", class_name="conflict-title"),
            rx.el.p(
                E.conflict_by,
                " saved it at ",
                E.conflict_at,
                ". Your changes are kept below and were not saved. Compare and choose:",
            ),
            rx.el.div(
                rx.el.div(
                    rx.el.h3("Their version"),
                    rx.el.p(rx.el.strong(theirs.headline)),  # type: ignore[union-attr]
                    rx.el.p(theirs.excerpt),  # type: ignore[union-attr]
                    class_name="conflict-side",
                ),
                rx.el.div(
                    rx.el.h3("Your version"),
                    rx.el.p(rx.el.strong(E.form.headline)),
                    rx.el.p(E.form.excerpt),
                    class_name="conflict-side",
                ),
                class_name="conflict-grid",
            ),
            rx.el.div(
                rx.el.button("Keep mine (overwrite theirs)", type="button", class_name="button", on_click=E.keep_mine),
                rx.el.button("Take theirs (discard mine)", type="button", class_name="button secondary", on_click=E.take_theirs),
                class_name="button-row",
            ),
            class_name="conflict",
            role="alert",
        ),
    )


def _revision_row(r) -> rx.Component:
    return rx.el.li(
        rx.el.span(
            "v", r.version.to_string(), " · ", r.user_name, " · ", r.created_label, rx.cond(r.note != "", " · " + r.note, "")
        ),
        small_button(
            "Compare",
            E.show_diff(r.id),  # type: ignore[operator]
            aria_label="Compare version " + r.version.to_string() + " with the current text",
        ),
        class_name="revision",
    )


def _comparison() -> rx.Component:
    c = E.comparison
    return rx.cond(
        c,
        rx.el.div(
            rx.el.h3("Compare before restoring", id="compare-title", tab_index=-1),
            rx.cond(c.identical, rx.el.p("No differences: this version is the current text.")),  # type: ignore[union-attr]
            rx.el.div(
                rx.el.table(
                    rx.el.thead(rx.el.tr(rx.el.th(c.left_title, scope="col"), rx.el.th(c.right_title, scope="col"))),  # type: ignore[union-attr]
                    rx.el.tbody(
                        rx.foreach(
                            c.rows,  # type: ignore[union-attr]
                            lambda row: rx.el.tr(
                                rx.el.td(row.left, class_name="diff-left"),
                                rx.el.td(row.right, class_name="diff-right"),
                                class_name="diff-" + row.kind,
                            ),
                        )
                    ),
                    class_name="compare-table",
                ),
                class_name="table-scroll",
            ),
            rx.el.div(
                rx.el.button("Restore this version", type="button", class_name="button", on_click=E.restore(c.revision_id)),  # type: ignore[operator, union-attr]
                rx.el.button("Close", type="button", class_name="button secondary", on_click=E.close_diff),
                class_name="button-row",
            ),
            rx.el.p(
                "Restoring puts this version in the editor as unsaved changes; a live article changes only "
                "when you choose Update.",
                class_name="field-hint",
            ),
            class_name="compare",
        ),
    )


def revisions_panel() -> rx.Component:
    return rx.cond(
        E.revisions.length() > 0,  # type: ignore[attr-defined]
        rx.el.section(
            rx.el.h2("Revisions", id="revisions", class_name="section-label"),
            _comparison(),
            rx.el.ol(rx.foreach(E.recent_revisions, _revision_row), class_name="revision-list"),
            rx.cond(
                E.older_revisions.length() > 0,
                rx.el.details(
                    rx.el.summary("Show ", E.older_revisions.length().to_string(), " older revisions"),
                    rx.el.ol(rx.foreach(E.older_revisions, _revision_row), class_name="revision-list"),
                ),
            ),
            aria_labelledby="revisions",
        ),
    )
