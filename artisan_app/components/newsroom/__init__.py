"""Newsroom components: the frame, tools, redirects."""
