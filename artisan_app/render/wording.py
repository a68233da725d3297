"""Reader-facing wording shared by the app's pages and the server-rendered
first view (``artisan_app/first_view``), so both always say the same thing."""

from __future__ import annotations

ARTICLE_MISSING = ("Article not found", "We couldn’t find that story. It may have been moved or unpublished.")
PAGE_MISSING = ("Page not found", "The page you were looking for doesn’t exist.")
LISTING_MISSING_TEXT = "It may have been renamed or removed."

# kind -> (title when the slug is unknown, message when it has no stories)
LISTINGS = {
    "Section": ("Section not found", "No stories in this section yet."),
    "Author": ("Author not found", "No published stories yet."),
    "Topic": ("Topic not found", "No stories on this topic yet."),
}
FRONT_EMPTY = "No stories in this section yet."

# /corrections
CORRECTIONS_INTRO = (
    "When we get something wrong we correct it in the open: each correction or update is dated "
    "at the end of its article, and listed here."
)
CORRECTIONS_EMPTY = "No corrections yet."

# /newsletter: the sign-up page
NEWSLETTER_TITLE = "The Artisan Times newsletter"
NEWSLETTER_INTRO = (
    "Our stories, sent when they are published: every section, or only the ones you choose. "
    "Your address is used for nothing else."
)
