"""The console's management pages in a real browser (Debian's Chromium, driven by Playwright)
against the app on uvicorn on loopback with a background-job worker beside it, on a seeded
database with the services' test corpus: knowledge (upload by drop → the job's progress and
per-file errors → a question answered from the new file; try a question; a tiny evaluation run
followed to its figures),
administration (a viewer sees none of it and is refused by the API; an admin invites a member,
makes an API key whose secret shows once, reads the audit log, changes a model setting the operator
allows), a document moved to another collection, every table within a phone's width, personas and
JTBDs (the ODI landscape, VPANES, the agents' completeness gaps, a persona from scratch, copy to my
tenant, a platform job with its outcomes in one click) and analytics. One server and one browser for the module;
screenshots go to build/console-screens/."""

from __future__ import annotations

import json
import re

import pytest

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.console.browser import screenshot
from tests.harness import api_settings, served_over_loopback
from tests.helpers import tenant_id
from tests.roles.people import add_user
from tests.services.conftest import SERVICE_SETTINGS, prepared
from vital.auth.passwords import hash_password
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker

VIEWER = "vera.viewer@acme.example"
LLM_ALLOWED = {"model": ["gpt-4o-mini", "gpt-4o"], "max_tokens": {"interactive": 2048}}
# Table cells cut off at the window's right edge: none at phone width (manage.css). A cell past it
# is fine only inside a box that scrolls sideways on its own and ends within the window.
CUT_OFF = """() => [...document.querySelectorAll('table th, table td')].filter(c => {
  const r = c.getBoundingClientRect();
  if (r.width === 0 || r.right <= window.innerWidth + 1) return false;
  for (let e = c.parentElement; e; e = e.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
        && e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
  }
  return true;
}).map(c => c.textContent.trim().slice(0, 40))"""
# Words split across two lines in table cells (text, not times, ids, e-mails or controls): none, since
# cells wrap between words and only such strings break anywhere (manage.css).
SPLIT_WORDS = """() => [...document.querySelectorAll('table td')].flatMap(td => {
  const split = [], walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    if (n.parentElement.closest('time, code, .token, button, select')) continue;
    for (const m of n.data.matchAll(/[A-Za-z]{2,}/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      if (new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size > 1)
        split.push(m[0]);
    }
  }
  return split;
})"""
NOTE = ("# Zorblax tablet stability protocol\n\nZorblax tablets are stored at 25 degrees Celsius and 60 percent "
        "relative humidity. The Zorblax shelf life is supported by 36 months of long-term stability data, "
        "and the Zorblax accelerated study runs for 6 months at 40 degrees Celsius.\n")


@pytest.fixture(scope="module")
def database():
    name, _ = prepared()
    set_passwords(name)
    with pg.connect(name) as conn:
        uid = add_user(conn, tenant_id(conn, "acme"), VIEWER, "viewer")
        conn.execute("SELECT vital.set_password(%s, %s)", (uid, hash_password(PASSWORD)))
        conn.execute("SELECT vital.allow_tenant_llm(%s, %s)", (tenant_id(conn, "acme"), json.dumps(LLM_ALLOWED)))
    try:
        yield name
    finally:
        pg.drop(name)


@pytest.fixture(scope="module")
def served(database):
    settings = api_settings(database, **SERVICE_SETTINGS)
    with served_over_loopback(settings) as port, InProcessWorker(Database(settings)):
        yield port


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx.new_page()
    ctx.close()


def url(port: int, path: str) -> str:
    return f"http://acme.localhost:{port}{path}"


def sign_in(page, port: int, email: str = "ada@acme.example"):
    page.goto(url(port, "/sign-in"))
    form = page.get_by_role("region", name="With your password")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_upload_by_drop_then_ask_about_it(served, page):
    sign_in(page, served)
    page.goto(url(served, "/knowledge"))
    assert page.get_by_role("heading", name="Your organisation's documents").is_visible()
    # Two files dropped at once: one is read, the other is not text and is reported by name.
    drop = page.evaluate_handle("""([note]) => { const dt = new DataTransfer();
        dt.items.add(new File([note], 'zorblax-stability.md', {type: 'text/markdown'}));
        dt.items.add(new File([new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3])], 'scan.bin', {type: 'application/octet-stream'}));
        return dt; }""", [NOTE])
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": drop})
    upload = page.locator("#uploads li").first
    upload.locator("[data-state]").filter(has_text=re.compile("Done|Failed")).wait_for(timeout=60_000)
    assert "Done, with errors" in upload.inner_text()
    assert "scan.bin" in upload.locator("ul").inner_text()  # the per-file error, by name
    assert upload.locator("progress").get_attribute("max") == "2"
    screenshot(page, "knowledge-upload")

    page.goto(url(served, "/knowledge"))
    page.get_by_role("link", name="Zorblax tablet stability protocol").first.click()
    assert page.get_by_role("heading", name="Chunk preview").is_visible()
    assert "36 months" in page.locator("blockquote.passage").first.inner_text()
    assert "Everyone in your organisation" in page.get_by_role("region", name="Who may see it").inner_text()
    screenshot(page, "knowledge-document")

    # "Try a question": what retrieval returns, and why.
    page.goto(url(served, "/knowledge"))
    page.get_by_role("textbox", name="Question", exact=True).fill("Zorblax shelf life stability months")
    page.get_by_label("Strategy").select_option("hybrid")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="What retrieval returned")
    assert "Strategy hybrid" in results.inner_text() and "vector" in results.inner_text()
    assert "Zorblax" in results.locator("ol.hits li").first.inner_text()
    screenshot(page, "knowledge-try")

    # The new file answers a question on the Ask page.
    page.goto(url(served, "/ask"))
    page.get_by_label("Your question").fill("How many months of long-term stability data support the Zorblax shelf life?")
    with page.expect_navigation(url=re.compile(r"/sessions/[0-9a-f-]{36}$"), timeout=60_000):
        page.get_by_role("button", name="Ask", exact=True).click()
    page.locator("a.cite").first.click()
    page.wait_for_url(re.compile(r"/passages/"))
    assert "Zorblax" in page.locator(".meta").inner_text() and "36 months" in page.locator("blockquote").inner_text()


def test_a_viewer_sees_no_admin_pages_and_an_owner_administers(served, page):
    sign_in(page, served, VIEWER)
    assert page.url.endswith("/ask") and "viewer" in page.get_by_role("banner").inner_text()
    assert page.get_by_role("link", name="Admin").count() == 0
    response = page.goto(url(served, "/admin"))
    assert response.status == 403  # the API's refusal, in words
    text = page.locator("main").inner_text()
    assert "The server refused" in text and "admins and owners" in text and "Traceback" not in text
    screenshot(page, "admin-refused")
    assert page.goto(url(served, "/admin/audit")).status == 403

    page.context.clear_cookies()
    sign_in(page, served)
    page.get_by_role("link", name="Admin").click()
    members = page.get_by_role("region", name="Members and roles")
    assert "vera.viewer" in members.inner_text() and "ada@acme.example" in members.inner_text()
    page.get_by_label("E-mail of the person to invite").fill("new.colleague@acme.example")
    page.get_by_label("Role", exact=True).select_option("member")
    page.get_by_role("button", name="Invite").click()
    assert "invitation is sent" in page.get_by_role("status").inner_text()
    assert "new.colleague@acme.example · member · pending" in page.get_by_role("list", name="Invitations sent").inner_text()

    page.get_by_label("Name", exact=True).fill("CI export")
    page.get_by_role("button", name="Create the key").click()
    secret = page.locator("[data-secret]").inner_text()
    assert re.fullmatch(r"[A-Za-z0-9]{12}\.[\w-]{20,}", secret)
    screenshot(page, "admin")
    page.goto(url(served, "/admin"))
    assert secret not in page.content() and "CI export" in page.get_by_role("list", name="Keys").inner_text()

    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Table").fill("api_keys")
    page.get_by_role("button", name="Filter").click()
    assert "api_keys" in page.locator("tbody").inner_text() and "INSERT" in page.locator("tbody").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export these entries as CSV").click()
    csv = open(download.value.path()).read()
    assert csv.startswith("id,created_at,table_name,action") and "api_keys" in csv and "tenant_invitations" not in csv
    screenshot(page, "audit")


def test_model_settings_a_collection_move_and_tables_at_phone_width(served, page):
    sign_in(page, served)
    page.goto(url(served, "/admin"))
    llm = page.get_by_role("region", name="Model settings")
    tokens = llm.get_by_label("Longest answer for Ask Expert (modes 1 and 2) (tokens, at most 2048)")
    tokens.fill("1500")
    llm.get_by_label("Model", exact=True).select_option("gpt-4o")
    llm.get_by_role("button", name="Save the model settings").click()
    assert "model settings are saved" in page.get_by_role("status").inner_text()
    llm = page.get_by_role("region", name="Model settings")
    assert "gpt-4o" in llm.locator("dl").inner_text() and "1500" in llm.locator("tbody tr").first.inner_text()
    tokens.evaluate("e => e.removeAttribute('max')")  # past the browser's own check: the database refuses
    tokens.fill("5000")
    llm.get_by_role("button", name="Save the model settings").click()
    refusal = page.get_by_role("alert").inner_text()
    assert "at most 2048" in refusal and "Nothing was changed" in refusal and "SELECT" not in refusal
    assert "1500" in page.get_by_role("region", name="Model settings").locator("tbody tr").first.inner_text()

    # A document moves to a new collection (a viewer's move: test_manage_forms.py).
    page.goto(url(served, "/knowledge"))
    page.get_by_role("region", name="Your organisation's documents").locator("tbody a").first.click()
    document = page.url
    page.get_by_label("Or a new collection").fill("Stability studies")
    page.get_by_role("button", name="Move").click()
    assert "collection: Stability studies" in page.locator("p.meta").first.inner_text()
    assert page.get_by_label("Move to").locator("option:checked").inner_text() == "Stability studies"

    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/admin/audit", "/admin/deleted", document):  # the other pages: test_analytics_...
        page.goto(path if path.startswith("http") else url(served, path))
        assert page.evaluate(CUT_OFF) == [], path
        assert page.evaluate(SPLIT_WORDS) == [], path
    page.goto(url(served, "/admin"))
    change = page.get_by_role("region", name="Members and roles").get_by_role("button", name="Change").first
    last = page.get_by_role("region", name="Members and roles").locator("tbody tr td:last-child").first
    for box in (change.bounding_box(), last.bounding_box()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box


def test_personas_vpanes_odi_landscape_and_copy_to_my_organisation(database, served, page):
    with pg.connect(database) as conn:
        # An agent of acme's own without prompt starters: a gap `vital db completeness` reports.
        agent = conn.execute("DELETE FROM agent_prompt_starters s USING agents a WHERE a.tenant_id = s.tenant_id"
                             " AND a.id = s.agent_id AND a.tenant_id = %s AND a.forked_from_id IS NULL"
                             " RETURNING a.name", (tenant_id(conn, "acme"),)).fetchone()[0]
    sign_in(page, served)
    page.get_by_role("link", name="Personas & JTBDs").click()
    table = page.locator("#vpanes-table")
    assert "platform library" in table.inner_text()
    assert page.locator("figure svg.chart rect.bar").count() >= 12  # one bar per scored persona
    gaps = page.get_by_role("region", name="Completeness gaps")
    assert "nothing in: prompt starters" in gaps.locator("li", has_text=f"{agent} (agent)").inner_text()
    screenshot(page, "personas")

    # A platform persona is read-only: offered as a copy, never as an edit that changes nothing.
    table.get_by_role("link", name="Elena Vasquez").click()  # the platform CMO
    assert "read-only" in page.get_by_role("note").inner_text()
    assert page.get_by_role("button", name="Save").count() == 0
    page.get_by_role("button", name="Copy to my organisation").click()
    assert page.get_by_role("note").count() == 0
    page.get_by_label("Pain").fill("11")
    page.evaluate("document.querySelector('#v-pain').removeAttribute('max')")  # past the browser's own check
    page.get_by_role("button", name="Save").click()
    assert "Pain must be from 0 to 10" in page.get_by_role("alert").inner_text()
    page.get_by_label("Pain").fill("9.5")
    page.get_by_role("button", name="Save").click()
    assert "Saved" in page.get_by_role("status").inner_text()
    assert "9.5" in page.get_by_role("table").inner_text()
    screenshot(page, "persona")

    # The organisation's own job: its outcomes on the ODI landscape, each point a link.
    page.goto(url(served, "/personas"))
    page.get_by_role("region", name="Jobs-to-be-done").locator("li", has_not=page.locator(".badge")).first \
        .get_by_role("link").click()
    points = page.locator("svg.chart a")
    assert points.count() >= 5 and page.locator("svg.chart polygon.band-extreme").count() == 1
    statement = page.locator("tbody tr td a").first.inner_text()
    screenshot(page, "jtbd")
    page.locator("svg.chart a", has=page.locator("title", has_text=statement)).click()
    assert page.get_by_role("heading", level=1).inner_text() == statement
    assert "Opportunity" in page.locator("dl.facts").inner_text()

    # A persona from scratch: what was wrong in words, then the organisation's own row.
    page.goto(url(served, "/personas"))
    page.get_by_role("link", name="New persona").click()
    page.get_by_label("Name").fill("Quinn Quality")
    page.get_by_label("Role title").fill("QA release manager")
    page.get_by_label("Pain").fill("7")
    page.get_by_role("button", name="Create the persona").click()
    assert "or leave all six scores empty" in page.get_by_role("alert").inner_text()
    page.get_by_label("Pain").fill("")
    page.get_by_role("button", name="Create the persona").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Quinn Quality"
    assert page.get_by_role("note").count() == 0 and page.get_by_role("button", name="Save").is_visible()

    # A platform job copied in one click, with its desired outcomes.
    page.goto(url(served, "/personas"))
    page.get_by_role("region", name="Jobs-to-be-done").locator("li", has=page.locator(".badge")).first \
        .get_by_role("link").click()
    outcomes = page.locator("tbody tr td a").count()
    page.get_by_role("button", name="Copy to my organisation").click()
    page.wait_for_url(re.compile(r"/jtbds/[0-9a-f-]{36}$"))
    assert page.get_by_role("note").count() == 0 and page.locator("tbody tr td a").count() == outcomes >= 1


def test_a_tiny_evaluation_run_and_its_figures(database, served, page):
    with pg.connect(database) as conn:
        acme = tenant_id(conn, "acme")
        made = conn.execute("INSERT INTO eval_sets (tenant_id, slug, name) VALUES (%s, 'console-check', "
                            "'Console check') RETURNING id", (acme,)).fetchone()[0]
        conn.execute("INSERT INTO eval_questions (tenant_id, set_id, question, expected_document, fact_pattern, "
                     "should_decline) VALUES (%(t)s, %(s)s, 'How soon must a HIPAA breach be notified?', "
                     "'HIPAA breach notification', '60 days', false), (%(t)s, %(s)s, "
                     "'What is on the canteen menu this week?', NULL, NULL, true)", {"t": acme, "s": made})
        conn.execute("INSERT INTO eval_sets (tenant_id, slug, name) VALUES (vital.platform_tenant_id(), "
                     "'platform-library', 'Platform library')")  # seeded with the library, which this clone lacks
    sign_in(page, served)
    page.goto(url(served, "/knowledge"))
    sets = page.get_by_role("list", name="Golden sets")
    assert "2 questions" in sets.locator("li", has_text="Console check").inner_text()
    assert "platform library, read-only" in sets.locator("li", has_text="Platform library").inner_text()
    page.get_by_label("Set", exact=True).select_option("console-check")
    page.get_by_role("button", name="Start a run").click()
    page.wait_for_url(re.compile(r"/knowledge/eval/runs/[0-9a-f-]{36}$"))
    # The page follows the run (it reloads itself while queued or running) until it is done.
    page.get_by_role("status").filter(has_text=re.compile("Done|failed")).wait_for(timeout=90_000)
    assert "Done: every question was asked and judged" in page.get_by_role("status").inner_text()
    figures = page.locator("#eval-figures").inner_text()
    assert "Hit@k" in figures and "Decline recall" in figures and "Wrong and confident" in figures
    assert "2 of 2 questions judged" in figures and " ms" in figures
    answers = page.locator("#eval-results tbody tr")
    assert answers.count() == 2 and "to be declined" in answers.nth(1).inner_text()
    assert re.search(r"answered|declined", answers.nth(0).inner_text())
    screenshot(page, "eval-run")
    page.get_by_role("link", name="← Knowledge").click()
    assert "succeeded" in page.get_by_role("list", name="Evaluation runs").inner_text()


def test_analytics_charts_with_their_numbers(served, page):
    sign_in(page, served)
    page.get_by_role("link", name="Analytics").click()
    assert page.get_by_role("alert").count() == 0  # every figure loaded
    limits = page.get_by_role("region", name=re.compile("Use against your tier's limits"))
    assert "tier" in limits.inner_text() and limits.locator("tbody tr").count() >= 1
    spend = page.get_by_role("region", name="Tokens and cost per day")
    assert spend.locator("tbody tr").count() == 7 and spend.locator("svg.chart").count() == 2
    assert page.get_by_role("region", name="Agent performance").locator("svg.chart").count() == 1
    feedback = page.get_by_role("region", name="Feedback")
    assert "5 stars" in feedback.inner_text()
    screenshot(page, "analytics")
    page.get_by_role("link", name="last 30 days").click()
    assert page.get_by_role("region", name="Tokens and cost per day").locator("tbody tr").count() == 30
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/analytics", "/knowledge", "/personas", "/admin"):
        page.goto(url(served, path))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        assert page.evaluate(CUT_OFF) == [], path
        assert page.evaluate(SPLIT_WORDS) == [], path
    screenshot(page, "admin-phone")
