"""Editorial craft in the newsroom: the content checks panel, review (moves and notes), the byline's
co-authors and corrections in the article editor; an author's updates on the article list."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link
from artisan_app.core import routes
from artisan_app.state.editor.article_editor import ArticleEditorState as E

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _label(text: str, html_for: str) -> rx.Component:
    return rx.el.label(text, html_for=html_for, class_name="field-label")


def author_updates_list(updates) -> rx.Component:
    """For an author: their articles sent back for changes or published, newest first."""
    return rx.cond(
        updates.length() > 0,
        rx.el.section(
            rx.el.h2("Your articles", class_name="section-label", id="author-updates"),
            rx.el.ul(
                rx.foreach(
                    updates,
                    lambda u: rx.el.li(
                        link(u.headline, href=routes.editor_article_url(u.article_id), class_name="row-title"),
                        " — ",
                        rx.el.strong(u.message),
                        ", ",
                        u.at_label,
                    ),
                ),
                class_name="update-list",
            ),
            aria_labelledby="author-updates",
            class_name="author-updates",
        ),
    )


def publish_confirm() -> rx.Component:
    return rx.cond(
        E.confirming == "publish",
        rx.el.div(
            rx.el.p("Some content checks fail:", class_name="confirm-title"),
            rx.el.ul(rx.foreach(E.failing_checks, lambda c: rx.el.li(c))),
            rx.el.div(
                rx.el.button("Publish anyway", type="button", class_name="button danger", on_click=E.publish_anyway),
                rx.el.button("Keep editing", type="button", class_name="button secondary", on_click=E.ask("")),  # type: ignore[operator]
                class_name="button-row",
            ),
            role="alertdialog",
            aria_label="Publish with failing checks?",
            class_name="confirm-box",
        ),
    )


def review_gate() -> rx.Component:
    """On the byline and not approved by anyone else: say so; an admin may publish without review."""
    phase = E.form.phase
    skip = rx.cond(
        E.confirming == "skip_review",
        rx.el.div(
            rx.el.p(
                "Publish without anyone off the byline reviewing it? The status history records it.", class_name="confirm-title"
            ),
            rx.el.div(
                rx.el.button(
                    "Publish without review", type="button", class_name="button danger", on_click=E.publish_without_review
                ),
                rx.el.button("Keep editing", type="button", class_name="button secondary", on_click=E.ask("")),  # type: ignore[operator]
                class_name="button-row",
            ),
            role="alertdialog",
            aria_label="Publish without review?",
            class_name="confirm-box",
        ),
        rx.el.button("Publish without review…", type="button", class_name="button secondary", on_click=E.publish_without_review),
    )
    return rx.cond(
        E.can_publish & E.needs_review & (phase != "published") & (phase != "scheduled"),
        rx.el.div(
            rx.el.p(
                "You are on the byline: someone who is not must approve this article before it is published.",
                class_name="field-hint review-gate",
            ),
            rx.cond(E.is_admin, skip),
        ),
    )


def _check_row(c) -> rx.Component:
    return rx.el.li(
        rx.el.span(rx.match(c.level, ("pass", "✓ "), ("warn", "! "), "✗ "), aria_hidden="true"),
        rx.el.strong(c.label),
        ": ",
        c.detail,
        class_name="check check-" + c.level,
        data_level=c.level,
    )


def checks_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Content checks", id="content-checks", class_name="section-label"),
        rx.el.p(E.check_summary, class_name="check-summary"),
        rx.el.ul(rx.foreach(E.check_rows, _check_row), class_name="check-list"),
        aria_labelledby="content-checks",
        aria_live="polite",
        class_name="editor-panel checks-panel",
    )


def _reply(r) -> rx.Component:
    return rx.el.li(rx.el.strong(r[0]), " · ", r[1], rx.el.p(r[2]), class_name="note-reply")


def _note(n) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(n.anchor_label), " — ", n.by, ", ", n.at_label, class_name="note-meta"),
        rx.el.p(n.body, class_name="note-body"),
        rx.el.ul(rx.foreach(n.replies, _reply), class_name="note-replies"),
        rx.cond(
            n.resolved,
            rx.el.p(n.resolved_label, class_name="note-resolved"),
            rx.el.div(
                rx.el.form(
                    rx.el.input(type="hidden", name="note_id", value=n.id.to_string()),
                    rx.el.label("Reply", html_for="reply-" + n.id.to_string(), class_name="field-label"),
                    rx.el.input(id="reply-" + n.id.to_string(), name="body", class_name="field-input"),
                    rx.el.button("Reply", type="submit", class_name="small-button"),
                    on_submit=E.reply_note,
                    reset_on_submit=True,
                    class_name="note-reply-form",
                ),
                rx.el.button(
                    "Resolve",
                    type="button",
                    class_name="small-button",
                    on_click=E.resolve_note(n.id),  # type: ignore[operator]
                    aria_label="Resolve the note on " + n.anchor_label,
                ),
                class_name="note-actions",
            ),
        ),
        class_name=rx.cond(n.resolved, "note resolved", "note open"),
        data_anchor=n.anchor_key,
    )


def review_panel() -> rx.Component:
    phase = E.form.phase
    in_review = (phase == "review") | (phase == "approved")
    note_form = rx.el.form(
        _label("Note on", "note-anchor"),
        rx.el.select(
            rx.foreach(E.note_anchors, lambda a: rx.el.option(a[1], value=a[0])),
            id="note-anchor",
            name="anchor",
            class_name="field-input",
        ),
        _label("Note", "note-body"),
        rx.el.textarea(id="note-body", name="body", rows="3", class_name="field-input"),
        rx.el.button("Add note", type="submit", class_name="button secondary"),
        on_submit=E.add_note,
        reset_on_submit=True,
        class_name="note-form",
    )
    decisions = rx.el.div(
        rx.cond(
            E.may_approve & (phase == "review"), rx.el.button("Approve", type="button", class_name="button", on_click=E.approve)
        ),
        rx.el.form(
            _label("Note to the authors (optional)", "changes-note"),
            rx.el.input(id="changes-note", name="body", class_name="field-input"),
            rx.el.button("Request changes", type="submit", class_name="button secondary"),
            on_submit=E.request_changes,
            reset_on_submit=True,
        ),
        class_name="review-decisions",
    )
    return rx.cond(
        E.form.id > 0,
        rx.el.section(
            rx.el.h2("Review", id="review-panel", class_name="section-label"),
            rx.cond(E.craft_error != "", rx.el.p(E.craft_error, class_name="notice error", role="alert")),
            rx.cond(E.can_publish & in_review, decisions),
            rx.el.h3("Notes", class_name="panel-subhead"),
            rx.cond(
                E.notes.length() > 0,  # type: ignore[attr-defined]
                rx.el.ul(rx.foreach(E.notes, _note), class_name="note-list"),
                rx.el.p("No notes.", class_name="empty-list"),
            ),
            rx.cond(E.can_publish & (phase != "published"), note_form),
            rx.cond(
                E.moves.length() > 0,  # type: ignore[attr-defined]
                rx.el.details(
                    rx.el.summary("Status history"),
                    rx.el.ul(
                        rx.foreach(
                            E.moves,
                            lambda m: rx.el.li(
                                m.from_label,
                                " → ",
                                rx.el.strong(m.to_label),
                                " by ",
                                m.by,
                                ", ",
                                m.at_label,
                                rx.cond(m.detail != "", rx.el.span(" — ", m.detail, class_name="move-detail")),
                            ),
                        ),
                        class_name="move-list",
                    ),
                ),
            ),
            aria_labelledby="review-panel",
            class_name="editor-panel review-panel",
        ),
    )


def byline_panel() -> rx.Component:
    """Editors set the byline: the first author is the primary one, co-authors follow in order."""
    return rx.cond(
        E.can_publish & (E.form.id > 0),
        rx.el.section(
            rx.el.h2("Byline", id="byline-panel", class_name="section-label"),
            rx.el.ol(
                rx.foreach(
                    E.byline_authors,
                    lambda a: rx.el.li(
                        a[1],
                        " ",
                        rx.cond(
                            E.byline_authors.length() > 1,  # type: ignore[attr-defined]
                            rx.el.button(
                                "Remove",
                                type="button",
                                class_name="small-button",
                                on_click=E.remove_coauthor(a[0]),  # type: ignore[operator]
                                aria_label="Remove " + a[1] + " from the byline",
                            ),
                        ),
                    ),
                ),
                class_name="byline-list",
            ),
            rx.el.form(
                _label("Add a co-author", "coauthor-select"),
                rx.el.select(
                    rx.el.option("Choose an author", value=""),
                    rx.foreach(E.authors, lambda o: rx.el.option(o[1], value=o[0])),
                    id="coauthor-select",
                    name="author",
                    class_name="field-input",
                ),
                rx.el.button("Add to byline", type="submit", class_name="button secondary"),
                on_submit=E.add_coauthor,
                reset_on_submit=True,
            ),
            aria_labelledby="byline-panel",
            class_name="editor-panel byline-panel",
        ),
    )


def corrections_panel() -> rx.Component:
    """On a live article: append a dated correction or update (never removed)."""
    return rx.cond(
        E.can_publish & (E.form.phase == "published"),
        rx.el.section(
            rx.el.h2("Corrections and updates", id="corrections-panel", class_name="section-label"),
            rx.el.ul(
                rx.foreach(
                    E.article_corrections, lambda c: rx.el.li(rx.el.strong(c.kind_label, ", ", c.date_label, ": "), c.text)
                ),
                class_name="correction-list",
            ),
            rx.el.form(
                _label("Kind", "correction-kind"),
                rx.el.select(
                    rx.el.option("Correction", value="correction"),
                    rx.el.option("Update", value="update"),
                    id="correction-kind",
                    name="kind",
                    class_name="field-input",
                ),
                _label("What was wrong, and what is right", "correction-text"),
                rx.el.textarea(id="correction-text", name="text", rows="3", class_name="field-input"),
                rx.el.p("It is dated today, shows at the end of the article and cannot be removed.", class_name="field-hint"),
                rx.el.button("Add correction", type="submit", class_name="button"),
                on_submit=E.add_correction,
                reset_on_submit=True,
            ),
            aria_labelledby="corrections-panel",
            class_name="editor-panel corrections-panel",
        ),
    )


def craft_panels() -> rx.Component:
    return rx.fragment(checks_panel(), review_panel(), byline_panel(), corrections_panel())
