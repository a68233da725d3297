"""The bundled seed content (``content/``, ``images/``) and its loader."""
