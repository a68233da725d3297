"""Artisan Times — Beyond the Headlines."""
