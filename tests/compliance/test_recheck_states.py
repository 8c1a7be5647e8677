"""`vigipub recheck` on the demo clinic in each state it can be in weeks after a decision."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from vigipub.capture import verify_evidence
from vigipub.cli.main import main
from vigipub.demo.recheck_site import CLAIMS_EN, CLAIMS_FR, REWORDED_EN, ExitProxy
from vigipub.evidence import InputError, IntegrityError, sha256_file
from vigipub.evidence.compliance import (
    ClaimStatus,
    ComplianceReport,
    ComplianceVerdict,
    FrenchVariantStatus,
    PageStatus,
    Side,
)
from vigipub.pipeline import recheck

from .conftest import tree_digest


def _run(original: Path, demo, state: str, out: Path, **kw) -> ComplianceReport:
    demo.state = state
    result = recheck(original, out, allow_private=True, browser=False, page_timeout=1.5, **kw)
    assert result.out_dir == out
    report = ComplianceReport.model_validate_json(result.compliance_json.read_bytes())
    assert report.verdict == result.verdict
    assert result.compliance_html.is_file()
    return report


def _claim(report: ComplianceReport, quote: str):
    return next(c for c in report.claims if c.quote == " ".join(quote.split()))


def test_unchanged_site_has_not_complied_and_the_new_dossier_is_sealed_and_linked(original, demo, tmp_path):
    before = tree_digest(original)
    out = tmp_path / "recheck"
    report = _run(original, demo, "unchanged", out)
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED
    decision = [c for c in report.claims if c.in_decision]
    assert {c.quote for c in decision} >= {" ".join(q.split()) for q in CLAIMS_FR}
    assert report.claims[: len(decision)] == decision  # quoted-in-decision claims come first
    assert all(c.status == ClaimStatus.PRESENT and c.match and c.match.record_id for c in decision)
    assert report.french_variant.status == FrenchVariantStatus.SERVED
    assert {p.status for p in report.pages} == {PageStatus.UNCHANGED}
    # the heading « Témoignages de patients » is the label of the stories, not a claim to check
    assert "Témoignages de patients" not in {c.quote for c in report.claims}
    assert any(c.kind == "testimonial" for c in report.claims)  # the stories themselves are
    # every reason cites both captures
    for reason in report.reasons:
        assert reason.before and reason.after, reason.code
    # linked: the original's digests, and the new chain continues the original's chain
    assert report.original.manifest_sha256 == sha256_file(original / "evidence" / "manifest.json")
    assert report.original.seal_sha256 == sha256_file(original / "dossier.sha256")
    old_chain = (original / "evidence" / "chain.log").read_bytes().splitlines()
    new_chain = (out / "evidence" / "chain.log").read_bytes().splitlines()
    assert new_chain[: len(old_chain)] == old_chain and len(new_chain) == len(old_chain) + 1
    link = json.loads((out / "recheck.json").read_text())
    assert link["manifest_sha256"] == report.original.manifest_sha256
    check = verify_evidence(out)
    assert check.ok, check.problems
    assert check.states["compliance.json"] == "verified" and check.states["compliance.html"] == "verified"
    assert tree_digest(original) == before  # the original dossier is only read


def test_partly_cleaned_site_has_partially_complied(original, demo, tmp_path):
    report = _run(original, demo, "partly_cleaned", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.PARTIALLY_COMPLIED
    for quote in CLAIMS_FR:
        assert _claim(report, quote).status == ClaimStatus.GONE
    kept = _claim(report, CLAIMS_EN[0])
    assert kept.status == ClaimStatus.PRESENT and kept.similarity == 100.0
    reworded = _claim(report, CLAIMS_EN[1])
    assert reworded.status == ClaimStatus.REWORDED and reworded.still_a_claim
    assert reworded.match is not None and reworded.match.quote == REWORDED_EN
    assert _claim(report, CLAIMS_EN[2]).status == ClaimStatus.GONE
    assert report.french_variant.status == FrenchVariantStatus.REMOVED
    removed = [p for p in report.pages if p.status == PageStatus.REMOVED]
    assert {p.url.rsplit("/", 2)[-2] for p in removed} == {"fr"} and all(p.http_status == 404 for p in removed)
    codes = {r.code for r in report.reasons}
    assert {"claims_gone", "other_claims_present", "french_removed"} <= codes
    html = (tmp_path / "r" / "compliance.html").read_text()
    assert "Mise en conformité partielle" in html
    assert '<mark class="claim-gone">' in html and '<mark class="claim-reworded">' in html


def test_fully_cleaned_site_has_complied_even_though_its_start_url_is_gone(original, demo, tmp_path):
    report = _run(original, demo, "fully_cleaned", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.COMPLIED
    assert all(c.status == ClaimStatus.GONE for c in report.claims)
    assert report.french_variant.status == FrenchVariantStatus.REMOVED
    start = next(p for p in report.pages if p.url == original_seed(original))
    assert start.status == PageStatus.REMOVED and start.http_status == 410
    assert not report.leads


def original_seed(original: Path) -> str:
    return json.loads((original / "evidence" / "manifest.json").read_text())["seed_url"]


def test_site_moved_by_redirect_is_not_complied_and_the_new_domain_is_a_lead(original, demo, tmp_path):
    report = _run(original, demo, "moved", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED
    assert report.recheck is not None and report.recheck.scope == demo.new_origin
    (move,) = report.leads
    assert move.lead.domain == demo.new_origin and move.lead.source == "recheck"
    assert {"redirect", "same_operator", "same_claims"} <= set(move.signals)
    assert all(c.match and c.match.url.startswith(demo.new_origin) for c in report.claims if c.in_decision)


def test_site_moved_with_a_notice_is_a_lead_captured_in_its_own_evidence_folder(original, demo, tmp_path):
    out = tmp_path / "r"
    report = _run(original, demo, "moved_notice", out)
    (move,) = report.leads
    assert {"canonical", "announced", "same_claims", "same_operator"} <= set(move.signals)
    decision = [c for c in report.claims if c.in_decision]
    assert all(c.status == ClaimStatus.PRESENT and c.match.side == Side.MOVED for c in decision)
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED
    assert (out / "evidence-moved-1" / "manifest.json").is_file()
    check = verify_evidence(out)
    assert check.ok, check.problems
    assert "evidence-moved-1" in check.evidence_folders


def test_french_pages_no_longer_linked_are_hidden(original, demo, tmp_path):
    report = _run(original, demo, "french_unlinked", tmp_path / "r")
    assert report.french_variant.status == FrenchVariantStatus.HIDDEN
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED


def test_geolocation_hiding_shows_through_two_exits(original, demo, tmp_path):
    with ExitProxy("127.0.0.2") as france, ExitProxy("127.0.0.3") as elsewhere:
        report = _run(original, demo, "geo_hidden", tmp_path / "r", proxy=france.url, second_proxy=elsewhere.url)
    assert report.french_variant.status == FrenchVariantStatus.HIDDEN
    assert report.french_variant.by_exit["recheck"] == 0 and report.french_variant.by_exit["second_exit"] == 4
    assert "géolocalisation" in report.french_variant.detail_fr
    decision = [c for c in report.claims if c.in_decision]
    assert all(c.status == ClaimStatus.PRESENT and c.match.side == Side.SECOND_EXIT for c in decision)
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED
    assert report.second_exit is not None and report.second_exit.proxy == elsewhere.url


@pytest.mark.parametrize(
    ("state", "kind", "words"),
    [
        ("unavailable", "blocked", "robots.txt"),  # robots.txt answering 503 means "disallow all" (RFC 9309)
        ("blocked", "blocked", "HTTP 403"),
        ("timeout", "timeout", "timeout"),
    ],
)
def test_an_unreachable_site_is_never_complied(original, demo, tmp_path, state, kind, words):
    report = _run(original, demo, state, tmp_path / "r")
    assert report.verdict == ComplianceVerdict.UNREACHABLE
    assert report.error_kind == kind and words in (report.error or "")
    assert report.recheck is None and not report.claims
    assert report.reasons[0].code == "unreachable"


def test_cli_exit_codes(original, demo, tmp_path, capsys):
    demo.state = "blocked"
    out = tmp_path / "cli"
    assert main(["recheck", str(original), "--out", str(out), "--allow-private", "--no-browser"]) == 1
    assert "verdict: unreachable" in capsys.readouterr().out
    demo.state = "unchanged"
    assert main(["recheck", str(original), "--out", str(tmp_path / "cli2"), "--allow-private", "--no-browser"]) == 0
    assert main(["recheck", str(original), "--out", str(out), "--allow-private"]) == 2  # not empty
    assert main(["recheck", str(tmp_path / "nothing")]) == 2


def test_two_rechecks_at_once_never_share_a_folder(original, demo):
    demo.state = "unchanged"
    results, errors = [], []

    def run(out):
        try:
            results.append(recheck(original, out, allow_private=True, browser=False))
        except InputError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(None,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    folders = {r.out_dir for r in results}
    assert len(folders) == 2 and all(f.parent == original.parent for f in folders)
    for folder in folders:
        assert verify_evidence(folder).ok


def test_a_tampered_original_is_refused(original, demo, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    findings = copy / "findings.json"
    findings.write_text(findings.read_text().replace("guérissent", "soignent"))
    with pytest.raises(IntegrityError):
        recheck(copy, tmp_path / "r", allow_private=True, browser=False)
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


def test_a_reworded_claim_is_not_also_a_new_claim(original, demo, tmp_path):
    report = _run(original, demo, "partly_cleaned", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.PARTIALLY_COMPLIED
    assert REWORDED_EN not in {n.quote for n in report.new_claims}


def test_pages_replaced_by_an_anti_bot_challenge_are_unavailable_never_cleaned(original, demo, tmp_path):
    """A firewall's check page instead of the French pages (HTTP 200): their claims were not seen,
    so they are « non vérifiables », and the site has not complied."""
    report = _run(original, demo, "challenged", tmp_path / "r")
    behind = [c for c in report.claims if not c.url.endswith("/fr/")]
    # never « retirée »: unverified, or found again (reworded) on the page that was served
    assert behind and not any(c.status == ClaimStatus.GONE for c in behind), [(c.url, c.status) for c in behind]
    assert any(c.status == ClaimStatus.UNVERIFIED for c in behind)
    challenged = [p for p in report.pages if not p.url.endswith("/fr/")]
    assert challenged and all(p.status == PageStatus.UNAVAILABLE and "anti-bot" in p.detail for p in challenged)
    assert report.verdict != ComplianceVerdict.COMPLIED


def test_a_start_page_behind_an_anti_bot_challenge_is_unreachable_and_blocked(original, demo, tmp_path):
    report = _run(original, demo, "challenged_home", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.UNREACHABLE and report.error_kind == "blocked"
    assert "anti-bot challenge (DDoS-Guard)" in (report.error or "")

def _record(demo, urls: list[str], path: Path) -> None:
    """What a browser recorder writes for these pages (a warcio WARC of their responses)."""
    import io
    import urllib.request

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url in urls:
            with urllib.request.urlopen(url) as answer:  # noqa: S310 - the local demo site
                body, final = answer.read(), answer.geturl()
                headers = StatusAndHeaders(f"{answer.status} OK", list(answer.headers.items()), protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(final, "response", payload=io.BytesIO(body), http_headers=headers))


def test_a_browser_recording_stands_for_the_recapture(original, demo, tmp_path):
    """A site behind a firewall: the inspector records it in a browser and the recheck compares
    with that recording; a page left out of it is « not checked again », its claims unverified."""
    demo.state = "unchanged"
    manifest = json.loads((original / "evidence" / "manifest.json").read_text(encoding="utf-8"))
    pages = [p["final_url"] for p in manifest["pages"] if p["status"] == 200]
    french_home = next(u for u in pages if u.endswith("/fr/"))
    recording = tmp_path / "recording.warc.gz"
    _record(demo, [french_home], recording)
    result = recheck(original, tmp_path / "r", recording=recording)
    report = ComplianceReport.model_validate_json(result.compliance_json.read_bytes())
    assert report.verdict == ComplianceVerdict.NOT_COMPLIED
    on_home = [c for c in report.claims if c.url == french_home]
    assert on_home and all(c.status == ClaimStatus.PRESENT for c in on_home)
    elsewhere = [c for c in report.claims if c.url != french_home]
    assert elsewhere and not any(c.status == ClaimStatus.GONE for c in elsewhere)
    assert verify_evidence(result.out_dir).ok
    notes = json.loads((result.out_dir / "evidence" / "manifest.json").read_text(encoding="utf-8"))["notes"]
    assert "recorded outside vigipub" in notes[0]

def test_down_site(original, demo, tmp_path):
    """Last: the demo stops listening for good."""
    demo.go_down()
    report = _run(original, demo, "down", tmp_path / "r")
    assert report.verdict == ComplianceVerdict.UNREACHABLE and report.error_kind == "down"



def test_an_inferred_claim_or_the_menu_is_no_claim_the_site_still_makes(tmp_path: Path) -> None:
    """« À reconstituer avec 5 mL de sérum physiologique » (a mechanism verb beside the product,
    inferred) and the menu are evidence for the inspector, not claims a recheck counts."""
    from vigipub.compliance.inputs import CaptureView
    from vigipub.detect import Detector
    from vigipub.evidence import CaptureManifest, FindingsFile, Producer, RecordRef
    from vigipub.evidence.compliance import CaptureLink
    from vigipub.extract import document_from_html

    html = (
        "<html lang='fr'><body><nav>Accueil Témoignages Tarifs</nav><p>Exosomes de cellules souches, flacon de 5 mL.</p>"
        "<p>À reconstituer avec 5 mL de sérum physiologique puis à injecter en mésothérapie.</p>"
        "<p>Nos exosomes stimulent la repousse des cheveux en cas d'alopécie.</p></body></html>"
    )
    record = RecordRef.model_construct(record_id="<urn:uuid:1>", payload_digest="sha256:0", warc_file="x.warc.gz")
    doc = document_from_html(html.encode(), "https://shop.example/p", record=record)
    analysis = Detector.default().analyze(doc)
    assert any(f.attributes.get("inferred") == "yes" and "reconstituer" in f.quote for f in analysis.findings)
    view = CaptureView(
        side=Side.ORIGINAL,
        link=CaptureLink.model_construct(),
        manifest=CaptureManifest.model_construct(pages=[]),
        findings=FindingsFile(producer=Producer(name="test", version="1"), pages=[analysis]),
        documents=[doc],
        evidence_dir=tmp_path,
    )
    quotes = {f.quote for f in view.claim_findings(doc)}
    assert quotes == {"Nos exosomes stimulent la repousse des cheveux en cas d'alopécie."}, quotes


def _view(tmp_path: Path, html: str, url: str):  # type: ignore[no-untyped-def]
    from vigipub.compliance.inputs import CaptureView
    from vigipub.detect import Detector
    from vigipub.evidence import CaptureManifest, FindingsFile, Producer, RecordRef
    from vigipub.evidence.compliance import CaptureLink
    from vigipub.extract import document_from_html

    record = RecordRef.model_construct(record_id="<urn:uuid:1>", payload_digest="sha256:0", warc_file="x.warc.gz")
    doc = document_from_html(html.encode(), url, record=record)
    view = CaptureView(
        side=Side.RECHECK,
        link=CaptureLink.model_construct(),
        manifest=CaptureManifest.model_construct(pages=[]),
        findings=FindingsFile(producer=Producer(name="test", version="1"), pages=[Detector.default().analyze(doc)]),
        documents=[doc],
        evidence_dir=tmp_path,
    )
    return view, doc


def test_what_a_page_says_of_a_hair_transplant_is_no_claim_of_the_decisions_product(tmp_path: Path) -> None:
    """A hair clinic that stopped selling exosomes keeps its transplant page: « 98 % de nos patients
    sont satisfaits » is the surgery's (the qualification set it aside), never a claim left."""
    view, doc = _view(
        tmp_path,
        "<html lang='fr'><head><title>Greffe FUE</title></head><body><h1>La greffe de cheveux FUE</h1>"
        "<p>98 % de nos patients sont satisfaits de leur nouvelle chevelure.</p>"
        "<p>Nos exosomes stimulent la repousse des cheveux en cas d'alopécie.</p></body></html>",
        "https://hair.example/fue",
    )
    quotes = {f.quote for f in view.claim_findings(doc)}
    assert quotes == {"Nos exosomes stimulent la repousse des cheveux en cas d'alopécie."}, quotes


def test_a_closing_quotation_mark_does_not_carry_a_story_into_its_signature(tmp_path: Path) -> None:
    """« … Je recommande à 100 %. » — Julien, 34 ans, Nantes: the signature is no new claim."""
    from vigipub.compliance.claims import candidates

    view, _doc = _view(
        tmp_path,
        "<html lang='fr'><body><p>Nos exosomes stoppent la chute des cheveux.</p>"
        "<p>« Après trois séances d'exosomes, mes cheveux ont arrêté de tomber. » — Karim, 41 ans, Lille</p></body></html>",
        "https://hair.example/avis",
    )
    holding = [c.sentence.text for c in candidates([view]) if c.findings]
    assert holding and not any(t.lstrip().startswith(("»", "—")) for t in holding), holding
