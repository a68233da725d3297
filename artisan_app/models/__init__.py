"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``.

Primary keys are annotated ``id: int`` with ``default=None``: the database assigns
them on the first flush, and every use of a row's id comes after that, so typing
them optional would only make each use assert what is already true.
"""

from artisan_app.models.accounts import Role, User, UserSession
from artisan_app.models.comments import Comment, CommentStatus
from artisan_app.models.content import (
    Article,
    ArticleRevision,
    ArticleStatus,
    ArticleTag,
    Author,
    Block,
    BlockKind,
    Category,
    EditingPresence,
    Section,
    Tag,
)
from artisan_app.models.editorial import ArticleAuthor, Correction, ReviewNote, StatusChange
from artisan_app.models.media import Image
from artisan_app.models.newsletter import (  # noqa: E402
    Delivery,
    DeliveryStatus,
    Newsletter,
    NewsletterStatus,
    OutboxMessage,
    Subscriber,
    SubscriberCategory,
    SubscriberStatus,
)
from artisan_app.models.redirects import Redirect, WordPressItem
from artisan_app.models.types import UTCDateTime, utcnow

__all__ = [
    "Article",
    "ArticleRevision",
    "EditingPresence",
    "Role",
    "User",
    "UserSession",
    "ArticleStatus",
    "ArticleTag",
    "Author",
    "Block",
    "BlockKind",
    "Category",
    "Comment",
    "CommentStatus",
    "Section",
    "Tag",
    "UTCDateTime",
    "utcnow",
    "Delivery",
    "DeliveryStatus",
    "Newsletter",
    "NewsletterStatus",
    "OutboxMessage",
    "Subscriber",
    "SubscriberCategory",
    "SubscriberStatus",
    "Redirect",
    "WordPressItem",
    "Image",
    "ArticleAuthor",
    "Correction",
    "ReviewNote",
    "StatusChange",
]
from artisan_app.models.cache import ContentGeneration  # noqa: E402

__all__ += ["ContentGeneration"]
