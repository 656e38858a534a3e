"""The management pages without script, through the console with a real HTTP client (the app
in-process, no worker): an upload posts as a plain form and lands on its job's page, which says
the job waits for a worker and reloads itself; an empty upload and an out-of-range score are
refused in words with nothing written; a document is deleted and restored, and moved between
collections (a viewer's move refused by the database); a job from scratch is checked in words, then
created; an evaluation run of a set that does not exist is refused in words."""

from __future__ import annotations

import re

import pytest

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.harness import running
from tests.helpers import tenant_id
from tests.roles.people import add_user
from tests.services.conftest import SERVICE_SETTINGS
from vital.db.tenant import tenant_transaction
from vital.auth.passwords import hash_password
from vital.knowledge import embeddings
from vital.settings import Settings
from vital.tenancy import Caller

ACME = "http://acme.localhost"


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def console():
    """The app in-process on a clone whose test embedder is registered (uploads need it); no worker.
    One for the module: its tests write different rows."""
    name = pg.clone()
    set_passwords(name)
    with pg.connect(name) as conn, tenant_transaction(conn, Caller.service()) as c:
        embeddings.register(c, embeddings.current(Settings(environment="test", **SERVICE_SETTINGS)))
    try:
        with running(name, **SERVICE_SETTINGS) as api:
            yield api
    finally:
        pg.drop(name)


def sign_in(c, email: str = "ada@acme.example"):
    page = c.get(f"{ACME}/sign-in")
    c.post(f"{ACME}/sign-in", data={"csrf": csrf_of(page.text), "email": email, "password": PASSWORD})


def test_upload_without_script_and_refusals_in_words(console):
    c = console.client
    sign_in(c)
    csrf = csrf_of(c.get(f"{ACME}/knowledge").text)

    empty = c.post(f"{ACME}/knowledge/upload", data={"csrf": csrf}, files={"files": ("", b"", "text/plain")})
    assert empty.status_code == 400 and "Choose one or more files first" in empty.text

    sent = c.post(f"{ACME}/knowledge/upload", data={"csrf": csrf, "collection": "Stability"},
                  files=[("files", ("a.md", b"# A\n\nStability text.", "text/markdown")),
                         ("files", ("b.txt", b"More stability text.", "text/plain"))], follow_redirects=False)
    assert sent.status_code == 303 and re.fullmatch(r"/knowledge/jobs/[0-9a-f-]{36}", sent.headers["location"])
    job = c.get(f"{ACME}{sent.headers['location']}")
    assert "Waiting for a worker" in job.text and '<meta http-equiv="refresh" content="2">' in job.text
    assert "0 done, 0 failed of 2 files" in job.text
    polled = c.get(f"{ACME}{sent.headers['location']}", headers={"accept": "application/json"}).json()
    assert polled["status"] == "queued" and polled["items_total"] == 2

    persona = re.search(r'href="/personas/([0-9a-f-]{36})"', c.get(f"{ACME}/personas").text).group(1)
    bad = c.post(f"{ACME}/personas/{persona}", data={"csrf": csrf, "name": "X", **dict.fromkeys(
        ("visibility", "pain", "actions", "needs", "emotions", "scenarios"), "5"), "pain": "twelve"})
    assert bad.status_code == 400 and "Pain must be a number from 0 to 10" in bad.text
    assert "Traceback" not in bad.text and "SELECT" not in bad.text


def test_delete_and_restore_a_document(console):
    c = console.client
    sign_in(c)
    listing = c.get(f"{ACME}/knowledge").text
    doc, title = re.search(r'<a href="/knowledge/documents/([0-9a-f-]{36})">([^<]+)</a>', listing).groups()
    gone = c.post(f"{ACME}/knowledge/documents/{doc}/delete", data={"csrf": csrf_of(listing)})
    assert gone.url.path == "/knowledge" and "The document is deleted" in gone.text
    assert f'href="/knowledge/documents/{doc}"' not in gone.text  # out of the list...
    assert f'action="/knowledge/documents/{doc}/restore"' in gone.text  # ...and offered for restore
    assert c.get(f"{ACME}/knowledge/documents/{doc}").status_code == 404
    back = c.post(f"{ACME}/knowledge/documents/{doc}/restore", data={"csrf": csrf_of(listing)})
    assert back.url.path == f"/knowledge/documents/{doc}" and title in back.text
    # Restrict it to one more principal (a team), then lift that restriction again.
    team, name = re.search(r'<option value="(team:[0-9a-f-]{36})">team ([^<]+)</option>', back.text).groups()
    assert f"team {name}" not in back.text.split('id="principal"')[0]
    more = c.post(f"{ACME}/knowledge/documents/{doc}/access", data={"csrf": csrf_of(listing), "principal": team})
    shown = more.text.split('id="principal"')[0]  # the restrictions listed above the form
    assert "<p>Only:</p>" in shown and f"team {name}" in shown
    access = re.findall(rf'action="/knowledge/documents/{doc}/access/([0-9a-f-]{{36}})/remove"', more.text)
    for row in access:
        lifted = c.post(f"{ACME}/knowledge/documents/{doc}/access/{row}/remove", data={"csrf": csrf_of(listing)})
    assert "Everyone in your organisation" in lifted.text


def test_move_a_document_between_collections(console):
    c = console.client
    sign_in(c)
    listing = c.get(f"{ACME}/knowledge").text
    doc = re.search(r'<a href="/knowledge/documents/([0-9a-f-]{36})">', listing).group(1)
    csrf = csrf_of(listing)
    moved = c.post(f"{ACME}/knowledge/documents/{doc}/collection", data={"csrf": csrf, "new_collection": "GMP audits"})
    assert moved.url.path == f"/knowledge/documents/{doc}" and "collection: GMP audits" in moved.text
    collection = re.search(r'<option value="([0-9a-f-]{36})" selected>GMP audits</option>', moved.text).group(1)
    offered = set(re.findall(r'<option value="([0-9a-f-]{36})"',
                             re.search(r'<select id="collection".*?</select>', moved.text, re.S).group(0)))
    with pg.connect(console.database) as conn:
        library = {str(r[0]) for r in conn.execute(
            "SELECT id FROM knowledge_collections WHERE tenant_id = vital.platform_tenant_id()")}
    assert collection in offered and library and not offered & library  # the library's are read, not moved to
    again = c.post(f"{ACME}/knowledge/documents/{doc}/collection", data={"csrf": csrf, "collection": ""})
    assert "collection: none" in again.text
    bad = c.post(f"{ACME}/knowledge/documents/{doc}/collection", data={"csrf": csrf, "new_collection": "!!!"})
    assert bad.status_code == 400 and "at least one letter or digit" in bad.text

    with pg.connect(console.database) as conn:
        viewer = add_user(conn, tenant_id(conn, "acme"), "vic.viewer@acme.example", "viewer")
        conn.execute("SELECT vital.set_password(%s, %s)", (viewer, hash_password(PASSWORD)))
    sign_in(c, "vic.viewer@acme.example")
    page = c.get(f"{ACME}/knowledge/documents/{doc}").text
    refused = c.post(f"{ACME}/knowledge/documents/{doc}/collection",
                     data={"csrf": csrf_of(page), "collection": collection})
    assert refused.status_code == 403 and "may not move this document" in refused.text
    assert "collection: none" in c.get(f"{ACME}/knowledge/documents/{doc}").text
def test_a_job_from_scratch_and_an_evaluation_run_refused_in_words(console):
    c = console.client
    sign_in(c)
    form = c.get(f"{ACME}/jtbds/new")
    persona = re.search(r'<option value="([0-9a-f-]{36}:[0-9a-f-]{36})"', form.text).group(1)
    job = {"csrf": csrf_of(form.text), "title": "Prepare the inspection back room", "persona": persona,
           "situation": "a GMP inspection is announced", "motivation": "brief the subject matter experts",
           "expected_outcome": "answer every request the same day."}
    bad = c.post(f"{ACME}/jtbds/new", data=job)
    assert bad.status_code == 400 and "The expected outcome ends without punctuation" in bad.text
    assert 'value="brief the subject matter experts"' in bad.text  # what was typed stays
    worded = c.post(f"{ACME}/jtbds/new", data={**job, "expected_outcome": "so I can answer the same day"})
    assert worded.status_code == 400 and 'leave out “so”' in worded.text
    made = c.post(f"{ACME}/jtbds/new", data={**job, "expected_outcome": "answer every request the same day"})
    assert re.search(r"/jtbds/[0-9a-f-]{36}$", str(made.url)), made.text
    assert "When a GMP inspection is announced, I want to brief the subject matter experts" in made.text
    again = c.post(f"{ACME}/jtbds/new", data={**job, "expected_outcome": "answer every request the same day"})
    assert again.status_code == 409 and "already has a job with this title" in again.text

    # An evaluation run the API refuses (no such set) is said in its words, and nothing runs.
    knowledge = c.get(f"{ACME}/knowledge").text
    assert "Onboarding SOP questions" in knowledge and "2 questions" in knowledge
    refused = c.post(f"{ACME}/knowledge/eval/runs", data={"csrf": csrf_of(knowledge), "eval_set": "nope", "k": "5"})
    assert refused.status_code == 404 and "No golden set &#39;nope&#39;" in refused.text  # the API's words
    assert "Traceback" not in refused.text
