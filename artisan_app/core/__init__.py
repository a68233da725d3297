"""The bottom layer: settings, the database engine and session, and what counts as an
outage. Imports nothing else from ``artisan_app``; everything else may import it."""
