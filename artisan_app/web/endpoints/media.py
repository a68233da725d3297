"""GET /media/<name>: image renditions and crops, cached for a year.

Names are content-hashed (``services/media/names.py``), so a file never changes
under its name: ``Cache-Control: public, max-age=31536000, immutable``. Only names
of that exact shape are looked up (no slashes, no dots but the extension's), so
nothing else in the store (the masters) or outside it can be reached; anything
else is 404. The store itself is outside every folder served whole (settings
refuse an ``ARTISAN_MEDIA_DIR`` inside Reflex's upload folder), so this route is
the only way to its files.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from artisan_app.services.media.names import content_type
from artisan_app.services.media.storage import MEDIA_URL, default_storage

IMMUTABLE = "public, max-age=31536000, immutable"


def serve_media(request: Request) -> Response:
    name = request.path_params["name"]
    media_type = content_type(name)
    if media_type is None:
        return PlainTextResponse("No such image.", status_code=404)
    try:
        data = default_storage().open(name)
    except FileNotFoundError:
        return PlainTextResponse("No such image.", status_code=404, headers={"Cache-Control": "no-store"})
    headers = {"Cache-Control": IMMUTABLE, "ETag": f'"{name}"', "X-Content-Type-Options": "nosniff"}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(
        data if request.method == "GET" else b"", media_type=media_type, headers={**headers, "Content-Length": str(len(data))}
    )


def media_routes() -> list[BaseRoute]:
    return [Route(MEDIA_URL + "/{name}", serve_media, methods=["GET", "HEAD"])]
