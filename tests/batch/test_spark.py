"""The Spark engine (local mode) gives exactly the local engine's rows, markers and leads."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from vigipub.batch import triage
from vigipub.batch.local import TriageSettings, read_marker
from vigipub.batch.summary import LEADS_JSON, read_pages
from vigipub.evidence import LeadsFile

pytestmark = pytest.mark.slow


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def spark():
    if not _java():
        pytest.skip("no Java runtime (scripts/bootstrap.sh --test installs openjdk-17-jre-headless)")
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this venv (it holds vigipub)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("vigipub-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "768m")
        # a short job: the JVM's quick compiler and serial collector start twice as fast
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _rows(out: Path) -> list[dict]:
    return sorted(read_pages(out).to_pylist(), key=lambda r: (r["warc_file"], r["offset"]))


def test_spark_gives_the_local_engines_result(spark, warcs, tmp_path) -> None:
    inputs = [str(warcs[n]) for n in ("clinic", "other", "truncated")]
    local = triage(inputs, tmp_path / "local", workers=1, settings=TriageSettings(), progress=False)
    distributed = triage(
        inputs, tmp_path / "spark", engine="spark", settings=TriageSettings(), progress=False
    )
    local_rows, spark_rows = _rows(tmp_path / "local"), _rows(tmp_path / "spark")
    assert len(local_rows) > 5
    assert spark_rows == local_rows
    for location in inputs:
        a, b = read_marker(tmp_path / "local", location), read_marker(tmp_path / "spark", location)
        for key in ("state", "error", "records", "kept", "rows", "tiers", "verdicts", "settings"):
            assert a[key] == b[key], (location, key)
    assert [m["location"] for m in distributed.failed] == [m["location"] for m in local.failed]
    leads = [
        LeadsFile.model_validate_json((tmp_path / d / LEADS_JSON).read_bytes()) for d in ("local", "spark")
    ]
    assert leads[0].leads == leads[1].leads


def test_spark_s_site_pass_gives_the_local_engines_rows(spark, tmp_path) -> None:
    from .site_pages import CLINIC
    from .test_site_pass import RAISED, site_warcs

    inputs = site_warcs(tmp_path)
    local = triage(inputs, tmp_path / "local", workers=2, settings=TriageSettings(), progress=False)
    distributed = triage(
        inputs, tmp_path / "spark", engine="spark", settings=TriageSettings(), progress=False
    )
    assert local.ok and distributed.ok
    local_rows, spark_rows = _rows(tmp_path / "local"), _rows(tmp_path / "spark")
    assert spark_rows == local_rows
    raised = {r["url"] for r in spark_rows if r["page_verdict"] is not None}
    assert raised == {CLINIC + path for path in RAISED}
    assert distributed.site_pass["raised"] == local.site_pass["raised"] == len(RAISED)
    leads = [
        LeadsFile.model_validate_json((tmp_path / d / LEADS_JSON).read_bytes()) for d in ("local", "spark")
    ]
    assert leads[0].leads == leads[1].leads
