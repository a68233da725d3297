"""Reader components: the page frame, article markup, comments, the unavailable notice."""
