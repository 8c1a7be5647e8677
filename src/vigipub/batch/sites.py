"""The site pass: the pages of each suspect site, re-read and judged together.

The record pass judges each record alone. A clinic spreads its offer over pages: the therapy
is named on the treatment page, the results, prices and patients' stories sit on pages that do
not name it again (so the raw-byte pre-filter even discards them). After the record pass, the
sites with a flagged page (promotion or uncertain) are the candidate sites; for each one, the
records of ALL its pages (pre-filtered ones included) are read again by their address in
their input (``warc_file``, ``offset``, ``length``: one gzip member each, so a seek, an S3
range or an HTTP range), analysed fully, and judged together by the detector's site context
(``pipeline.judge_in_sites``). Their new rows go to ``RESULT/sites/``; they replace the record
pass's rows of the same address in every reading of the result (:func:`merge_site_rows`).

A site is what the detector's site context groups: one registrable domain
(:func:`vigipub.evidence.sites.site_of`). Both engines call :func:`judge_site` on each candidate site, so they
give the same rows; the local engine runs tasks of whole sites in its process pool
(:func:`run_sites_local`), the Spark engine groups the candidate rows by site
(``vigipub.batch.spark.run_sites_spark``).

Layout added to a result folder::

    RESULT/sites/part-<task>.parquet   the site pass's rows (SITE_SCHEMA: PAGES_SCHEMA + page_verdict)
    RESULT/site-tasks/<task>.json      a task's marker: state, sites, pages, unread records, dropped
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.dataset as ds  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from vigipub.evidence.core import write_atomic
from vigipub.evidence.errors import VigipubError
from vigipub.evidence.sites import site_of

from .local import marker_bytes, read_marker_files
from .rows import FLAGGED, PAGES_SCHEMA, analyse_raw, analysis_fields, record_row
from .show import read_record

SITES = "sites"
SITE_TASKS = "site-tasks"
#: pages of one site re-read and judged together (the rest keep their record-pass rows)
SITE_PAGES = 500
#: pages per task of the local engine (a site is never split over tasks)
TASK_PAGES = 2000
#: unread records listed in a marker and in run.json (all are counted)
UNREAD_LISTED = 50

#: the site pass's rows: a record pass row, plus the page's own verdict when its site changed it
SITE_SCHEMA = PAGES_SCHEMA.append(pa.field("page_verdict", pa.string()))
#: what the site pass needs of a record-pass row
ADDRESS = ["url", "domain", "warc_file", "offset", "length", "tier", "prefilter_term", "verdict"]


def site_digest(record_digest: str, site_pages: int) -> str:
    """The site pass's settings: the record pass's, and the bound on pages per site."""
    text = json.dumps([record_digest, site_pages])
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


# --------------------------------------------------------------------------- one site


@dataclass
class SiteOutcome:
    """What judging one site gave: its new rows, the records it could not read, pages dropped."""

    site: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)
    dropped: int = 0
    reread: int = 0  # pages read again and judged together
    reanalysed: int = 0  # of which the pre-filter had set aside


def bounded(rows: list[dict[str, Any]], limit: int) -> tuple[list[dict[str, Any]], int]:
    """At most ``limit`` pages of a site: flagged first, then analysed, then the others
    (each by address); returned in file order (reads go forward in each input)."""
    ordered = sorted(
        rows,
        key=lambda r: (r["verdict"] not in FLAGGED, r["tier"] != "detection", r["warc_file"], r["offset"]),
    )
    kept = sorted(ordered[:limit], key=lambda r: (r["warc_file"], r["offset"]))
    return kept, max(0, len(ordered) - limit)


def judge_site(
    site: str, rows: list[dict[str, Any]], *, limit: int = SITE_PAGES, allow_private: bool = False
) -> SiteOutcome:
    """Re-read the records of one site's rows, analyse them, judge them together.

    A record that cannot be read again is listed (input, offset, error) and the site is judged
    with the pages that could be read. The rows returned are whole rows (SITE_SCHEMA): every
    page the record pass analysed, and the pages the pre-filter set aside that their site raised.
    """
    from vigipub import pipeline

    kept, dropped = bounded(rows, limit)
    outcome = SiteOutcome(site, dropped=dropped)
    read: list[tuple[dict[str, Any], Any]] = []
    analyses = []
    for row in kept:
        try:
            shown = read_record(row["warc_file"], row["offset"], row["length"], allow_private=allow_private)
            analysis = analyse_raw(shown.record, row["warc_file"])
        except VigipubError as exc:
            outcome.unread.append(
                {"warc_file": row["warc_file"], "offset": row["offset"], "url": row["url"], "error": str(exc)}
            )
            continue
        read.append((row, shown.record))
        analyses.append(analysis)
    judged = pipeline.judge_in_sites(analyses)
    outcome.reread = len(read)
    outcome.reanalysed = sum(old["tier"] != "detection" for old, _record in read)
    for (old, record), analysis in zip(read, judged, strict=True):
        if old["tier"] != "detection" and analysis.page_verdict is None:
            # the pre-filter set this page aside and its site does not change what it says alone
            # (alone, a short page without a therapy is « uncertain »: too little text to judge):
            # its record-pass row stays, so that a site's breadth counts what the site establishes
            continue
        new = record_row(record, old["warc_file"])
        new.update(analysis_fields(analysis))
        # pages the pre-filter discarded are analysed here: the tier says by which pass
        new["tier"] = "detection" if old["tier"] == "detection" else "site"
        new["prefilter_term"] = old["prefilter_term"]
        new["page_verdict"] = analysis.page_verdict
        outcome.rows.append(new)
    return outcome


def outcome_report(outcome: SiteOutcome) -> dict[str, Any]:
    """The counts of one site, as markers keep them."""
    return {
        "site": outcome.site,
        "pages": outcome.reread,
        "reanalysed": outcome.reanalysed,
        "raised": sum(r["page_verdict"] is not None for r in outcome.rows),
        "dropped": outcome.dropped,
        "unread": outcome.unread,
    }


def add_reports(reports: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts over sites (or tasks): sites, pages, re-analysed, raised, dropped, unread."""
    total: dict[str, Any] = {"sites": 0, "pages": 0, "reanalysed": 0, "raised": 0, "dropped": 0, "unread": 0}
    listed: list[dict[str, Any]] = []
    for r in reports:
        total["sites"] += r.get("sites", 1)
        for key in ("pages", "reanalysed", "raised", "dropped"):
            total[key] += r[key]
        unread = r["unread"]
        total["unread"] += unread if isinstance(unread, int) else len(unread)
        listed += r.get("unread_records", unread if isinstance(unread, list) else [])
    total["unread_records"] = listed[:UNREAD_LISTED]
    return total


# --------------------------------------------------------------------------- candidates


def candidate_rows(result: Path) -> dict[str, list[dict[str, Any]]]:
    """The record pass's rows of each candidate site (a site with a flagged page), by site."""
    from .summary import record_pass_dataset

    dataset = record_pass_dataset(result)
    flagged = dataset.to_table(columns=["url", "domain"], filter=pc.field("verdict").isin(list(FLAGGED)))
    sites = {site_of(url) for url in flagged["url"].to_pylist()}
    domains = sorted(set(flagged["domain"].to_pylist()) - {None})
    by_site: dict[str, list[dict[str, Any]]] = {}
    if not sites:
        return by_site
    # the registrable domain narrows the reading; the site itself is the detector's grouping
    for row in dataset.to_table(columns=ADDRESS, filter=pc.field("domain").isin(domains)).to_pylist():
        site = site_of(row["url"])
        if site in sites:
            by_site.setdefault(site, []).append(row)
    return dict(sorted(by_site.items()))


@dataclass(frozen=True)
class SiteTask:
    """Whole sites judged by one worker; its id digests the sites' rows and the settings."""

    id: str
    sites: list[tuple[str, list[dict[str, Any]]]]

    @property
    def pages(self) -> int:
        return sum(len(rows) for _site, rows in self.sites)


def plan_tasks(
    by_site: dict[str, list[dict[str, Any]]], digest: str, task_pages: int = TASK_PAGES
) -> list[SiteTask]:
    """Candidate sites in tasks of about ``task_pages`` pages (a resumed run plans the same)."""
    tasks: list[SiteTask] = []
    chunk: list[tuple[str, list[dict[str, Any]]]] = []
    size = 0

    def close() -> None:
        nonlocal chunk, size
        if chunk:
            key = [digest] + [
                [site, [(r["warc_file"], r["offset"], r["length"], r["tier"], r["verdict"]) for r in rows]]
                for site, rows in chunk
            ]
            ident = hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:20]
            tasks.append(SiteTask(ident, chunk))
        chunk, size = [], 0

    for site, rows in by_site.items():
        if chunk and size + len(rows) > task_pages:
            close()
        chunk.append((site, rows))
        size += len(rows)
    close()
    return tasks


# --------------------------------------------------------------------------- local engine


def _marker_path(result: Path, task_id: str) -> Path:
    return result / SITE_TASKS / f"{task_id}.json"


def read_site_markers(result: Path) -> list[dict[str, Any]]:
    return read_marker_files(result / SITE_TASKS)


def run_task(
    task: SiteTask,
    result: Path,
    digest: str,
    *,
    limit: int,
    allow_private: bool,
    report: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Judge a task's sites; write its part file, then its marker (last: it means done)."""
    started = time.perf_counter()
    reports = []
    rows: list[dict[str, Any]] = []
    for site, site_rows in task.sites:
        outcome = judge_site(site, site_rows, limit=limit, allow_private=allow_private)
        rows += outcome.rows
        reports.append(outcome_report(outcome))
        if report is not None:
            report(len(site_rows))
    part = result / SITES / f"part-{task.id}.parquet"
    part.parent.mkdir(parents=True, exist_ok=True)
    tmp = part.with_name(part.name + ".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=SITE_SCHEMA), tmp, compression="zstd")
    tmp.replace(part)
    total = add_reports(reports)
    marker = {
        "task": task.id,
        "part": str(part.relative_to(result)),
        "state": "partial" if total["unread"] else "done",
        "settings": digest,
        **total,
        "seconds": round(time.perf_counter() - started, 3),
    }
    path = _marker_path(result, task.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, marker_bytes(marker))
    return marker


def clear_site_pass(result: Path) -> None:
    """Remove the site pass's results (a run with the site pass turned off)."""
    for name in (SITES, SITE_TASKS):
        shutil.rmtree(result / name, ignore_errors=True)


def _forget_stale(result: Path, keep: set[str]) -> None:
    """Parts and markers of tasks this plan no longer has (the rows under them changed)."""
    for path in (result / SITE_TASKS).glob("*.json*"):
        if path.name.split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)
    for path in (result / SITES).glob("part-*"):
        if path.name[len("part-") :].split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)


_SITE_QUEUE: Any = None


def _report_pages(pages: int) -> None:
    if _SITE_QUEUE is not None:
        _SITE_QUEUE.put(pages)


def _init_site_worker(progress_queue: Any) -> None:
    global _SITE_QUEUE
    _SITE_QUEUE = progress_queue


def _site_work(arguments: tuple[SiteTask, str, str, int, bool]) -> dict[str, Any]:
    task, result, digest, limit, allow_private = arguments
    return run_task(
        task, Path(result), digest, limit=limit, allow_private=allow_private, report=_report_pages
    )


@dataclass
class SitePass:
    """What the site pass did in a run: its totals and the tasks it reused."""

    totals: dict[str, Any]
    tasks: int
    skipped: int
    seconds: float


def run_sites_local(
    result: Path,
    digest: str,
    *,
    limit: int = SITE_PAGES,
    allow_private: bool = False,
    workers: int = 1,
    progress: bool = True,
    task_pages: int | None = None,
) -> SitePass:
    """The site pass of the local engine: candidate sites in tasks, over the process pool.

    A task whose marker says ``done`` under the same settings (and the same rows) is kept
    (resume); a ``partial`` one (records that could not be read) is done again.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from vigipub import pipeline

    started = time.perf_counter()
    tasks = plan_tasks(candidate_rows(result), digest, task_pages or TASK_PAGES)
    _forget_stale(result, {t.id for t in tasks})
    todo: list[SiteTask] = []
    for task in tasks:
        try:
            marker: dict[str, Any] = json.loads(_marker_path(result, task.id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            marker = {}
        done = marker.get("state") == "done" and marker.get("settings") == digest
        if not (done and (result / str(marker.get("part"))).is_file()):
            todo.append(task)
    pages = sum(t.pages for t in todo)
    if todo:
        pipeline.warm_up_detection()  # once, before the workers are forked
    pool = None
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    progress_queue = context.Queue()
    if workers > 1 and len(todo) > 1:
        pool = context.Pool(
            min(workers, len(todo)), initializer=_init_site_worker, initargs=(progress_queue,)
        )
    columns = [
        TextColumn("site pass"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("pages"),
        TimeRemainingColumn(),
    ]
    try:
        with Progress(*columns, disable=not progress or not todo, transient=False) as bar:
            bar_task = bar.add_task("site pass", total=pages)
            if pool is None:
                for task in todo:
                    run_task(
                        task, result, digest, limit=limit, allow_private=allow_private,
                        report=lambda n: bar.advance(bar_task, n),
                    )  # fmt: skip
            else:
                stop = threading.Event()

                def drain() -> None:
                    while not stop.is_set():
                        try:
                            bar.advance(bar_task, progress_queue.get(timeout=0.2))
                        except queue.Empty:
                            continue

                reader = threading.Thread(target=drain, daemon=True)
                reader.start()
                arguments = [(t, str(result), digest, limit, allow_private) for t in todo]
                for _marker in pool.imap_unordered(_site_work, arguments, chunksize=1):
                    pass
                stop.set()
                reader.join()
            bar.update(bar_task, completed=pages)
    except BaseException:
        if pool is not None:
            pool.terminate()  # Ctrl-C or a failure: tasks without a marker are done next run
            pool.join()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    markers = [m for m in read_site_markers(result) if m.get("task") in {t.id for t in tasks}]
    return SitePass(add_reports(markers), len(tasks), len(tasks) - len(todo), time.perf_counter() - started)


# --------------------------------------------------------------------------- reading


def site_rows(result: Path) -> pa.Table | None:
    """The site pass's rows of a result (SITE_SCHEMA), or None when it has none."""
    folder = result / SITES
    if not folder.is_dir():
        return None
    dataset = ds.dataset(folder, format="parquet")
    if not dataset.files:
        return None
    # Spark names list items "element", pyarrow "item": one schema for both
    return dataset.to_table().select(SITE_SCHEMA.names).cast(SITE_SCHEMA)


def address_keys(table: pa.Table) -> pa.Array:
    """One text key per row: its input and offset."""
    return pc.binary_join_element_wise(table["warc_file"], pc.cast(table["offset"], pa.string()), "\x00")


def merge_site_rows(pages: pa.Table, sites: pa.Table | None, flagged_only: bool = False) -> pa.Table:
    """The record pass's rows (PAGES_SCHEMA) with the site pass's rows in place of theirs."""
    nulls = pa.nulls(pages.num_rows, pa.string())
    merged = pages.append_column("page_verdict", nulls) if "page_verdict" not in pages.column_names else pages
    if sites is None or sites.num_rows == 0:
        return merged
    replaced = pc.is_in(address_keys(merged), value_set=address_keys(sites))
    merged = merged.filter(pc.invert(replaced))
    if flagged_only:
        sites = sites.filter(pc.is_in(sites["verdict"], value_set=pa.array(list(FLAGGED))))
    return pa.concat_tables([merged, sites.cast(merged.schema)])
