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


def spark_schema() -> Any:
    """PAGES_SCHEMA as a Spark StructType (the same columns, types and order)."""
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

    return T.StructType([T.StructField(f.name, convert(f.type), True) for f in PAGES_SCHEMA])


def _as_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    values = []
    for name in COLUMNS:
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
