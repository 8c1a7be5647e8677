"""The site pass: a clinic's results, prices and stories pages, which do not name its therapy
(the pre-filter discards them), are re-read by their address and flagged with their site.

The clinic's pages are split over two WARC files (a site spans inputs), among the pages of a
news site and a hospital site that must not be raised (tests/batch/site_pages.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vigipub.batch import triage
from vigipub.batch.local import TriageSettings
from vigipub.batch.summary import LEADS_JSON, read_pages
from vigipub.evidence import LeadsFile

from . import site_pages as S
from .conftest import Resp, write_warc

CLINIC_DOMAIN = "genou-renouveau.fr"
RAISED = ("/resultats", "/tarifs", "/temoignages")


def site_warcs(folder: Path) -> list[str]:
    """Two WARC files; each site has pages in both."""
    pages = [
        (origin + path, html)
        for origin, site in (
            (S.CLINIC, S.CLINIC_PAGES),
            (S.NEWS, S.NEWS_PAGES),
            (S.HOSPITAL, S.HOSPITAL_PAGES),
        )
        for path, html in site.items()
    ]
    first = [Resp(url, html.encode()) for i, (url, html) in enumerate(pages) if i % 2 == 0]
    second = [Resp(url, html.encode()) for i, (url, html) in enumerate(pages) if i % 2 == 1]
    return [str(write_warc(folder / "a.warc.gz", first)), str(write_warc(folder / "b.warc.gz", second))]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    return site_warcs(tmp_path_factory.mktemp("site-warcs"))


@pytest.fixture(scope="module")
def site_run(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("site-pass") / "result"
    run = triage(inputs, out, workers=2, settings=TriageSettings(), progress=False)
    return run, out


def _by_path(rows: list[dict], origin: str) -> dict[str, dict]:
    return {r["url"][len(origin) :]: r for r in rows if r["url"].startswith(origin)}


def test_the_clinic_s_pages_without_its_therapy_are_flagged_with_their_quotes(site_run) -> None:
    run, out = site_run
    assert run.ok, (run.failed, run.unread)
    record_pass = _by_path(read_pages(out, site_pass=False).to_pylist(), S.CLINIC)
    rows = _by_path(read_pages(out).to_pylist(), S.CLINIC)
    assert record_pass["/traitement"]["verdict"] == "promotion"
    for path in RAISED:
        assert record_pass[path]["tier"] == "prefilter" and record_pass[path]["verdict"] is None, path
        row = rows[path]
        assert row["tier"] == "site" and row["verdict"] == "promotion", (path, row)
        assert row["page_verdict"] == "not_promotion"  # what the page says alone is kept
        assert row["claims"] and all(c["quote"] for c in row["claims"]), path
        assert row["offset"] == record_pass[path]["offset"] and row["length"] == record_pass[path]["length"]
    assert any("92 %" in c["quote"] for c in rows["/resultats"]["claims"])
    assert rows["/contact"]["verdict"] != "promotion"
    assert rows["/traitement"]["tier"] == "detection" and rows["/traitement"]["page_verdict"] is None

    leads = LeadsFile.model_validate_json((out / LEADS_JSON).read_bytes())
    assert [lead.domain for lead in leads.leads] == [
        CLINIC_DOMAIN
    ]  # the news and the hospital are not raised
    lead = leads.leads[0]
    assert lead.pages_flagged >= 4 and lead.pages_seen == len(S.CLINIC_PAGES)
    assert any(q.url == S.CLINIC + "/resultats" and "92 %" in q.quote for q in lead.quotes)
    site = json.loads((out / "run.json").read_text())["site_pass"]
    assert site["sites"] == 1 and site["raised"] == len(RAISED) and site["unread"] == 0
    assert run.totals["verdicts"]["promotion"] == 1 + len(RAISED)
    assert run.totals["analysed"] + run.totals["discarded_by_prefilter"] == run.totals["rows"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Lecture par site" in report and "3 page(s)\nsont signalées par ce que leur site" in report
    # the report is French: diseases by their French label, not the lexicon's key
    assert "<td>arthrose</td>" in report and "osteoarthritis" not in report
    assert "<td>français</td>" in report  # languages by name, not ISO code


def test_turned_off_each_record_is_judged_alone(inputs, site_run, tmp_path, capsys) -> None:
    from vigipub.cli.main import main

    _run, out = site_run
    alone = tmp_path / "alone"
    assert main(["triage", *inputs, "--out", str(alone), "--no-site-context", "--no-progress"]) == 0
    # the analysed pages by verdict, then the flagged ones (not a dict beside « flagged »)
    captured = capsys.readouterr()
    printed = " ".join((captured.out + captured.err).split())
    assert re.search(r"\d+ analysed \(1 promotion(, \d+ uncertain)?, \d+ not_promotion\), \d+ flagged;", printed), printed
    lead = LeadsFile.model_validate_json((alone / LEADS_JSON).read_bytes()).leads[0]
    assert lead.domain == CLINIC_DOMAIN and lead.pages_flagged == 1
    assert not (alone / "sites").exists()
    assert json.loads((alone / "run.json").read_text())["site_context"] is False
    # turned on again over the same folder: the record pass is kept, the site pass is done
    again = triage(inputs, alone, settings=TriageSettings(), progress=False)
    assert sorted(again.skipped) == sorted(inputs)
    assert read_pages(alone).to_pylist() == read_pages(out).to_pylist()


def test_candidate_sites_that_promote_nothing_are_not_raised_and_resume(
    inputs, tmp_path, monkeypatch
) -> None:
    """Without the pre-filter, the news and hospital sites have uncertain pages (short ones):
    they are candidates, judged together, and none of their pages becomes promotion. A run
    interrupted during the site pass (one task per site here) resumes it."""
    import vigipub.batch.sites as sites

    out = tmp_path / "r"
    settings = TriageSettings(prefilter="off")
    calls = []
    real = sites.run_task

    def interrupted(task, *args, **kwargs):
        if calls:
            raise KeyboardInterrupt
        calls.append(task.id)
        return real(task, *args, **kwargs)

    monkeypatch.setattr(sites, "TASK_PAGES", 1)
    monkeypatch.setattr(sites, "run_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        triage(inputs, out, workers=1, settings=settings, progress=False)
    monkeypatch.setattr(sites, "run_task", real)
    run = triage(inputs, out, workers=1, settings=settings, progress=False)
    assert run.ok and run.site_pass["skipped_tasks"] == 1 and run.site_pass["tasks"] == 3
    rows = read_pages(out).to_pylist()
    for origin in (S.NEWS, S.HOSPITAL):
        mine = _by_path(rows, origin)
        assert "uncertain" in {r["verdict"] for r in mine.values()}  # a candidate site
        assert not [p for p, r in mine.items() if r["verdict"] == "promotion"], origin
    assert {r["verdict"] for p, r in _by_path(rows, S.CLINIC).items() if p in RAISED} == {"promotion"}


def test_a_record_that_cannot_be_read_again_is_reported(inputs, tmp_path, capsys) -> None:
    from vigipub.cli.main import main

    folder = tmp_path / "in"
    folder.mkdir()
    copies = site_warcs(folder)
    out = tmp_path / "r"
    assert main(["triage", *copies, "--out", str(out), "--no-site-context", "--no-progress"]) == 0
    second = Path(copies[1])
    data = second.read_bytes()  # changed since the record pass: only its warcinfo start is left
    second.write_bytes(data[:100] + b"\x00" * (len(data) - 100))
    capsys.readouterr()
    assert main(["triage", *copies, "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "site pass" in err and str(second) in err and "offset" in err
    rows = _by_path(read_pages(out).to_pylist(), S.CLINIC)
    # the clinic is judged with the pages of the file that could be read
    readable = [p for p in S.CLINIC_PAGES if rows[p]["warc_file"] == copies[0]]
    assert "/tarifs" in readable and rows["/tarifs"]["verdict"] == "promotion"
    unread = json.loads((out / "run.json").read_text())["site_pass"]["unread_records"]
    assert {u["warc_file"] for u in unread} == {str(second)} and all(u["offset"] >= 0 for u in unread)


def test_the_report_names_every_language_the_detector_reads() -> None:
    from vigipub.batch.report import LANGUAGE_LABELS
    from vigipub.detect import LANGUAGES

    assert {*LANGUAGES, "other"} <= set(LANGUAGE_LABELS)
