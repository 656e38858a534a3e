"""Refresh the curated screenshots that docs/console.md shows:

    PYTHONPATH=src python -m tests.console.screens

runs the console's browser tests, test_browser.py, test_workspace.py and test_manage.py (which write every page into
build/console-screens/, an ignored folder) and copies the curated pages into docs/console/. CI runs the tests but never this: it does
not rewrite tracked files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.console.browser import SCREENS

CURATED = ("sign-in", "ask", "session", "passage", "ask-phone", "plan", "report", "panel", "committee", "hybrid",
           "agents", "agent", "agents-phone", "viewer-refused", "knowledge-try", "knowledge-document", "admin", "audit",
           "admin-refused", "admin-phone", "personas", "persona", "jtbd", "analytics")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "console"


def main() -> int:
    code = pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:],  # e.g. --basetemp=...
                        str(Path(__file__).with_name("test_browser.py")),
                        str(Path(__file__).with_name("test_workspace.py")),
                        str(Path(__file__).with_name("test_manage.py"))])
    if code != 0:
        print("The browser tests failed; docs/console/ is left as it was.", file=sys.stderr)
        return int(code)
    DOCS.mkdir(parents=True, exist_ok=True)
    for name in CURATED:
        shutil.copyfile(SCREENS / f"{name}.png", DOCS / f"{name}.png")
        print(f"docs/console/{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
