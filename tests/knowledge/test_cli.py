"""`vital kb` as a user runs it: ingest a folder, search with citations, jobs, feedback, graph, tune."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.knowledge.corpus import DOCUMENTS


def _kb(env, *args):
    return subprocess.run([sys.executable, "-m", "vital", "kb", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_tenant_ingests_a_folder_and_gets_cited_results(cli_env, fresh_db, tmp_path):
    env = cli_env(fresh_db, VITAL_EMBEDDING_PROVIDER="hash", VITAL_TENANT="acme")
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name in ("sae-reporting.md", "stability.html", "csr-writing.pdf"):
        (folder / name).write_bytes(DOCUMENTS[name])
    (folder / "sub" / "tmf.txt").write_bytes(DOCUMENTS["tmf.txt"])
    (folder / "logo.png").write_bytes(b"\x89PNG")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")

    done = _kb(env, "ingest", str(folder), "--collection", "Quality manuals", "--domain", "quality-management")
    assert done.returncode == 0, done.stderr
    assert "partial — 4 created, 1 failed" in " ".join(done.stdout.split())
    assert "broken.pdf" in done.stderr and "ingesting" in done.stderr and "1 unsupported file(s) skipped" in done.stdout

    found = _kb(env, "search", "fatal unexpected reaction reporting deadline", "--json", "-k", "3")
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["results"][0]["document"]["source_ref"] == "sae-reporting.md"
    assert result["embedding"]["fallback"] is True
    text = _kb(env, "search", "shelf life", "--collection", "quality-manuals").stdout
    assert "Stability studies and shelf life" in text and "(hashing fallback: not semantic)" in text

    chunk = result["results"][0]["chunk"]["id"]
    rated = _kb(env, "feedback", result["search_id"], "--chunk", chunk, "--rating", "4", "--relevant")
    assert rated.returncode == 0 and "recorded" in rated.stdout

    jobs = json.loads(_kb(env, "jobs", "--json").stdout)
    assert jobs[0]["status"] == "partial" and jobs[0]["errors"][0]["item"] == "broken.pdf"

    walked = _kb(env, "graph", "serious adverse event")
    assert walked.returncode == 0 and "SUSAR" in walked.stdout

    tune = _kb(env, "tune", "--dry-run")
    assert tune.returncode == 0 and "up to date" in tune.stderr


def test_errors_are_messages_not_tracebacks(cli_env, fresh_db, tmp_path):
    env = cli_env(fresh_db, VITAL_EMBEDDING_PROVIDER="hash")
    (tmp_path / "a.txt").write_text("text")
    unknown = _kb(env, "ingest", str(tmp_path / "a.txt"), "--tenant", "nosuch")
    assert unknown.returncode == 1 and "No tenant with subdomain 'nosuch'" in unknown.stderr
    bad_domain = _kb(env, "ingest", str(tmp_path / "a.txt"), "--tenant", "acme", "--domain", "astrology")
    assert bad_domain.returncode == 1 and "astrology" in bad_domain.stderr and "Traceback" not in bad_domain.stderr
    help_text = _kb(env, "search", "--help").stdout
    assert "VITAL_TENANT" in help_text and "fusion" in help_text
