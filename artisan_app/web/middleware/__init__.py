"""ASGI middleware around the app: security headers, redirects, upload limit, static caching."""
