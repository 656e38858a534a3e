"""Benchmark of the console (docs/console.md): the chat page's first load in Chromium, the page's
server time, the management pages' server time, the first streamed words of an offline (extractive) answer through the console's
SSE proxy, and a panel's page and the PDF exports of a panel and of a session. On a throwaway clone of the seeded test database with the services' test corpus, the app
on uvicorn on loopback (as the browser tests run it). Run from the project root:

    PYTHONPATH=src:. .venv/bin/python bench/console_latency.py [--runs 20]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

import httpx

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.console.browser import chromium
from tests.harness import api_settings, served_over_loopback
from tests.services.conftest import SERVICE_SETTINGS, prepared

QUESTIONS = ["When must we notify HHS about a HIPAA breach?", "How do we prepare for a GMP inspection?",
             "What sample size does a non-inferiority trial need?"]
MANAGEMENT = ("/knowledge", "/personas", "/analytics", "/admin")


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    return (f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.0f}"
            f" ms (n={len(ordered)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    name, _ = prepared()
    set_passwords(name)
    try:
        with served_over_loopback(api_settings(name, **SERVICE_SETTINGS)) as port:
            base, host = f"http://127.0.0.1:{port}", f"acme.localhost:{port}"
            with httpx.Client(base_url=base, headers={"Host": host}) as c:
                token = re.search(r'name="csrf" value="([^"]+)"', c.get("/sign-in").text).group(1)
                c.post("/sign-in", data={"csrf": token, "email": "ada@acme.example", "password": PASSWORD})
                token = re.search(r'name="csrf" value="([^"]+)"', c.get("/ask").text).group(1)
                server = []
                for _ in range(runs):
                    started = time.perf_counter()
                    assert c.get("/ask").status_code == 200
                    server.append(time.perf_counter() - started)
                pages = {}
                for path in MANAGEMENT:  # the management pages: several API calls each, charts drawn
                    pages[path] = []
                    for _ in range(runs):
                        started = time.perf_counter()
                        assert c.get(path).status_code == 200
                        pages[path].append(time.perf_counter() - started)
                first, refused = [], []
                for i in range(runs):
                    started = time.perf_counter()
                    with c.stream("POST", "/ask/stream", json={"mode": "2", "query": QUESTIONS[i % 3]},
                                  headers={"X-CSRF-Token": token, "Origin": f"http://{host}"}) as r:
                        for line in r.iter_lines():
                            if line.startswith("event: delta"):
                                first.append(time.perf_counter() - started)
                                break
                            if line.startswith("data:") and '"code"' in line:
                                refused.append(line[5:].strip()[:160])
                                break
                panel = c.post("/panels", data={"csrf": token, "kind": "panel", "archetype": "structured",
                                                 "question": "Should we use decentralised trial elements such as "
                                                             "home nursing visits in the phase III study?"},
                               headers={"Origin": f"http://{host}"}, follow_redirects=True).url.path
                session = c.get("/ask").text
                session = re.search(r'href="(/sessions/[0-9a-f-]{36})"', session).group(1)
                exports = {"GET /panels/{id} (a structured panel, 1 round, 4 members)": panel,
                           "GET /panels/{id}/export.pdf (its report)": f"{panel}/export.pdf",
                           "GET /sessions/{id}/export.pdf (a session)": f"{session}/export.pdf"}
                timed = {}
                for label, path in exports.items():
                    timed[label] = []
                    for _ in range(runs):
                        started = time.perf_counter()
                        assert c.get(path).status_code == 200
                        timed[label].append(time.perf_counter() - started)
                cookie = c.cookies.get("vital_console")
            with chromium() as browser:
                ctx = browser.new_context()
                ctx.add_cookies([{"name": "vital_console", "value": cookie, "domain": "acme.localhost", "path": "/"}])
                page, loads = ctx.new_page(), []
                for _ in range(runs):
                    page.goto(f"http://{host}/ask")
                    loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
            print(f"GET /ask, signed in (server, loopback): {ms(server)}")
            for path, times in pages.items():
                print(f"GET {path}, signed in (server, loopback): {ms(times)}")
            print(f"/ask in Chromium, navigation to load event: {ms(loads)}")
            print(f"first streamed words of an extractive answer (POST /ask/stream to first delta): {ms(first)}")
            for label, values in timed.items():
                print(f"{label}: {ms(values)}")
            if refused:
                print(f"{len(refused)} questions refused, e.g. {refused[0]}")
    finally:
        pg.drop(name)


if __name__ == "__main__":
    main()
