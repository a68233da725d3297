"""Moving in from WordPress: ``python -m artisan_app.wordpress import EXPORT.xml``.

``wxr`` reads the export (streaming, entities refused); ``html`` (with ``classic``
and ``inline``) turns post content into the intermediate body of ``ir``;
``adapter`` stores that in today's body model and lists what it cannot hold;
``importer``, ``posts`` and ``comments`` write authors, categories, articles,
comments, media and redirects; ``report`` says what happened; ``service`` is the
newsroom's upload (admins only).
"""
