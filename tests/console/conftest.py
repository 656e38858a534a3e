"""The console's browser modules share the way they serve the app and drive Chromium: the app on
uvicorn on loopback over a seeded clone with the services' test corpus (one per module), and one
Chromium per module."""

from __future__ import annotations

import pytest

from tests import pg
from tests.auth.conftest import set_passwords
from tests.console.browser import chromium
from tests.harness import api_settings, served_over_loopback
from tests.services.conftest import SERVICE_SETTINGS, prepared


@pytest.fixture(scope="module")
def served():
    name, _ = prepared()
    set_passwords(name)
    try:
        with served_over_loopback(api_settings(name, **SERVICE_SETTINGS)) as port:
            yield port
    finally:
        pg.drop(name)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b
