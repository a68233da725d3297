"""Security tests (issue #12): the state fixtures are shared with tests/state."""

from tests.state.conftest import root  # noqa: F401
