"""The live app's interface wording in the edition's language (issue #17).

``t("Leave a comment")`` is the message in the language of the page shown (``SiteState.ui``,
from the same Babel catalog as the reader templates); English until the page has loaded.
"""

from __future__ import annotations

from artisan_app.state.site import SiteState


def t(message: str):
    """The wording of ``message`` (an ``i18n.INTERFACE`` id) for the page's edition."""
    return SiteState.ui[message]
