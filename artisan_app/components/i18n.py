"""The live app's interface wording in the edition's language.

``t("Leave a comment")`` is the message in the language of the page shown, from the same Babel
catalog as the reader templates; English until the page has loaded. Every edition's wording of
the message is compiled into the page (a literal indexed by ``SiteState.language``), so no tab's
state holds or sends the interface's messages (smaller state snapshots and pickles).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from artisan_app.core import i18n
from artisan_app.state.reader.site import SiteState


def t(message: str) -> Any:  # a string Var: components take it wherever they take text
    """The wording of ``message`` (an ``i18n.INTERFACE`` id) for the page's edition."""
    by_language = {language: i18n.translate(language, message) for language in i18n.LANGUAGES}
    return rx.Var.create(by_language)[SiteState.language].to(str)
