"""The local engine: a pool of processes, one WARC file per task, results as Parquet parts.

Layout of a result folder (the Spark engine writes the same ``pages/`` and ``inputs/``)::

    RESULT/pages/part-<id>.parquet   rows of one input (PAGES_SCHEMA), written in row groups
    RESULT/inputs/<id>.json          its done-marker: state, counts, error, settings
    RESULT/run.json                  the run: inputs, settings, totals, engine

Memory stays flat in the size of the inputs: each worker streams its file record by record
and writes its rows every ``ROW_GROUP`` rows; the parent holds at most two tasks per worker
and only their small markers. A file whose marker says ``done`` with the same settings is
skipped by the next run (resume); a corrupt or truncated file keeps the rows read before the
damage, is marked ``failed`` with the reason, and is tried again by the next run.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from vigipub.evidence.core import write_atomic
from vigipub.evidence.errors import VigipubError

from .inputs import open_input
from .records import RecordStats
from .rows import PAGES_SCHEMA, Triager, rows_to_table

#: rows buffered by a worker before they are written (one Parquet row group)
ROW_GROUP = 2000
#: bytes read between two progress reports of a worker
PROGRESS_STEP = 4 << 20

PAGES = "pages"
INPUTS = "inputs"
RUN = "run.json"


@dataclass(frozen=True)
class TriageSettings:
    """What decides the rows: a finished input is reused only under the same settings."""

    prefilter: str = "therapy"
    engine: str = "auto"  # pre-filter scanner: auto | hyperscan | pyahocorasick
    allow_private: bool = False
    #: the site pass (batch/sites.py): its settings decide its rows, not the record pass's
    site_context: bool = True
    site_pages: int = 500  # pages of one site re-read and judged together

    def digest(self, producer_digest: str) -> str:
        from vigipub import __version__

        text = json.dumps([__version__, producer_digest, self.prefilter], sort_keys=True)
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def input_id(location: str) -> str:
    """A stable file-name-safe id: the file's name and a digest of the whole location."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", location.rstrip("/").rsplit("/", 1)[-1])[:80] or "input"
    return f"{name}-{hashlib.sha256(location.encode()).hexdigest()[:12]}"


def read_marker(out_dir: Path, location: str) -> dict[str, Any] | None:
    path = out_dir / INPUTS / f"{input_id(location)}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        return None


def write_marker(out_dir: Path, marker: dict[str, Any]) -> None:
    folder = out_dir / INPUTS
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{input_id(marker['location'])}.json", marker_bytes(marker))


def marker_bytes(marker: dict[str, Any]) -> bytes:
    """A done-marker as written (indented, keys sorted): one format for both passes' markers."""
    return (json.dumps(marker, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_marker_files(folder: Path) -> list[dict[str, Any]]:
    """The done-markers of ``folder`` (either pass's), by name; one unreadable is skipped (its
    input or task is done again)."""
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out


# --------------------------------------------------------------------------- one input


class _Progress:
    """Counts the compressed bytes read from an input; reports them every few megabytes."""

    def __init__(self, raw: IO[bytes], report: Callable[[int], None] | None) -> None:
        self.raw = raw
        self.report = report
        self.read_bytes = 0
        self._pending = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.read_bytes += len(data)
        self._pending += len(data)
        if self.report is not None and self._pending >= PROGRESS_STEP:
            self.report(self._pending)
            self._pending = 0
        return data

    def flush(self) -> None:
        if self.report is not None and self._pending:
            self.report(self._pending)
            self._pending = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.read_bytes

    def seek(self, offset: int, whence: int = 0) -> int:
        # only for the length of the last whole record of a damaged file (records.py)
        return int(self.raw.seek(offset, whence))


def triage_input(
    triager: Triager,
    location: str,
    out_dir: Path,
    settings: TriageSettings,
    report: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Triage one WARC location into its part file; return (and write) its marker."""
    started = time.perf_counter()
    part = out_dir / PAGES / f"part-{input_id(location)}.parquet"
    part.parent.mkdir(parents=True, exist_ok=True)
    tmp = part.with_name(part.name + ".tmp")
    stats = RecordStats()
    verdicts: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    rows_written = 0
    payload_bytes = 0
    error: str | None = None
    read_bytes = 0
    writer = pq.ParquetWriter(tmp, PAGES_SCHEMA, compression="zstd")
    buffer: list[dict[str, Any]] = []

    def flush_rows() -> None:
        nonlocal rows_written
        if buffer:
            writer.write_table(rows_to_table(buffer), row_group_size=ROW_GROUP)
            rows_written += len(buffer)
            buffer.clear()

    try:
        with open_input(location, allow_private=settings.allow_private) as (stream, _size):
            counted = _Progress(stream, report)
            try:
                for row in triager.rows(counted, location, stats):  # type: ignore[arg-type]
                    buffer.append(row)
                    tiers[row["tier"]] += 1
                    payload_bytes += row["payload_bytes"]
                    if row["verdict"]:
                        verdicts[row["verdict"]] += 1
                    if len(buffer) >= ROW_GROUP:
                        flush_rows()
            finally:
                counted.flush()
                read_bytes = counted.read_bytes
    except VigipubError as exc:
        error = str(exc)
    except Exception as exc:  # a bug or an unexpected library error: recorded, the run goes on
        error = f"{location}: unexpected {type(exc).__name__}: {exc}"
    finally:
        flush_rows()
        writer.close()
        tmp.replace(part)
    marker = {
        "location": location,
        "part": str(part.relative_to(out_dir)),
        "state": "failed" if error else "done",
        "error": error,
        "settings": settings.digest(triager.producer.params_digest or ""),
        "prefilter": settings.prefilter,
        "producer": triager.producer.model_dump(),
        "records": stats.records,
        "kept": stats.kept,
        "skipped": dict(sorted(stats.skipped.items())),
        "rows": rows_written,
        "tiers": dict(sorted(tiers.items())),
        "verdicts": dict(sorted(verdicts.items())),
        "bytes_read": read_bytes,
        "payload_bytes": payload_bytes,
        "seconds": round(time.perf_counter() - started, 3),
    }
    write_marker(out_dir, marker)
    return marker


# --------------------------------------------------------------------------- the pool

_TRIAGER: Triager | None = None
_PROGRESS_QUEUE: Any = None


_INIT_ERROR: str | None = None


def _init_worker(prefilter: str, engine: str, progress_queue: Any) -> None:
    # never raises: a pool replaces a worker whose initializer fails, for ever
    global _TRIAGER, _PROGRESS_QUEUE, _INIT_ERROR
    _PROGRESS_QUEUE = progress_queue
    try:
        if _TRIAGER is None or (_TRIAGER.prefilter_name, _TRIAGER.engine) != (prefilter, engine):
            _TRIAGER = Triager(prefilter, engine)  # a spawned worker builds its own
    except Exception as exc:
        _INIT_ERROR = f"{type(exc).__name__}: {exc}"


def _report(size: int) -> None:
    if _PROGRESS_QUEUE is not None:
        _PROGRESS_QUEUE.put(size)


def _work(task: tuple[str, str, TriageSettings]) -> dict[str, Any]:
    location, out_dir, settings = task
    if _TRIAGER is None:
        raise RuntimeError(f"the triage worker could not start: {_INIT_ERROR}")
    return triage_input(_TRIAGER, location, Path(out_dir), settings, _report)


def pending_inputs(
    locations: list[str], out_dir: Path, settings_digest: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """(inputs still to do, markers of those already done under the same settings)."""
    todo: list[str] = []
    done: list[dict[str, Any]] = []
    for location in locations:
        marker = read_marker(out_dir, location)
        if (
            marker is not None
            and marker.get("state") == "done"
            and marker.get("settings") == settings_digest
            and (out_dir / marker.get("part", "")).is_file()
        ):
            done.append(marker)
        else:
            todo.append(location)
    return todo, done


def _sizes(locations: list[str]) -> int | None:
    total = 0
    for location in locations:
        try:
            total += os.path.getsize(location)
        except OSError:
            return None  # a remote input: the bar counts files only
    return total


def run_local(
    locations: list[str],
    out_dir: Path,
    settings: TriageSettings,
    *,
    workers: int = 1,
    progress: bool = True,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Triage ``locations`` with ``workers`` processes; return the markers of this run.

    The detection is built once, here, and the workers are forked from this process (they
    share it, copy-on-write), before any thread starts. With one worker (or one input) the
    work runs in this process.
    """
    global _TRIAGER
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    markers: list[dict[str, Any]] = []
    if not locations:
        return markers
    if _TRIAGER is None or (_TRIAGER.prefilter_name, _TRIAGER.engine) != (
        settings.prefilter,
        settings.engine,
    ):
        _TRIAGER = Triager(settings.prefilter, settings.engine)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    progress_queue = context.Queue()
    pool = None
    if workers > 1 and len(locations) > 1:
        # what the workers inherit stays out of the collector's sight: never rescanned, so
        # never copied page by page
        gc.freeze()
        pool = context.Pool(
            min(workers, len(locations)),
            initializer=_init_worker,
            initargs=(settings.prefilter, settings.engine, progress_queue),
            maxtasksperchild=None,
        )
    total = _sizes(locations)
    columns = [TextColumn("triage"), BarColumn(), MofNCompleteColumn() if total is None else DownloadColumn()]
    columns += [TextColumn("{task.fields[files]}"), TimeRemainingColumn()]
    try:
        with Progress(*columns, disable=not progress, transient=False) as bar:
            task = bar.add_task("triage", total=total or len(locations), files=f"0/{len(locations)} files")
            stop = threading.Event()

            def advance(size: int) -> None:
                if total is not None:
                    bar.advance(task, size)

            def drain() -> None:
                while not stop.is_set():
                    try:
                        advance(progress_queue.get(timeout=0.2))
                    except queue.Empty:
                        continue

            def finished(marker: dict[str, Any]) -> None:
                markers.append(marker)
                if total is None:
                    bar.advance(task, 1)
                bar.update(task, files=f"{len(markers)}/{len(locations)} files")
                if on_result is not None:
                    on_result(marker)

            if pool is None:
                for location in locations:
                    finished(triage_input(_TRIAGER, location, out_dir, settings, advance))
            else:
                reader = threading.Thread(target=drain, daemon=True)
                reader.start()
                tasks = [(location, str(out_dir), settings) for location in locations]
                # one file per task, handed out as workers free up (files vary in size)
                for marker in pool.imap_unordered(_work, tasks, chunksize=1):
                    finished(marker)
                stop.set()
                reader.join()
                while True:  # whatever the workers reported last
                    try:
                        advance(progress_queue.get_nowait())
                    except queue.Empty:
                        break
            if total is not None:
                bar.update(task, completed=total)
    except BaseException:
        if pool is not None:
            pool.terminate()  # Ctrl-C or a failure: stop now; unfinished inputs have no marker
            pool.join()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return markers
