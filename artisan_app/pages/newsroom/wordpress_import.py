"""``/editor/import``: import a WordPress export (admins only)."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import notice, skeleton
from artisan_app.components.newsroom.frame import newsroom_frame
from artisan_app.state.newsroom.wordpress_import import ImportState
from artisan_app.wordpress.service import GRANT_HEADER

# mypy reads a state var on its class as the Python value and an @rx.event handler as rx.event's
# class; at run time they are Vars and EventCallbacks (Reflex 0.10's typing cannot say so).
# Each `type: ignore[...]` below marks such a line, and only such a line.


def _summary_row(pair) -> rx.Component:
    return rx.el.tr(rx.el.th(pair[0], scope="row"), rx.el.td(pair[1]))


def import_page() -> rx.Component:
    body = rx.fragment(
        rx.el.p(
            "Upload the file from WordPress's Tools → Export (up to 256 MB). Featured images need the "
            "command line's --media-dir. Importing the same file again changes nothing.",
            class_name="field-hint",
        ),
        notice(ImportState.error, False),
        rx.el.label(
            rx.el.input(type="checkbox", checked=ImportState.dry_run, on_change=ImportState.toggle_dry_run),
            " Dry run: report only, save nothing",
        ),
        rx.upload.root(
            rx.el.button("Choose the export file", type="button", class_name="button"),
            id="wxr-upload",
            accept={"application/xml": [".xml"], "text/xml": [".xml"]},
            max_files=1,
            # The grant lets this upload past the 8 MB limit of every other one (wordpress/service.py).
            on_drop=ImportState.upload_export(
                rx.upload_files(  # type: ignore[operator]
                    upload_id="wxr-upload", extra_headers={GRANT_HEADER: ImportState.upload_grant}
                )
            ),
        ),
        rx.cond(
            ImportState.summary.length() > 0,  # type: ignore[attr-defined]
            rx.el.section(
                rx.el.h2("Report", class_name="section-label"),
                rx.el.table(rx.el.tbody(rx.foreach(ImportState.summary, _summary_row))),
                rx.el.pre(rx.foreach(ImportState.lines, lambda line: rx.el.span(line, "\n")), class_name="import-report"),
                aria_label="Import report",
            ),
        ),
    )
    return newsroom_frame(
        rx.cond(
            ImportState.loaded,
            rx.cond(ImportState.allowed, body, rx.el.p("Only admins can import.", class_name="notice error")),
            skeleton(label="Loading"),
        ),
        title="Import from WordPress",
    )
