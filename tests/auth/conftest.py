"""The API harness of tests/api, and an app whose demo users have known passwords."""

from __future__ import annotations

import functools
import subprocess
import sys
import time

import httpx
import pytest

from tests import pg
from tests.auth.mailbox import free_port
from tests.harness import running
from tests.helpers import USERS
from vital.auth.passwords import hash_password
from vital.auth.tokens import mint_key

PASSWORD = "correct horse battery staple"
# Small waits so the limiter's tests run in seconds; the address limit is low to reach it.
FAST_LIMITS = {"auth_email_delay_seconds": 0.05, "auth_email_delay_max_seconds": 0.4,
               "auth_ip_max_failures": 5, "auth_ip_window_seconds": 120, "trust_forwarded_host": True,
               # Reuse of a spent refresh token ends the session at once (the grace: test_sign_in_gaps).
               "refresh_reuse_seconds": 0}


def set_passwords(database: str, password: str = PASSWORD) -> None:
    with pg.connect(database) as conn:
        for email in USERS.values():
            conn.execute("SELECT vital.set_password(u.id, %s) FROM auth.users u WHERE u.email = %s",
                         (_hashed(password), email))


@functools.cache
def _hashed(password: str) -> str:
    # argon2 is slow on purpose (~0.2 s a hash): one salted hash of a password serves every demo user of
    # every test database of the run. Sign-ins still verify it with argon2 each time.
    return hash_password(password)


class Auth:
    """Calls to /auth/v1 of one tenant's host with the anon key, from one client address."""

    def __init__(self, api, subdomain: str = "acme", address: str = "198.51.100.7"):
        self.api, self.subdomain, self.address = api, subdomain, address
        self.anon = mint_key(api.settings, "anon")

    def call(self, method: str, path: str, token: str | None = None, **kw):
        headers = {"apikey": self.anon, "X-Forwarded-For": self.address, **kw.pop("headers", {})}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.api.client.request(method, f"http://{self.subdomain}.localhost/auth/v1{path}",
                                       headers=headers, **kw)

    def sign_in(self, email: str, password: str = PASSWORD):
        return self.call("POST", "/token?grant_type=password", json={"email": email, "password": password})

    def refresh(self, refresh_token: str):
        return self.call("POST", "/token?grant_type=refresh_token", json={"refresh_token": refresh_token})


@pytest.fixture
def auth_api(fresh_db):
    set_passwords(fresh_db)
    with running(fresh_db, **FAST_LIMITS) as started:
        yield started


# The real OpenID provider (oidc-provider-mock) on loopback, for the single sign-on tests.
@pytest.fixture(scope="module")
def idp():
    """The provider's issuer URL; the process is stopped (by its pid) afterwards."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the mock provider did not start"
            time.sleep(0.2)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
