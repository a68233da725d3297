"""Email bodies: HTML (CSS inlined by ``css-inline``, so mail clients that drop
``<style>`` still show it) and plain text, from the same read models the site
uses (``services.articles.views.ArticleDetail``).

Templates are Jinja2 with autoescaping on for HTML: every value from the
database is text, never markup. A newsletter is rendered once per send; each
recipient's own links are put in afterwards (``personalise``), in place of
the markers below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import css_inline
import jinja2

from artisan_app.services.articles.views import ArticleDetail

UNSUBSCRIBE_MARK = "__ARTISAN_UNSUBSCRIBE_URL__"
PREFERENCES_MARK = "__ARTISAN_PREFERENCES_URL__"

_templates = Path(__file__).parent / "templates"
_html = jinja2.Environment(loader=jinja2.FileSystemLoader(_templates), autoescape=True, undefined=jinja2.StrictUndefined)
_text = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_templates),
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str

    def personalise(self, *, unsubscribe_url: str, preferences_url: str) -> tuple[str, str]:
        """(html, text) with one recipient's links."""

        def fill(body: str) -> str:
            return body.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(PREFERENCES_MARK, preferences_url)

        return fill(self.html), fill(self.text)


def _render(name: str, subject: str, **context: object) -> Rendered:
    html = _inliner.inline(_html.get_template(f"{name}.html").render(subject=subject, **context))
    text = _text.get_template(f"{name}.txt").render(subject=subject, **context).strip() + "\n"
    return Rendered(subject=subject, html=html, text=text)


def absolute(url: str, site_url: str) -> str:
    return url if url.startswith(("http://", "https://")) or not url else site_url + "/" + url.lstrip("/")


def newsletter(article: ArticleDetail, *, site_url: str) -> Rendered:
    """The article as a newsletter: headline, kicker, excerpt, cover, numbered sections, quotes, link."""
    return _render(
        "newsletter",
        article.card.headline,
        article=article,
        site_url=site_url,
        article_url=f"{site_url}/article/{article.card.slug}",
        cover_url=absolute(article.cover_image, site_url),
        unsubscribe_url=UNSUBSCRIBE_MARK,
        preferences_url=PREFERENCES_MARK,
    )


def confirmation(*, confirm_url: str, valid_days: int, site_url: str) -> Rendered:
    return _render(
        "confirm", "Confirm your Artisan Times subscription", confirm_url=confirm_url, valid_days=valid_days, site_url=site_url
    )


def already_subscribed(*, preferences_url: str, unsubscribe_url: str, site_url: str) -> Rendered:
    return _render(
        "manage",
        "Your Artisan Times subscription",
        preferences_url=preferences_url,
        unsubscribe_url=unsubscribe_url,
        site_url=site_url,
    )
