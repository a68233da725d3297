"""Import a generated WordPress export of N posts with 10 comments each: time and peak memory.

    python benchmarks/wordpress_import.py --posts 500           # SQLite file in a temp folder
    python benchmarks/wordpress_import.py --posts 500 --postgres

Prints the export's size, the import time (and posts/s), the time of a second
import of the same file (nothing changes), and the process's peak RSS. Each
post has Gutenberg blocks (headings, paragraphs with links and emphasis, a
quote, a list) and a reply tree.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402
from sqlmodel import SQLModel, create_engine  # noqa: E402

import artisan_app.models  # noqa: E402,F401
from artisan_app.core import db  # noqa: E402
from artisan_app.services import search_index  # noqa: E402
from artisan_app.wordpress.importer import import_export  # noqa: E402

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[writer]]></wp:author_login><wp:author_email><![CDATA[w@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Writer]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
"""

BODY = """<!-- wp:paragraph -->
<p>Lead paragraph {n} with <strong>bold</strong> words and <a href="https://source.example/{n}">a source</a>.</p>
<!-- /wp:paragraph -->
{sections}"""

SECTION = """<!-- wp:heading -->
<h2 class="wp-block-heading">Trend {k} of post {n}</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>{words}</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>A quoted line in section {k}.</p>
<!-- /wp:paragraph --><cite>Analyst {k}</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>First point</li>
<!-- /wp:list-item --><!-- wp:list-item -->
<li>Second point</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->
"""

COMMENT = """<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[Reader {r}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader{r}@example.com]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>
<wp:comment_date_gmt><![CDATA[2024-01-02 10:{m:02d}:00]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment {cid} on post {n}.]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>
"""


def write_export(path: Path, posts: int, comments: int) -> None:
    words = " ".join(f"word{i}" for i in range(120))
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        cid = 0
        for n in range(1, posts + 1):
            sections = "\n".join(SECTION.format(k=k, n=n, words=words) for k in range(1, 4))
            out.write(f"""<item><title><![CDATA[Post number {n}]]></title><link>https://bench.example/2024/01/02/post-{n}/</link>
<dc:creator><![CDATA[writer]]></dc:creator><guid isPermaLink="false">https://bench.example/?p={n}</guid>
<content:encoded><![CDATA[{BODY.format(n=n, sections=sections)}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date><![CDATA[2024-01-02 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-01-02 10:00:00]]></wp:post_date_gmt>
<wp:post_modified_gmt><![CDATA[2024-01-02 10:00:00]]></wp:post_modified_gmt><wp:post_name><![CDATA[post-{n}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="news"><![CDATA[News]]></category>
""")
            first = cid + 1
            for c in range(comments):
                cid += 1
                parent = 0 if c % 3 == 0 else cid - 1  # reply chains
                out.write(COMMENT.format(cid=cid, r=cid % 997, m=c % 60, n=n, parent=parent if parent >= first else 0))
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--comments", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.xml"
        write_export(export, args.posts, args.comments)
        if args.postgres:
            url = os.environ.get("ARTISAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
            schema = f"bench_wxr_{os.getpid()}"
            admin = create_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
        else:
            engine = db.engine_for(f"sqlite:///{tmp}/bench.db")  # the app's engine: WAL, as in production
        SQLModel.metadata.create_all(engine)
        with engine.begin() as conn:
            search_index.ensure_search_index(conn)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started, cpu = time.perf_counter(), time.process_time()
        report = import_export(engine, export, upload_dir=Path(tmp) / "up")
        first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        again = import_export(engine, export, upload_dir=Path(tmp) / "up")
        second = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        engine.dispose()
        if args.postgres:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        size = export.stat().st_size / 1e6
    print(
        f"backend: {'postgresql' if args.postgres else 'sqlite'}; export: {args.posts} posts, "
        f"{args.posts * args.comments} comments, {size:.1f} MB"
    )
    print(f"load average before: {load[0]:.1f} (2 cores here, shared)")
    print(
        f"first import: {first:.1f} s wall, {first_cpu:.1f} s CPU ({args.posts / first:.0f} posts/s); "
        f"imported {report.imported}, comments {report.comments_imported}, failed {report.failed}"
    )
    print(f"same file again: {second:.1f} s; unchanged {again.unchanged}, updated {again.updated}")
    print(f"peak RSS: {peak:.0f} MiB (before the import: {rss_before:.0f} MiB)")
    print(
        f"extrapolated to 10,000 posts (linear, not measured): {first * 10000 / args.posts / 60:.1f} min wall, "
        f"{first_cpu * 10000 / args.posts / 60:.1f} min of CPU"
    )


if __name__ == "__main__":
    main()
