"""Seed content (files under ``content/``) and the ``python -m artisan_app.seed`` command."""
