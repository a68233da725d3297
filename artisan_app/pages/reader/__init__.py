"""Reader pages."""
