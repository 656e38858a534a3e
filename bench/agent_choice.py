"""Mode 2's agent choice, by words and by meaning (run by hand, after bench/calibrate.py built its database).

    PYTHONPATH=src .venv/bin/python bench/agent_choice.py

Two sets of questions with known right agents: the agent-choice questions of
tests/services/test_ask_expert.py (one right agent each), and every answerable
question of src/vital/library/questions/*.toml, whose document names in its front
matter the agents it serves (right = the chosen agent is one of them). For each
weight of meaning (0 = today's word score alone, 1 = meaning alone) the share of
questions whose first choice is right, as acme's demo user under RLS, on the
`vital_bench_calibrate` database (the seeded agents and the library).
"""

from __future__ import annotations

import os
import re
import time
import tomllib
from pathlib import Path

import psycopg

from vital.db.connection import SESSION_OPTIONS, Database
from vital.db.tenant import tenant_transaction
from vital.services.ask_expert.agent_selection import rank
from vital.services.meaning import for_settings
from vital.settings import load_settings
from vital.tenancy import Caller

LIBRARY = Path(__file__).resolve().parents[1] / "src" / "vital" / "library"
TESTS = [  # tests/services/test_ask_expert.py::test_mode_2_picks_a_fitting_agent
    ("What are the HIPAA breach notification deadlines for protected health information?", {"hipaa-compliance-officer"}),
    ("How do we prepare for a GMP inspection?", {"quality-systems-architect"}),
    ("What should a briefing package for an FDA Type B meeting contain?", {"fda-regulatory-strategist"}),
    ("How do I build a budget impact model for payers?", {"health-economics-analyst"}),
]


def library_questions() -> list[tuple[str, set[str]]]:
    agents = {}
    for path in (LIBRARY / "documents").glob("*/*.md"):
        front = re.match(r"\A\+\+\+\n(.*?)\n\+\+\+\n", path.read_text(), re.S).group(1)
        agents[path.stem] = set(tomllib.loads(front)["agents"])
    out = []
    for path in sorted((LIBRARY / "questions").glob("*.toml")):
        out += [(q["text"], agents[q["document"]]) for q in tomllib.loads(path.read_text()).get("question", [])
                if not q.get("decline") and q.get("document") in agents]
    return out


def main() -> None:
    settings = load_settings().model_copy(update={"embedding_provider": "local"})
    meaning = for_settings(settings)
    sets = {"agent-choice tests": TESTS, "library questions": library_questions()}
    with Database(settings) as db, psycopg.connect(db.server.url("vital_bench_calibrate"), autocommit=True,
                                                   options=SESSION_OPTIONS) as conn:
        tenant, user = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                    "AND u.email = 'ada@acme.example'").fetchone()
        caller = Caller.member(tenant, user)
        print(f"load {os.getloadavg()[0]:.1f}\n")
        print("| weight of meaning | " + " | ".join(sets) + " | p50 ms |")
        print("|---|" + "---|" * (len(sets) + 1))
        for weight in (0.0, 0.3, 0.5, 0.7, 0.85, 1.0):
            cells, times = [], []
            for questions in sets.values():
                right = 0
                for text, agents in questions:
                    started = time.perf_counter()
                    with tenant_transaction(conn, caller, read_only=True) as c:
                        ranked = rank(c, text, limit=1, meaning=meaning if weight else None, semantic=weight)
                    times.append((time.perf_counter() - started) * 1000)
                    right += bool(ranked) and ranked[0].slug in agents
                cells.append(f"{right}/{len(questions)} ({right / len(questions):.0%})")
            times.sort()
            print(f"| {weight} | " + " | ".join(cells) + f" | {times[len(times) // 2]:.1f} |")


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
