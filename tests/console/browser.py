"""Debian's Chromium driven by Playwright, for the console's tests and screenshots.

Playwright's own browser download is not possible here (closed network), so it launches
/usr/bin/chromium with the flags that keep Chromium off the network. Without it the tests fail
with a message saying how to install it (CI installs it in .ci/run)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("VITAL_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENS = Path(__file__).resolve().parents[2] / "build" / "console-screens"


def require_chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"The console's browser tests need Chromium at {CHROMIUM}: "
                           "`apt-get install -y chromium` (Debian's package; .ci/run installs it), "
                           "or set VITAL_CHROMIUM to another Chromium binary.")
    return CHROMIUM


@contextmanager
def chromium():
    """A fresh headless Chromium, closed afterwards (Playwright gives it a new empty profile)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, timeout=90_000)  # a tall page on a loaded machine is slow
    return path


def url(port: int, path: str, tenant: str = "acme") -> str:
    return f"http://{tenant}.localhost:{port}{path}"


def sign_in(page, port: int, email: str = "ada@acme.example", tenant: str = "acme", path: str = "/sign-in"):
    from tests.auth.conftest import PASSWORD
    page.goto(url(port, path, tenant))
    form = page.get_by_role("region", name="With your password")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
