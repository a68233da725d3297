"""The generation of the published content: one row, bumped in the same transaction as
every write that changes what readers see (``services/site/content_changes.py``); the cached
pages (``web/page_cache.py``) belong to one generation."""

from sqlmodel import Field, SQLModel


class ContentGeneration(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)  # always 1
    value: int = Field(default=0)
