"""The local engine end to end: rows, resume, damaged files, summary, leads, report, CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from vigipub.batch import triage
from vigipub.batch.local import TriageSettings, read_marker
from vigipub.batch.records import RecordStats
from vigipub.batch.summary import LEADS_CSV, LEADS_JSON, REPORT, read_pages
from vigipub.evidence import LEAD_CSV_COLUMNS, LeadsFile


def expected_rows(triager, path: Path) -> list[dict]:
    """The per-record function run here, in this process, on every record of ``path``."""
    with open(path, "rb") as fh:
        return list(triager.rows(fh, str(path), RecordStats()))


def by_address(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["warc_file"], r["offset"]))


@pytest.fixture(scope="module")
def local_run(warcs, tmp_path_factory):
    out = tmp_path_factory.mktemp("triage") / "result"
    inputs = [str(warcs[n]) for n in ("clinic", "other", "corrupt", "truncated")]
    run = triage(inputs, out, workers=2, settings=TriageSettings(), progress=False)
    return run, out, inputs


def test_rows_are_the_per_record_function(local_run, warcs, triager) -> None:
    run, out, _inputs = local_run
    # the record pass's rows (the site pass replaces some: tests/batch/test_site_pass.py)
    rows = [
        {k: v for k, v in r.items() if k != "page_verdict"}
        for r in read_pages(out, site_pass=False).to_pylist()
    ]
    for name in ("clinic", "other"):
        got = by_address([r for r in rows if r["warc_file"] == str(warcs[name])])
        assert got == by_address(expected_rows(triager, warcs[name]))
    analysed = [r for r in rows if r["tier"] == "detection"]
    assert analysed and all(r["verdict"] for r in analysed)
    assert all(r["verdict"] is None for r in rows if r["tier"] == "prefilter")
    pdf = [r for r in rows if r["url"].endswith(".pdf")]
    assert pdf and pdf[0]["tier"] == "detection"  # PDFs skip the raw-byte pre-filter
    flagged = [r for r in rows if r["verdict"] in ("promotion", "uncertain")]
    assert any(r["claims"] and r["claims"][0]["quote"] for r in flagged)


def test_damaged_files_fail_alone_and_keep_earlier_records(local_run, warcs) -> None:
    run, out, _inputs = local_run
    assert not run.ok
    assert sorted(Path(m["location"]).name for m in run.failed) == ["corrupt.warc.gz", "truncated.warc.gz"]
    for name in ("corrupt", "truncated"):
        marker = read_marker(out, str(warcs[name]))
        assert marker["state"] == "failed" and str(warcs[name]) in marker["error"]
        assert marker["rows"] > 0  # the records before the damage are rows of the result
    for name in ("clinic", "other"):
        assert read_marker(out, str(warcs[name]))["state"] == "done"


def test_leads_are_ranked_domains_in_the_import_format(local_run) -> None:
    _run, out, inputs = local_run
    leads = LeadsFile.model_validate_json((out / LEADS_JSON).read_bytes())
    assert leads.inputs == inputs
    domains = [lead.domain for lead in leads.leads]
    assert "espoir-cellulaire.fr" in domains  # www. and rdv. pages grouped by registrable domain
    lead = leads.leads[domains.index("espoir-cellulaire.fr")]
    rows = read_pages(out).to_pylist()
    mine = [r for r in rows if r["domain"] == "espoir-cellulaire.fr"]
    assert lead.pages_seen == len(mine)
    assert lead.pages_flagged == sum(r["verdict"] in ("promotion", "uncertain") for r in mine)
    assert lead.france_targeting and "stem_cells" in lead.therapies
    assert lead.quotes and lead.quotes[0].warc_file and lead.quotes[0].length
    assert all(
        a.verdict == "promotion" for a in leads.leads[: sum(x.verdict == "promotion" for x in leads.leads)]
    )
    scores = [x.score for x in leads.leads if x.verdict == "promotion"]
    assert scores == sorted(scores, reverse=True)
    assert "news.gazette-locale.example.com" not in domains and "recipes.example.net" not in domains
    table = list(csv.reader(io.StringIO((out / LEADS_CSV).read_text(encoding="utf-8"))))
    assert tuple(table[0]) == LEAD_CSV_COLUMNS
    assert [row[1] for row in table[1:]] == domains
    json.loads(table[1][LEAD_CSV_COLUMNS.index("quotes")])


def test_report_has_charts_and_the_sites(local_run) -> None:
    _run, out, _inputs = local_run
    html = (out / REPORT).read_text(encoding="utf-8")
    assert html.count("<svg") >= 2
    assert "espoir-cellulaire.fr" in html and "Fichiers en erreur" in html
    assert "vigipub triage show" in html


def test_a_second_run_skips_what_is_done_and_retries_the_failures(local_run, warcs) -> None:
    run, out, inputs = local_run
    done = read_marker(out, str(warcs["clinic"]))
    again = triage(inputs, out, workers=1, settings=TriageSettings(), progress=False)
    assert sorted(Path(p).name for p in again.skipped) == ["clinic.warc.gz", "other.warc"]
    assert read_marker(out, str(warcs["clinic"])) == done  # not redone
    assert len(again.failed) == 2
    assert read_pages(out).num_rows == read_pages(out).num_rows  # stable
    # other settings (another pre-filter) redo every input
    other = triage(inputs, out, workers=1, settings=TriageSettings(prefilter="off"), progress=False)
    assert other.skipped == []
    rows = read_pages(out).to_pylist()
    assert all(r["tier"] == "detection" for r in rows)


def test_cli_run_show_and_errors(warcs, tmp_path) -> None:
    from vigipub.cli.main import main

    out = tmp_path / "r"
    assert (
        main(["triage", str(warcs["clinic"]), str(warcs["truncated"]), "--out", str(out), "--workers", "1"])
        == 1
    )
    rows = read_pages(out).to_pylist()
    row = next(r for r in rows if r["verdict"] == "promotion")
    assert main(["triage", "show", row["warc_file"], str(row["offset"]), str(row["length"])]) == 0
    saved = tmp_path / "one.warc.gz"
    assert (
        main(
            ["triage", "show", row["warc_file"], str(row["offset"]), str(row["length"]), "--save", str(saved)]
        )
        == 0
    )
    from vigipub.batch.records import iter_records

    with open(saved, "rb") as fh:
        assert [r.url for r in iter_records(fh, str(saved))] == [row["url"]]
    assert main(["triage", str(tmp_path / "missing.warc.gz"), "--out", str(tmp_path / "x")]) == 2
    (tmp_path / "notempty").mkdir()
    (tmp_path / "notempty" / "a.txt").write_text("x")
    assert main(["triage", str(warcs["clinic"]), "--out", str(tmp_path / "notempty")]) == 2
    assert main(["triage", "summary", str(out)]) == 0


def test_an_interrupted_run_is_resumed_not_refused(warcs, tmp_path, monkeypatch) -> None:
    import vigipub.batch.run as run_module

    out = tmp_path / "r"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run_local", interrupted)
    with pytest.raises(KeyboardInterrupt):
        triage([str(warcs["clinic"])], out, progress=False)
    monkeypatch.undo()
    assert json.loads((out / "run.json").read_text())["state"] == "running"
    again = triage([str(warcs["clinic"])], out, progress=False)
    assert again.ok and json.loads((out / "run.json").read_text())["state"] == "finished"
