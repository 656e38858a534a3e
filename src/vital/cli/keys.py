"""`vital keys`: the project's API URL per demo tenant and its anon and service_role keys,
like `supabase status`; `vital up` prints the same before it serves."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from vital.cli.common import database, handles_errors, option, out, settings
from vital.errors import NotFound

if TYPE_CHECKING:
    from vital.settings import Settings

DAY = 24 * 3600
DEMO_TENANTS = ("acme", "pharmaco")


def demo_members(conn) -> list:
    """The demo tenants present (first owner of each), as Callers."""
    from vital.tenancy import Rule, member_caller

    found = []
    for subdomain in DEMO_TENANTS:
        try:
            found.append(member_caller(conn, subdomain, rule=Rule.OPERATING))
        except NotFound:
            continue
    return found


def api_url(s: Settings, subdomain: str) -> str:
    return f"http://{subdomain}.localhost:{s.api_port}"


def print_keys(s: Settings) -> None:
    from vital.auth.tokens import mint_key

    out.print(f"\n[bold]anon key[/bold] (apikey for /auth/v1; gives no data): {mint_key(s, 'anon')}", soft_wrap=True)
    out.print(f"[bold]service_role key[/bold] (operators' scripts; keep it secret): {mint_key(s, 'service_role')}",
              soft_wrap=True)


def print_demo_access(conn, s: Settings) -> None:
    """What `vital up` shows before it serves: the keys, then a URL and a token for each demo tenant present."""
    from vital.auth.accounts import ensure_password
    from vital.auth.tokens import mint_token

    print_keys(s)
    members = demo_members(conn)
    for member in members:
        out.print(f"\n[bold]{member.subdomain}[/bold] ({member.email}): "
                  f"{api_url(s, member.subdomain)}/rest/v1/agents", soft_wrap=True)
        token = mint_token(s, tenant_id=member.tenant_id, user_id=member.user_id, email=member.email,
                           expires_in=DAY)
        out.print(f"  token: {token}", soft_wrap=True)
        password = ensure_password(conn, member.user_id)
        if password is not None:  # printed once, when generated; stored as an argon2 hash
            out.print(f"  password: {password}  (sign in at {api_url(s, member.subdomain)}/ or at /auth/v1 "
                      f"with the anon key; shown once; new one: `vital password --tenant {member.subdomain}`)",
                      soft_wrap=True)
        out.print(f"  console: {api_url(s, member.subdomain)}/  (sign in as {member.email})", soft_wrap=True)
    conn.commit()  # the generated passwords
    if members:
        out.print(f"\ntry: curl -H \"Authorization: Bearer <token>\" "
                  f"'http://acme.localhost:{s.api_port}/rest/v1/agents?select=name,slug&limit=5'\n", soft_wrap=True)


@click.command("keys")
@option("--json", "as_json", is_flag=True, envvar="VITAL_KEYS_JSON", help="One JSON object, for scripts.")
@click.pass_context
@handles_errors
def keys(ctx, as_json: bool) -> None:
    """Print the anon and service_role keys and the API URL of each demo tenant (docs/auth.md)."""
    from vital.auth.secret import with_secret
    from vital.auth.tokens import mint_key

    s = with_secret(settings(ctx))
    with database(ctx) as d, d.session() as conn:
        members = demo_members(conn)
    if as_json:
        click.echo(json.dumps({"anon_key": mint_key(s, "anon"), "service_role_key": mint_key(s, "service_role"),
                               "api_urls": {m.subdomain: api_url(s, m.subdomain) for m in members}}))
        return
    for member in members:
        out.print(f"[bold]{member.subdomain}[/bold] API URL: {api_url(s, member.subdomain)}", soft_wrap=True)
    print_keys(s)
