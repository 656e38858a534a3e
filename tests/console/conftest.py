"""The console's browser modules share one server and one Chromium (package scope, to keep the
suite's time small): the app on uvicorn on loopback over a seeded clone with the services' test
corpus and the demo users' passwords set."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import pg
from tests.auth.conftest import set_passwords
from tests.console.browser import chromium
from tests.harness import api_settings, served_over_loopback
from tests.services.conftest import SERVICE_SETTINGS, prepared
from vital.settings import Settings


@dataclass
class Served:
    port: int
    database: str
    settings: Settings


@pytest.fixture(scope="package")
def console_server():
    name, _ = prepared()
    set_passwords(name)
    settings = api_settings(name, **SERVICE_SETTINGS)
    try:
        with served_over_loopback(settings) as port:
            yield Served(port, name, settings)
    finally:
        pg.drop(name)


@pytest.fixture(scope="package")
def served(console_server) -> int:
    return console_server.port


@pytest.fixture(scope="package")
def browser():
    with chromium() as b:
        yield b
