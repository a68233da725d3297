"""Reader states: the site, front and listings, article, comments, search, corrections."""
