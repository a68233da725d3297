"""The upload limit, an ASGI middleware inside the security headers (``web.middleware.security_headers.harden``).

``POST /_upload`` reaches Reflex's upload endpoint, which
parses (spools to a temporary file) the whole multipart body *before* the
handler can check who is signed in. This middleware refuses a body over
``MAX_UPLOAD_BYTES`` while it streams: a declared ``Content-Length`` over the
limit is answered 413 before one byte is read; a body without a length (or
longer than it said) is counted as it arrives and cut off with 413 the moment
it passes the limit. A body without a length is held in memory (at most the
limit) and only handed on once complete, so nothing is written to disk for a
refused upload either way.

One upload may be larger: an admin's WordPress export, up to
``wordpress.service.MAX_UPLOAD_BYTES``, when the request carries a valid upload
grant for its own client token and handler (``wordpress/service.py``). Such a
body is never held in memory: it streams on to Reflex, which spools it to a
temporary file, and is cut off (413, the app sees a disconnect) past the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from artisan_app.wordpress import service as wordpress_import

# Covers and portraits are re-encoded images of at most 8 MB (services/media/single_images.py),
# plus multipart framing and the handler's JSON arguments.
MAX_UPLOAD_BYTES = 9 * 1024 * 1024
UPLOAD_PATH = "/_upload"
TOO_LARGE_MESSAGE = b"Upload refused: files must be 8 MB or smaller."
EXPORT_TOO_LARGE_MESSAGE = b"Upload refused: exports must be %d MB or smaller." % (wordpress_import.MAX_UPLOAD_BYTES // 2**20)


def _is_upload(scope: Scope) -> bool:
    return scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/").endswith(UPLOAD_PATH)


async def _send_413(send: Send, text: bytes = TOO_LARGE_MESSAGE) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(text)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": text})


def _is_granted_import(headers: dict[bytes, bytes]) -> bool:
    grant = headers.get(wordpress_import.GRANT_HEADER.lower().encode())
    if not grant:
        return False
    return wordpress_import.grants_upload(
        grant.decode("latin-1"),
        client_token=headers.get(b"reflex-client-token", b"").decode("latin-1"),
        handler=headers.get(b"reflex-event-handler", b"").decode("latin-1"),
    )


class UploadLimit:
    """413 for ``POST /_upload`` bodies over ``limit`` bytes (``import_limit`` for a granted export),
    before the app reads them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_UPLOAD_BYTES, import_limit: int = wordpress_import.MAX_UPLOAD_BYTES):
        self.app = app
        self.limit = limit
        self.import_limit = import_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_upload(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        export = _is_granted_import(headers)
        limit, text = (self.import_limit, EXPORT_TOO_LARGE_MESSAGE) if export else (self.limit, TOO_LARGE_MESSAGE)
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = limit + 1
            if length > limit:
                await _send_413(send, text)
                return
        if declared is not None or export:  # an export streams on, counted; never held in memory
            await self._counted(scope, receive, send, limit, text)
            return
        # No length (chunked): read it all into memory first, at most ``limit`` bytes.
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await _send_413(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": whole, "more_body": False}

        await self.app(scope, replay, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int, text: bytes) -> None:
        """A body longer than ``limit`` (or its ``Content-Length``): the client gets a 413, the app a disconnect."""
        size, refused = 0, False

        async def counted() -> Message:
            nonlocal size, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                if size > limit:
                    refused = True
                    await _send_413(send, text)
                    return {"type": "http.disconnect"}
            return message

        async def send_unless_refused(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, send_unless_refused)
