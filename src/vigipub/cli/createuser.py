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
    from vigipub.web import runtime

    runtime.setup(data)
    runtime.migrate()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from vigipub.evidence.casework import AuditAction
    from vigipub.web import audit
    from vigipub.web.auth import set_roles
    from vigipub.web.models import Profile

    name = name.strip()
    if not name or len(name) > 150 or any(c.isspace() for c in name):
        raise InputError("the user name must be one word of at most 150 characters", where=name)
    User = get_user_model()
    existing = User.objects.filter(username=name).first()
    if existing is not None and not update:
        raise InputError("this account exists (use --update to change it)", where=name)
    if existing is None and update:
        raise InputError("no such account to update", where=name)
    role_set = {Role(r) for r in roles}
    if Role.SIGNATORY in role_set and not title.strip() and not (
        existing is not None and getattr(getattr(existing, "vigipub_profile", None), "title", "")
    ):
        raise InputError("a signatory needs --title (printed under the name in decisions)", where=name)
    password = _password()
    first, _, last = full_name.strip().partition(" ")
    candidate = existing or User(username=name, email=email, first_name=first, last_name=last)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise InputError("password refused: " + " ".join(exc.messages), where=name) from exc
    with transaction.atomic():
        user = candidate
        if full_name:
            user.first_name, user.last_name = first, last
        if email:
            user.email = email
        user.set_password(password)
        user.save()
        set_roles(user, role_set)
        profile, _created = Profile.objects.get_or_create(user=user)
        if title.strip():
            profile.title = " ".join(title.split())
            profile.save()
        audit.record(
            "system",
            AuditAction.USER_UPDATE if existing else AuditAction.USER_CREATE,
            subject=f"user {name}",
            details={"roles": sorted(str(r) for r in role_set), "title": profile.title},
        )
    click.echo(f"{'updated' if existing else 'created'} {name}: {', '.join(sorted(roles))}")
