"""`vital user`: an operator's acts on people: add, list, set-role, disable, enable, lock, unlock."""

from __future__ import annotations

import click

from vital.cli.common import database, handles_errors, option, out

ROLES = click.Choice(["owner", "admin", "member", "viewer"])


@click.group("user")
def user() -> None:
    """People of a tenant: memberships (as the tenant, under RLS) and accounts (locks)."""


@user.command("add")
@option("--tenant", required=True, help="The tenant's subdomain, e.g. acme.")
@option("--email", required=True, help="The person's e-mail (an account is created if none has it).")
@option("--role", type=ROLES, default="member", help="Their role in the tenant.")
@option("--password", "with_password", is_flag=True, help="Generate a password and print it once.")
@click.pass_context
@handles_errors
def add(ctx, tenant: str, email: str, role: str, with_password: bool) -> None:
    """Make a person a member of the tenant with a role."""
    from vital.auth import members

    with database(ctx) as d, d.session(autocommit=True) as conn:
        added = members.add_member(conn, tenant, email, role, password=with_password)
    made = "new account" if added.new_account else "existing account"
    out.print(f"{email} ({made}) is now {role} of {tenant}.", soft_wrap=True)
    if added.password:
        out.print(f"password (shown once): {added.password}", soft_wrap=True)
    elif not added.had_password:
        out.print(f"No password yet: `vital password --tenant {tenant} --email {email}` sets one "
                  f"(or send an invitation).", soft_wrap=True)


@user.command("list")
@option("--tenant", required=True, help="The tenant's subdomain.")
@click.pass_context
@handles_errors
def list_(ctx, tenant: str) -> None:
    """The tenant's members: e-mail, role, status."""
    from vital.auth import members

    with database(ctx) as d, d.session(autocommit=True) as conn:
        rows = members.list_members(conn, tenant)
    for row in rows:
        out.print(f"{row['email']:<40} {row['role']:<7} {row['status']}", soft_wrap=True)
    out.print(f"{len(rows)} member(s).")


@user.command("set-role")
@option("--tenant", required=True, help="The tenant's subdomain.")
@option("--email", required=True, help="The member's e-mail.")
@click.argument("role", type=ROLES)
@click.pass_context
@handles_errors
def set_role(ctx, tenant: str, email: str, role: str) -> None:
    """Change a member's role (the last active owner stays an owner)."""
    from vital.auth import members

    with database(ctx) as d, d.session(autocommit=True) as conn:
        members.change_member(conn, tenant, email, role=role)
    out.print(f"{email} is now {role} of {tenant}.", soft_wrap=True)


def _status_command(name: str, status: str, doc: str):
    @user.command(name, help=doc)
    @option("--tenant", required=True, help="The tenant's subdomain.")
    @option("--email", required=True, help="The member's e-mail.")
    @click.pass_context
    @handles_errors
    def command(ctx, tenant: str, email: str) -> None:
        from vital.auth import members

        with database(ctx) as d, d.session(autocommit=True) as conn:
            members.change_member(conn, tenant, email, status=status)
        out.print(f"{email}'s membership of {tenant} is {status}.", soft_wrap=True)
    return command


_status_command("disable", "disabled", "Disable a membership: no rights in the tenant, no sign-in there.")
_status_command("enable", "active", "Enable a disabled membership again.")


@user.command("lock")
@option("--email", required=True, help="The account's e-mail.")
@option("--reason", help="Why, kept with the lock.")
@click.pass_context
@handles_errors
def lock(ctx, email: str, reason: str | None) -> None:
    """Lock an account everywhere: every session ends and sign-in is refused at every tenant."""
    from vital.auth import members

    with database(ctx) as d, d.session(autocommit=True) as conn:
        ended = members.lock(conn, email, reason)
    out.print(f"{email} is locked; {ended} session(s) ended.", soft_wrap=True)


@user.command("unlock")
@option("--email", required=True, help="The account's e-mail.")
@click.pass_context
@handles_errors
def unlock(ctx, email: str) -> None:
    """Lift an account's lock."""
    from vital.auth import members

    with database(ctx) as d, d.session(autocommit=True) as conn:
        was = members.unlock(conn, email)
    out.print(f"{email} is {'unlocked' if was else 'not locked'}.", soft_wrap=True)
