"""The console in a real browser (Debian's Chromium, driven by Playwright) against the app on
uvicorn on loopback, on a seeded database with the services' test corpus: sign in, ask, the
streamed answer, its citation, the passage; signed-out redirects; another tenant's person refused;
CSRF and the CSP. Screenshots of each page go to build/console-screens/."""

from __future__ import annotations

import logging
import re

import httpx
import pytest

from tests.console.browser import screenshot, sign_in, url
from tests.console.test_flows import link_in
from tests.harness import tenants_of

QUESTION = "When must we notify HHS about a HIPAA breach?"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_sign_in_ask_stream_and_open_the_cited_passage(served, context):
    page = context.new_page()
    page.goto(url(served, "/ask"))
    assert "/sign-in?next=%2Fask" in page.url  # signed out: to sign-in, with the way back
    screenshot(page, "sign-in")
    page.locator("#password").fill("wrong")
    page.locator("#email").fill("ada@acme.example")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert "password is wrong" in page.get_by_role("alert").inner_text()

    sign_in(page, served)
    assert page.url.endswith("/ask")
    header = page.get_by_role("banner").inner_text()
    assert "Acme" in header and "ada@acme.example" in header and "owner" in header
    assert page.get_by_role("link", name="Admin").is_visible()  # an owner sees the admin link
    screenshot(page, "ask")

    deltas = []
    page.expose_function("noteDelta", lambda text: deltas.append(text))
    page.evaluate("""() => new MutationObserver(() => window.noteDelta(document.querySelector('[data-text]').textContent))
                     .observe(document.querySelector('[data-text]'), {childList: true, characterData: true, subtree: true})""")
    page.get_by_label("Your question").fill(QUESTION)
    with page.expect_navigation(url=re.compile(r"/sessions/[0-9a-f-]{36}$"), timeout=60_000):
        page.get_by_role("button", name="Ask", exact=True).click()
    # The answer was written into the page from the stream before the page moved on to the session
    # (the offline answerer's deltas come within milliseconds, so the browser may read them at once).
    assert deltas and "HHS" in deltas[-1]
    screenshot(page, "session")
    assert page.locator(".confidence").first.inner_text().split(" ")[0] in ("High", "Moderate", "Low")
    assert "HIPAA Compliance Officer" in page.locator("details.why summary").inner_text()  # mode 2 says why

    cite = page.locator("a.cite").first
    assert cite.is_visible()
    cite.click()
    page.wait_for_url(re.compile(r"/passages/"))
    assert "HIPAA breach notification" in page.locator(".meta").inner_text()
    assert "version 1" in page.locator(".meta").inner_text()
    assert "60 days" in page.locator("blockquote.passage").inner_text()
    screenshot(page, "passage")

    page.go_back()
    page.get_by_label("Comment (optional)").first.fill("clear and cited")
    page.get_by_role("button", name="Helpful", exact=True).first.click()
    assert "feedback is saved" in page.get_by_role("status").first.inner_text()

    page.goto(url(served, "/ask"))
    assert page.get_by_role("link", name=QUESTION).count() >= 1  # the person's history

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(served, "/ask"))
    screenshot(page, "ask-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # no sideways scroll


def test_csp_csrf_and_escaping(served, context):
    page = context.new_page()
    sign_in(page, served)
    response = page.goto(url(served, "/ask"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # A script put into the page does not run: the CSP allows only the console's own files.
    ran = page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                                   document.body.appendChild(s); return window.injected === 1; }""")
    assert ran is False

    # A question with markup is shown as text, and nothing in it runs.
    page.get_by_label("Your question").fill('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script> GMP?')
    with page.expect_navigation(url=re.compile(r"/sessions/"), timeout=60_000):
        page.get_by_role("button", name="Ask", exact=True).click()
    assert "<script>window.pwned=1</script>" in page.locator(".question").first.inner_text()
    assert page.evaluate("window.pwned") is None

    # State-changing requests without the form's token, or from another origin, are refused.
    refused = page.evaluate("""async () => (await fetch('/ask', {method: 'POST', redirect: 'manual',
                                   body: new URLSearchParams({mode: '2', query: 'GMP?'})})).status""")
    assert refused == 403
    streamed = page.evaluate("""async () => (await fetch('/ask/stream', {method: 'POST',
                                    headers: {'Content-Type': 'application/json'}, body: '{"query": "GMP?"}'})).status""")
    assert streamed == 403
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    cookie = next(c for c in page.context.cookies() if c["name"] == "vital_console")
    elsewhere = httpx.post(f"http://127.0.0.1:{served}/ask", data={"csrf": csrf, "mode": "2", "query": "GMP?"},
                           headers={"Host": f"acme.localhost:{served}", "Origin": "http://evil.example",
                                    "Cookie": f"vital_console={cookie['value']}"})
    assert elsewhere.status_code == 403 and "Nothing was changed" in elsewhere.text
    same = httpx.post(f"http://127.0.0.1:{served}/feedback", data={"csrf": csrf, "helpful": "yes"},
                      headers={"Host": f"acme.localhost:{served}", "Cookie": f"vital_console={cookie['value']}"})
    assert same.status_code == 400 and "Feedback not saved" in same.text  # the token passes; the API refuses


def test_another_tenants_person_is_refused_and_sign_out(served, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    sign_in(page, served, email="paul@pharmaco.example")  # pharmaco's person at acme's host
    assert "/sign-in" in page.url and "password is wrong" in page.get_by_role("alert").inner_text()

    sign_in(page, served, email="paul@pharmaco.example", tenant="pharmaco")
    assert page.url.endswith("/ask")
    sealed = next(c for c in ctx.cookies() if c["domain"].startswith("pharmaco"))
    assert sealed["httpOnly"] and sealed["sameSite"] == "Lax"
    assert page.evaluate("document.cookie") == ""  # no token within the page's reach
    # pharmaco's session carried to acme's host is no session there.
    ctx.add_cookies([{**sealed, "domain": "acme.localhost"}])
    page.goto(url(served, "/ask"))
    assert "/sign-in" in page.url

    page.goto(url(served, "/ask", "pharmaco"))
    page.get_by_role("button", name="Sign out everywhere").click()
    assert "signed out everywhere" in page.get_by_role("status").inner_text()
    page.goto(url(served, "/ask", "pharmaco"))
    assert "/sign-in" in page.url
    page.goto(f"http://nowhere.localhost:{served}/")
    assert "No organisation here" in page.content()
    ctx.close()


def test_docs_work_offline(served, context):
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url(served, "/docs"))
    try:  # the spec's title, version and an operation, drawn by Swagger UI from the local files
        page.wait_for_function("""() => { const text = document.querySelector('#swagger-ui').innerText;
                                          return text.includes('VITAL API') && text.includes('OAS 3.1')
                                                 && text.includes('/auth/v1/settings'); }""", timeout=90_000)
    except Exception:
        pytest.fail(f"Swagger UI did not render: {problems}; {page.locator('#swagger-ui').inner_text()[:500]}")
    assert problems == []
    screenshot(page, "docs")


def test_an_invited_viewer_signs_in_and_the_database_refuses_their_writes(console_server, browser, caplog):
    caplog.set_level(logging.WARNING, logger="vital.auth.mail")
    port = console_server.port
    owner = tenants_of(console_server.database, console_server.settings)["acme"].token
    invited = httpx.post(f"http://127.0.0.1:{port}/api/v1/admin/invitations", headers={
        "Host": f"acme.localhost:{port}", "Authorization": f"Bearer {owner}"}, json={
        "email": "vera@acme.example", "role": "viewer", "redirect_to": url(port, "/auth/landing")})
    assert invited.status_code == 201, invited.text
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(link_in(caplog, "vera@acme.example"))  # the e-mail's link: verify, then the landing page's script
    page.wait_for_url(re.compile(r"/account/password$"))
    assert "#" not in page.url  # the session in the fragment was handed to the server and forgotten
    page.get_by_label("New password").fill("quiet harbour lamp 7")
    page.get_by_label("The same again").fill("quiet harbour lamp 7")
    page.get_by_role("button", name="Set password").click()
    assert "Your password is set" in page.locator("main").inner_text()
    header = page.get_by_role("banner").inner_text()
    assert "vera@acme.example" in header and "(viewer)" in header
    assert page.get_by_role("link", name="Admin").count() == 0

    # A viewer may read, and ask for themselves (their own sessions), but not convene a panel (the
    # tenant's data): the database refuses, the page says so in words, nothing is created.
    page.goto(url(port, "/panels"))
    before = page.locator(".history li").count()
    page.get_by_label("Question", exact=True).fill("Should we use decentralised trial elements in the phase III study?")
    page.get_by_role("button", name="Convene").click()
    refusal = page.get_by_role("alert").inner_text()
    assert "viewer" in refusal.lower() and "select" not in refusal.lower() and "Traceback" not in refusal
    screenshot(page, "viewer-refused")
    page.goto(url(port, "/panels"))
    assert page.locator(".history li").count() == before

    ctx.close()
