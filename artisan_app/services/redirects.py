"""Permanent redirects from old addresses: WordPress permalinks, changed slugs, and ones admins add.

Keys are paths as a browser's request decodes them, without the trailing slash
(``/2024/03/05/my-post``; WordPress's query links are kept as ``/?p=123``).
Chains never form: adding A → B when X → A exists makes X → B too, and a
target that has its own redirect is followed to the end first.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import bindparam, insert
from sqlmodel import Session, col, select

from artisan_app import routes
from artisan_app.models import Article, ArticleStatus, Redirect, Role, utcnow
from artisan_app.services.auth import StaffUser, require
from artisan_app.services.ids import as_id

MAX_PATH = 500
# First path segments the app answers itself: an imported permalink must not shadow them.
RESERVED = {"article", "category", "author", "tag", "search", "editor", "feed.xml", "sitemap.xml", "robots.txt",
            "healthz", "_event", "_upload", "_health", "ping", "assets", "fonts", "favicon.ico", "404"}
SKIPPED_SUFFIXES = (".js", ".css", ".map", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg",
                    ".ico", ".json", ".txt", ".avif")


class RedirectError(ValueError):
    """A redirect that cannot be added; the message says why."""


@dataclass(frozen=True)
class RedirectRow:
    id: int
    old_path: str
    new_path: str
    source: str


def normalise(path: str) -> str:
    """``/2024/03/05/My-Post/`` → ``/2024/03/05/My-Post``; percent-escapes decoded."""
    path = unquote(path or "").strip()
    if not path.startswith("/"):
        path = "/" + path
    while len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path


def key_for(path: str, query: str = "") -> str:
    """The stored key for a request: ``/?p=ID`` for WordPress's query links, else the normalised path."""
    if query and normalise(path) in ("/", "/index.php"):
        params = parse_qs(query)
        for name in ("p", "page_id"):
            value = (params.get(name) or [""])[0]
            if value.isdigit():
                return f"/?p={int(value)}"
    return normalise(path)


def key_of_url(url: str) -> str:
    """The key for an absolute or relative URL from an export (its path and query)."""
    parts = urlsplit(url or "")
    return key_for(parts.path or "/", parts.query)


def should_look_up(path: str) -> bool:
    """Requests the middleware checks: not the app's own machinery or static files."""
    return not path.startswith(("/_", "/assets/", "/fonts/")) and not path.lower().endswith(SKIPPED_SUFFIXES)


def find(session: Session, path: str, query: str = "") -> str | None:
    """Where a request for ``path?query`` should go, or None."""
    key = key_for(path, query)
    if len(key) > MAX_PATH:
        return None
    return session.exec(select(Redirect.new_path).where(Redirect.old_path == key)).first()


def _final(session: Session, target: str) -> str:
    seen = set()
    while target not in seen:
        seen.add(target)
        nxt = session.exec(select(Redirect.new_path).where(Redirect.old_path == normalise(target))).first()
        if nxt is None:
            return target
        target = nxt
    return target


def add(session: Session, old: str, new: str, *, source: str = "manual", target_is_live: bool = False,
        allow_reserved: bool = False) -> bool:
    """Record ``old`` → ``new`` (a key from ``key_for``/``normalise``). Returns whether anything changed."""
    old = old if old.startswith("/?p=") else normalise(old)
    if not allow_reserved and old.strip("/").split("/")[0] in RESERVED:
        raise RedirectError(f"{old} is one of this site's own addresses.")
    if len(old) > MAX_PATH or len(new) > MAX_PATH:
        raise RedirectError("Addresses must be 500 characters or fewer.")
    if target_is_live:  # the target is a page now: it must not redirect anywhere itself
        for row in session.exec(select(Redirect).where(Redirect.old_path == normalise(new))).all():
            session.delete(row)
        session.flush()
    new = _final(session, new)
    if normalise(new) == old and not allow_reserved:
        raise RedirectError("An address cannot redirect to itself.")
    changed = False
    for row in session.exec(select(Redirect).where(Redirect.new_path == old, Redirect.old_path != old)).all():
        row.new_path = new  # collapse X → old → new into X → new
        session.add(row)
        changed = True
    found = session.exec(select(Redirect).where(Redirect.old_path == old)).first()
    if found is None:
        session.add(Redirect(old_path=old, new_path=new, source=source))
        changed = True
    elif found.new_path != new:
        found.new_path, found.source = new, source
        session.add(found)
        changed = True
    session.flush()
    return changed


# Built once (the WordPress import asks it for every post): rows from or to any of the keys.
_TOUCHING = select(Redirect).where(
    col(Redirect.old_path).in_(bindparam("olds", expanding=True)) | col(Redirect.new_path).in_(bindparam("keys", expanding=True)))


def add_to_live_page(session: Session, keys: set[str], target: str, *, source: str) -> int:
    """Point every key in ``keys`` at ``target``, a page that exists: ``add`` for many keys in one query
    and one multi-row INSERT.

    Keys naming the site's own addresses are skipped. Returns how many rows changed.
    """
    keys = {k for k in keys if k != target and len(k) <= MAX_PATH and k.strip("/").split("/")[0] not in RESERVED}
    live = normalise(target)
    rows = session.exec(_TOUCHING, params={"olds": [*keys, live], "keys": list(keys)}).all()
    for row in rows:
        if row.old_path == live:
            session.delete(row)  # the target is live: it redirects nowhere
    if not keys:
        return 0
    rows = [row for row in rows if row.old_path != live]
    changed = 0
    for row in rows:
        if row.new_path in keys:  # X → key → target
            row.new_path = target
            session.add(row)
            changed += 1
    existing = {r.old_path: r for r in rows if r.old_path in keys}
    new: list[dict[str, object]] = []
    for key in sorted(keys):
        current = existing.get(key)
        if current is None:
            new.append({"old_path": key, "new_path": target, "status_code": 301, "source": source, "created_at": utcnow()})
        elif current.new_path != target:
            current.new_path, current.source = target, source
            session.add(current)
            changed += 1
    if new:
        session.flush()
        session.execute(insert(Redirect.__table__), new)  # type: ignore[attr-defined]  # set by SQLModel on table models
    return changed + len(new)


def record_slug_change(session: Session, article: Article, old_slug: str) -> bool:
    """Call when a published article's slug changes: its old address answers 301 to the new one."""
    if not old_slug or old_slug == article.slug or article.status != ArticleStatus.published.value:
        return False
    return add(session, routes.article_url(old_slug), routes.article_url(article.slug), source="slug",
               target_is_live=True, allow_reserved=True)


# --- the newsroom (admins only) ----------------------------------------------------------


def list_redirects(session: Session, *, user: StaffUser | None, query: str = "", limit: int = 200) -> list[RedirectRow]:
    require(user, Role.admin)
    q = select(Redirect)
    if query:
        q = q.where(col(Redirect.old_path).contains(query[:100]) | col(Redirect.new_path).contains(query[:100]))
    rows = session.exec(q.order_by(Redirect.old_path).limit(limit)).all()
    return [RedirectRow(r.id, r.old_path, r.new_path, r.source) for r in rows]


def _clean_target(new: str) -> str:
    new = (new or "").strip()
    if new.startswith("/") and not new.startswith("//"):
        return new
    parts = urlsplit(new)
    if parts.scheme in ("http", "https") and parts.hostname:
        return new
    raise RedirectError("The new address must be a path on this site (/article/…) or an http(s) address.")


def add_manual(session: Session, *, user: StaffUser | None, old: object, new: object) -> None:
    """An admin's redirect. Raises ``RedirectError`` with a message to show."""
    require(user, Role.admin)
    old_s, new_s = str(old or "").strip() if isinstance(old, str) else "", new if isinstance(new, str) else ""
    if not old_s.startswith("/") or old_s.startswith("//"):
        raise RedirectError("The old address must be a path starting with /, like /2019/05/old-post/.")
    key = key_of_url(old_s)
    add(session, key, _clean_target(new_s), source="manual")


def remove(session: Session, *, user: StaffUser | None, redirect_id: object) -> bool:
    require(user, Role.admin)
    row = session.get(Redirect, redirect_id) if as_id(redirect_id) else None
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
