"""``python -m artisan_app.cli``: the ``artisan`` command without the console script."""

from artisan_app.cli.main import artisan

if __name__ == "__main__":
    artisan(prog_name="artisan")
