"""Names readers may not comment under: the publication's and its staff's.

Replies written in the newsroom are signed with ``PUBLICATION_NAME`` and marked
``by_staff`` (shown with a "Staff" badge); a reader typing that name, a staff
member's or a byline's is asked to use their own.
"""

from __future__ import annotations

import unicodedata

from sqlmodel import Session, col, select

from artisan_app.models import Author, User

PUBLICATION_NAME = "Artisan Times"
RESERVED_NAME_MESSAGE = "That name is reserved for the publication and its staff. Please comment under your own name."


def _name_key(name: str) -> str:
    """Names compared as readers would read them: case, spacing, punctuation and
    compatibility forms (full-width letters, ligatures) ignored."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def reserved_name(session: Session, name: str) -> bool:
    """The publication's name (anywhere in the name) and staff names and bylines are
    the newsroom's: a reader cannot sign as them."""
    key = _name_key(name)
    if not key:
        return False
    if _name_key(PUBLICATION_NAME) in key:
        return True
    staff = session.exec(select(col(User.name)).where(col(User.is_active).is_(True))).all()
    bylines = session.exec(select(Author.name)).all()
    return any(_name_key(n) == key for n in [*staff, *bylines])
