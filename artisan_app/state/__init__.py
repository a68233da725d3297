"""Reflex states: thin, per concern, holding plain serialisable values only."""

from artisan_app.state.reader.site import SiteState as _SiteState
from artisan_app.state.support import resilience as _resilience

# An outage inside an ``@outage_safe`` handler shows the site's "temporarily
# unavailable" notice (resilience.py stays below site.py: no import cycle).
_resilience.report_outages_with(_SiteState.report_unavailable)  # type: ignore[arg-type]  # an EventHandler at run time
