"""The case application as people use it, in headless Chromium against ``vigipub serve``.

An inspector creates a case from the URL of a demo site served here and watches the capture
(a real worker, Chromium screenshots) finish; accepts and rejects findings; prepares and
sends the letter of intent; a legal reviewer records the company's observations and the
urgency and generates the decision; the signatory signs and publishes it; an anonymous
visitor finds it on the public register and in the feed. On the way: an inspector is not
offered the signature, an unpublished case is not reachable anonymously, a session is dead
after logout. Screenshots of the main pages go to ``test-artifacts/web/`` (git-ignored).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from .live import PASSWORD, LiveApp, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def server(tmp_path, pg_server):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    app = LiveApp(tmp_path / "live", pg_server, VIGIPUB_CAPTURE_BROWSER="1", VIGIPUB_WORKERS="1")
    # the accounts, in one process (`vigipub createuser` itself is tested in test_commands.py)
    app.python(
        "from vigipub.web.commands import create_user\n"
        "from vigipub.evidence.casework import Role\n"
        f"create_user('ines', {{Role.INSPECTOR}}, {PASSWORD!r}, full_name='Inès Durand')\n"
        f"create_user('louis', {{Role.LEGAL_REVIEWER}}, {PASSWORD!r}, full_name='Louis Bernard')\n"
        f"create_user('diane', {{Role.SIGNATORY}}, {PASSWORD!r}, full_name='Diane Lefèvre', "
        "title=\"Directrice générale de l'Agence\")\n"
    )
    port = free_port()
    app.start("serve", "--port", str(port), "--workers", "1", log="serve")
    base = f"http://127.0.0.1:{port}"
    app.wait(lambda: _up(base), 60, "vigipub serve to answer", every=0.3)
    yield app, base
    app.stop_all()


def _up(base: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_a_case_from_lead_to_publication_in_a_browser(server, demo_site):
    from playwright.sync_api import expect, sync_playwright

    app, base = server
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    site = demo_site["dendritic-clinic"].rstrip("/") + "/fr/"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
        context.set_default_timeout(30_000)
        page = context.new_page()

        def shot(name: str) -> None:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

        def login(user: str) -> None:
            page.goto(base + "/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", PASSWORD)
            page.click("#login-form button[type=submit]")
            expect(page.locator("#vp-user")).to_be_visible()

        def logout() -> None:
            page.click("#vp-logout")
            expect(page).to_have_url(re.compile(r"/login/"))

        # an anonymous visitor is sent to the login page
        page.goto(base + "/cases/")
        expect(page).to_have_url(re.compile(r"/login/\?next=/cases/"))
        shot("01-login")

        # the inspector creates the case; the capture runs in a worker, the page follows it
        login("ines")
        page.click("text=Nouveau dossier")
        page.fill("#id_urls", site)
        page.fill("#id_max_pages", "3")
        page.click("#new-case-form button[type=submit]")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "lead")
        ref = page.locator("h1").inner_text().split()[0]
        assert re.fullmatch(r"VP-\d{4}-\d{5}", ref)
        shot("02-case-capturing")
        expect(page.locator("#captures li[data-state=done]")).to_have_count(1, timeout=120_000)
        # 3 web pages, each analysed twice (HTTP response and Chromium's rendering), count once
        expect(page.locator("#captures li[data-state=done]")).to_contain_text(" 3 pages")
        expect(page.locator("#operator-name")).to_contain_text("Vitadendra")
        page.click("[data-transition=open_investigation] button")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "investigation")
        shot("03-case-investigation")

        # evidence review: screenshot beside the highlighted text; accept, then reject one finding
        page.click("#review-evidence")
        # each page's two versions (HTTP response, Chromium's rendering) are listed and named
        expect(page.locator("#pages-table")).to_contain_text("réponse HTTP")
        expect(page.locator("#pages-table")).to_contain_text("rendue par le navigateur")
        shot("04-evidence")
        links = page.locator("#pages-table tbody tr").filter(has_text="promotion").locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert hrefs, "the demo clinic has promotion pages"
        for href in hrefs:
            page.goto(base + href)
            page.click("#accept-all")
            expect(page.locator(".fr-alert--success")).to_be_visible()
        # which pages a 3-page crawl reaches varies: reject a claim on a page that has one
        for href in hrefs:
            page.goto(base + href)
            if page.locator("li.vp-finding[data-kind=claim]").count():
                break
        else:
            raise AssertionError("no promotion page of the demo clinic has a claim")
        expect(page.locator("#screenshot")).to_be_visible()
        claim = page.locator("li.vp-finding[data-kind=claim]").first
        finding_id = claim.get_attribute("data-finding")
        claim.locator("input[name=comment]").fill("phrase de navigation, pas une allégation")
        claim.locator("button[value=rejected]").click()
        expect(page.locator(f"#f{finding_id}")).to_have_attribute("data-decision", "rejected")
        expect(page.locator("#page-text mark").first).to_be_visible()
        shot("05-page-review")

        # letter of intent: operator confirmed, letter rendered by a worker, letter sent
        page.goto(f"{base}/cases/{ref}/")
        expect(page.locator("#conclusion")).to_have_text("manquement")
        page.click("[data-transition=prepare_letter] button")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "letter_of_intent")
        page.fill("#operator-form #id_name", "Vitadendra Health AG")
        page.fill("#operator-form #id_address", "Seestrasse 12\n8002 Zürich")
        page.fill("#operator-form #id_country", "CH")
        page.click("#operator-form button[type=submit]")
        page.select_option("#generate-form #id_kind", "letter")
        page.click("#generate-form button[type=submit]")
        expect(page.locator("#doc-state")).to_have_attribute("data-state", "done", timeout=90_000)
        expect(page.locator("#digests")).to_contain_text("PDF")
        shot("06-letter")
        page.goto(f"{base}/cases/{ref}/")
        page.click("[data-transition=send_letter] button")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "observations")
        expect(page.locator("#next-deadline")).to_contain_text("délai d’observations")
        # the decision step is refused while the observation period runs (and to an inspector)
        expect(page.locator("[data-transition=proceed_to_decision] button")).to_be_disabled()
        logout()

        # the legal reviewer records the observations and the urgency, and drafts the decision
        login("louis")
        page.goto(f"{base}/cases/{ref}/")
        expect(page.locator("[data-transition=proceed_to_decision]")).to_contain_text("CRPA L. 121-2 1°")
        page.select_option("#observation-form #id_kind", "written_observations")
        page.fill("#observation-form #id_received_on", date.today().isoformat())
        page.fill("#observation-form #id_text", "Nous ne faisons que du tourisme médical.")
        page.check("#observation-form input[value=medical_tourism_only]", force=True)  # DSFR draws the box on the label
        page.click("#observation-form button[type=submit]")
        expect(page.locator("#observations")).to_contain_text("tourisme médical")
        page.locator("details", has_text="Consigner l’urgence").locator("summary").click()
        page.fill("#id_reason", "des patients atteints de cancer renoncent à leur chimiothérapie")
        page.locator("form[action$='/urgency/'] button").click()
        page.click("[data-transition=urgent_decision] button")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "decision")
        page.select_option("#generate-form #id_kind", "decision")
        diane = page.locator("#generate-form #id_signatory option", has_text="Diane").get_attribute("value")
        page.select_option("#generate-form #id_signatory", diane)
        page.click("#generate-form button[type=submit]")
        expect(page.locator("#doc-state")).to_have_attribute("data-state", "done", timeout=90_000)
        decision_url = page.url
        assert page.locator("#sign").count() == 0  # a legal reviewer is not offered the signature
        logout()

        # an inspector is not offered the signature either
        login("ines")
        page.goto(decision_url)
        expect(page.locator("#digests")).to_be_visible()
        assert page.locator("#sign").count() == 0
        logout()

        # the signatory signs: the version is frozen, its SHA-256 shown; then publishes
        login("diane")
        page.goto(decision_url)
        page.click("#sign")
        expect(page.locator("#signed")).to_be_visible()
        digest = page.locator("#signed-sha256").inner_text()
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest)
        shot("07-decision-signed")
        page.goto(f"{base}/cases/{ref}/")
        page.click("[data-transition=publish] button")
        expect(page.locator("#case-status")).to_have_attribute("data-status", "published")
        shot("08-case-published")
        page.goto(base + "/cases/")
        shot("09-dashboard")
        session = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
        logout()

        # the anonymous visitor: register, case page, signed PDF, feed; the case itself stays private
        page.goto(base + "/publications/")
        expect(page.locator("#publications")).to_contain_text("Vitadendra Health AG")
        page.click(f"a[href='/publications/{ref}/']")
        expect(page.locator("#public-documents")).to_contain_text(digest)
        shot("10-publication")
        pdf = page.request.get(base + page.locator("#public-documents a", has_text="PDF").first.get_attribute("href"))
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
        feed = page.request.get(base + "/publications/feed.atom")
        assert feed.status == 200 and ref in feed.text()
        page.goto(f"{base}/cases/{ref}/")
        expect(page).to_have_url(re.compile(r"/login/"))

        # the signatory's old session cookie no longer opens anything
        thief = browser.new_context()
        thief.add_cookies([{"name": "sessionid", "value": session, "url": base}])
        stolen = thief.new_page()
        stolen.goto(base + "/cases/")
        expect(stolen).to_have_url(re.compile(r"/login/"))
        browser.close()

    assert app.run("audit", "verify").returncode == 0
    assert (ARTIFACTS / "05-page-review.png").stat().st_size > 10_000
