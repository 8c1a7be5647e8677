"""``vigipub createuser NAME --role ROLE``: create (or ``--update``) an account.

The password is read from standard input when it is not a terminal (``echo … | vigipub
createuser``), else asked twice. Roles: inspector, legal_reviewer, signatory, administrator
(repeat ``--role``). A signatory needs ``--title`` (printed under the name in decisions).
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from vigipub.evidence.casework import Role
from vigipub.evidence.errors import InputError


def _password() -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise InputError("no password on standard input")
        return password
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise InputError("the two passwords differ")
    return first


@click.command("createuser")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]),
              help="Role of the account (repeat for several).")
@click.option("--full-name", default="", help="First and last name, as documents print them.")
@click.option("--title", default="", help="Title (« Directrice générale de l'ANSM »): needed to sign decisions.")
@click.option("--email", default="")
@click.option("--update", is_flag=True, help="Change an existing account: roles, names and password.")
@click.option("--data", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Data folder (default: $VIGIPUB_DATA or ./vigipub-data).")
def command(name: str, roles: tuple[str, ...], full_name: str, title: str, email: str, update: bool,
            data: Path | None) -> None:
    """Create the account NAME with ROLE(s); the password comes from standard input or a prompt."""
    from vigipub.web import commands

    name = name.strip()
    if not name or len(name) > 150 or any(c.isspace() for c in name):
        raise InputError("the user name must be one word of at most 150 characters", where=name)
    commands.prepare(data)
    created = commands.create_user(
        name, {Role(r) for r in roles}, _password(), full_name=full_name, title=title, email=email, update=update
    )
    click.echo(f"{'created' if created else 'updated'} {name}: {', '.join(sorted(roles))}")
