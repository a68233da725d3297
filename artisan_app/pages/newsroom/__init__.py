"""Newsroom pages (``/editor/...``)."""
