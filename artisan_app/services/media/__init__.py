"""Photographs: upload checks, renditions and crops, storage, and ``<picture>`` data.

* ``checks``      what may be uploaded, and the cleaned picture (Pillow)
* ``names``       file names / sizes of renditions and crops, derived from an ``Image`` row (pure)
* ``renditions``  making renditions and focal-point crops (Pillow)
* ``storage``     the ``MediaStorage`` interface and ``LocalStorage`` (``ARTISAN_MEDIA_DIR``)
* ``library``     the ``Image`` rows: import once, focal point, covers (alt text required)
* ``markup``      ``<picture>`` data and HTML, Open Graph / JSON-LD image URLs (pure)
"""
