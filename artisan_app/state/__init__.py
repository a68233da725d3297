"""Reflex states: thin, per concern, holding plain serialisable values only."""
