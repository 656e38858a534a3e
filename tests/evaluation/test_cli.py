"""`vital eval`: a tenant's golden set imported from TOML, runs with a progress line and the
metrics table, the difference to an earlier run, a failing gate, and clear refusals. One run is
the real `vital` process; the other commands go through the same CLI in-process (CliRunner), to
spare an interpreter start each."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from tests.evaluation.conftest import TINY
from vital.cli.main import cli


def test_import_run_compare_gate_list_show(library_db, cli_env, tmp_path):
    env = cli_env(library_db, COLUMNS="200")
    vital = lambda *args: CliRunner().invoke(cli, ["eval", *args], env=env)  # noqa: E731
    (tmp_path / "mine.toml").write_text(TINY)
    (tmp_path / "broken.toml").write_text('[[question]]\ntext = "q"\ndecline = true\nfact = "x"\n')

    done = vital("import", str(tmp_path / "mine.toml"), "--tenant", "acme")
    assert done.exit_code == 0, done.output
    assert "golden set 'mine' of acme: 3 questions (3 added" in done.stdout
    done = vital("import", str(tmp_path / "broken.toml"), "--tenant", "acme")
    assert done.exit_code == 1 and "broken.toml, question 1" in done.stderr and "expects no document" in done.stderr

    first = subprocess.run([sys.executable, "-m", "vital", "eval", "run", "--tenant", "acme", "--eval-set", "mine",
                            "--set", "all", "--k", "3"], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "questions: 3/3" in first.stderr  # the progress line (a bar on a terminal)
    run_id = re.search(r"run ([0-9a-f-]{36})", first.stdout).group(1)
    assert "succeeded, 3/3 questions" in first.stdout and "hit@3" in first.stdout and "fact_recall" in first.stdout

    # The impossible fact makes fact recall < 1: the gate fails, after printing the run and the difference.
    second = vital("run", "--tenant", "acme", "--eval-set", "mine", "--set", "all", "--k", "3",
                   "--compare", run_id, "--min-fact-recall", "1")
    assert second.exit_code == 1 and "gate failed: fact_recall" in second.stderr, second.output
    assert f"compared with {run_id}" in second.stdout and "right → wrong: 0" in second.stdout

    listed = vital("list", "--tenant", "acme")
    assert listed.exit_code == 0 and run_id in listed.stdout
    shown = vital("show", run_id, "--tenant", "acme", "--results")
    assert shown.exit_code == 0 and "which dictionary do we code adverse events" in shown.stdout
    assert vital("show", run_id, "--tenant", "pharmaco").exit_code == 1  # another tenant's run: not found

    for wrong, message in ((["--set", "everything"], "Invalid value for '--set'"),
                           (["--min-fact-recall", "2"], "not between 0 and 1"),
                           (["--k", "0"], "Invalid value for '--k'")):
        done = vital("run", "--tenant", "acme", *wrong)
        assert done.exit_code == 2 and message in done.stderr, done.output
    done = vital("run", "--tenant", "acme", "--mode", "1")
    assert done.exit_code == 1 and "Mode 1 needs the agent" in done.stderr
