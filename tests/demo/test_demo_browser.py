"""Rendered in Chromium: the JS-injected claim appears and the cookie banner can be accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vigipub.demo import DEMO_SITES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


def test_rendered_home_shows_injected_claim_and_cookie_banner_hides(demo_urls):
    playwright = pytest.importorskip("playwright.sync_api")
    site = DEMO_SITES["dendritic-clinic"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(demo_urls["dendritic-clinic"] + "fr/", wait_until="load")
            assert page.inner_text("#live-claim") == site.js_only_text
            assert site.js_only_text in page.inner_text("body")
            assert page.is_visible("#cookie-banner")
            page.click("#cookie-accept")
            assert not page.is_visible("#cookie-banner")
            page.reload(wait_until="load")
            assert not page.is_visible("#cookie-banner")  # the choice is remembered
        finally:
            browser.close()
