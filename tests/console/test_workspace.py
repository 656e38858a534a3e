"""The console's work pages in a real browser (Debian's Chromium, one per module, one signed-in
page reused): Ask Expert mode 4 (the plan, a refused empty request for changes, approval, the
steps as they happen, the cited report), the session's export as Markdown and PDF with its
citation, a structured panel run live to its consensus and a committee's supermajority with its
chair, the agents' directory and profile, and the phone width of each page."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.console.browser import screenshot, sign_in, url

HIPAA = "When must we notify HHS about a HIPAA breach?"
DCT = "Should we use decentralised trial elements such as home nursing visits in the phase III study?"


@pytest.fixture(scope="module")
def page(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, served)
    yield page
    context.close()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def downloaded(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).click()
    with open(info.value.path(), "rb") as f:
        return f.read()


def test_mode_4_plan_is_approved_and_the_report_exported(served, page):
    page.goto(url(served, "/ask"))
    page.locator("input[name=mode][value=\"4\"]").check()
    page.get_by_label("Your question").fill(HIPAA)
    with page.expect_navigation(url=re.compile(r"/sessions/[0-9a-f-]{36}$"), timeout=60_000):
        page.get_by_role("button", name="Ask", exact=True).click()
    assert "Waiting for you" in page.get_by_role("status").first.inner_text()
    plan = page.locator("ol.plan li").all_inner_texts()
    assert len(plan) >= 2 and "HIPAA" in plan[0]
    screenshot(page, "plan")

    # Asking for changes without saying which is refused in words; nothing changes.
    page.get_by_role("button", name="Ask for changes").click()
    expect(page.locator("[data-run-status]")).to_contain_text("Say what should change")
    assert page.locator("ol.plan li").all_inner_texts() == plan

    # What the page's progress list holds, kept where the next page can read it (sessionStorage).
    page.evaluate("""() => new MutationObserver(() => sessionStorage.setItem('steps',
                             document.querySelector('[data-timeline]').innerText))
                     .observe(document.querySelector('[data-timeline]'), {childList: true, subtree: true})""")
    page.get_by_role("button", name="Approve and run").focus()
    with page.expect_navigation(timeout=60_000):
        page.keyboard.press("Enter")  # by keyboard
    seen = page.evaluate("sessionStorage.getItem('steps')") or ""
    assert "Evidence step 1 done" in seen and "Finished." in seen  # the steps were written in as they came
    assert "Finished" in page.locator("[data-run-status]").inner_text()
    steps = page.locator("ol.steps li").all_inner_texts()
    assert steps[-1].startswith("Checking each statement") and any(s.startswith("Evidence step 1") for s in steps)
    report = page.locator("article.turn.assistant .text").inner_text()
    assert "60 days" in report and page.locator("article.turn.assistant a.cite").count() >= 1
    screenshot(page, "report")

    quote = page.locator("ol.citations a").first.inner_text().split("] ", 1)[1][:60]
    markdown = downloaded(page, "Markdown").decode()
    assert markdown.startswith("# ") and "Sources:" in markdown and quote in markdown and "/passages/" in markdown
    pdf = downloaded(page, "PDF")
    assert pdf.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert " ".join(quote.split()[:6]) in " ".join(text.split())  # the citation's words, in the PDF's text

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_plan_can_be_paused_resumed_and_cancelled(served, page):
    page.goto(url(served, "/ask"))
    page.get_by_label("Find an expert").fill("quality systems")
    page.locator(".agent-option:visible input").check()  # the one expert the filter leaves
    page.locator("input[name=mode][value=\"3\"]").check()  # mode 3: I pick, autonomous
    page.get_by_label("Your question").fill("How do we prepare for a GMP inspection?")
    with page.expect_navigation(url=re.compile(r"/sessions/"), timeout=60_000):
        page.get_by_role("button", name="Ask", exact=True).click()
    assert "Quality Systems Architect" in page.locator(".meta").first.inner_text()
    page.get_by_role("button", name="Pause").click()
    page.wait_for_load_state()
    assert "Paused" in page.locator("[data-run-status]").inner_text()
    assert page.get_by_role("button", name="Approve and run").count() == 0  # a paused run takes no decision
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Resume").click()
    assert "Waiting for you" in page.locator("[data-run-status]").inner_text()  # back at the plan
    page.get_by_role("button", name="Cancel the run").click()
    page.wait_for_load_state()
    assert "Cancelled" in page.locator("[data-run-status]").inner_text()
    assert page.get_by_role("button", name="Approve and run").count() == 0


def test_a_structured_panel_runs_live_to_its_consensus(served, page):
    page.goto(url(served, "/panels"))
    page.get_by_label("Archetype (panels)").select_option("structured")
    page.get_by_label("Question", exact=True).fill(DCT)
    page.get_by_role("button", name="Convene").click()
    # The page starts the run and follows it, then shows the outcome.
    page.wait_for_selector("#outcome-title", timeout=60_000)
    outcome = page.locator("section.outcome").inner_text()
    assert "Recommendation:" in outcome and "threshold of 70%" in outcome
    assert page.locator("article.contribution").count() >= 4
    assert page.locator("table.votes").first.is_visible()
    assert page.get_by_role("heading", name="Dissent").is_visible()
    screenshot(page, "panel")
    pdf = downloaded(page, "PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Outcome" in text and "Round 1" in text and "Decentralised" in text

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_committee_shows_its_chair_and_supermajority(served, page):
    page.goto(url(served, "/panels"))
    page.locator("input[name=kind][value=committee]").check()
    page.get_by_label("Question", exact=True).fill(DCT)
    page.get_by_role("button", name="Convene").click()
    page.wait_for_selector("#outcome-title", timeout=60_000)
    outcome = page.locator("section.outcome").inner_text()
    assert "Supermajority outcome" in outcome and "counts double" in outcome and "threshold of 75%" in outcome
    assert page.get_by_role("heading", name=re.compile("The chair's rationale")).is_visible()
    screenshot(page, "committee")


def test_a_person_takes_a_turn_in_a_hybrid_panel(served, page):
    page.goto(url(served, "/panels"))
    page.get_by_label("Archetype (panels)").select_option("hybrid")
    page.get_by_label("Question", exact=True).fill(DCT)
    for name in ("Clinical Protocol Designer", "Clinical Research Coordinator", "Biostatistician"):
        page.locator(".agent-option", has_text=name).locator("input").check()
    page.get_by_label(re.compile("Positions to vote on")).fill("support, oppose")
    page.get_by_label(re.compile("Seat me on the panel")).check()
    page.get_by_role("button", name="Convene").click()
    page.wait_for_selector("#turn-title", timeout=60_000)  # round 1 split the agents: the people's turn
    assert "Waiting for the people seated on the panel" in page.locator("[data-run-status]").inner_text()
    page.get_by_label("Your contribution").fill("Our sites report that home nursing halves drop-out.")
    page.get_by_label("Your vote").select_option("support")
    page.get_by_role("button", name="Add my contribution").click()
    mine = page.locator("article.contribution", has_text="home nursing halves drop-out")
    assert mine.count() == 1 and "support" in mine.inner_text()
    screenshot(page, "hybrid")
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name=re.compile("^Continue")).click()
    assert page.locator("table.votes").count() >= 2  # the agents' round 2, with the person's vote in it
    person = page.locator(".members li", has_text="a person").inner_text()
    assert "last vote: support" in person


def test_agents_directory_filters_and_profile(served, page):
    page.goto(url(served, "/agents"))
    names = page.locator("#agent-list h2").all_inner_texts()
    assert names.count("FDA Regulatory Strategist") == 1  # acme's fork hides the platform original
    fda = page.locator("#agent-list li", has_text="FDA Regulatory Strategist")
    assert "your organisation's version" in fda.inner_text()
    screenshot(page, "agents")
    page.get_by_label("Tier").select_option("1")
    page.get_by_role("button", name="Filter").click()
    assert "tier=1" in page.url
    tiers = page.locator("#agent-list .meta").all_inner_texts()
    assert tiers and all(t.startswith("Tier 1") for t in tiers)
    page.get_by_label("Find by name or topic").fill("regulatory strategist")
    assert page.locator("#agent-list li:visible").count() == 1

    page.get_by_role("link", name="FDA Regulatory Strategist").click()
    assert page.get_by_role("heading", name="Capabilities").is_visible()
    assert "oncology accelerated approval" in page.locator("main").inner_text()  # the fork's own capability
    assert page.get_by_role("heading", name="Tools").is_visible()
    assert "Questions to start with" in page.locator("main").inner_text()
    screenshot(page, "agent")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(served, "/agents"))
    assert no_sideways_scroll(page)
    screenshot(page, "agents-phone")
    page.goto(url(served, "/ask"))
    names = page.locator(".agent-option strong").all_inner_texts()
    assert names.count("FDA Regulatory Strategist") == 1 and no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
