"""``vigipub`` command: a click group whose subcommands live one per module.

Subcommands are imported lazily so that ``vigipub --help`` stays fast and a broken optional
dependency of one stage never prevents the others from running. Every vigipub error is
printed as one line (``error: <where>: <message>``) with exit code 2 for bad input and 1
for a failed check; tracebacks are for bugs only.
"""

from __future__ import annotations

import importlib
import sys

import click

from vigipub import __version__
from vigipub.evidence.errors import VigipubError

#: subcommand name -> (module, one-line help shown by ``vigipub --help``)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "investigate": ("vigipub.cli.investigate", "Capture a site, analyse it, qualify the facts, draft a decision."),
    "capture": ("vigipub.cli.capture", "Capture a site as sealed evidence (WARC, screenshots, manifest)."),
    "recheck": ("vigipub.cli.recheck", "Capture a dossier's site again and say whether it complied with the decision."),
    "verify": ("vigipub.cli.verify", "Check every digest and signature of a dossier; exit 0 only if anchored."),
    "key": (
        "vigipub.cli.key",
        "The agency's signing key: show, export, protect or change its passphrase; trust another public key.",
    ),
    "analyze": ("vigipub.cli.analyze", "Detect promotion and claims in captures, WARC, HTML or text files."),
    "registry": ("vigipub.cli.registry", "Look up and update the authorisation registers (BDPM, EMA)."),
    "qualify": ("vigipub.cli.qualify", "Qualify a dossier's facts against the law (Vu, Considérants)."),
    "draft": ("vigipub.cli.draft", "Draft a decision, letter of intent, news item or patient alert."),
    "eval": ("vigipub.cli.eval", "Measure detection quality on labelled corpora (grouped cross-validation with --cv)."),
    "model": ("vigipub.cli.model", "Train or show the verdict model (learned from the labelled corpora)."),
    "bench": ("vigipub.cli.bench", "Measure detection speed against a naive pipeline."),
    "triage": ("vigipub.cli.triage", "Triage web archives (WARC) at scale, locally or on Spark: ranked leads."),
    "demo": ("vigipub.cli.demo", "Serve the bundled demo sites on 127.0.0.1 and investigate each."),
    "serve": ("vigipub.cli.serve", "Serve the case-management web application on 127.0.0.1 (with its workers)."),
    "worker": ("vigipub.cli.worker", "Run the web application's background jobs (captures, documents, re-checks)."),
    "createuser": ("vigipub.cli.createuser", "Create an account of the web application with its role(s)."),
    "audit": ("vigipub.cli.audit", "Verify the hash chain of the web application's audit log."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS:
            return None
        module_name, short_help = SUBCOMMANDS[cmd_name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise

            @click.command(cmd_name, help=short_help + " (not available in this build)")
            def unavailable() -> None:
                raise click.ClickException(f"the '{cmd_name}' command is not available in this build")

            return unavailable
        command: click.Command = module.command
        command.short_help = short_help
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vigipub")
def cli() -> None:
    """vigipub: find, prove and stop the online promotion of unauthorised medicines.

    Typical use: `vigipub investigate https://clinic.example --out case-dir`.
    Run `vigipub COMMAND --help` for the options of each command.
    """


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    try:
        cli.main(args=argv, prog_name="vigipub", standalone_mode=False)
    except VigipubError as exc:
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
