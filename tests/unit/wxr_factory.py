"""Small WXR 1.2 exports written by tests: posts with chosen links, slugs, old slugs, tags and comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[writer]]></wp:author_login>
<wp:author_email><![CDATA[writer@old.example]]></wp:author_email>
<wp:author_display_name><![CDATA[A Writer]]></wp:author_display_name></wp:author>
"""
TAG = (
    "<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug><![CDATA[{slug}]]></wp:tag_slug>"
    "<wp:tag_name><![CDATA[{name}]]></wp:tag_name></wp:tag>\n"
)
ITEM = """<item><title><![CDATA[{title}]]></title><link>{link}</link><dc:creator><![CDATA[writer]]></dc:creator>
<guid isPermaLink="false">https://old.example/?p={id}</guid><content:encoded><![CDATA[<p>{title}.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{id}</wp:post_id>
<wp:post_date><![CDATA[2024-03-05 14:30:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-03-05 09:30:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>{meta}{comments}</item>
"""
OLD_SLUG = (
    "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key><wp:meta_value><![CDATA[{}]]></wp:meta_value></wp:postmeta>"
)
COMMENT = (
    "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>"
    "<wp:comment_author_email><![CDATA[r{id}@example.com]]></wp:comment_author_email>"
    "<wp:comment_date_gmt><![CDATA[2024-03-05 10:00:00]]></wp:comment_date_gmt>"
    "<wp:comment_content><![CDATA[Comment {id}]]></wp:comment_content>"
    "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
    "<wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
)


@dataclass
class Post:
    id: int
    slug: str
    link: str = ""
    old_slugs: list[str] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)  # (id, parent)


def write(path: Path, posts: list[Post], tags: list[tuple[str, str]] = ()) -> Path:
    """Write an export of ``posts`` and the header's ``tags`` ((slug, name) pairs) to ``path``."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n, (slug, name) in enumerate(tags, start=1):
            out.write(TAG.format(n=n, slug=slug, name=name))
        for p in posts:
            meta = "".join(OLD_SLUG.format(s) for s in p.old_slugs)
            comments = "".join(COMMENT.format(id=c, parent=parent) for c, parent in p.comments)
            out.write(
                ITEM.format(
                    title=f"Post {p.id}",
                    link=p.link or f"https://old.example/{p.slug}/",
                    id=p.id,
                    slug=p.slug,
                    meta=meta,
                    comments=comments,
                )
            )
        out.write("</channel></rss>\n")
    return path
