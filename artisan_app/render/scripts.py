"""Every browser script the app runs outside React, by name, with its configuration: the files
in ``render/js/`` as the loader there serves them (``script``), so the Content-Security-Policy
(``web/middleware/security_headers.py``, ``INLINE_SCRIPTS``) allows exactly the text served.

**When the app loads.** The first view is the whole page as HTML, so a reader who
only reads never needs the app: its JavaScript is fetched only when something on
the page needs it (``APP_WANTED_JS``, ``js/app_wanted.js``, awaited by the boot script that
``web/shell.py`` rewrites): a click on a button that only the app can serve (a
filter chip, "Load more", "Reply", an embed's "Load"), the focus in the search
page's box (results as you type), or the comment thread coming near the screen
(live comments and the comment form). Links are plain links meanwhile (the next
page's first HTML comes from the page cache), the masthead search and the
newsletter sign-up are plain forms, and the theme toggle is wired here. Once the
app is there, it takes over as before: in-app navigation, live comments, drafts.
Other code can ask for the app at once with
``window.dispatchEvent(new Event("artisan:app"))`` (the browser tests do).

**The hand-over** (``js/first_view.js``) removes the first view as soon as the app has rendered the
page's data (the app's ``<main id="main">`` no longer holds its loading
skeleton). What the reader did meanwhile carries over: the scroll position; text
typed into any field (the masthead search box, the search page's box, a
newsletter address, the comment form: each first-view field ``first-view-X`` has its app twin
``X``) and which one had the focus; the button that asked for the app (shown as
pressed or busy at once, and pressed again in the app as soon as it has taken
over). A press that began in the first view (pointer down) ends there: the hand-over
waits for it, so its click is not lost under the reader's finger. A plain form
submitted from the first view leaves the page (``window.__artisanLeaving``): the
app's boot stops before its entry module and the hand-over does not happen, since
removing the form would cancel its submission. Without JavaScript the first view simply stays: every link is a
plain link and every form a plain form.
"""

from __future__ import annotations

from artisan_app.render.fonts import FONT_FILES, STORAGE_KEY
from artisan_app.render.js import script
from artisan_app.services.articles.rich_blocks import FRAME_ORIGINS

# Buttons in the first view that only the app can serve (pressed again after the hand-over),
# fields whose focus asks for the app, and what asks for it when it comes near the screen.
APP_BUTTONS = "main button.chip, main .load-more button, main .comment button.link-button, main .embed-load"
APP_FIELDS = ".search-page-input"
APP_NEAR = ".comments-section"

DRAFTS_KEY = "artisan_comment_drafts"  # local storage: the reader's comment drafts
READER_KEY = "artisan_reader"  # local storage: the browser's reader id (``CommentState.reader_id``)
READER_ID_PATTERN = "^[A-Za-z0-9_-]{16,64}$"  # what the server takes as a reader id from a form
MAX_SAVED_DRAFTS = 20

# In the <head> of every page, the first view's and the app's (artisan_app.py, web/shell.py).
THEME_BOOT_JS = script("theme")  # the stored light/dark choice, before the first paint; the toggle's action
FONTS_JS = script("fonts", key=STORAGE_KEY, files=FONT_FILES)  # the site's faces (artisan_app/render/fonts.py)
# In the app's <head> (artisan_app.py).
DRAFT_KEEPER_JS = script(
    "comment_drafts", key=DRAFTS_KEY, keep=MAX_SAVED_DRAFTS, reader=READER_KEY, reader_id=READER_ID_PATTERN
)  # comment drafts, every keystroke
EMBED_LOADER_JS = script("embed_loader", origins=list(FRAME_ORIGINS))  # an embed's iframe, on the reader's click
EDITOR_FORMAT_JS = script("editor_format")  # the editor's toolbar, shortcuts, rich paste, focal point, focus
# On the article editor's page (pages/newsroom/article_editor.py, components/editor/side_panels.py).
UNSAVED_GUARD_JS = script("unsaved_guard")
SAVED_CLOCK_JS = script("saved_clock")
# The one inline script of every first view (render/templates/pages/page.html).
FIRST_VIEW_JS = script("first_view", buttons=APP_BUTTONS)
# Inside the app's boot script (web/shell.py): the wait for a reason to start, and the guard
# placed right before its entry module is imported.
APP_WANTED_JS = script("app_wanted", buttons=APP_BUTTONS, fields=APP_FIELDS, near=APP_NEAR)
APP_ENTRY_JS = script("app_entry")

# The inline scripts the pages' policy allows by hash, beside those found in the build (web/middleware/security_headers.py).
INLINE_SCRIPTS = (THEME_BOOT_JS, FONTS_JS, DRAFT_KEEPER_JS, EMBED_LOADER_JS, EDITOR_FORMAT_JS, FIRST_VIEW_JS)


def preload_modules_js(modules: list[str]) -> str:
    """Adds the build's ``modulepreload`` links back once the page wants the app (web/shell.py)."""
    return script("preload_modules", modules=modules)


def in_app_navigation_hook(pattern: str, reader_class: str) -> str:
    """The React hook of ``components/reader.InAppNavigation``."""
    return script("in_app_navigation", pattern=pattern, cls=reader_class)


def document_language_hook(editions: list[list[str]]) -> str:
    """The React hook of ``components/reader.DocumentLanguage``."""
    return script("document_language", editions=editions)
