"""The whole chain on the demo sites: `vigipub demo`, then every file of each dossier.

These tests check what issue #2 promises a user: a dossier with sealed evidence, findings
traceable to their bytes, a qualification, a report and a decision draft whose quotes are
really on the site.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from vigipub.evidence import CaptureManifest, FindingsFile, Qualification, sha256_file

SITES = ["dendritic-clinic", "stemcell-clinic", "carth-hospital", "news-report"]


@pytest.fixture(scope="module")
def dossiers(demo_run):
    out, result = demo_run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _visible_text_of_site(site_id: str) -> str:
    from vigipub.demo import DEMO_SITES

    texts = []
    for path in Path(DEMO_SITES[site_id].path).rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        # The meta description is part of the extracted text (sites put claims there too).
        texts += re.findall(r'<meta name="description" content="([^"]*)"', raw)
        raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", raw)))
    return " ".join(" ".join(texts).split())


def test_demo_prints_summary_table_and_paths(demo_run):
    out, result = demo_run
    for site in SITES:
        assert site in result.stdout
    assert "public français visé" in result.stdout and "suspension de la publicité" in result.stdout
    assert str(out) in result.stdout.replace("\n", "")


@pytest.mark.parametrize("site", SITES)
def test_dossier_has_every_file(dossiers, site):
    d = dossiers / site
    for name in ("evidence/manifest.json", "findings.json", "qualification.json", "report.html", "decision.html"):
        assert (d / name).is_file(), name
    warcs = list((d / "evidence").glob("*.warc.gz"))
    assert warcs


@pytest.mark.parametrize("site", SITES)
def test_manifest_digests_match_files(dossiers, site):
    evidence = dossiers / site / "evidence"
    manifest = CaptureManifest.model_validate_json((evidence / "manifest.json").read_text())
    assert manifest.artefacts
    for artefact in manifest.artefacts:
        path = evidence / artefact.path
        assert path.stat().st_size == artefact.size
        assert sha256_file(path) == artefact.sha256
        assert artefact.captured_at.tzinfo is not None


@pytest.mark.parametrize("site", SITES)
def test_warc_is_1_1_with_sha256_digests(dossiers, site):
    warc = next((dossiers / site / "evidence").glob("*.warc.gz"))
    types = []
    with open(warc, "rb") as fh:
        for record in ArchiveIterator(fh):
            types.append(record.rec_type)
            assert record.rec_headers.protocol == "WARC/1.1"
            if record.rec_type in ("request", "response"):
                assert record.rec_headers.get_header("WARC-Block-Digest").startswith("sha256:")
            if record.rec_type == "response":
                assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
    assert types[0] == "warcinfo"
    assert "request" in types and "response" in types


@pytest.mark.parametrize("site", SITES)
def test_findings_trace_to_record_bytes(dossiers, site):
    findings = FindingsFile.model_validate_json((dossiers / site / "findings.json").read_text())
    assert findings.pages
    for page in findings.pages:
        assert page.verdict in ("promotion", "not_promotion", "uncertain")
        for f in page.findings:
            assert f.url and f.record_id and f.payload_digest.startswith("sha256:")
            assert 0 <= f.start < f.end
            assert f.quote.strip()


def test_verdicts_per_site(dossiers):
    def verdicts(site):
        return {p.verdict for p in FindingsFile.model_validate_json((dossiers / site / "findings.json").read_text()).pages}

    assert "promotion" in verdicts("dendritic-clinic")
    assert "promotion" in verdicts("stemcell-clinic")
    assert "promotion" not in verdicts("carth-hospital")
    assert "promotion" not in verdicts("news-report")


def test_dendritic_clinic_is_qualified_as_a_violation_targeting_france(dossiers):
    q = Qualification.model_validate_json((dossiers / "dendritic-clinic" / "qualification.json").read_text())
    assert q.conclusion == "violation"
    t0 = [t for t in q.tests if t.id.split(".")[0] == "T0"]
    assert t0 and all(t.outcome == "yes" for t in t0)
    assert q.measure is not None and q.measure.kind.startswith("suspension")
    cited = {a.article for v in q.vu for a in v.basis}
    assert {"L. 5111-1", "L. 5122-1", "L. 5122-3"} <= {c.replace("\u00a0", " ") for c in cited}
    for test in q.tests:
        if test.outcome == "yes":
            assert test.basis, f"{test.id} concludes yes without citing an article"


def test_operator_named_by_the_legal_notice_reaches_the_decision_draft(dossiers):
    findings = FindingsFile.model_validate_json((dossiers / "dendritic-clinic" / "findings.json").read_text())
    op = findings.operator
    assert op is not None and op.name == "Vitadendra Health AG" and op.country == "CH"
    assert op.registrations == ["CHE-000.111.222"]
    assert any(c.field == "address" and "CH-7399 Tannenbad" in c.quote for c in op.clues)
    decision = (dossiers / "dendritic-clinic" / "decision.html").read_text(encoding="utf-8")
    assert "par la société Vitadendra Health AG" in decision
    assert "nom de la société" not in decision  # no placeholder left for the name
    report = (dossiers / "dendritic-clinic" / "report.html").read_text(encoding="utf-8")
    assert "Éditeur du site" in report and "à vérifier" in report
    # the news report names no operator that could be mistaken for a target
    news = FindingsFile.model_validate_json((dossiers / "news-report" / "findings.json").read_text())
    assert news.operator is None or news.operator.confidence != "high"


def test_legitimate_sites_are_not_violations(dossiers):
    for site in ("carth-hospital", "news-report"):
        q = Qualification.model_validate_json((dossiers / site / "qualification.json").read_text())
        assert q.conclusion != "violation", site


@pytest.mark.parametrize("site", ["dendritic-clinic", "stemcell-clinic"])
def test_decision_quotes_claims_that_are_really_on_the_site(dossiers, site):
    d = dossiers / site
    decision = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", (d / "decision.html").read_text())).split())
    findings = FindingsFile.model_validate_json((d / "findings.json").read_text())
    by_id = {f.id: f for p in findings.pages for f in p.findings}
    q = Qualification.model_validate_json((d / "qualification.json").read_text())
    cited = [by_id[i] for c in q.considerants for i in c.evidence if i in by_id and by_id[i].kind in ("claim", "testimonial")]
    assert len(cited) >= 3, "the decision should quote several claims"
    site_text = _visible_text_of_site(site)
    norm = lambda s: " ".join(s.replace("\u202f", " ").replace("\u00a0", " ").split())  # noqa: E731
    # Re-extract every document from the WARC: each quote must be the exact slice of its record's text.
    from vigipub.extract import iter_documents

    texts = {(doc.record.record_id, doc.source): doc.text for doc in iter_documents(d / "evidence")}
    quoted_in_decision = 0
    for finding in cited:
        page = next(p for p in findings.pages if finding in p.findings)
        assert texts[(finding.record_id, page.source)][finding.start:finding.end] == finding.quote
        if page.source == "http" and (page.record.target_uri or "").rstrip("/").endswith((".html", "/", "")) \
                and not finding.url.endswith(".pdf"):
            # HTML pages: the sentence is visible text of the demo site as shipped.
            assert norm(finding.quote) in norm(site_text), f"not on the site: {finding.quote!r}"
        if norm(finding.quote)[:60] in norm(decision):
            quoted_in_decision += 1
    assert quoted_in_decision >= 3


def test_report_puts_the_verdict_first(dossiers):
    report = (dossiers / "dendritic-clinic" / "report.html").read_text()
    # the one-screen summary (verdict and why, operator, strongest claims) comes before the proof
    assert report.index('class="summary"') < report.index("Éléments de preuve")
    assert "promotion" in report


@pytest.mark.parametrize("site", SITES)
def test_verify_passes_on_fresh_dossier(dossiers, site):
    result = subprocess.run([sys.executable, "-m", "vigipub", "verify", str(dossiers / site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_analyze_json_matches_findings_schema_for_local_html(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='fr'><body><h1>Clinique</h1><p>Nos cellules souches guérissent l'autisme sans aucun effet "
        "secondaire.</p><p>Réservez votre traitement au +33 1 23 45 67 89, forfait 12 000 €.</p></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, "-m", "vigipub", "analyze", str(page), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = FindingsFile.model_validate_json(result.stdout)
    assert data.pages[0].url == page.as_uri()
    assert any(f.kind == "therapy" for f in data.pages[0].findings)
    json.loads(result.stdout)


def test_investigate_one_line_error_for_unreachable_host(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "vigipub", "investigate", "http://127.0.0.1:9/", "--out", str(tmp_path / "x"),
         "--allow-private", "--no-browser"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error:")


def test_investigate_refuses_private_address_without_flag(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "vigipub", "investigate", "http://127.0.0.1:9/", "--out", str(tmp_path / "y"),
         "--no-browser"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_no_decision_is_drafted_for_a_site_without_violation(dossiers):
    decision = (dossiers / "news-report" / "decision.html").read_text()
    assert "Aucun projet de décision" in decision
    assert "Décide" not in decision


def test_requalifying_a_dossier_redraws_its_decision_and_report(dossiers, tmp_path):
    import shutil

    copy = tmp_path / "dossier"
    shutil.copytree(dossiers / "dendritic-clinic", copy)
    (copy / "decision.html").write_text("stale")
    (copy / "report.html").write_text("stale")
    result = subprocess.run([sys.executable, "-m", "vigipub", "qualify", str(copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Considérant" in (copy / "decision.html").read_text()
    assert 'class="summary"' in (copy / "report.html").read_text()
    # the redrawn files are sealed again: the dossier verifies
    from vigipub.capture import verify_evidence

    report = verify_evidence(copy)
    assert report.ok, report.problems
    assert report.states["decision.html"] == report.states["qualification.json"] == "verified"


def test_derived_files_are_sealed_and_a_hand_edit_is_caught(dossiers, tmp_path):
    import shutil

    from vigipub.capture import verify_evidence
    from vigipub.evidence.seal import DOSSIER_SEAL, read_seal

    copy = tmp_path / "dossier"
    shutil.copytree(dossiers / "dendritic-clinic", copy)
    sealed = read_seal(copy)
    assert sealed is not None
    assert {"findings.json", "qualification.json", "report.html", "decision.html", "evidence/manifest.json"} <= set(sealed)
    report = verify_evidence(copy)
    assert report.ok and report.states["decision.html"] == "verified"
    assert report.states[DOSSIER_SEAL] == "verified"
    # `sha256sum -c` reads the same file
    check = subprocess.run(["sha256sum", "-c", DOSSIER_SEAL], cwd=copy, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # one changed word in the decision draft is a failure naming the file
    decision = copy / "decision.html"
    decision.write_text(decision.read_text(encoding="utf-8").replace("Vitadendra", "Vitadendre", 1), encoding="utf-8")
    report = verify_evidence(copy)
    assert not report.ok and report.states["decision.html"] == "failed"
    assert any(p.startswith("decision.html: modified after vigipub wrote it") for p in report.problems)
    # a file added to a sealed dossier is a failure (issue 18: it could pass for a derived file)
    (copy / "notes.txt").write_text("inspector's notes", encoding="utf-8")
    assert verify_evidence(copy).states["notes.txt"] == "failed"


def test_report_names_every_kind_of_evidence_in_french(dossiers):
    """The evidence tables' « nature » column shows French labels, never the detector's codes
    (« first_person_outcome », « quotation »)."""
    from vigipub.documents.report import LABELS_FR, PROMOTIONAL

    for site in ("dendritic-clinic", "stemcell-clinic"):
        findings = json.loads((dossiers / site / "findings.json").read_text(encoding="utf-8"))
        shown = {
            f["subkind"]
            for page in findings["pages"]
            for f in page["findings"]
            if f["kind"] in (*PROMOTIONAL, "france_targeting", "manipulation", "reporting_context")
        }
        assert shown and shown <= set(LABELS_FR["subkind_fr"]), sorted(shown - set(LABELS_FR["subkind_fr"]))
        # therapies and diseases by their French names (« sclérose en plaques »), never the
        # lexicon's keys (« multiple_sclerosis », « umbilical_cord_cells ») in a table cell
        named = {
            f["subkind"] for page in findings["pages"] for f in page["findings"] if f["kind"] in ("therapy", "disease")
        }
        report = (dossiers / site / "report.html").read_text(encoding="utf-8")
        cells = " ".join(re.findall(r"<td>(.*?)</td>", report, flags=re.S))
        leaked = sorted(code for code in named if "_" in code and code in cells)
        assert named and not leaked, leaked
    # every reason the crawler can give for a URL it left out, and every kind of file, has its
    # French name in the technical annex
    from typing import get_args

    from vigipub.evidence.capture import ArtefactKind, SkipReason

    assert {r.value for r in SkipReason} <= set(LABELS_FR["skip_fr"])
    assert set(get_args(ArtefactKind)) <= set(LABELS_FR["artefact_fr"])
    report = (dossiers / "stemcell-clinic" / "report.html").read_text(encoding="utf-8")
    assert "<td>hors du site capturé</td>" in report and "<td>off_site</td>" not in report
