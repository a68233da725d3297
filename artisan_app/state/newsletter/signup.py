"""Readers and the newsletter: the sign-up form (front page, after articles,
``/newsletter``), the confirmation link and the preferences page.

No address is ever held here after a sign-up: the form's input is uncontrolled
and the state keeps only the answer. The preferences page knows its reader by
the signed token in its link, never by an address.
"""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.newsletter import subscriptions
from artisan_app.services.newsletter.subscriptions import SubscriptionError
from artisan_app.state.support.clients import client_key


def _sections(form_data) -> list[str]:
    if hasattr(form_data, "getlist"):
        values = form_data.getlist("section")
    else:
        value = form_data.get("section") if isinstance(form_data, dict) else None
        values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)][:50]


def _queue(mail: subscriptions.MailToSend | None) -> None:
    if mail is not None:
        from artisan_app.jobs import tasks

        tasks.send_subscription_mail(mail.kind, mail.subscriber_id)


class NewsletterState(rx.State):
    # The sign-up form: one answer, whichever form on the page was used.
    answer: str = ""
    error: str = ""
    # /newsletter/confirm
    confirmed: bool = False
    confirm_error: str = ""
    # /newsletter/preferences
    pref_status: str = ""
    pref_all: bool = True
    pref_sections: list[str] = []
    pref_message: str = ""
    pref_error: str = ""
    loaded: bool = False

    @rx.event
    def subscribe(self, form_data: dict):
        form_data = form_data if hasattr(form_data, "get") else {}
        client = client_key(self)
        try:
            with db.session_scope() as session:
                mail = subscriptions.subscribe(
                    session, email=form_data.get("email", ""), sections=_sections(form_data), client_key=client
                )
        except SubscriptionError as exc:
            self.answer, self.error = "", exc.message
            return
        _queue(mail)
        self.answer, self.error = subscriptions.SUBSCRIBE_ANSWER, ""

    @rx.event
    def load_signup(self):
        """``/newsletter``: the answer of a sign-up posted from the first view (``?subscribed=1``), as the
        first view shows it (``subscriptions.signup_outcome``)."""
        self.answer, self.error = subscriptions.signup_outcome(self.router.url.query_parameters)
        self.loaded = True

    def _token(self) -> str:
        token = self.router.url.query_parameters.get("token", "")
        return token if isinstance(token, str) else ""

    @rx.event
    def confirm(self):
        """``/newsletter/confirm?token=...``: the link in the confirmation mail."""
        try:
            with db.session_scope() as session:
                subscriptions.confirm(session, self._token())
        except SubscriptionError as exc:
            self.confirmed, self.confirm_error = False, exc.message
        else:
            self.confirmed, self.confirm_error = True, ""
        self.loaded = True

    def _show(self, view: subscriptions.SubscriptionView) -> None:
        self.pref_status, self.pref_all, self.pref_sections = view.status, view.all_categories, view.sections

    @rx.event
    def load_preferences(self):
        """``/newsletter/preferences?token=...`` (``&unsubscribe=1``: the mail's unsubscribe link)."""
        self.pref_message, self.pref_error = "", ""
        token = self._token()
        try:
            with db.session_scope() as session:
                if self.router.url.query_parameters.get("unsubscribe") == "1":
                    subscriptions.unsubscribe(session, token)
                    self.pref_message = "You are unsubscribed. You will get no more newsletters."
                self._show(subscriptions.subscription(session, token))
        except SubscriptionError as exc:
            self.pref_status, self.pref_error = "", exc.message
        self.loaded = True

    @rx.event
    def save_preferences(self, form_data: dict):
        form_data = form_data if hasattr(form_data, "get") else {}
        chosen = _sections(form_data) if form_data.get("scope") == "chosen" else []
        try:
            with db.session_scope() as session:
                self._show(subscriptions.update_preferences(session, self._token(), sections=chosen))
        except SubscriptionError as exc:
            self.pref_message, self.pref_error = "", exc.message
            return
        self.pref_message, self.pref_error = "Saved. Your newsletter now has what you chose.", ""

    @rx.event
    def unsubscribe(self):
        try:
            with db.session_scope() as session:
                subscriptions.unsubscribe(session, self._token())
                self._show(subscriptions.subscription(session, self._token()))
        except SubscriptionError as exc:
            self.pref_error = exc.message
            return
        self.pref_message, self.pref_error = "You are unsubscribed. You will get no more newsletters.", ""
