"""HTTP endpoints beside the pages: health, media, the newsletter's links, editions, not found."""
