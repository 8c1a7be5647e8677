"""One triage run: inputs resolved, engine run, markers and summary written (``run.json``)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vigipub.evidence import InputError, utc_now
from vigipub.evidence.core import write_atomic

from .local import INPUTS, PAGES, RUN, TriageSettings, pending_inputs, run_local
from .sites import SITE_TASKS, SITES, clear_site_pass, run_sites_local, site_digest
from .summary import read_markers, write_summary

ENGINES = ("local", "spark")


@dataclass
class TriageRun:
    """What a run did: its inputs, the ones skipped as already done, failures, totals."""

    out: Path
    engine: str
    inputs: list[str]
    skipped: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    #: records the site pass could not read again: input, offset, url, error
    unread: list[dict[str, Any]] = field(default_factory=list)
    site_pass: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.site_pass.get("unread")


def _prepare(out: Path, engine: str) -> dict[str, Any] | None:
    """Create ``out``, or accept an earlier triage result of the same engine (resume)."""
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", where=str(out))
    if out.is_dir() and any(out.iterdir()):
        run_file = out / RUN
        if not run_file.is_file():
            raise InputError(
                "folder exists, is not empty and holds no triage result; choose a new folder", where=str(out)
            )
        try:
            earlier: dict[str, Any] = json.loads(run_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"unreadable {RUN}: {exc}", where=str(out)) from exc
        if earlier.get("engine") != engine:
            raise InputError(
                f"this result was made by the {earlier.get('engine')} engine; use it again or a new folder",
                where=str(out),
            )
        return earlier
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror or exc}", where=str(out)) from exc
    return None


def triage(
    inputs: list[str],
    out: Path,
    *,
    engine: str = "local",
    workers: int = 1,
    settings: TriageSettings | None = None,
    master: str | None = None,
    progress: bool = True,
    say: Callable[[str], None] | None = None,
) -> TriageRun:
    """Triage the WARC ``inputs`` (already resolved locations) into the folder ``out``."""
    from vigipub import pipeline

    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (choose {', '.join(ENGINES)})", where="--engine")
    settings = settings or TriageSettings()
    out = out.resolve()  # executors and workers may not share the caller's working folder
    _prepare(out, engine)
    producer = pipeline.detection_producer()
    digest = settings.digest(producer.params_digest or "")
    started = utc_now()
    run = TriageRun(out, engine, inputs)
    # written first, so that an interrupted run is resumed (not refused) by the next one
    _write_run(
        out,
        {"engine": engine, "state": "running", "prefilter": settings.prefilter, "inputs": inputs,
         "started_at": started.isoformat()},
    )  # fmt: skip
    record_started = time.perf_counter()
    if engine == "local":
        todo, done = pending_inputs(inputs, out, digest)
        run.skipped = [m["location"] for m in done]
        if say and done:
            say(f"{len(done)} input(s) already triaged with the same settings: skipped")
        run_local(todo, out, settings, workers=workers, progress=progress)
    else:
        from .spark import run_spark

        run_spark(inputs, out, settings, master=master)
    record_seconds = time.perf_counter() - record_started
    run.site_pass = _site_pass(
        out, engine, settings, digest, workers=workers, master=master, progress=progress
    )
    if say and run.site_pass.get("skipped_tasks"):
        say(f"site pass: {run.site_pass['skipped_tasks']} task(s) already done with the same settings: kept")
    run.unread = run.site_pass.get("unread_records", [])
    markers = {m["location"]: m for m in read_markers(out) if m.get("location") in set(inputs)}
    run.failed = [markers[loc] for loc in inputs if loc in markers and markers[loc].get("state") != "done"]
    summary = write_summary(out, inputs)
    run.totals = summary
    record = {
        "engine": engine,
        "state": "finished",
        "prefilter": settings.prefilter,
        "settings": digest,
        "site_context": settings.site_context,
        "site_pages": settings.site_pages,
        "site_pass": run.site_pass,
        "record_pass_seconds": round(record_seconds, 3),
        "producer": producer.model_dump(),
        "inputs": inputs,
        "skipped_as_done": run.skipped,
        "failed": [{"location": m["location"], "error": m.get("error")} for m in run.failed],
        "started_at": started.isoformat(),
        "finished_at": utc_now().isoformat(),
        "totals": summary,
        "layout": {"pages": PAGES, "inputs": INPUTS, "sites": SITES, "site_tasks": SITE_TASKS},
    }
    _write_run(out, record)
    return run


def _site_pass(
    out: Path,
    engine: str,
    settings: TriageSettings,
    record_digest: str,
    *,
    workers: int,
    master: str | None,
    progress: bool,
) -> dict[str, Any]:
    """The site pass after the record pass (or its results removed, when it is turned off)."""
    if not settings.site_context:
        clear_site_pass(out)
        return {}
    digest = site_digest(record_digest, settings.site_pages)
    if engine == "local":
        done = run_sites_local(
            out, digest, limit=settings.site_pages, allow_private=settings.allow_private,
            workers=workers, progress=progress,
        )  # fmt: skip
    else:
        from .spark import run_sites_spark

        done = run_sites_spark(out, digest, settings, master=master)
    return {
        **done.totals,
        "tasks": done.tasks,
        "skipped_tasks": done.skipped,
        "seconds": round(done.seconds, 3),
    }


def _write_run(out: Path, record: dict[str, Any]) -> None:
    data = json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n"
    write_atomic(out / RUN, data.encode("utf-8"))
