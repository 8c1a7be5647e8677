"""``vigipub key``: the agency's signing key (show, protect or change its passphrase, export the
public key, trust another key)."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vigipub.evidence.signing import (
    PASSPHRASE_ENV,
    PASSPHRASE_FILE_ENV,
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    TRUSTED_DIR,
    SigningKeyError,
    change_passphrase,
    default_key_dir,
    is_encrypted,
    key_id,
    key_passphrase,
    load_public_key,
    load_signing_key,
    protect_key,
    public_pem,
    read_passphrase_file,
    short_id,
)

KEY_DIR = click.option(
    "--key-dir", default=None, type=click.Path(file_okay=False, path_type=Path),
    help="The agency's key folder (default: $VIGIPUB_KEY_DIR or ~/.config/vigipub/keys).",
)


@click.group("key")
def command() -> None:
    """The agency's Ed25519 key that signs every seal (created on first use).

    Hand the public key (`vigipub key export`) to whoever must verify the agency's dossiers
    (`vigipub verify DIR --trusted-key agency.pem`): a dossier signed by another key is
    "verified but not anchored".
    """


def _public_key(key_dir: Path | None) -> tuple[Ed25519PublicKey, Path]:
    """The agency's public key and folder; an encrypted private key is not opened (showing or
    exporting the public half needs no passphrase)."""
    folder = key_dir or default_key_dir()
    if is_encrypted(folder / PRIVATE_KEY_FILE) and (folder / PUBLIC_KEY_FILE).is_file():
        return load_public_key(folder / PUBLIC_KEY_FILE), folder
    key = load_signing_key(key_dir)
    return key.public, key.folder


@command.command("show")
@KEY_DIR
def show(key_dir: Path | None) -> None:
    """Print the key's id and folder (creates the key if there is none yet)."""
    public, folder = _public_key(key_dir)
    identifier = key_id(public)
    encrypted = is_encrypted(folder / PRIVATE_KEY_FILE)
    click.echo(f"key id   {identifier}")
    click.echo(f"short id {short_id(identifier)}")
    click.echo(f"folder   {folder}")
    click.echo(f"private  {'encrypted with a passphrase' if encrypted else 'not encrypted (vigipub key protect)'}")


@command.command("protect")
@KEY_DIR
def protect(key_dir: Path | None) -> None:
    """Encrypt the private key with a passphrase (its id does not change).

    The passphrase is $VIGIPUB_KEY_PASSPHRASE, or the content of the file named by
    $VIGIPUB_KEY_PASSPHRASE_FILE (a secret the deployment mounts), or asked for here. From then
    on every process that signs (capture, investigate, the web application's workers) needs it.
    """
    passphrase = key_passphrase()
    if passphrase is None:
        passphrase = click.prompt("passphrase", hide_input=True, confirmation_prompt=True).encode("utf-8")
    path = protect_key(key_dir, passphrase)
    click.echo(f"encrypted {path}; processes that sign need {PASSPHRASE_ENV} or {PASSPHRASE_FILE_ENV} from now on")


@command.command("passphrase")
@KEY_DIR
@click.option("--new-passphrase-file", "new_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Read the new passphrase from this file (a mounted secret) instead of asking for it.")
@click.option("--remove", is_flag=True, help="Store the key unencrypted from now on (no new passphrase).")
def passphrase(key_dir: Path | None, new_file: Path | None, remove: bool) -> None:
    """Change the private key's passphrase (or remove it); the key and its id stay.

    The current passphrase is $VIGIPUB_KEY_PASSPHRASE or the content of
    $VIGIPUB_KEY_PASSPHRASE_FILE (asked for here when neither is set). The new one comes from
    --new-passphrase-file or is asked for twice, hidden: never on the command line, where a
    process list or a shell history would keep it. A wrong current passphrase changes nothing.
    """
    if remove and new_file is not None:
        raise click.UsageError("--remove and --new-passphrase-file exclude each other")
    folder = key_dir or default_key_dir()
    path = folder / PRIVATE_KEY_FILE
    if not path.exists():
        raise SigningKeyError("no signing key here (created by the first capture)", where=str(folder))
    current = key_passphrase()
    if current is None and is_encrypted(path):
        current = click.prompt("current passphrase", hide_input=True).encode("utf-8")
    new: bytes | None = None
    if new_file is not None:
        new = read_passphrase_file(new_file)
    elif not remove:
        answer = click.prompt("new passphrase", hide_input=True, confirmation_prompt=True, default="",
                              show_default=False)
        new = answer.encode("utf-8")
    identifier = short_id(change_passphrase(folder, current, new).key_id)
    if new is None:
        click.echo(f"decrypted {path} (key {identifier}); it is no longer protected by a passphrase")
    else:
        click.echo(f"new passphrase for {path} (key {identifier}); processes that sign need it in "
                   f"{PASSPHRASE_ENV} or {PASSPHRASE_FILE_ENV} from now on")


@command.command("export")
@KEY_DIR
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the public key (PEM) to this file instead of printing it.")
def export(key_dir: Path | None, out: Path | None) -> None:
    """Print (or write) the public key, PEM: what verifiers need, never the private key."""
    pem = public_pem(_public_key(key_dir)[0])
    if out is None:
        click.echo(pem.decode("ascii"), nl=False)
        return
    out.write_bytes(pem)
    click.echo(str(out))


@command.command("trust")
@click.argument("public_key", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@KEY_DIR
def trust(public_key: Path, key_dir: Path | None) -> None:
    """Accept PUBLIC_KEY (PEM) as an anchor from now on (a former key, another office)."""
    public = load_public_key(public_key)
    folder = (key_dir or default_key_dir()) / TRUSTED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{short_id(key_id(public))}.pem"
    if public_key.read_bytes().find(b"PRIVATE KEY") >= 0:
        target.write_bytes(public_pem(public))  # never copy a private key around
    else:
        shutil.copyfile(public_key, target)
    click.echo(f"trusted {short_id(key_id(public))} ({target})")
