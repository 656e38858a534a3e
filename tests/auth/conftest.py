"""The API harness of tests/api (an app per session on a clone, TestClient)."""

from tests.api.conftest import api, api_db, fresh_api  # noqa: F401  (fixtures)
