"""`vital eval ...`: golden sets and evaluation runs, as a member of the tenant through RLS like the API."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from rich.table import Table

from vital.cli.common import database, err, handles_errors, option, out, progress_bars, settings
from vital.evaluation.bounds import MAX_K, TAGS

tenant_option = option("--tenant", "subdomain", required=True, envvar="VITAL_TENANT",
                       help="The tenant's subdomain, e.g. acme.")
email_option = option("--email", envvar="VITAL_EVAL_EMAIL",
                      help="Act as this member  [default: the tenant's first owner]")
json_option = option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
# Gates for a user's own CI: the run's figure must reach the bound, else exit 1.
GATES = {"min_fact_recall": ("fact_recall", ">="), "min_hit_at_k": ("hit_at_k", ">="), "min_mrr": ("mrr", ">="),
         "min_decline_recall": ("decline_recall", ">="), "min_citation_validity": ("citation_validity", ">="),
         "max_wrong_confident": ("wrong_confident_rate", "<=")}


@click.group("eval")
def evaluate() -> None:
    """Evaluate answers on golden sets: retrieval hit@k and MRR, fact recall, declines, citations, latency."""


@contextmanager
def _evaluation(ctx, subdomain: str, email: str | None):
    """The tenant's member (SERVING: as the API would answer them) on the API's login, under RLS."""
    import psycopg
    from vital.db.connection import SESSION_OPTIONS
    from vital.evaluation.runner import Evaluation
    from vital.tenancy import Rule, member_caller

    with database(ctx) as db:
        with db.session() as owner:
            caller = member_caller(owner, subdomain, email, rule=Rule.SERVING)
        with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as conn:
            yield conn, caller, Evaluation(conn, caller, settings(ctx))


def _unit(ctx, param, value):
    if value is not None and not 0 <= value <= 1:
        raise click.BadParameter(f"{value} is not between 0 and 1.")
    return value


@evaluate.command("run")
@tenant_option
@email_option
@option("--set", "tag", type=click.Choice(TAGS), default="golden", help="Questions of this tag.")
@option("--mode", type=click.Choice(["1", "2"]), default="2", help="1: you name the agent (--agent); 2: the system picks it.")
@option("--agent", help="Mode 1: the agent's slug.")
@option("--k", type=click.IntRange(1, MAX_K), default=5, help="hit@k: the expected document among the first k retrieved.")
@option("--eval-set", help="Only this golden set (slug)  [default: every set the tenant reads, its own and the platform's]")
@option("--compare", "baseline", help="Print the difference to this earlier run (id).")
@option("--min-fact-recall", type=float, callback=_unit, help="Exit 1 unless fact recall reaches this (0-1).")
@option("--min-hit-at-k", type=float, callback=_unit, help="Exit 1 unless hit@k reaches this (0-1).")
@option("--min-mrr", type=float, callback=_unit, help="Exit 1 unless MRR reaches this (0-1).")
@option("--min-decline-recall", type=float, callback=_unit, help="Exit 1 unless decline recall reaches this (0-1).")
@option("--min-citation-validity", type=float, callback=_unit, help="Exit 1 unless citation validity reaches this (0-1).")
@option("--max-wrong-confident", type=float, callback=_unit,
        help="Exit 1 if the wrong-and-confident rate is above this (0-1).")
@json_option
@click.pass_context
@handles_errors
def run_cmd(ctx, subdomain, email, tag, mode, agent, k, eval_set, baseline, as_json, **gates) -> None:
    """Ask every question of the set as the tenant, judge the answers, store and print the metrics."""
    from vital.evaluation.compare import compare
    from vital.evaluation.runner import RunRequest

    request = RunRequest(tag=tag, mode=int(mode), k=k, eval_set=eval_set, agent=agent)
    request.check()
    with _evaluation(ctx, subdomain, email) as (conn, caller, evaluation):
        if baseline:
            evaluation.get(baseline)  # an unknown baseline is refused before an hour of questions
        run_id = evaluation.create(request)
        total = evaluation.get(run_id)["questions_total"]
        err.print(f"evaluation run {run_id}: {total} questions")
        with progress_bars({"questions": total}) as advance:
            evaluation.execute(run_id, progress=lambda n: advance("questions", n))
        run = evaluation.get(run_id, results=bool(baseline))
        comparison = compare(run, evaluation.get(baseline, results=True)) if baseline else None
    _show(run, comparison, as_json)
    failed = [f"{name} {run['metrics'].get(name)} (bound {op} {bound})" for key, bound in gates.items()
              if bound is not None for name, op in [GATES[key]] if not _meets(run["metrics"].get(name), op, bound)]
    if run["status"] != "succeeded":
        err.print(f"[bold red]error:[/bold red] the run {run['status']}: {run['error']}")
        sys.exit(1)
    if failed:
        err.print("[bold red]gate failed:[/bold red] " + "; ".join(failed))
        sys.exit(1)


def _meets(value, op: str, bound: float) -> bool:
    if value is None:
        return False
    return value >= bound if op == ">=" else value <= bound


@evaluate.command("list")
@tenant_option
@email_option
@option("--limit", type=click.IntRange(1, 500), default=20)
@json_option
@click.pass_context
@handles_errors
def list_cmd(ctx, subdomain, email, limit, as_json) -> None:
    """The tenant's runs, newest first."""
    with _evaluation(ctx, subdomain, email) as (_, _caller, evaluation):
        runs = evaluation.list(limit)
    if as_json:
        out.print_json(json.dumps(runs))
        return
    table = Table("run", "started", "status", "set", "mode", "done/total", "hit@k", "MRR", "fact recall",
                  "wrong+confident")
    for r in runs:
        m = r["metrics"]
        table.add_row(r["id"], (r["started_at"] or r["created_at"])[:19], r["status"],
                      r["tag"] + (f" ({r['eval_set']})" if r["eval_set"] else ""), str(r["mode"]),
                      f"{r['questions_done']}/{r['questions_total']}", _fmt(m.get("hit_at_k")), _fmt(m.get("mrr")),
                      _fmt(m.get("fact_recall")), _fmt(m.get("wrong_confident_rate")))
    out.print(table)


@evaluate.command("show")
@click.argument("run")
@tenant_option
@email_option
@option("--compare", "baseline", help="The difference to this other run (id).")
@option("--results", is_flag=True, help="Also each question: hit rank, fact found, declined, confidence.")
@json_option
@click.pass_context
@handles_errors
def show_cmd(ctx, run, subdomain, email, baseline, results, as_json) -> None:
    """One run: its settings, progress and metrics."""
    from vital.evaluation.compare import compare

    with _evaluation(ctx, subdomain, email) as (_, _caller, evaluation):
        found = evaluation.get(run, results=results or bool(baseline))
        comparison = compare(found, evaluation.get(baseline, results=True)) if baseline else None
    _show(found, comparison, as_json, results=results)


@evaluate.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@tenant_option
@email_option
@option("--name", "slug", help="The set's slug  [default: the file's name]")
@click.pass_context
@handles_errors
def import_cmd(ctx, file: Path, subdomain, email, slug) -> None:
    """Load FILE.toml as the tenant's golden set (the set then holds exactly the file's questions)."""
    from vital.db.tenant import tenant_transaction
    from vital.evaluation import golden

    questions = golden.read_file(file)
    slug = slug or file.stem.lower().replace("_", "-")
    with _evaluation(ctx, subdomain, email) as (conn, caller, _):
        with tenant_transaction(conn, caller) as c:
            loaded = golden.load_set(c, caller.tenant_id, slug, slug.replace("-", " ").capitalize(), questions)
    out.print(f"golden set '{slug}' of {subdomain}: {len(questions)} questions ({loaded.summary()})")


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.3f}" if isinstance(value, float) and value <= 1 else f"{value:g}"


def _show(run: dict, comparison: dict | None, as_json: bool, *, results: bool = False) -> None:
    from vital.evaluation.metrics import METRICS

    if as_json:
        shown = {k: v for k, v in run.items() if k != "results" or results}
        out.print_json(json.dumps({**shown, "comparison": comparison} if comparison else shown))
        return
    m = run["metrics"]
    out.print(f"[bold]run {run['id']}[/bold]  {run['status']}, {run['questions_done']}/{run['questions_total']} "
              f"questions, set {run['tag']}{' (' + run['eval_set'] + ')' if run['eval_set'] else ''}, "
              f"mode {run['mode']}, k {run['k']}, answerer {run['settings'].get('answerer')}")
    if m:
        out.print(f"{m['judged']} judged ({m['answerable']} answerable, {m['should_decline']} to decline), "
                  f"{m['errors']} errors")
    table = Table("metric", "value", "what it is")
    for name, (what, _) in METRICS.items():
        table.add_row(name.replace("hit_at_k", f"hit@{run['k']}"), _fmt(m.get(name)), what)
    out.print(table)
    if results:
        rows = Table("#", "question", "hit", "fact", "declined", "conf.", "right", "cites ok")
        for r in run["results"]:
            rows.add_row(str(r["position"] + 1), r["question"][:60], _fmt(r["hit_rank"]), _fmt(r["fact_found"]),
                         _fmt(r["declined"]), _fmt(r["confidence"]), _fmt(r["correct"]),
                         f"{r['citations_valid']}/{r['citations_total']}" if r["error"] is None else r["error"][:30])
        out.print(rows)
    if comparison:
        diff = Table("metric", "this run", "baseline", "change")
        for c in comparison["metrics"]:
            mark = "" if c["better"] is None else (" better" if c["better"] else " worse")
            diff.add_row(c["metric"], _fmt(c["run"]), _fmt(c["baseline"]),
                         ("–" if c["delta"] is None else f"{c['delta']:+g}") + mark)
        out.print(f"[bold]compared with {comparison['baseline']}[/bold] ({comparison['questions_in_both']} "
                  "questions in both)")
        out.print(diff)
        for title, key in (("right → wrong", "right_to_wrong"), ("wrong → right", "wrong_to_right")):
            out.print(f"{title}: {len(comparison[key])}")
            for q in comparison[key]:
                out.print(f"  - {q['question']}", markup=False)
