"""Linked translations: the same story in the English and the Urdu edition.

Articles that are translations of each other share ``Article.translation_group`` (a uuid
hex set on the first "Add translation"); each keeps its own slug, excerpt, sections,
comments and status, and a group holds at most one article per language (a unique index).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.core.i18n import LANGUAGES, NATIVE_NAMES, is_language
from artisan_app.models import Article, ArticleStatus, ArticleTag, Block, Section, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles.coauthors import sync_primary
from artisan_app.services.articles.live import is_live
from artisan_app.services.common.ids import as_id
from artisan_app.services.editorial.access import editable_article
from artisan_app.services.editorial.authoring import new_key
from artisan_app.services.editorial.saving import add_revision, unique_slug
from artisan_app.services.search.index import reindex_article


class TranslationError(ValueError):
    """A translation cannot be made or linked; the message is safe to show."""


@dataclass(frozen=True)
class TranslationLink:
    """Where a reader finds the same story in another edition."""

    language: str
    slug: str


def translations_of(session: Session, article: Article) -> dict[str, Article]:
    """Every article of ``article``'s group by language, itself included."""
    if not article.translation_group:
        return {article.language: article}
    rows = session.exec(select(Article).where(Article.translation_group == article.translation_group)).all()
    return {row.language: row for row in rows}


def counterpart(session: Session, article: Article, language: str) -> Article | None:
    """The article's version in ``language`` (any status), or ``None``."""
    if article.language == language:
        return article
    if not article.translation_group:
        return None
    return session.exec(
        select(Article).where(Article.translation_group == article.translation_group, Article.language == language)
    ).first()


def live_translations(session: Session, slug: str, *, now: datetime | None = None) -> list[TranslationLink]:
    """The live versions of the live article ``slug`` in the other editions (for the language switch
    and ``hreflang``); empty when it has none, so the page links to the other edition's front page."""
    now = now or utcnow()
    group = session.exec(select(Article.translation_group, Article.language).where(Article.slug == slug, is_live(now))).first()
    if group is None or not group[0]:
        return []
    rows = session.exec(
        select(Article.language, Article.slug)
        .where(Article.translation_group == group[0], Article.language != group[1], is_live(now))
        .order_by(Article.language)
    ).all()
    return [TranslationLink(language=language, slug=other) for language, other in rows]


def languages_by_article(session: Session, article_ids: list[int]) -> dict[int, list[str]]:
    """For the newsroom's list: the other languages each article has a version in (any status)."""
    if not article_ids:
        return {}
    mine = session.exec(
        select(col(Article.id), col(Article.translation_group), col(Article.language)).where(
            col(Article.id).in_(article_ids), col(Article.translation_group).is_not(None)
        )
    ).all()
    groups = {group for _id, group, _lang in mine if group}
    members: dict[str, list[str]] = {}
    for group, language in session.exec(
        select(col(Article.translation_group), col(Article.language)).where(col(Article.translation_group).in_(groups))
    ).all():
        if group:
            members.setdefault(group, []).append(language)
    return {article_id: sorted(lang for lang in members.get(group or "", []) if lang != own) for article_id, group, own in mine}


def create_translation(
    session: Session, *, user: StaffUser | None, article_id: int, language: str, now: datetime | None = None
) -> Article:
    """A draft in ``language`` linked to article ``article_id``: the same category, byline, tags,
    cover and structure (every section and block, text included, for the translator to replace),
    with its own slug. Whoever may edit the source may add its translation."""
    if not as_id(article_id):
        raise PermissionDenied("You can’t edit that article.")
    user, source = editable_article(session, user, article_id)
    if not is_language(language) or language == source.language:
        raise TranslationError(f"Choose another language: {', '.join(lang for lang in LANGUAGES if lang != source.language)}.")
    if counterpart(session, source, language) is not None:
        raise TranslationError("This article already has a translation in that language.")
    now = now or utcnow()
    if not source.translation_group:
        source.translation_group = uuid.uuid4().hex
        session.add(source)
    article = Article(
        slug=unique_slug(session, f"{source.slug}-{language}", 0),
        kicker=source.kicker,
        headline=source.headline,
        excerpt=source.excerpt,
        category_id=source.category_id,
        author_id=source.author_id,
        status=ArticleStatus.draft.value,
        word_count=source.word_count,
        cover_image=source.cover_image,
        cover_alt=source.cover_alt,
        cover_image_id=source.cover_image_id,
        created_at=now,
        updated_at=now,
        language=language,
        translation_group=source.translation_group,
    )
    session.add(article)
    session.flush()
    sync_primary(session, article)
    _copy_body(session, source.id, article.id)
    for tag_id in session.exec(select(ArticleTag.tag_id).where(ArticleTag.article_id == source.id)).all():
        session.add(ArticleTag(article_id=article.id, tag_id=tag_id))
    reindex_article(session, article.id)
    add_revision(session, article, user, f"Translation of “{source.headline[:80]}”", now)
    session.flush()
    return article


def _copy_body(session: Session, source_id: int, target_id: int) -> None:
    sections = session.exec(select(Section).where(Section.article_id == source_id).order_by(col(Section.position))).all()
    for section in sections:
        copy = Section(article_id=target_id, position=section.position, heading=section.heading, key=new_key())
        session.add(copy)
        session.flush()
        for block in session.exec(select(Block).where(Block.section_id == section.id).order_by(col(Block.position))).all():
            session.add(
                Block(
                    section_id=copy.id,
                    position=block.position,
                    kind=block.kind,
                    text=block.text,
                    attribution=block.attribution,
                    key=new_key(),
                    html=block.html,
                    items=block.items,
                    image_id=block.image_id,
                    alt=block.alt,
                    url=block.url,
                    wide=block.wide,
                )
            )
    session.flush()


def set_language(session: Session, *, user: StaffUser | None, article_id: int, language: object) -> Article:
    """Change the language of an article that is not live (a published one keeps its edition and URL)."""
    user, article = editable_article(session, user, article_id)
    if not is_language(language):
        raise TranslationError(f"Choose one of: {', '.join(LANGUAGES)}.")
    if language == article.language:
        return article
    if article.status == ArticleStatus.published.value:
        raise TranslationError("A published article stays in its edition: unpublish it first.")
    if article.translation_group and counterpart(session, article, str(language)) is not None:
        raise TranslationError("Its translation is already in that language.")
    article.language = str(language)
    article.updated_at = utcnow()
    session.add(article)
    session.flush()
    return article


@dataclass(frozen=True)
class VersionRow:
    """One linked version in the editor's language panel."""

    id: int
    language: str
    language_name: str
    headline: str
    status: str


def editor_versions(session: Session, *, user: StaffUser | None, article_id: int) -> tuple[str, list[VersionRow]]:
    """The article's language and its linked versions in other languages, for whoever may edit it."""
    _user, article = editable_article(session, user, article_id)
    others = [a for lang, a in sorted(translations_of(session, article).items()) if a.id != article.id]
    return article.language, [
        VersionRow(
            id=a.id,
            language=a.language,
            language_name=NATIVE_NAMES[a.language],
            headline=a.headline or "(untitled)",
            status=a.status,
        )
        for a in others
    ]


@dataclass(frozen=True)
class LanguageSwitch:
    """The reader's language switch on a page of edition ``language``."""

    hreflang: str  # the other edition's language (the link's ``lang`` and ``dir`` follow it)
    href: str  # its version of this page, or its front page when there is none
    label: str  # in the other edition's language: what a reader of that edition looks for
    translated: bool  # False: there is no version of this page, the link goes to the other front page


def language_switch(session: Session, *, language: str, slug: str | None = None, now: datetime | None = None) -> LanguageSwitch:
    """For an article page (``slug``) the live translation; for any other page, or an article without
    one, the other edition's front page. Labelled in the other edition's language."""
    from artisan_app.core import routes
    from artisan_app.core.i18n import edition_path, other_language, translate

    other = other_language(language)
    links = live_translations(session, slug, now=now) if slug else []
    link = next((t for t in links if t.language == other), None)
    if link is not None:
        label = "This article in English" if other == "en" else "This article in Urdu"
        return LanguageSwitch(other, edition_path(other, routes.article_url(link.slug)), translate(other, label), True)
    label = (
        "This page is not in English: the English edition’s front page"
        if other == "en"
        else "This page is not in Urdu: the Urdu edition’s front page"
    )
    return LanguageSwitch(other, edition_path(other, routes.HOME), translate(other, label), False)
