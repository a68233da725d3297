"""The ``artisan`` command: staff accounts, seed content, the WordPress import and the trash.

The commands live in one module each and are put together in ``main.py`` (the console
script ``artisan``, or ``python -m artisan_app.cli``). ``python -m artisan_app.users``,
``.seed``, ``.trash`` and ``.wordpress`` run the same commands.
"""
