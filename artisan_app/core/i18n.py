"""Editions and their interface language: gettext catalogs through Babel.

The English edition is the source language: its strings are the message ids and need no
catalog. Every other edition has ``locale/<lang>/LC_MESSAGES/messages.po`` (plural forms
from Babel's locale data). The ``.po`` is read with Babel's own reader and compiled in
memory once per process, so no binary ``.mo`` is committed or has to be built first.

``make i18n`` extracts the messages (``babel.cfg``: this package's Python and the reader
templates) into ``locale/messages.pot`` and updates every catalog; ``tests/unit/test_i18n.py``
fails while a message is missing or untranslated.

Dates, relative times, numbers and reading times come from Babel's locale data (CLDR), never
from ``strftime`` names. Reader templates get the same catalogs through Jinja's i18n
extension: ``install_jinja(env, language)``.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, dates, numbers
from babel.messages import mofile, pofile
from babel.support import Translations
from markupsafe import Markup

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from jinja2 import Environment

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "ur")
RIGHT_TO_LEFT = frozenset({"ur"})
# Open Graph wants language_TERRITORY; the publication is Pakistani, its English is British.
OG_LOCALES = {"en": "en_GB", "ur": "ur_PK"}
# Each edition's name in its own language (the language switch shows it so).
NATIVE_NAMES = {"en": "English", "ur": "اردو"}
# Where each edition's reader pages live: English keeps its URLs, Urdu is under /ur.
URL_PREFIXES = {"en": "", "ur": "/ur"}


def edition_path(language: str, path: str) -> str:
    """``path`` (an English-edition path from ``routes``) in ``language``'s edition: ``/ur/article/x``."""
    prefix = URL_PREFIXES[language_of(language)]
    return prefix + path if path != "/" else (prefix + "/" if prefix else "/")


def split_edition(path: str) -> tuple[str, str]:
    """``/ur/article/x`` → ``("ur", "/article/x")``; an English path stays as it is."""
    for language, prefix in URL_PREFIXES.items():
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            return language, path[len(prefix) :] or "/"
    return DEFAULT_LANGUAGE, path


def language_of(value: object) -> str:
    """A known language code for ``value`` (``"ur"``, ``"UR"``, ``"ur-PK"``), else the default."""
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def is_language(value: object) -> bool:
    return isinstance(value, str) and value in LANGUAGES


def direction(language: str) -> str:
    """``"rtl"`` or ``"ltr"``: the ``dir`` of the edition's pages and of its editor fields."""
    return "rtl" if language_of(language) in RIGHT_TO_LEFT else "ltr"


def other_language(language: str) -> str:
    """The edition a language switch points to (two editions: the other one)."""
    return "ur" if language_of(language) == "en" else "en"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    """The Babel ``Catalog`` of ``language`` as committed (``.po``)."""
    with catalog_path(language).open("rb") as handle:
        return pofile.read_po(handle, locale=language, domain=DOMAIN)


@cache
def translations(language: str) -> NullTranslations:
    """gettext translations for ``language`` (the source language translates to itself)."""
    language = language_of(language)
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    buffer = io.BytesIO()
    mofile.write_mo(buffer, read_catalog(language))  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translate(language: str, message: str, **values: object) -> str:
    text = translations(language).gettext(message)
    return text % values if values else text


def translate_plural(language: str, singular: str, plural: str, n: int, **values: object) -> str:
    values.setdefault("num", format_number(n, language))
    return translations(language).ngettext(singular, plural, n) % values


def translate_in(language: str, context: str, message: str) -> str:
    return translations(language).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark only"
    """Mark ``message`` for the catalog; translated where it is shown."""
    return message


def pgettext_noop(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for the catalog (``make i18n`` passes this keyword)."""
    return message


# Extraction keywords beyond Babel's defaults (the Makefile passes the same)
# (the language comes first in this module's helpers, the message after it).
EXTRA_KEYWORDS = {"pgettext_noop": ((1, "c"), 2), "translate": (2,), "translate_plural": (2, 3), "translate_in": ((2, "c"), 3)}


# ---------------------------------------------------------------- formatting


def _babel_locale(language: str) -> Locale:
    return Locale.parse({"en": "en_GB", "ur": "ur_PK"}[language_of(language)])


def format_number(value: int | float, language: str) -> str:
    return numbers.format_decimal(value, locale=_babel_locale(language))


def format_date(moment: datetime | None, language: str) -> str:
    """``25 August 2025`` / ``25 اگست 2025``: the UTC day, as ``services.common.text.date_label``; month names from CLDR."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return dates.format_date(moment.date(), "d MMMM y", locale=_babel_locale(language))


def format_relative(moment: datetime, language: str, *, now: datetime) -> str:
    """``3 hours ago`` / ``3 گھنٹے پہلے``."""
    delta: timedelta = moment - now
    return dates.format_timedelta(delta, add_direction=True, locale=_babel_locale(language))


def reading_time(minutes: int, language: str) -> str:
    """``4 min read`` / ``4 منٹ کا مطالعہ``."""
    return translate_plural(language, "%(num)s min read", "%(num)s min read", max(1, int(minutes)))


def comment_count(count: int, language: str) -> str:
    return translate_plural(language, "%(num)s comment", "%(num)s comments", int(count))


def search_summary(language: str, *, total: int, query: str) -> str:
    """What the results region says after a search with words (the English is services.search.summary's)."""
    if total == 0:
        return translate(
            language, "No stories match “%(query)s”. Try fewer or different words, or browse the sections.", query=query
        )
    return translate_plural(
        language, "%(num)s story matches “%(query)s”.", "%(num)s stories match “%(query)s”.", total, query=query
    )


def section_name(name: str, language: str) -> str:
    """A section's name in the edition's language (an admin's new section keeps its own name)."""
    return translate_in(language, "section", name)


def byline(names: list[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the edition's language (Babel's list patterns)."""
    from babel.lists import format_list

    return format_list(names, locale=_babel_locale(language)) if names else ""


def install_jinja(environment: Environment, language: str) -> None:
    """Give a Jinja environment (with ``jinja2.ext.i18n``) this language's catalog: ``{% trans %}``,
    ``_()``, ``ngettext()`` in the reader templates then speak the edition's language."""
    environment.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n


def isolate(value: object) -> Markup:
    """``<bdi>`` around an interpolated value (a Latin name, a URL, a number inside Urdu text, or an
    Urdu name inside English): it keeps its own direction and never reorders its neighbours."""
    return Markup("<bdi>%s</bdi>") % ("" if value is None else value)


def template_globals(language: str) -> dict[str, Any]:
    """What a reader template needs to render in ``language``'s edition (with ``install_jinja``)."""
    language = language_of(language)
    return {
        "lang": language,
        "dir": direction(language),
        "og_locale": OG_LOCALES[language],
        "edition_path": lambda path: edition_path(language, path),
        "format_date": lambda moment: format_date(moment, language),
        "reading_time": lambda minutes: reading_time(minutes, language),
        "comment_count": lambda count: comment_count(count, language),
        "section_name": lambda name: section_name(name, language),
        "byline_names": lambda names: byline(list(names), language),
        "bdi": isolate,
    }


# ---------------------------------------------------------------- interface messages
# The reader pages' wording, marked here until every one of them is in the reader templates,
# where ``make i18n`` extracts the same ids from ``{% trans %}`` and ``_()``.

INTERFACE = (
    N_("Artisan Times"),
    N_("Beyond the Headlines"),
    N_("Artisan Times — Beyond the Headlines"),
    N_("Independent news and commentary. © Artisan Times."),
    N_("Skip to content"),
    N_("Front page"),
    N_("Sections"),
    N_("Sections (footer)"),
    N_("Site"),
    N_("Search"),
    N_("Search the site"),
    N_("Search stories"),
    N_("Search articles"),
    N_("Search results"),
    N_("Searching"),
    N_("Results update as you type."),
    N_("Words from a headline or story"),
    N_("Sort results"),
    N_("Most relevant"),
    N_("Newest first"),
    N_("Oldest first"),
    N_("Switch between light and dark theme"),
    N_("Theme"),
    N_("Latest stories"),
    N_("Latest"),
    N_("All sections"),
    N_("Filter the latest stories by section"),
    N_("Load more stories"),
    N_("Load more comments"),
    N_("Key Trends & Concerns"),
    N_("About Author"),
    N_("You may also like"),
    N_("By %(authors)s"),
    N_("Portrait of %(name)s"),
    N_("Written by our staff"),
    N_("Leave a comment"),
    N_("Your email address will not be published. Required fields are marked *"),
    N_("Your comment"),
    N_("Comment"),
    N_("Comments"),
    N_("Name"),
    N_("Email"),
    N_("Email address"),
    N_("Website"),
    N_("Post comment"),
    N_("Reply"),
    N_("Cancel reply"),
    N_("Replying to %(name)s"),
    N_("Reply to %(name)s"),
    N_("Comment by %(name)s"),
    N_("Comments are closed for this article."),
    N_("No comments yet. Start the conversation."),
    N_("Order of comments"),
    N_("Staff"),
    N_("Company (leave this empty)"),
    N_("Please correct the highlighted fields."),
    N_("Please enter your name."),
    N_("Please enter your email address."),
    N_("Please enter a valid email address, like name@example.com."),
    N_("Please write your comment."),
    N_("Website must be a full web address, like https://example.com."),
    N_("Website must be a web address starting with http:// or https://."),
    N_("Thanks! Your comment has been published."),
    N_("Thanks! Your comment is awaiting moderation."),
    N_("Your comment is awaiting moderation."),
    N_("Your comment has been approved and is now published."),
    N_("Sorry, we couldn’t post your comment right now. Please wait a moment and try again."),
    N_("You’re commenting faster than we allow. Please wait a minute and try again."),
    N_("The comment you are replying to is no longer available."),
    N_("Article not found"),
    N_("We couldn’t find that story. It may have been moved or unpublished."),
    N_("Page not found"),
    N_("The page you were looking for doesn’t exist."),
    N_("Back to the front page"),
    N_("Section not found"),
    N_("Author not found"),
    N_("Topic not found"),
    N_("It may have been renamed or removed."),
    N_("No stories in this section yet."),
    N_("No published stories yet."),
    N_("No stories on this topic yet."),
    N_("Section"),
    N_("Author"),
    N_("Topic"),
    N_("Topics"),
    N_("Stories"),
    N_("Articles"),
    N_("Loading"),
    N_("Corrections and updates"),
    N_("Corrected %(date)s"),
    N_("Updated %(date)s"),
    N_("Correction, %(date)s:"),
    N_("Update, %(date)s:"),
    N_("Corrections"),
    N_("Loading corrections"),
    N_("No corrections yet."),
    N_(
        "When we get something wrong we correct it in the open: each correction or update is dated at the end of "
        "its article, and listed here."
    ),
    N_("Type a word or two to search every story we have published."),
    N_("Keep typing: live results start at %(num)s letters (or press Enter to search)."),
    N_("You’re searching faster than we allow. Please wait a moment and try again."),
    N_("The newsletter"),
    N_("New stories by email. We ask you to confirm first, and every email has a one-click unsubscribe."),
    N_("Subscribe"),
    N_("Every story, or choose sections"),
    N_("Tick none to get every story."),
    N_("Atom feed"),
    N_("Language"),
    N_("English edition"),
    N_("Urdu edition"),
    N_("This article in English"),
    N_("This article in Urdu"),
    N_("This page is not in English: the English edition’s front page"),
    N_("This page is not in Urdu: the Urdu edition’s front page"),
    N_("This page in English"),
    N_("This page in Urdu"),
    N_("Artisan Times — Beyond the Headlines, front page"),
    N_(", "),
    N_("and"),
    # The seed's sections (an admin may rename them; a new name shows as typed).
    pgettext_noop("section", "Social Media"),
    pgettext_noop("section", "Politics"),
    pgettext_noop("section", "Technology"),
    pgettext_noop("section", "Economy"),
    pgettext_noop("section", "Culture"),
    pgettext_noop("section", "How platforms, feeds and online influence are reshaping public life."),
    pgettext_noop("section", "Power, policy and the institutions that hold them to account."),
    pgettext_noop("section", "The tools, companies and code changing how we live and work."),
    pgettext_noop("section", "Markets, money and the household budgets behind the numbers."),
    pgettext_noop("section", "Ideas, arts and the stories societies tell about themselves."),
)
