"""Business rules and queries. Plain functions over a SQLModel session; no Reflex here."""

# Every write that changes what readers see bumps the content generation in its own
# transaction (the cached pages' key), whichever process makes it.
from artisan_app.services.site import content_changes as _content_changes  # noqa: E402

_content_changes.install()
