"""A streaming reader for WordPress eXtended RSS (WXR 1.0–1.2) exports.

An export is untrusted input. It is read with lxml's ``iterparse`` with entity
resolution, DTD loading and network access off and libxml2's huge-tree limits
on; a document that declares entities in a DTD is refused outright (that is
how entity-expansion "bombs" are built), before anything is expanded. Each
``<item>`` is turned into a small dataclass and its element cleared at once,
so memory stays bounded by the largest single post, not the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from lxml import etree


class WxrError(ValueError):
    """The file is not a WXR export we are willing to read; the message says why."""


_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


_SHORT: dict[str, str] = {}


def _short(tag: object) -> str:
    """``{http://wordpress.org/export/1.2/}post_id`` → ``wp:post_id``."""
    short = _SHORT.get(tag) if isinstance(tag, str) else None
    if short is None:
        short = _shorten(tag)
        if isinstance(tag, str) and len(_SHORT) < 1000:  # a hostile export's made-up names do not grow it
            _SHORT[tag] = short
    return short


def _shorten(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith("http://wordpress.org/export/"):
        return f"{'excerpt' if uri.rstrip('/').endswith('excerpt') else 'wp'}:{local}"
    return f"{_NAMESPACES.get(uri, uri)}:{local}"


@dataclass
class WxrAuthor:
    id: int
    login: str
    email: str = ""
    display_name: str = ""


@dataclass
class WxrTerm:
    """A category (``wp:category``) or tag (``wp:tag``) declared at the top of the export."""

    slug: str
    name: str
    parent: str = ""  # the parent category's slug
    description: str = ""


@dataclass
class WxrComment:
    id: int
    author: str = ""
    email: str = ""
    url: str = ""
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = "1"  # 1 | 0 | spam | trash | post-trashed
    type: str = ""  # "" / comment | pingback | trackback
    parent: int = 0


@dataclass
class WxrItem:
    post_id: int
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_type: str = "post"
    status: str = ""
    date_gmt: datetime | None = None
    date_local: str = ""  # wp:post_date, the site's local time: what date permalinks use
    modified_gmt: datetime | None = None
    sticky: bool = False
    attachment_url: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)

    def meta_value(self, key: str) -> str:
        values = self.meta.get(key)
        return values[-1] if values else ""


@dataclass
class WxrChannel:
    title: str = ""
    link: str = ""
    wxr_version: str = ""
    authors: list[WxrAuthor] = field(default_factory=list)
    categories: list[WxrTerm] = field(default_factory=list)
    tags: list[WxrTerm] = field(default_factory=list)


def gmt(value: str) -> datetime | None:
    """``2024-03-05 09:30:00`` (WordPress's *_gmt fields) → aware UTC; ``0000-00-00 …`` → None."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _int(value: str) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return 0


def _text(el) -> str:
    return el.text or ""


def _children(el) -> dict[str, str]:
    return {_short(child.tag): _text(child) for child in el}


def _refuse_entities(tree) -> None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or any(True for _ in dtd.iterelements())):
        raise WxrError("The export declares a DTD with entities; refusing it (possible entity-expansion attack).")
    if dtd is not None or docinfo.doctype:
        raise WxrError("The export has a DOCTYPE; WordPress exports have none, so it is refused.")


def _events(source: str | Path | IO[bytes]):
    return etree.iterparse(
        source if not isinstance(source, Path) else str(source),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
        recover=False,
    )


def read(source: str | Path | IO[bytes], channel: WxrChannel | None = None, *, comments: bool = True) -> Iterator[WxrItem]:
    """Yield the export's items in order; ``channel`` (if given) is filled as the header is read.
    With ``comments=False`` the items come without their comments (a quicker first pass).

    Raises ``WxrError`` for a DOCTYPE/entities, malformed XML or a file that is not WXR.
    """
    channel = channel if channel is not None else WxrChannel()
    checked = False
    depth = 0
    try:
        for event, el in _events(source):
            if not checked:
                _refuse_entities(el.getroottree())
                if _short(el.tag) != "rss":
                    raise WxrError("This is not a WordPress export (no <rss> root).")
                checked = True
            if event == "start":
                depth += 1
                continue
            depth -= 1
            name = _short(el.tag)
            if depth != 2:  # only children of <channel> are handled (and cleared) here
                continue
            if name == "item":
                yield _item(el, comments)
            elif name == "wp:author":
                c = _children(el)
                channel.authors.append(
                    WxrAuthor(
                        id=_int(c.get("wp:author_id", "")),
                        login=c.get("wp:author_login", "").strip(),
                        email=c.get("wp:author_email", "").strip(),
                        display_name=c.get("wp:author_display_name", "").strip(),
                    )
                )
            elif name == "wp:category":
                c = _children(el)
                channel.categories.append(
                    WxrTerm(
                        slug=c.get("wp:category_nicename", "").strip(),
                        name=c.get("wp:cat_name", "").strip(),
                        parent=c.get("wp:category_parent", "").strip(),
                        description=c.get("wp:category_description", ""),
                    )
                )
            elif name == "wp:tag":
                c = _children(el)
                channel.tags.append(WxrTerm(slug=c.get("wp:tag_slug", "").strip(), name=c.get("wp:tag_name", "").strip()))
            elif name == "wp:wxr_version":
                channel.wxr_version = _text(el).strip()
            elif name == "title":
                channel.title = _text(el).strip()
            elif name == "link":
                channel.link = _text(el).strip()
            # Free what has been read: the element and everything before it.
            el.clear()
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise WxrError(f"The export is not well-formed XML: {exc}") from exc
    if not checked:
        raise WxrError("The file is empty.")
    if not channel.wxr_version:
        raise WxrError("This is not a WordPress export (no wp:wxr_version).")


def _item(el, comments: bool = True) -> WxrItem:
    item = WxrItem(post_id=0)
    for child in el:
        name = _short(child.tag)
        if name == "wp:comment" and not comments:
            continue
        text = _text(child)
        if name == "title":
            item.title = text.strip()
        elif name == "link":
            item.link = text.strip()
        elif name == "guid":
            item.guid = text.strip()
        elif name == "dc:creator":
            item.creator = text.strip()
        elif name == "content:encoded":
            item.content = text
        elif name == "excerpt:encoded":
            item.excerpt = text
        elif name == "wp:post_id":
            item.post_id = _int(text)
        elif name == "wp:post_name":
            item.post_name = text.strip()
        elif name == "wp:post_type":
            item.post_type = text.strip()
        elif name == "wp:status":
            item.status = text.strip()
        elif name == "wp:post_date_gmt":
            item.date_gmt = gmt(text)
        elif name == "wp:post_date":
            item.date_local = text.strip()
        elif name == "wp:post_modified_gmt":
            item.modified_gmt = gmt(text)
        elif name == "wp:is_sticky":
            item.sticky = text.strip() == "1"
        elif name == "wp:attachment_url":
            item.attachment_url = text.strip()
        elif name == "category":
            pair = (child.get("nicename", "").strip(), text.strip())
            domain = child.get("domain")
            (item.categories if domain == "category" else item.tags if domain == "post_tag" else []).append(pair)
        elif name == "wp:postmeta":
            c = _children(child)
            item.meta.setdefault(c.get("wp:meta_key", ""), []).append(c.get("wp:meta_value", ""))
        elif name == "wp:comment":
            c = _children(child)
            item.comments.append(
                WxrComment(
                    id=_int(c.get("wp:comment_id", "")),
                    author=c.get("wp:comment_author", "").strip(),
                    email=c.get("wp:comment_author_email", "").strip(),
                    url=c.get("wp:comment_author_url", "").strip(),
                    date_gmt=gmt(c.get("wp:comment_date_gmt", "")),
                    content=c.get("wp:comment_content", ""),
                    approved=c.get("wp:comment_approved", "1").strip(),
                    type=c.get("wp:comment_type", "").strip(),
                    parent=_int(c.get("wp:comment_parent", "")),
                )
            )
    return item
