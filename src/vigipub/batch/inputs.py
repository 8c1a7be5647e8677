"""Where the WARC files come from: local paths, folders, globs, lists, ``https://`` and ``s3://``.

``resolve_inputs`` turns the command line's INPUT arguments into a list of locations (an
absolute path or a URL each); ``open_input`` opens one as a binary stream; ``read_range``
reads the bytes of one record back (a ranged read for URLs, as Common Crawl's index is used).

A list file (one path or URL per line, ``#`` comments; gzip-compressed like Common Crawl's
``warc.paths.gz`` or not) is recognised by its content, not its name: it is neither a WARC
nor a gzip-compressed WARC. Relative lines are read against ``base`` (e.g.
``s3://commoncrawl/`` or ``https://data.commoncrawl.org/``), else against the list's folder.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from .errors import TriageInputError

WARC_SUFFIXES = (".warc", ".warc.gz")
REMOTE_SCHEMES = ("http://", "https://", "s3://")


def is_remote(location: str) -> bool:
    return location.startswith(REMOTE_SCHEMES)


def _looks_like_warc(path: Path) -> bool:
    """A WARC (plain or gzip) rather than a list of paths: the first bytes say."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise TriageInputError(f"cannot read: {exc.strerror or exc}", where=str(path)) from exc
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as gz:
                head = gz.read(16)
        except (OSError, EOFError):
            return True  # a damaged gzip WARC: the engine reports it as corrupt
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _read_list(path: Path, base: str | None) -> list[str]:
    try:
        raw = path.read_bytes()
        text = gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8")
        lines = [line.strip() for line in text.splitlines()]
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise TriageInputError(
            f"neither a WARC file nor a readable list of WARC files ({exc})", where=str(path)
        ) from exc
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        if "\x00" in line:  # before any use: a path with a NUL byte makes os calls raise
            raise TriageInputError(f"line {number} is not a path", where=str(path))
        if is_remote(line) or os.path.isabs(line):
            out.append(line)
        elif base:
            out.append(_join(base, line))
        else:
            out.append(str((path.parent / line).resolve()))
    return out


def _join(base: str, relative: str) -> str:
    if base.startswith("s3://"):
        return base.rstrip("/") + "/" + relative.lstrip("/")
    if is_remote(base):
        return urljoin(base if base.endswith("/") else base + "/", relative)
    return str((Path(base) / relative).resolve())


def resolve_inputs(arguments: list[str], base: str | None = None) -> list[str]:
    """The WARC locations named by the command line, in order, without duplicates.

    A folder gives its ``*.warc`` / ``*.warc.gz`` files (recursively); a glob its matches; a
    list file its lines; ``s3://bucket/prefix/`` (ending with a slash) the WARC objects under
    the prefix. Raises :class:`TriageInputError` for a name that matches nothing.
    """
    out: list[str] = []
    for argument in arguments:
        if is_remote(argument):
            out.extend(
                _s3_listing(argument)
                if argument.startswith("s3://") and argument.endswith("/")
                else [argument]
            )
            continue
        if any(ch in argument for ch in "*?["):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                raise TriageInputError("no file matches this pattern", where=argument)
            out.extend(str(Path(m).resolve()) for m in files)
            continue
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(WARC_SUFFIXES))
            if not found:
                raise TriageInputError("folder holds no .warc or .warc.gz file", where=argument)
            out.extend(str(p.resolve()) for p in found)
        elif path.is_file():
            out.extend([str(path.resolve())] if _looks_like_warc(path) else _read_list(path, base))
        else:
            raise TriageInputError("no such file or folder", where=argument)
    unique = list(dict.fromkeys(out))
    if not unique:
        raise TriageInputError("no WARC file to triage", where=" ".join(arguments) or "INPUT")
    return unique


# --------------------------------------------------------------------------- S3


def _s3_client() -> Any:
    """A boto3 S3 client: credentials and endpoint from the usual AWS settings
    (``AWS_ENDPOINT_URL`` for an S3-compatible store); anonymous when none are configured
    (Common Crawl's bucket is public)."""
    import boto3  # type: ignore[import-untyped]
    from botocore import UNSIGNED  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]

    session = boto3.session.Session()
    config = Config(retries={"max_attempts": 5, "mode": "standard"})
    if session.get_credentials() is None:
        config = config.merge(Config(signature_version=UNSIGNED))
    return session.client("s3", config=config)


def _s3_parts(location: str) -> tuple[str, str]:
    parts = urlsplit(location)
    if not parts.netloc:
        raise TriageInputError("an s3:// location needs a bucket", where=location)
    return parts.netloc, parts.path.lstrip("/")


def _s3_listing(location: str) -> list[str]:
    from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

    bucket, prefix = _s3_parts(location)
    out: list[str] = []
    try:
        paginator = _s3_client().get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                if item["Key"].endswith(WARC_SUFFIXES):
                    out.append(f"s3://{bucket}/{item['Key']}")
    except (BotoCoreError, ClientError) as exc:
        raise TriageInputError(f"cannot list: {exc}", where=location) from exc
    if not out:
        raise TriageInputError("no .warc or .warc.gz object under this prefix", where=location)
    return sorted(out)


# --------------------------------------------------------------------------- opening


@contextlib.contextmanager
def open_input(location: str, *, allow_private: bool = False) -> Iterator[tuple[IO[bytes], int | None]]:
    """``(binary stream, size or None)`` of one WARC location; errors name the location."""
    if location.startswith("s3://"):
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, key = _s3_parts(location)
        try:
            answer = _s3_client().get_object(Bucket=bucket, Key=key)
        except (BotoCoreError, ClientError) as exc:
            raise TriageInputError(f"cannot open: {exc}", where=location) from exc
        body = answer["Body"]
        try:
            yield body, answer.get("ContentLength")
        finally:
            body.close()
    elif is_remote(location):
        from .http import open_url

        with open_url(location, allow_private=allow_private) as (stream, size):
            yield stream, size
    else:
        try:
            fh = open(location, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise TriageInputError(f"cannot open: {exc.strerror or exc}", where=location) from exc
        try:
            yield fh, os.fstat(fh.fileno()).st_size
        finally:
            fh.close()


def read_range(location: str, offset: int, length: int, *, allow_private: bool = False) -> bytes:
    """The ``length`` bytes at ``offset`` of a WARC location (one record, to read it again)."""
    if length <= 0:
        raise TriageInputError("the row has no record length (its file was damaged after it)", where=location)
    if location.startswith("s3://"):
        from botocore.exceptions import BotoCoreError, ClientError

        bucket, key = _s3_parts(location)
        try:
            answer = _s3_client().get_object(
                Bucket=bucket, Key=key, Range=f"bytes={offset}-{offset + length - 1}"
            )
            return bytes(answer["Body"].read())
        except (BotoCoreError, ClientError) as exc:
            raise TriageInputError(
                f"cannot read the record at offset {offset}: {exc}", where=location
            ) from exc
    if is_remote(location):
        from .http import read_url_range

        return read_url_range(location, offset, length, allow_private=allow_private)
    try:
        with open(location, "rb") as fh:
            fh.seek(offset)
            data = fh.read(length)
    except OSError as exc:
        raise TriageInputError(f"cannot read: {exc.strerror or exc}", where=location) from exc
    if len(data) != length:
        raise TriageInputError(
            f"the file ends before the record at offset {offset} (changed since?)", where=location
        )
    return data
