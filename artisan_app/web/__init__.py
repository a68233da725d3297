"""Web plumbing around the Reflex app: how HTTP requests reach ``artisan_app/web/http_app.py``."""
