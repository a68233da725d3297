"""HTTP routes of the newsletter (mounted by ``web/http_app.py``):

- ``POST /newsletter/unsubscribe/{token}``: RFC 8058 one-click unsubscribe, the
  target of every newsletter's ``List-Unsubscribe`` header. Mail providers post
  ``List-Unsubscribe=One-Click`` here without any sign-in or cookie; the signed
  token is the authority. ``GET`` on the same URL (older clients follow the
  header as a link) leads to the preferences page instead of changing anything.
- ``POST /newsletter/subscribe``: the sign-up form of the first view (the
  server's HTML, before the app has loaded, or without JavaScript). The app's
  own form calls ``NewsletterState.subscribe``; both go through
  ``services/newsletter/subscriptions.py`` and answer alike. Only posts from this site's
  own pages are taken (``web/same_origin.py``): another site's page cannot
  make its visitors' browsers sign somebody up.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from artisan_app.core import db, routes
from artisan_app.services.newsletter import subscriptions
from artisan_app.services.newsletter.subscriptions import SubscriptionError
from artisan_app.web.client import client_key
from artisan_app.web.same_origin import from_this_site

MAX_FORM_BYTES = 10_000
NOT_FROM_HERE = "Please sign up on the newsletter page of this site."


def _queue(mail: subscriptions.MailToSend | None) -> None:
    if mail is not None:
        from artisan_app.jobs import tasks

        tasks.send_subscription_mail(mail.kind, mail.subscriber_id)


def one_click_unsubscribe(request: Request) -> Response:
    token = request.path_params["token"]
    if request.method == "GET":
        return RedirectResponse(f"{routes.NEWSLETTER_PREFERENCES}?token={quote(token)}&unsubscribe=1", status_code=303)
    try:
        with db.session_scope() as session:
            subscriptions.unsubscribe(session, token)
    except SubscriptionError as exc:
        return PlainTextResponse(exc.message, status_code=400)
    return PlainTextResponse("You are unsubscribed from the Artisan Times newsletter.")


async def subscribe(request: Request) -> Response:
    if not from_this_site(request):
        return PlainTextResponse(NOT_FROM_HERE, status_code=403)
    if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
        return PlainTextResponse("Too large.", status_code=413)
    form = await request.form(max_files=0, max_fields=100)
    client = client_key(request)

    def sign_up() -> None:
        with db.session_scope() as session:
            mail = subscriptions.subscribe(
                session, email=form.get("email", ""), sections=form.getlist("section"), client_key=client
            )
        _queue(mail)

    try:
        await run_in_threadpool(sign_up)
    except SubscriptionError as exc:
        # A code, not the text: a link must not be able to put words on our page.
        return RedirectResponse(f"{routes.NEWSLETTER}?error={subscriptions.signup_error_code(exc.message)}", status_code=303)
    return RedirectResponse(f"{routes.NEWSLETTER}?subscribed=1", status_code=303)


def newsletter_routes() -> list[BaseRoute]:
    return [
        Route(routes.NEWSLETTER_SUBSCRIBE_POST, subscribe, methods=["POST"]),
        Route("/newsletter/unsubscribe/{token}", one_click_unsubscribe, methods=["GET", "POST"]),
    ]
