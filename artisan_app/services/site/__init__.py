"""What the public site serves: page data, feeds, SEO tags, redirects, links between editions, content changes."""
