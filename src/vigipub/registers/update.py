"""``vigipub registry update``: fetch the official files, validate them, swap atomically.

Nothing is replaced unless every file passes validation (layout, encoding, dates, row
counts, and no sharp drop against the current snapshot); a failure leaves the previous
database untouched and usable, and names the file, line and column concerned.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from . import snapshot, store
from .errors import RegisterDownloadError
from .formats import BDPM_SPECS, EMA_FILE, parse_date
from .store import read_only_uri

#: Refuse larger downloads: the real files are 1–5 MB; a 200 MB answer is not a register.
MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024
USER_AGENT = "vigipub-registers/0.1 (medicines regulator tooling; register update)"


@dataclass
class UpdateReport:
    db_path: Path
    entries: dict[str, int]
    snapshot_dates: dict[str, date | None]
    seconds_fetch: float
    seconds_parse: float
    seconds_build: float
    warnings: list[str]

    @property
    def seconds_total(self) -> float:
        return self.seconds_fetch + self.seconds_parse + self.seconds_build


def _fetch(client: httpx.Client, url: str, name: str) -> store.SourceFile:
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise RegisterDownloadError(f"HTTP {response.status_code} for {name}", where=url)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise RegisterDownloadError(f"{name} exceeds {MAX_DOWNLOAD_BYTES} bytes", where=url)
                chunks.append(chunk)
            declared = response.headers.get("content-length")
            data = b"".join(chunks)
            if (
                declared
                and declared.isdigit()
                and int(declared) != len(data)
                and "content-encoding" not in response.headers
            ):
                raise RegisterDownloadError(
                    f"{name}: received {len(data)} of {declared} bytes (truncated)", where=url
                )
            last_modified = response.headers.get("last-modified")
    except httpx.HTTPError as exc:
        raise RegisterDownloadError(
            f"cannot download {name} ({type(exc).__name__}: {exc})", where=url
        ) from None
    now = datetime.now(UTC).replace(microsecond=0)
    note = f"downloaded {now.isoformat()}"
    if last_modified:
        with contextlib.suppress(TypeError, ValueError):
            note += f"; Last-Modified {parsedate_to_datetime(last_modified).isoformat()}"
    # The BDPM publishes "the current state" daily: the snapshot date is the download date.
    return store.SourceFile(name, data, now.date(), url, now.isoformat(), note=note)


def date_bdpm_from_data(parsed: store.ParsedSnapshot, files: dict[str, store.SourceFile]) -> None:
    """Date the BDPM files of a local copy that no snapshot.json or operator dated.

    ``CIS_bdpm.txt`` lists every medicine with its marketing authorisation date: the copy is
    at least as recent as the newest one (not after today: a typo such as 29/11/2924 is no
    date), so that date is recorded, marked approximate, as a lower bound. A file that holds
    no date (``CIS_COMPO_bdpm.txt``) is recorded as of an unknown date, and said so.
    """
    today = datetime.now(UTC).date()
    newest = None
    amm = [c.name for c in BDPM_SPECS["CIS_bdpm.txt"].columns].index("Date d'AMM")
    for row in parsed.cis.rows:
        when = parse_date(row[amm])
        if when is not None and when <= today and (newest is None or when > newest):
            newest = when
    for name, source in files.items():
        if source.registry != "BDPM" or source.snapshot_date is not None:
            continue
        prefix = source.note + "; " if source.note else ""
        if name == "CIS_bdpm.txt" and newest is not None:
            source.snapshot_date = newest
            source.approximate = True
            source.note = (
                prefix + f"snapshot date from the data: at least {newest.isoformat()}, the newest "
                "'Date d'AMM' in the file (give --bdpm-date if the download date is known)"
            )
        else:
            source.note = (
                prefix + "snapshot date unknown: the file holds no date and the folder no "
                "snapshot.json (give --bdpm-date if the download date is known)"
            )


def fetch_files(
    bdpm_base: str = snapshot.DEFAULT_BDPM_BASE,
    ema_url: str = snapshot.DEFAULT_EMA_URL,
    *,
    timeout: float = 120.0,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, store.SourceFile]:
    """Download the required files from their publishers (addresses configurable)."""
    urls = {name: f"{bdpm_base.rstrip('/')}/{name}" for name in store.REQUIRED_FILES if name != EMA_FILE}
    urls[EMA_FILE] = ema_url
    out = {}
    with httpx.Client(
        timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}, transport=transport
    ) as client:
        for name, url in urls.items():
            if progress:
                progress(f"downloading {name} from {url}")
            out[name] = _fetch(client, url, name)
    return out


def _previous_counts(db_path: Path) -> dict[str, int]:
    if not db_path.exists():
        return {}
    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            return {r: n for r, n in conn.execute("SELECT registry, count(*) FROM entries GROUP BY registry")}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}  # an unreadable database is replaced; the new files were validated anyway


def update(
    db_path: Path,
    *,
    bdpm_base: str = snapshot.DEFAULT_BDPM_BASE,
    ema_url: str = snapshot.DEFAULT_EMA_URL,
    from_dir: Path | None = None,
    bdpm_date: date | None = None,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[str], None] | None = None,
) -> UpdateReport:
    """Refresh the database at ``db_path`` from the publishers (or from ``from_dir``).

    ``bdpm_date`` overrides the BDPM snapshot date (default: download date, or the date in
    the folder's snapshot.json, or a date read from the data, or unknown: see
    :func:`date_bdpm_from_data`).
    """
    store.check_replaceable(db_path)  # before any download: never replace an unrelated file
    t0 = time.perf_counter()
    if from_dir is not None:
        files = snapshot.files_from_dir(from_dir)
        origin = f"dir:{from_dir}"
    else:
        files = fetch_files(bdpm_base, ema_url, transport=transport, progress=progress)
        origin = "download"
    if bdpm_date is not None:
        for source in files.values():
            if source.registry == "BDPM":
                source.snapshot_date = bdpm_date
                source.note = (
                    source.note + "; " if source.note else ""
                ) + "snapshot date set by the operator"
    t1 = time.perf_counter()
    if progress:
        progress("validating the files")
    parsed = store.parse_snapshot(files)
    ema = files[EMA_FILE]
    if parsed.ema.generated is not None and (from_dir is None or ema.snapshot_date is None):
        # EMA writes its generation time into the file: a better date than the download's.
        ema.snapshot_date = parsed.ema.generated.date()
        ema.note = (
            ema.note + "; " if ema.note else ""
        ) + f"generated by EMA {parsed.ema.generated.isoformat()}"
    if from_dir is not None:
        date_bdpm_from_data(parsed, files)
    t2 = time.perf_counter()
    if progress:
        progress(f"building {db_path}")
    report = store.build_database(db_path, parsed, origin=origin, previous_counts=_previous_counts(db_path))
    return UpdateReport(
        db_path=db_path,
        entries=report.entries,
        snapshot_dates={name: f.snapshot_date for name, f in files.items()},
        seconds_fetch=t1 - t0,
        seconds_parse=(t2 - t1) + report.seconds_parse,
        seconds_build=report.seconds_build,
        warnings=report.warnings,
    )
