"""The sign-up's outcome after a plain POST (``services/newsletter/subscriptions.py``): one definition for the
first view and the app's ``/newsletter``."""

from __future__ import annotations

import pytest

from artisan_app.services.newsletter import subscriptions
from artisan_app.services.newsletter.subscriptions import BAD_EMAIL, SUBSCRIBE_ANSWER, TOO_MANY


@pytest.mark.parametrize(
    "query, outcome",
    [
        ({}, ("", "")),
        ({"subscribed": "1"}, (SUBSCRIBE_ANSWER, "")),
        ({"error": "email"}, ("", BAD_EMAIL)),
        ({"error": "busy"}, ("", TOO_MANY)),
        ({"subscribed": "1", "error": "busy"}, ("", TOO_MANY)),
        ({"error": "Your account is closed"}, ("", "")),  # an unknown code shows nothing, never the text
        ({"subscribed": "true"}, ("", "")),
    ],
)
def test_the_query_gives_only_fixed_answers(query, outcome):
    assert subscriptions.signup_outcome(query) == outcome


def test_each_error_has_its_code():
    for message in (BAD_EMAIL, TOO_MANY):
        assert subscriptions.signup_outcome({"error": subscriptions.signup_error_code(message)})[1] == message
