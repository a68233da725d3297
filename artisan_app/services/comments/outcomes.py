"""The outcome of a comment posted from the article's plain HTML form, as a short code in the URL
it comes back to (``/article/x?comment=held``): the first view and the app both show the code's
fixed message, never text from the URL (``web/endpoints/comments.py``)."""

from __future__ import annotations

from artisan_app.services.comments import submission as svc

QUERY_KEY = "comment"

# code -> (message, good news?)
OUTCOMES: dict[str, tuple[str, bool]] = {
    "published": (svc.PUBLISHED_MESSAGE, True),
    "held": (svc.AWAITING_MESSAGE, True),
    "invalid": (svc.FIX_FIELDS_MESSAGE, False),
    "refused": (svc.REFUSED_MESSAGE, False),
    "limited": (svc.RATE_LIMITED_MESSAGE, False),
    "closed": (svc.CLOSED_MESSAGE, False),
}
_REFUSALS = {svc.RATE_LIMITED_MESSAGE: "limited", svc.CLOSED_MESSAGE: "closed"}


def posted(result: svc.SubmitResult) -> str:
    return "published" if result.published else "held"


def refused(exc: svc.CommentRefused) -> str:
    return _REFUSALS.get(exc.message, "refused")


def success(code: object) -> tuple[str, bool] | None:
    """The message of a posted comment's code (a failure's is shown only with its kept values)."""
    outcome = OUTCOMES.get(code) if isinstance(code, str) else None
    return outcome if outcome is not None and outcome[1] else None
