"""Masthead, footer and the page frame every route shares."""

from __future__ import annotations

import reflex as rx

from artisan_app.components.common import link
from artisan_app.components.unavailable import unavailable_or
from artisan_app.state.search import SearchState
from artisan_app.state.site import SiteState
from artisan_app.theme import THEME_TOGGLE_JS

def nav_link(category) -> rx.Component:
    return rx.el.li(link(category.name, href="/category/" + category.slug, class_name="nav-link"))


def search_form(*children: rx.Component, aria_label: str, class_name: str) -> rx.Component:
    """A search form: a plain GET to /search, handled in-app once hydrated."""
    return rx.el.form(
        *children,
        role="search",
        aria_label=aria_label,
        action="/search",
        method="get",
        on_submit=SearchState.submit_search,
        class_name=class_name,
    )


def search_input(*, id: str, class_name: str, placeholder: str, **props) -> rx.Component:
    """The query box (``q``) both search forms use."""
    return rx.el.input(
        id=id, name="q", type="search", placeholder=placeholder, auto_complete="off", enter_key_hint="search",
        max_length=200, class_name=class_name, **props,
    )


def search_box() -> rx.Component:
    """The masthead's search form."""
    return search_form(
        rx.el.label("Search the site", html_for="masthead-search", class_name="visually-hidden"),
        search_input(id="masthead-search", class_name="masthead-search-input", placeholder="Search stories"),
        rx.el.button("Search", type="submit", class_name="masthead-search-button"),
        aria_label="Site",
        class_name="masthead-search",
    )


def masthead() -> rx.Component:
    return rx.el.header(
        rx.el.a("Skip to content", href="#main", class_name="skip-link"),
        rx.el.div(
            link(
                rx.el.span("Artisan Times", class_name="brand-name"),
                rx.el.span("Beyond the Headlines", class_name="brand-tagline"),
                href="/",
                class_name="brand",
                aria_label="Artisan Times — Beyond the Headlines, front page",
            ),
            search_box(),
            rx.el.button(
                rx.el.span("Theme", class_name="theme-toggle-label"),
                type="button",
                class_name="theme-toggle",
                aria_label="Switch between light and dark theme",
                on_click=rx.call_script(THEME_TOGGLE_JS),
            ),
            class_name="masthead-top",
        ),
        rx.el.nav(
            rx.el.ul(
                rx.el.li(link("Front page", href="/", class_name="nav-link")),
                rx.foreach(SiteState.categories, nav_link),
                class_name="nav-list",
            ),
            aria_label="Sections",
            class_name="section-nav",
        ),
        class_name="masthead",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.div(
            rx.el.p(
                rx.el.span("Artisan Times", class_name="footer-brand"),
                " — Beyond the Headlines",
            ),
            rx.el.nav(
                rx.el.ul(rx.foreach(SiteState.categories, nav_link), class_name="footer-links"),
                aria_label="Sections (footer)",
            ),
            rx.el.p("Independent news and commentary. © Artisan Times.", class_name="footer-note"),
            class_name="footer-inner",
        ),
        class_name="site-footer",
    )


def page_frame(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        masthead(),
        rx.el.main(unavailable_or(*children), id="main", class_name="main", tab_index=-1),
        footer(),
        class_name="page",
    )
