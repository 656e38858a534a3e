"""`vital ask`: Ask Expert from the command line, as a tenant's member, through RLS like the API."""

from __future__ import annotations

import click

from vital.cli.common import database, handles_errors, option, out, settings
from vital.errors import InvalidInput


@click.command("ask")
@click.argument("question")
@option("--tenant", required=True, envvar="VITAL_ASK_TENANT", help="The tenant's subdomain, e.g. acme.")
@option("--email", envvar="VITAL_ASK_EMAIL", help="Ask as this member  [default: the tenant's first owner]")
@option("--mode", type=click.Choice(["1", "2"]), default="2", envvar="VITAL_ASK_MODE",
        help="1: you name the agent (--agent); 2: the system picks it.")
@option("--agent", envvar="VITAL_ASK_AGENT", help="Mode 1: the agent's slug.")
@click.pass_context
@handles_errors
def ask(ctx, question: str, tenant: str, email: str | None, mode: str, agent: str | None) -> None:
    """Ask an expert agent; the answer streams, then its citations and confidence."""
    import psycopg
    from vital.db.connection import SESSION_OPTIONS
    from vital.db.tenant import tenant_transaction
    from vital.services.ask_expert import store
    from vital.services.ask_expert.service import AskExpert
    from vital.tenancy import Rule, member_caller

    s = settings(ctx)
    with database(ctx) as db:
        with db.session() as owner:
            # SERVING: this asks as a member, the way the API would answer them; a suspended or
            # deleted tenant gets no answers from the API, so none from here either.
            caller = member_caller(owner, tenant, email, rule=Rule.SERVING)
        if mode == "1" and not agent:
            raise InvalidInput("Mode 1 needs --agent SLUG.", hint="e.g. --agent biostatistician")
        # The API's login: owns nothing, cannot bypass RLS.
        with psycopg.connect(db.api_url, options=SESSION_OPTIONS, autocommit=True) as conn:
            service = AskExpert(conn, caller, s)
            agent_id = None
            if agent:
                with tenant_transaction(conn, caller, read_only=True) as c:
                    agent_id = store.agent_by_slug(c, agent).id
            session = service.create(mode=int(mode), query=question, agent_id=agent_id)
            for event in service.ask_stream(session["id"], question):
                if event["event"] == "meta":
                    out.print(f"[dim]{event['data']['agent']['name']}[/dim]\n")
                elif event["event"] == "delta":
                    out.print(event["data"]["text"], end="", markup=False, highlight=False)
                elif event["event"] == "done":
                    _sources(event["data"])


def _sources(message: dict) -> None:
    meta = message["metadata"]
    out.print(f"\n[bold]confidence[/bold] {meta['confidence']}  ({meta['answerer']}, {meta['model']})")
    for c in meta["citations"]:
        out.print(f"  [{c['ref']}] {c['title']}, chunk {c['chunk_index']} (score {c['score']})", markup=False)
