"""Revisions: the list, a side-by-side comparison with the current text, and a
version read back as a form (restoring puts it in the editor as unsaved changes)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleRevision
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.newsroom_time import schedule_label
from artisan_app.services.editorial.access import editable_article, form_of
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm, snapshot


@dataclass(frozen=True)
class RevisionRow:
    id: int
    version: int
    user_name: str
    created_label: str
    note: str


@dataclass(frozen=True)
class DiffRow:
    """One line of a side-by-side comparison: ``kind`` is same, changed, added or removed."""

    left: str
    right: str
    kind: str


@dataclass(frozen=True)
class Comparison:
    revision_id: int
    left_title: str
    right_title: str
    rows: list[DiffRow]
    identical: bool


def list_revisions(session: Session, *, user: StaffUser | None, article_id: int, limit: int = 200) -> list[RevisionRow]:
    editable_article(session, user, article_id)
    rows = session.exec(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article_id)
        .order_by(col(ArticleRevision.created_at).desc(), col(ArticleRevision.id).desc())
        .limit(limit)
    ).all()
    return [
        RevisionRow(id=r.id, version=r.version, user_name=r.user_name, created_label=schedule_label(r.created_at), note=r.note)
        for r in rows
    ]


def _revision(session: Session, user: StaffUser | None, revision_id: int) -> tuple[StaffUser, Article, ArticleRevision]:
    require(user)
    revision = session.get(ArticleRevision, revision_id) if as_id(revision_id) else None
    if revision is None:
        raise PermissionDenied("No such revision.")
    user, article = editable_article(session, user, revision.article_id)
    return user, article, revision


def readable(form_json: str) -> list[str]:
    data = json.loads(form_json)
    lines = [
        f"Headline: {data.get('headline', '')}",
        f"Kicker: {data.get('kicker', '')}",
        f"Excerpt: {data.get('excerpt', '')}",
        f"Category: {data.get('category_slug', '')}",
        f"Author: {data.get('author_slug', '')}",
        f"Tags: {data.get('tags', '')}",
        f"Cover image: {data.get('cover_image', '')}",
        f"Cover description: {data.get('cover_alt', '')}",
    ]
    for i, s in enumerate(data.get("sections", []), start=1):
        lines.append(f"{i}. {s.get('heading', '')}")
        for b in s.get("blocks", []):
            lines.extend(_block_lines(b))
    return lines


def _block_lines(b: dict[str, Any]) -> list[str]:
    """A block of a decoded snapshot (``json.loads``) as the diff shows it: its Markdown
    (formatting visible as **, *, [link](…))."""
    text, kind = b.get("text", ""), b.get("kind")
    if kind == "quote":
        return [f"   “{text}” — {b.get('attribution', '')}"]
    if kind in ("bullets", "numbers"):
        return [
            f"   {'•' if kind == 'bullets' else f'{n}.'} {line}"
            for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1)
        ]
    if kind == "subheading":
        return [f"   ### {text}"]
    if kind == "image":
        return [f"   [Image] {b.get('alt', '')} — {text} — {b.get('attribution', '')}"]
    if kind == "embed":
        return [f"   [Embed] {text}"]
    if kind == "separator":
        return ["   ———"]
    return [f"   {text}"]


def side_by_side(old: list[str], new: list[str]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow(line, line, "same") for line in old[i1:i2]]
        elif tag == "delete":
            rows += [DiffRow(line, "", "removed") for line in old[i1:i2]]
        elif tag == "insert":
            rows += [DiffRow("", line, "added") for line in new[j1:j2]]
        else:
            left, right = old[i1:i2], new[j1:j2]
            for k in range(max(len(left), len(right))):
                rows.append(DiffRow(left[k] if k < len(left) else "", right[k] if k < len(right) else "", "changed"))
    return rows


def compare(session: Session, *, user: StaffUser | None, revision_id: int, current: ArticleForm | None = None) -> Comparison:
    """The chosen version (left) beside the current text (right): the editor's own
    unsaved form when given, else the article as stored."""
    _, article, revision = _revision(session, user, revision_id)
    now_json = snapshot(current if current is not None else form_of(session, article))
    old, new = readable(revision.snapshot), readable(now_json)
    rows = side_by_side(old, new)
    return Comparison(
        revision_id=revision.id,
        left_title=f"Version {revision.version} · {revision.user_name} · {schedule_label(revision.created_at)}",
        right_title="Current text in the editor" if current is not None else f"Current (version {article.version})",
        rows=rows,
        identical=old == new,
    )


def revision_form(session: Session, *, user: StaffUser | None, revision_id: int) -> tuple[ArticleForm, int]:
    """The chosen version as the editor's form (identity and workflow from the article as
    it is now), and its version number. Nothing is written."""
    _, article, revision = _revision(session, user, revision_id)
    data = json.loads(revision.snapshot)
    sections = [
        SectionForm(heading=s["heading"], blocks=[BlockForm(**b) for b in s["blocks"]], key=s.get("key", ""))
        for s in data.pop("sections", [])
    ]
    current = form_of(session, article)
    # The slug is the article's now (fixed once published; else it follows the headline).
    content = {k: v for k, v in data.items() if k in ArticleForm.__dataclass_fields__ and k not in ("slug", "slug_custom")}
    return replace(current, **content, sections=sections or [SectionForm()]), revision.version
