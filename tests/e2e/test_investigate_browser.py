"""`vigipub investigate` with Chromium on the dendritic-cell demo clinic: screenshots, rendered DOM."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vigipub.evidence import CaptureManifest, FindingsFile
from vigipub.pipeline import InvestigateOptions, investigate

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser_dossier(tmp_path_factory):
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.skip("Debian chromium is not installed")
    from vigipub.demo import serve_demo_sites

    out = tmp_path_factory.mktemp("browser") / "dendritic"
    with serve_demo_sites(host="127.0.0.1", sites=["dendritic-clinic"]) as urls:
        summary = investigate(urls["dendritic-clinic"] + "fr/", out,
                              InvestigateOptions(capture=dict(max_pages=14, browser=True, allow_private=True)))
    return out, summary


def test_every_html_page_has_a_screenshot(browser_dossier):
    out, _ = browser_dossier
    manifest = CaptureManifest.model_validate_json((out / "evidence" / "manifest.json").read_text())
    html_pages = [p for p in manifest.pages if (p.content_type or "").startswith("text/html") and p.status == 200]
    assert html_pages
    for page in html_pages:
        assert page.screenshot, page.url
        png = out / "evidence" / page.screenshot
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.rendered is not None


def test_claim_injected_by_javascript_is_found_in_rendered_dom(browser_dossier):
    from vigipub.demo import DEMO_SITES

    out, _ = browser_dossier
    js_text = DEMO_SITES["dendritic-clinic"].js_only_text
    findings = FindingsFile.model_validate_json((out / "findings.json").read_text())
    rendered = [p for p in findings.pages if p.source == "rendered"]
    assert rendered
    norm = lambda s: " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())  # noqa: E731
    quotes = [norm(f.quote) for p in rendered for f in p.findings]
    assert any(norm(js_text)[:40] in q for q in quotes), "the JavaScript-inserted claim was not found"
    raw_quotes = [norm(f.quote) for p in findings.pages if p.source == "http" for f in p.findings]
    assert not any(norm(js_text)[:40] in q for q in raw_quotes)


def test_summary_targets_france_and_proposes_suspension(browser_dossier):
    _, summary = browser_dossier
    assert summary.verdict == "promotion"
    assert summary.france_targeted == "yes"
    assert summary.measure.startswith("suspension")
