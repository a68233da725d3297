"""The Reflex app: pages, their on_load handlers, and head elements."""

from __future__ import annotations

import reflex as rx

from artisan_app import routes
from artisan_app.api import build_api
from artisan_app.hardening import harden
from artisan_app.services import seo
from artisan_app.pages.article import article_page
from artisan_app.pages.front import front_page
from artisan_app.pages.listing import author_page, category_page, tag_page
from artisan_app.pages.missing import missing_page
from artisan_app.pages.search import search_page
from artisan_app.pages.newsroom import comments_page, editor_page, login_page, newsroom_page, settings_page
from artisan_app.pages.redirects import redirects_page
from artisan_app.state.redirects import RedirectsState
from artisan_app.pages.wordpress_import import import_page
from artisan_app.state.wordpress_import import ImportState
from artisan_app.state.admin import AdminState
from artisan_app.state.article import ArticleState
from artisan_app.state.auth import AuthState
from artisan_app.state.editor import ArticleEditorState, NewsroomState
from artisan_app.state.moderation import ModerationState
from artisan_app.state.site import SiteState
from artisan_app.theme import THEME_BOOT_JS
from artisan_app.trash import purge_periodically as purge_trash_periodically
from artisan_app.pages.newsroom_trash import trash_page
from artisan_app.state.newsroom_tools import TrashState
from artisan_app.client_scripts import DRAFT_KEEPER_JS, EDITOR_FORMAT_JS, EMBED_LOADER_JS

# Variable fonts: every upright weight in one file per family (assets/styles.css).
PRELOADED_FONTS = ("source-serif-4-latin-wght-normal", "inter-latin-wght-normal", "source-serif-4-latin-400-italic")
SITE_DESCRIPTION = seo.SITE_DESCRIPTION

app = rx.App(
    theme=None,
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="color-scheme", content="light dark"),
        # Fetched with the HTML, so text never re-wraps when the fonts arrive (layout shift).
        *[
            rx.el.link(rel="preload", href=f"/fonts/{name}.woff2", type="font/woff2", cross_origin="",
                       custom_attrs={"as": "font"})
            for name in PRELOADED_FONTS
        ],
        rx.script(THEME_BOOT_JS),
        rx.script(DRAFT_KEEPER_JS),  # comment drafts reach local storage on every keystroke
        rx.script(EMBED_LOADER_JS),  # an embed's iframe loads only when the reader clicks
        rx.script(EDITOR_FORMAT_JS),  # the editor's toolbar, Ctrl/Cmd+B/I/K, rich paste, focal point clicks
        rx.el.link(rel="alternate", type="application/atom+xml", title="Artisan Times", href=routes.FEED),
    ],
    html_lang="en",
    # Feeds, sitemap, robots.txt and crawler-readable article/listing HTML (artisan_app/api.py);
    # then, around everything, the upload size limit and the security headers (artisan_app/hardening.py).
    api_transformer=[build_api(), harden],
)

nav = SiteState.load_navigation
# One on_load event per public page kind (navigation, the page's data, an article's comments).
from artisan_app.state.visits import PageVisit  # noqa: E402
app.add_page(front_page, route=routes.HOME, title="Artisan Times — Beyond the Headlines",
             description=SITE_DESCRIPTION, on_load=PageVisit.front)
app.add_page(category_page, route=routes.CATEGORY, title="Section | Artisan Times",
             description=SITE_DESCRIPTION, on_load=PageVisit.category)
app.add_page(article_page, route=routes.ARTICLE, title=ArticleState.page_title,
             description=SITE_DESCRIPTION, on_load=PageVisit.article)
app.add_page(author_page, route=routes.AUTHOR, title="Author | Artisan Times",
             description=SITE_DESCRIPTION, on_load=PageVisit.author)
app.add_page(tag_page, route=routes.TAG, title="Topic | Artisan Times",
             description=SITE_DESCRIPTION, on_load=PageVisit.tag)
app.add_page(search_page, route=routes.SEARCH, title="Search | Artisan Times",
             description=SITE_DESCRIPTION, meta=[{"name": "robots", "content": "noindex, follow"}],
             on_load=PageVisit.search)
app.add_page(missing_page, route=routes.NOT_FOUND, title="Page not found | Artisan Times",
             on_load=nav)

# The newsroom. Every page checks the session on load, and every handler checks it again.
NOINDEX = [{"name": "robots", "content": "noindex, nofollow"}]
staff = AuthState.require_staff
app.add_page(login_page, route=routes.EDITOR_LOGIN, title="Sign in | Artisan Times Newsroom", meta=NOINDEX,
             on_load=AuthState.redirect_if_signed_in)
app.add_page(newsroom_page, route=routes.EDITOR, title="Articles | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, NewsroomState.load_list])
app.add_page(editor_page, route=routes.EDITOR_ARTICLE, title="Editor | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, ArticleEditorState.load_editor])
app.add_page(comments_page, route=routes.EDITOR_COMMENTS, title="Comments | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, ModerationState.load_queue])
app.add_page(settings_page, route=routes.EDITOR_SETTINGS, title="Settings | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, AdminState.load_settings])
app.add_page(trash_page, route=routes.EDITOR_TRASH, title="Trash | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, TrashState.load_trash])

# The trash empties itself: articles trashed 30 days ago are purged (artisan_app/trash.py).
app.register_lifespan_task(purge_trash_periodically)

# The newsletter: reader pages and the newsroom's subscribers/sends and outbox.
from artisan_app.pages.newsletter import confirm_page, newsletter_page, preferences_page  # noqa: E402
from artisan_app.pages.newsletter_desk import newsletter_desk_page, outbox_page  # noqa: E402
from artisan_app.state.newsletter import NewsletterState  # noqa: E402
from artisan_app.state.newsletter_desk import NewsletterDeskState, OutboxState  # noqa: E402

app.add_page(newsletter_page, route=routes.NEWSLETTER, title="Newsletter | Artisan Times",
             description=SITE_DESCRIPTION, on_load=[nav, NewsletterState.load_signup])
app.add_page(confirm_page, route=routes.NEWSLETTER_CONFIRM, title="Confirm your subscription | Artisan Times",
             meta=NOINDEX, on_load=[nav, NewsletterState.confirm])
app.add_page(preferences_page, route=routes.NEWSLETTER_PREFERENCES, title="Your newsletter | Artisan Times",
             meta=NOINDEX, on_load=[nav, NewsletterState.load_preferences])
app.add_page(newsletter_desk_page, route=routes.EDITOR_NEWSLETTER, title="Newsletter | Artisan Times Newsroom",
             meta=NOINDEX, on_load=[staff, NewsletterDeskState.load_desk])
app.add_page(outbox_page, route=routes.EDITOR_OUTBOX, title="Outbox | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, OutboxState.load_outbox])
app.add_page(redirects_page, route=routes.EDITOR_REDIRECTS, title="Redirects | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, RedirectsState.load_redirects])
app.add_page(import_page, route=routes.EDITOR_IMPORT, title="Import | Artisan Times Newsroom", meta=NOINDEX,
             on_load=[staff, ImportState.load_import])

# Corrections in the open (issue #18).
from artisan_app.pages.corrections import corrections_page  # noqa: E402
from artisan_app.state.corrections import CorrectionsState  # noqa: E402

app.add_page(corrections_page, route=routes.CORRECTIONS, title="Corrections | Artisan Times",
             description=SITE_DESCRIPTION, on_load=[nav, CorrectionsState.load_corrections])
