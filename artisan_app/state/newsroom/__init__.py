"""Newsroom states: sign-in guard, article list, settings, moderation, redirects, import."""
