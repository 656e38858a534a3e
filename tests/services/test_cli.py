"""`vital ask`: a tenant's question from the command line, answered through RLS with citations."""

from __future__ import annotations

import subprocess
import sys


def vital(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vital", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_vital_ask(services_db, cli_env):
    env = cli_env(services_db[0], VITAL_SERVICES_RETRIEVAL="fulltext", COLUMNS="200")
    done = vital(["ask", "--tenant", "acme", "How do we prepare for a GMP inspection?"], env)
    assert done.returncode == 0, done.stderr
    assert "Quality Systems Architect" in done.stdout and "Extractive answer" in done.stdout
    assert "GMP inspection readiness, chunk 0" in done.stdout and "confidence" in done.stdout
    done = vital(["ask", "--tenant", "acme", "--mode", "1", "--agent", "biostatistician",
                  "How do we calculate the sample size of a non-inferiority trial?"], env)
    assert done.returncode == 0 and "Non-inferiority trial design" in done.stdout, done.stderr
    done = vital(["ask", "--tenant", "acme", "--mode", "1", "q"], env)
    assert done.returncode == 1 and "--agent" in done.stderr
