"""The import's reply tree: built in one pass over the comments, however deep the thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from artisan_app.models import Comment
from artisan_app.services.comments import submission as comment_rules
from artisan_app.wordpress import comments as wp_comments
from artisan_app.wordpress.importer import import_export
from tests.unit.wxr_factory import Post, write

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


class Reads:
    count = 0


@dataclass
class CountedComment:
    """A parsed comment whose every read of ``id`` and ``parent`` is counted."""

    _id: int
    _parent: int

    @property
    def id(self) -> int:
        Reads.count += 1
        return self._id

    @property
    def parent(self) -> int:
        Reads.count += 1
        return self._parent


def test_a_deep_thread_is_ordered_reading_each_comment_a_few_times_only():
    n = 3000  # one chain, listed newest first: the worst case for a scan per level
    chain = [CountedComment(i, i - 1) for i in range(n, 0, -1)]
    Reads.count = 0
    tree = wp_comments._tree(chain)
    assert list(tree) == list(range(1, n + 1))  # parents first
    assert tree == {i: i - 1 for i in range(1, n + 1)}
    assert Reads.count <= 4 * n  # a rescan of the waiting comments per level would read them n²/2 times


def test_missing_parents_and_cycles_come_in_flat_and_replies_under_them_stay_under_them():
    rows = [
        CountedComment(1, 0),
        CountedComment(2, 1),
        CountedComment(3, 99),  # 99: not in the export
        CountedComment(4, 5),
        CountedComment(5, 4),
        CountedComment(6, 6),
    ]  # 4 ⇄ 5, and 6 under itself
    tree = wp_comments._tree(rows)
    assert tree == {1: 0, 3: 0, 6: 0, 2: 1, 4: 0, 5: 0}
    assert list(tree).index(1) < list(tree).index(2)


def test_a_twenty_thousand_deep_chain_imports_with_every_reply_under_its_parent(engine, tmp_path):
    n = 20_000
    export = write(tmp_path / "deep.xml", [Post(1, "deep-thread", comments=[(i, i - 1) for i in range(1, n + 1)])])
    report = import_export(engine, export, upload_dir=tmp_path / "up", now=NOW)
    assert report.comments_imported == n
    with Session(engine) as session:
        rows = session.exec(select(Comment.id, Comment.parent_id, Comment.depth, Comment.body)).all()
    by_body = {body: (cid, parent, depth) for cid, parent, depth, body in rows}
    for i in (1, 2, 3, n // 2, n - 1, n):
        cid, parent, depth = by_body[f"Comment {i}"]
        expected_parent = by_body[f"Comment {i - 1}"][0] if i > 1 else None
        assert (parent, depth) == (expected_parent, min(i - 1, comment_rules.MAX_DEPTH))
    ids = {body: cid for cid, _, _, body in rows}
    assert all(parent == ids[f"Comment {int(body.split()[1]) - 1}"] for _, parent, _, body in rows if body != "Comment 1")
