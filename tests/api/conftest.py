"""Fixtures that start the API harness (tests/harness.py) for the tests of this folder."""

from __future__ import annotations

import pytest

from tests import pg
from tests.harness import api_settings, running, tenants_of  # noqa: F401 (older imports still name this module)


@pytest.fixture(scope="session")
def api_db():
    name = pg.clone()
    yield name
    pg.drop(name)


@pytest.fixture(scope="session")
def api(api_db):
    """One app for the session's tests that leave the data as they found it."""
    with running(api_db) as started:
        yield started


@pytest.fixture
def fresh_api(fresh_db):
    """An app on a database of its own, for tests that change data."""
    with running(fresh_db) as started:
        yield started
