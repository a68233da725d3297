"""Full-text search: the queries, the search index and Arabic-script folding."""
