"""Permanent redirects from old addresses: WordPress permalinks, changed slugs, and ones admins add.

Keys are paths as a browser's request decodes them, without the trailing slash
(``/2024/03/05/my-post``; WordPress's query links are kept as ``/?p=123``).
Chains never form: adding A → B when X → A exists makes X → B too, and a
target that has its own redirect is followed to the end first. Two rules hold
for every redirect, whoever adds it, when it is saved and again when it is served:
it never takes over one of the site's own pages (``services.site.paths.own_page``), and
it never leads back to where it started (``follow``: the target is looked up
as a request for it would be, query and all, through every hop). Imported
redirects wait for an admin's confirmation (``confirmed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import bindparam, func, insert, update
from sqlmodel import Session, col, select

from artisan_app.core import routes
from artisan_app.core.settings import settings
from artisan_app.models import Article, ArticleStatus, Redirect, Role, utcnow
from artisan_app.services.accounts.auth import StaffUser, require
from artisan_app.services.common.ids import as_id
from artisan_app.services.site import paths

MAX_PATH = 500
MAX_HOPS = 8  # chains are collapsed when saved; a longer one is treated as a loop
SKIPPED_SUFFIXES = (
    ".js",
    ".css",
    ".map",
    ".woff",
    ".woff2",
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
    ".gif",
    ".svg",
    ".ico",
    ".json",
    ".txt",
    ".avif",
)


class RedirectError(ValueError):
    """A redirect that cannot be added; the message says why."""


@dataclass(frozen=True)
class Found:
    """Where a request goes: the end of the chain, and whether an admin confirmed the redirect."""

    target: str
    confirmed: bool


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
    """Requests the middleware checks: not the app's own machinery or static files (``find`` answers
    the site's other own addresses without a query)."""
    return not path.startswith(("/_", "/assets/", "/fonts/")) and not path.lower().endswith(SKIPPED_SUFFIXES)


def target_key(target: str) -> str | None:
    """The key a request for ``target`` is looked up under (``/promo?utm_source=x`` → ``/promo``);
    ``None`` for another site's address."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.site_url)
        if parts.scheme not in ("http", "https") or (parts.netloc.lower(), parts.scheme) != (site.netloc.lower(), site.scheme):
            return None
    return key_for(parts.path or "/", parts.query)


def _next(session: Session, key: str) -> tuple[str, bool] | None:
    row = session.exec(select(Redirect.new_path, Redirect.confirmed).where(Redirect.old_path == key)).first()
    return (row[0], row[1]) if row is not None else None


def follow(session: Session, target: str, *, start: str) -> str:
    """The end of the redirects from ``target`` on. Raises ``RedirectError`` if they lead back to
    ``start`` (the key being redirected) or round in a circle. The one loop check: for saving and serving."""
    seen = {start}
    for _ in range(MAX_HOPS):
        key = target_key(target)
        if key is None:
            return target
        if key in seen:
            raise RedirectError(f"{start} would redirect back to itself (through {target}).")
        seen.add(key)
        step = _next(session, key)
        if step is None:
            return target
        target = step[0]
    raise RedirectError(f"{start} leads through more than {MAX_HOPS} redirects.")


def find(session: Session, path: str, query: str = "") -> Found | None:
    """Where a request for ``path?query`` should go, or None (no redirect, a loop, or a live page)."""
    key = key_for(path, query)
    if len(key) > MAX_PATH or paths.reserved(key) is not None:
        return None
    step = _next(session, key)
    if step is None or paths.own_page(session, key) is not None:
        return None
    try:
        return Found(follow(session, step[0], start=key), step[1])
    except RedirectError:
        return None


def _check_old(session: Session, old: str) -> None:
    reason = paths.own_page(session, old)
    if reason is not None:
        raise RedirectError(f"{old} {reason}: it cannot redirect elsewhere.")


def add(session: Session, old: str, new: str, *, source: str = "manual", target_is_live: bool = False) -> bool:
    """Record ``old`` → ``new`` (a key from ``key_for``/``normalise``). Returns whether anything changed.

    Raises ``RedirectError`` if ``old`` is one of the site's own pages or the redirect would loop.
    Imported redirects (``source="wordpress"``) wait for an admin's confirmation.
    """
    old = old if old.startswith("/?p=") else normalise(old)
    if len(old) > MAX_PATH or len(new) > MAX_PATH:
        raise RedirectError("Addresses must be 500 characters or fewer.")
    _check_old(session, old)
    new_key = target_key(new)
    if target_is_live and new_key is not None:  # the target is a page now: it must not redirect anywhere itself
        for row in session.exec(select(Redirect).where(Redirect.old_path == new_key)).all():
            session.delete(row)
        session.flush()
    new = follow(session, new, start=old)
    confirmed = source != "wordpress"
    changed = False
    for row in session.exec(select(Redirect).where(Redirect.new_path == old, Redirect.old_path != old)).all():
        row.new_path = new  # collapse X → old → new into X → new
        session.add(row)
        changed = True
    found = session.exec(select(Redirect).where(Redirect.old_path == old)).first()
    if found is None:
        session.add(Redirect(old_path=old, new_path=new, source=source, confirmed=confirmed))
        changed = True
    elif found.new_path != new:
        found.new_path, found.source, found.confirmed = new, source, confirmed
        session.add(found)
        changed = True
    session.flush()
    return changed


# Built once (the WordPress import asks it for every post): rows from or to any of the keys.
_TOUCHING = select(Redirect).where(
    col(Redirect.old_path).in_(bindparam("olds", expanding=True)) | col(Redirect.new_path).in_(bindparam("keys", expanding=True))
)


def add_to_live_page(session: Session, keys: set[str], target: str, *, source: str) -> tuple[int, dict[str, str]]:
    """Point every key in ``keys`` at ``target``, a page that exists: ``add`` for many keys in one query
    and one multi-row INSERT.

    Returns how many rows changed, and the keys refused with the reason (the site's own pages).
    """
    keys = {k for k in keys if k != target and len(k) <= MAX_PATH}
    refused = {k: reason for k in sorted(keys) if (reason := paths.own_page(session, k)) is not None}
    keys -= refused.keys()
    live = normalise(target)
    rows = session.exec(_TOUCHING, params={"olds": [*keys, live], "keys": list(keys)}).all()
    for row in rows:
        if row.old_path == live:
            session.delete(row)  # the target is live: it redirects nowhere
    if not keys:
        return 0, refused
    rows = [row for row in rows if row.old_path != live]
    confirmed = source != "wordpress"
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
            new.append(
                {
                    "old_path": key,
                    "new_path": target,
                    "status_code": 301,
                    "source": source,
                    "confirmed": confirmed,
                    "created_at": utcnow(),
                }
            )
        elif current.new_path != target:
            current.new_path, current.source, current.confirmed = target, source, confirmed
            session.add(current)
            changed += 1
    if new:
        session.flush()
        session.execute(insert(Redirect.__table__), new)  # type: ignore[attr-defined]  # set by SQLModel on table models
    return changed + len(new), refused


def record_slug_change(session: Session, article: Article, old_slug: str) -> bool:
    """Call when a published article's slug changes: its old address answers 301 to the new one
    (unless another page now has that address)."""
    if not old_slug or old_slug == article.slug or article.status != ArticleStatus.published.value:
        return False
    try:
        return add(session, routes.article_url(old_slug), routes.article_url(article.slug), source="slug", target_is_live=True)
    except RedirectError:
        return False


# --- the newsroom (admins only) ----------------------------------------------------------


@dataclass(frozen=True)
class RedirectRow:
    id: int
    old_path: str
    new_path: str
    source: str
    confirmed: bool


def list_redirects(session: Session, *, user: StaffUser | None, query: str = "", limit: int = 200) -> list[RedirectRow]:
    """Redirects waiting for confirmation first, then the rest, each by old address."""
    require(user, Role.admin)
    q = select(Redirect)
    if query:
        q = q.where(col(Redirect.old_path).contains(query[:100]) | col(Redirect.new_path).contains(query[:100]))
    rows = session.exec(q.order_by(col(Redirect.confirmed), Redirect.old_path).limit(limit)).all()
    return [RedirectRow(r.id, r.old_path, r.new_path, r.source, r.confirmed) for r in rows]


def unconfirmed_count(session: Session, *, user: StaffUser | None) -> int:
    require(user, Role.admin)
    return session.exec(select(func.count()).select_from(Redirect).where(col(Redirect.confirmed).is_(False))).one()


def _clean_target(new: str) -> str:
    new = (new or "").strip()
    if new.startswith("/") and not new.startswith("//"):
        return new
    parts = urlsplit(new)
    if parts.scheme in ("http", "https") and parts.hostname:
        return new
    raise RedirectError("The new address must be a path on this site (/article/…) or an http(s) address.")


def add_manual(session: Session, *, user: StaffUser | None, old: object, new: object) -> None:
    """An admin's redirect (confirmed: an admin made it). Raises ``RedirectError`` with a message to show."""
    require(user, Role.admin)
    old_s, new_s = str(old or "").strip() if isinstance(old, str) else "", new if isinstance(new, str) else ""
    if not old_s.startswith("/") or old_s.startswith("//"):
        raise RedirectError("The old address must be a path starting with /, like /2019/05/old-post/.")
    key = key_of_url(old_s)
    add(session, key, _clean_target(new_s), source="manual")


def confirm(session: Session, *, user: StaffUser | None, redirect_id: object | None = None) -> int:
    """An admin confirms one imported redirect (or, with no id, every one waiting): from then on its
    301 may be cached for long. Returns how many were confirmed."""
    require(user, Role.admin)
    q = update(Redirect).where(col(Redirect.confirmed).is_(False))
    if redirect_id is not None:
        if not as_id(redirect_id):
            return 0
        q = q.where(col(Redirect.id) == as_id(redirect_id))
    done = session.execute(q.values(confirmed=True)).rowcount  # type: ignore[attr-defined]  # a CursorResult
    session.flush()
    return int(done or 0)


def remove(session: Session, *, user: StaffUser | None, redirect_id: object) -> bool:
    require(user, Role.admin)
    row = session.get(Redirect, redirect_id) if as_id(redirect_id) else None
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
