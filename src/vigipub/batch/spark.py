"""The Spark engine: the same per-record function over a list of WARC paths, on executors.

In the style of Common Crawl's cc-pyspark: the driver distributes the list of WARC locations
(one partition per file), each executor streams its files through :meth:`Triager.rows` and
the rows become a DataFrame written as Parquet (``RESULT/pages/``). Each input's marker (counts,
error) travels back with the rows and is written to ``RESULT/inputs/`` as the local engine
does, so that the summary, the leads and the report are built the same way from either.

Run it with ``vigipub triage --engine spark`` (local mode, or the master that
``spark-submit`` sets); see docs/triage.md for a cluster.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .local import PAGES, TriageSettings, triage_input, write_marker
from .rows import COLUMNS, PAGES_SCHEMA, Triager

_EXECUTOR_TRIAGER: dict[tuple[str, str], Triager] = {}


def spark_schema(schema: Any = PAGES_SCHEMA) -> Any:
    """An Arrow schema (PAGES_SCHEMA by default) as a Spark StructType (same columns, types, order)."""
    import pyarrow as pa  # type: ignore[import-untyped]
    from pyspark.sql import types as T

    def convert(arrow: Any) -> Any:
        if pa.types.is_string(arrow):
            return T.StringType()
        if pa.types.is_int64(arrow):
            return T.LongType()
        if pa.types.is_float64(arrow):
            return T.DoubleType()
        if pa.types.is_boolean(arrow):
            return T.BooleanType()
        if pa.types.is_timestamp(arrow):
            return T.TimestampType()
        if pa.types.is_list(arrow):
            return T.ArrayType(convert(arrow.value_type), True)
        if pa.types.is_struct(arrow):
            return T.StructType([T.StructField(f.name, convert(f.type), True) for f in arrow])
        raise TypeError(f"no Spark type for {arrow}")

    return T.StructType([T.StructField(f.name, convert(f.type), True) for f in schema])


def _as_tuple(row: dict[str, Any], columns: tuple[str, ...] = COLUMNS) -> tuple[Any, ...]:
    values = []
    for name in columns:
        value = row[name]
        if name == "claims":
            value = [(c["kind"], c["subkind"], c["quote"]) for c in value]
        values.append(value)
    return tuple(values)


def process_partition(locations: Iterator[str], settings_json: str) -> Iterator[tuple[int, Any]]:
    """Executor side: ``(0, row)`` for each row of each input, then ``(1, marker)`` per input."""
    import tempfile

    settings = TriageSettings(**json.loads(settings_json))
    key = (settings.prefilter, settings.engine)
    triager = _EXECUTOR_TRIAGER.get(key)
    if triager is None:
        triager = _EXECUTOR_TRIAGER[key] = Triager(settings.prefilter, settings.engine)
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    for location in locations:
        # the same function as the local engine, into a scratch folder of the executor;
        # the rows are read back and handed to Spark (same rows, same marker)
        with tempfile.TemporaryDirectory(prefix="vigipub-triage-") as scratch:
            out = Path(scratch)
            marker = triage_input(triager, location, out, settings)
            table = pq.read_table(out / marker["part"], schema=PAGES_SCHEMA)
            for row in table.to_pylist():
                yield 0, _as_tuple(row)
            yield 1, json.dumps(marker)


def session(master: str | None = None, app_name: str = "vigipub-triage") -> Any:
    """The active SparkSession, else one for ``master`` (default: local mode on every core)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # executors run this interpreter (its virtual environment holds vigipub)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit, which sets the master
        builder = builder.master("local[*]")
    return (
        builder.config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )


def run_spark(
    locations: list[str], out_dir: Path, settings: TriageSettings, *, master: str | None = None
) -> list[dict[str, Any]]:
    """Triage ``locations`` on Spark; write ``pages/`` and ``inputs/``; return the markers."""
    from pyspark import StorageLevel

    spark = session(master)
    settings_json = json.dumps(settings.__dict__)
    records = (
        spark.sparkContext.parallelize(locations, max(1, len(locations)))
        .mapPartitions(lambda it: process_partition(it, settings_json))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        rows = records.filter(lambda item: item[0] == 0).map(lambda item: item[1])
        frame = spark.createDataFrame(rows, schema=spark_schema())
        frame.write.mode("overwrite").parquet(str(out_dir / PAGES))
        markers = [json.loads(item[1]) for item in records.filter(lambda item: item[0] == 1).collect()]
    finally:
        records.unpersist()
    for marker in markers:
        marker["part"] = PAGES
        marker["engine"] = "spark"
        write_marker(out_dir, marker)
    return markers


def _judge_group(
    site: str, rows: list[dict[str, Any]], limit: int, allow_private: bool
) -> Iterator[tuple[int, Any]]:
    """Executor side of the site pass: ``(0, row)`` per new row, then ``(1, report)``."""
    from .sites import SITE_SCHEMA, judge_site, outcome_report

    outcome = judge_site(site, rows, limit=limit, allow_private=allow_private)
    for row in outcome.rows:
        yield 0, _as_tuple(row, tuple(SITE_SCHEMA.names))
    yield 1, json.dumps(outcome_report(outcome))


def run_sites_spark(
    out_dir: Path, digest: str, settings: TriageSettings, *, master: str | None = None
) -> Any:
    """The site pass on Spark: the record pass's rows of the candidate sites, grouped by site
    (an RDD ``groupByKey``: a group holds its rows' addresses only, and :func:`judge_site`
    re-reads at most ``site_pages`` records of it), judged on the executors; the new rows are
    written to ``RESULT/sites/`` and the counts to one marker in ``RESULT/site-tasks/``."""
    import time

    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from vigipub.evidence.sites import site_of

    from .rows import FLAGGED
    from .sites import ADDRESS, SITE_SCHEMA, SITE_TASKS, SITES, SitePass, add_reports, clear_site_pass

    started = time.perf_counter()
    spark = session(master)
    pages = spark.read.parquet(str(out_dir / PAGES))
    flagged = pages.filter(F.col("verdict").isin(list(FLAGGED))).select("url", "domain").collect()
    sites = sorted({site_of(row["url"]) for row in flagged})
    domains = sorted({row["domain"] for row in flagged if row["domain"] is not None})
    clear_site_pass(out_dir)
    if not sites:
        return SitePass(add_reports([]), 0, 0, time.perf_counter() - started)
    wanted = spark.sparkContext.broadcast(set(sites))
    limit, allow_private = settings.site_pages, settings.allow_private

    def keyed(row: Any) -> tuple[str, dict[str, Any]]:
        from vigipub.evidence.sites import site_of as executor_site_of

        data = row.asDict()
        return executor_site_of(data["url"]), data

    groups = (
        pages.filter(F.col("domain").isin(domains))
        .select(*ADDRESS)
        .rdd.map(keyed)
        .filter(lambda item: item[0] in wanted.value)
        .groupByKey(numPartitions=max(1, min(len(sites), spark.sparkContext.defaultParallelism)))
    )
    results = groups.flatMap(lambda item: _judge_group(item[0], list(item[1]), limit, allow_private)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    try:
        rows = results.filter(lambda item: item[0] == 0).map(lambda item: item[1])
        frame = spark.createDataFrame(rows, schema=spark_schema(SITE_SCHEMA))
        frame.write.mode("overwrite").parquet(str(out_dir / SITES))
        reports = [json.loads(item[1]) for item in results.filter(lambda item: item[0] == 1).collect()]
    finally:
        results.unpersist()
        wanted.unpersist()
    total = add_reports(sorted(reports, key=lambda r: r["site"]))
    marker = {
        "task": "spark", "part": SITES, "engine": "spark", "settings": digest,
        "state": "partial" if total["unread"] else "done", **total,
        "seconds": round(time.perf_counter() - started, 3),
    }  # fmt: skip
    (out_dir / SITE_TASKS).mkdir(parents=True, exist_ok=True)
    (out_dir / SITE_TASKS / "spark.json").write_text(
        json.dumps(marker, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return SitePass(total, 1, 0, time.perf_counter() - started)
