"""A generated WordPress 6.x export (WXR 1.2) for the import benchmark, written streaming.

Deterministic (seeded): 24 authors, 16 categories (four of them children), 300
tags; posts with Gutenberg block markup as the block editor saves it (lead
paragraph with bold, italic and a link, headed sections with paragraphs,
quotes, pullquotes, lists, an image, a separator, an embed, sometimes raw
HTML), mostly published with some drafts, pending, scheduled and private
posts, sticky posts, old slugs; comments in reply trees up to five deep with
every status, some with websites, a pingback now and then.
"""

from __future__ import annotations

import random
from pathlib import Path

AUTHORS = 24
CATEGORIES = [
    "news",
    "politics",
    "business",
    "culture",
    "science",
    "sport",
    "opinion",
    "world",
    "technology",
    "health",
    "travel",
    "food",
]
CHILDREN = {"elections": "politics", "markets": "business", "books": "culture", "football": "sport"}
TAGS = 300
WORDS = (
    "harbour council budget river school report market season theatre climate vote train bridge "
    "museum farm storm hospital library festival court energy water housing election trade"
).split()

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Gazette</title><link>https://bench.example</link><language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""

AUTHOR = """<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login><![CDATA[writer{i}]]></wp:author_login><wp:author_email><![CDATA[writer{i}@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Writer Number {i}]]></wp:author_display_name><wp:author_first_name><![CDATA[Writer]]></wp:author_first_name><wp:author_last_name><![CDATA[{i}]]></wp:author_last_name></wp:author>
"""

CATEGORY = """<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename><![CDATA[{slug}]]></wp:category_nicename><wp:category_parent><![CDATA[{parent}]]></wp:category_parent><wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>
"""

TAG = """<wp:tag><wp:term_id>{i}</wp:term_id><wp:tag_slug><![CDATA[topic-{i}]]></wp:tag_slug><wp:tag_name><![CDATA[Topic {i}]]></wp:tag_name></wp:tag>
"""

PARAGRAPH = """<!-- wp:paragraph -->
<p>{text}</p>
<!-- /wp:paragraph -->
"""

SECTION = """<!-- wp:heading -->
<h2 class="wp-block-heading">{heading}</h2>
<!-- /wp:heading -->

{paragraphs}
<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>{quote}</p>
<!-- /wp:paragraph --><cite>{cite}</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>{a}</li>
<!-- /wp:list-item --><!-- wp:list-item -->
<li>{b} with <em>emphasis</em></li>
<!-- /wp:list-item --><!-- wp:list-item -->
<li>{c}</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->
"""

EXTRAS = [
    """<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>{text}</p><cite>Source {n}</cite></blockquote></figure>
<!-- /wp:pullquote -->
""",
    """<!-- wp:image {{"id":{n},"sizeSlug":"large","linkDestination":"none"}} -->
<figure class="wp-block-image size-large"><img src="https://bench.example/wp-content/uploads/2024/01/photo-{n}.jpg" alt="Photo {n}" class="wp-image-{n}"/><figcaption class="wp-element-caption">{text}</figcaption></figure>
<!-- /wp:image -->
""",
    """<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->
""",
    """<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=abc{n}","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc{n}
</div></figure>
<!-- /wp:embed -->
""",
    """<!-- wp:html -->
<div class="factbox"><strong>Fact:</strong> {text}</div>
<!-- /wp:html -->
""",
]

COMMENT = """<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[{name}]]></wp:comment_author><wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email><wp:comment_author_url>{url}</wp:comment_author_url><wp:comment_author_IP><![CDATA[192.0.2.{ip}]]></wp:comment_author_IP><wp:comment_date><![CDATA[{date}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[{content}]]></wp:comment_content><wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved><wp:comment_type><![CDATA[{type}]]></wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
"""

STATUSES = ["publish"] * 90 + ["draft"] * 4 + ["pending"] * 2 + ["future"] * 2 + ["private"] * 2
APPROVED = ["1"] * 85 + ["0"] * 8 + ["spam"] * 5 + ["trash"] * 2


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _body(rng: random.Random, n: int) -> str:
    lead = (
        f"{_words(rng, 25).capitalize()} with <strong>bold words</strong>, <em>an aside</em> and "
        f'<a href="https://source.example/{n}">a source</a>.'
    )
    parts = [PARAGRAPH.format(text=lead)]
    for k in range(1, rng.randint(2, 5)):
        paragraphs = "".join(
            PARAGRAPH.format(text=_words(rng, rng.randint(40, 90)).capitalize() + ".") for _ in range(rng.randint(1, 3))
        )
        parts.append(
            SECTION.format(
                heading=f"{_words(rng, 3).title()} {k}",
                paragraphs=paragraphs,
                quote=_words(rng, 12).capitalize() + ".",
                cite=f"Analyst {k}",
                a=_words(rng, 4),
                b=_words(rng, 3),
                c=_words(rng, 5),
            )
        )
        if rng.random() < 0.5:
            parts.append(rng.choice(EXTRAS).format(n=n * 10 + k, text=_words(rng, 10).capitalize()))
    return "\n".join(parts)


def _comments(rng: random.Random, n: int, count: int, first_id: int, day: str) -> str:
    out, ids, depth = [], [], {}
    for j in range(count):
        cid = first_id + j
        parent = 0
        if ids and rng.random() < 0.6:  # a reply: to a recent comment, so trees grow deep
            candidate = rng.choice(ids[-4:])
            parent = candidate if depth[candidate] < 5 else 0
        depth[cid] = depth[parent] + 1 if parent else 0
        ids.append(cid)
        reader = rng.randint(1, 5000)
        pingback = rng.random() < 0.01
        out.append(
            COMMENT.format(
                cid=cid,
                name=f"Reader {reader}",
                email=f"reader{reader}@mail.example",
                ip=reader % 250,
                url=f"https://blog{reader}.example/" if reader % 7 == 0 else "",
                date=f"{day} {10 + j // 60 % 12:02d}:{j % 60:02d}:00",
                content=f"{_words(rng, rng.randint(8, 40)).capitalize()}.",
                approved=rng.choice(APPROVED),
                type="pingback" if pingback else "comment",
                parent=parent,
            )
        )
    return "".join(out)


def write_export(path: Path, posts: int, comments: int, seed: int = 15) -> int:
    """Write ``posts`` posts with ``comments`` comments in all (spread unevenly); returns the comment count."""
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        out.writelines(AUTHOR.format(i=i) for i in range(1, AUTHORS + 1))
        for i, slug in enumerate(CATEGORIES, start=1):
            out.write(CATEGORY.format(i=i, slug=slug, parent="", name=slug.title()))
        for i, (slug, parent) in enumerate(CHILDREN.items(), start=len(CATEGORIES) + 1):
            out.write(CATEGORY.format(i=i, slug=slug, parent=parent, name=slug.title()))
        out.writelines(TAG.format(i=i) for i in range(1, TAGS + 1))
        every = list(CATEGORIES) + list(CHILDREN)
        for n in range(1, posts + 1):
            day = f"20{16 + n * 9 // max(posts, 1):02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            status = rng.choice(STATUSES)
            slug = f"{_words(rng, 4).replace(' ', '-')}-{n}"
            cats = "".join(
                f'<category domain="category" nicename="{c}"><![CDATA[{c.title()}]]></category>'
                for c in rng.sample(every, rng.choice([1, 1, 1, 2]))
            )
            tags = "".join(
                f'<category domain="post_tag" nicename="topic-{t}"><![CDATA[Topic {t}]]></category>'
                for t in rng.sample(range(1, TAGS + 1), rng.randint(0, 4))
            )
            meta = ""
            if rng.random() < 0.05:
                meta += f"<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key><wp:meta_value><![CDATA[old-{slug}]]></wp:meta_value></wp:postmeta>"
            count = comments // posts + (1 if n <= comments % posts else 0)
            out.write(f"""<item><title><![CDATA[{_words(rng, 6).capitalize()} {n}]]></title><link>https://bench.example/{day.replace("-", "/")}/{slug}/</link>
<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><dc:creator><![CDATA[writer{rng.randint(1, AUTHORS)}]]></dc:creator>
<guid isPermaLink="false">https://bench.example/?p={n}</guid><description></description>
<content:encoded><![CDATA[{_body(rng, n)}]]></content:encoded><excerpt:encoded><![CDATA[{_words(rng, 20) if rng.random() < 0.3 else ""}]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date><![CDATA[{day} 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[{day} 09:00:00]]></wp:post_date_gmt>
<wp:post_modified><![CDATA[{day} 12:00:00]]></wp:post_modified><wp:post_modified_gmt><![CDATA[{day} 11:00:00]]></wp:post_modified_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:ping_status><![CDATA[open]]></wp:ping_status>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status><wp:post_parent>0</wp:post_parent>
<wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password>
<wp:is_sticky>{1 if rng.random() < 0.002 else 0}</wp:is_sticky>{cats}{tags}{meta}
<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>
{_comments(rng, n, count, written + 1, day)}</item>
""")
            written += count
        out.write("</channel></rss>\n")
    return written
