"""Articles as readers get them: queries, what is live, bodies and rich text, bylines, catalog, read models."""
