"""The demo sites themselves: links, hreflang, brochure PDF, JS-only text, claims, drift."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
import pypdf
import pytest

from vigipub.demo import DEMO_SITES

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def get(url: str) -> tuple[int, str, bytes, str]:
    """Status, content type, body and final URL (redirects followed)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read(), response.url
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read(), url


def visible_text(html: str | bytes) -> str:
    """Text a non-rendering capture sees: scripts and styles removed, whitespace folded (NBSP kept)."""
    tree = lxml.html.fromstring(html)
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    return re.sub(r"[ \t\r\n]+", " ", tree.text_content())


def crawl(base: str, start: str = "/") -> dict[str, tuple[int, str, bytes]]:
    """Breadth-first crawl of one origin through every same-origin link, asset and alternate."""
    origin = urlsplit(base).netloc
    seen: dict[str, tuple[int, str, bytes]] = {}
    queue = deque([urljoin(base, start), urljoin(base, "/sitemap.xml")])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        status, ctype, body, final = get(url)
        seen[url] = (status, ctype, body)
        if status != 200:
            continue
        targets: list[str] = []
        if ctype.startswith("text/html"):
            tree = lxml.html.fromstring(body)
            for tag, attr in LINK_ATTRS:
                targets += [v for v in tree.xpath(f"//{tag}/@{attr}")]
        elif "xml" in ctype:
            targets += re.findall(r"<loc>([^<]+)</loc>", body.decode())
        for target in targets:
            absolute, _ = urldefrag(urljoin(final, target))
            if urlsplit(absolute).netloc == origin and absolute.startswith("http"):
                queue.append(absolute)
    return seen


@pytest.fixture(scope="module")
def crawled(demo_urls):
    return {site_id: crawl(url) for site_id, url in demo_urls.items()}


def html_pages(pages: dict[str, tuple[int, str, bytes]]) -> dict[str, bytes]:
    return {u: b for u, (s, t, b) in pages.items() if s == 200 and t.startswith("text/html")}


@pytest.mark.parametrize("site_id", list(DEMO_SITES))
def test_every_internal_link_resolves(crawled, site_id):
    broken = {url: status for url, (status, _, _) in crawled[site_id].items() if status != 200}
    assert not broken


@pytest.mark.parametrize(
    ("site_id", "minimum", "maximum"),
    [
        ("dendritic-clinic", 30, 40),
        ("stemcell-clinic", 15, 20),
        ("carth-hospital", 3, 4),
        ("news-report", 3, 4),
    ],
)
def test_page_counts(crawled, site_id, minimum, maximum):
    pages = html_pages(crawled[site_id])
    assert minimum <= len(pages) <= maximum, sorted(pages)


def test_dendritic_clinic_has_six_plus_pages_per_language(crawled):
    pages = html_pages(crawled["dendritic-clinic"])
    for lang in ("fr", "en", "de"):
        assert len([u for u in pages if urlsplit(u).path.startswith(f"/{lang}/")]) >= 6, lang


def _alternates(body: bytes) -> dict[str, str]:
    tree = lxml.html.fromstring(body)
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
    }


@pytest.mark.parametrize("site_id", ["dendritic-clinic", "stemcell-clinic"])
def test_hreflang_alternates_are_complete_reciprocal_and_match_html_lang(crawled, site_id):
    site = DEMO_SITES[site_id]
    pages = {urlsplit(u).path: b for u, b in html_pages(crawled[site_id]).items()}
    checked = 0
    for path, body in pages.items():
        if path == "/":
            continue  # the language-choice root is not a translation
        tree = lxml.html.fromstring(body)
        lang = tree.get("lang")
        alternates = _alternates(body)
        assert set(alternates) == {*site.languages, "x-default"}, path
        assert alternates[lang] == path, f"{path}: hreflang={lang} does not point to itself"
        assert alternates["x-default"] == alternates["en"]
        for other_lang, other_path in alternates.items():
            other = pages[other_path]
            assert lxml.html.fromstring(other).get("lang") == (
                "en" if other_lang == "x-default" else other_lang
            )
            assert _alternates(other) == alternates, f"{path} and {other_path} disagree"
        # the visible language switcher offers exactly the same translations
        switchers = tree.xpath(
            '//body//*[contains(@class, "lang-switch") or contains(@class, "topbar")]//a[@hreflang]'
        )
        assert switchers, f"{path}: no language switcher"
        switch = {a.get("hreflang"): a.get("href") for a in switchers}
        if site_id == "dendritic-clinic":
            assert switch == {k: v for k, v in alternates.items() if k != "x-default"}, path
        else:
            assert all(alternates[k] == v for k, v in switch.items()), path
        checked += 1
    assert checked >= 10 * len(site.languages) - 1 if site_id == "dendritic-clinic" else checked >= 14


def test_brochure_pdf_is_linked_from_every_therapy_page_and_readable(crawled, demo_urls):
    pages = html_pages(crawled["dendritic-clinic"])
    base = demo_urls["dendritic-clinic"].rstrip("/")
    for path in ("/fr/therapie.html", "/en/therapy.html", "/de/therapie.html"):
        assert b'href="/media/brochure-vitadendra-fr.pdf"' in pages[base + path], path
    status, ctype, body = crawled["dendritic-clinic"][base + "/media/brochure-vitadendra-fr.pdf"]
    assert status == 200 and ctype == "application/pdf"
    assert len(body) < 100_000
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)
    text = " ".join(text.split())
    assert "cellules dendritiques" in text
    assert "jusqu'à 60 %" in text
    assert "+33 1 99 00 42 17" in text


def test_js_injected_claim_is_only_in_a_script(crawled, demo_urls):
    site = DEMO_SITES["dendritic-clinic"]
    assert site.js_only_text
    base = demo_urls["dendritic-clinic"].rstrip("/")
    home = crawled["dendritic-clinic"][base + "/fr/"][2]
    tree = lxml.html.fromstring(home)
    scripts = " ".join(s.text or "" for s in tree.xpath("//script"))
    assert site.js_only_text in scripts
    assert (
        tree.xpath('//p[@id="live-claim"]')
        and not tree.xpath('//p[@id="live-claim"]')[0].text_content().strip()
    )
    for body in html_pages(crawled["dendritic-clinic"]).values():
        assert site.js_only_text not in visible_text(body)
    assert "neuf patients sur dix" not in visible_text(home)


@pytest.mark.parametrize("site_id", ["dendritic-clinic", "stemcell-clinic"])
def test_listed_claims_and_manipulation_sentences_are_on_the_french_pages(crawled, site_id):
    site = DEMO_SITES[site_id]
    assert len(site.claims) >= 5 and site.manipulation
    french = " ".join(
        visible_text(b)
        for u, b in html_pages(crawled[site_id]).items()
        if urlsplit(u).path.startswith("/fr/")
    )
    for sentence in (*site.claims, *site.manipulation):
        assert sentence in french, sentence


@pytest.mark.parametrize(
    ("site_id", "signals"),
    [
        (
            "dendritic-clinic",
            ["+33 1 99 00 42 17", "coordinatrice francophone", "Lyon", "Bordeaux", "€", "Témoignages"],
        ),
        (
            "stemcell-clinic",
            [
                "WhatsApp",
                "+33 6 39 98 05 17",
                "Marseille",
                "€",
                "hôtel",
                "aéroport",
                "autisme",
                "paralysie cérébrale",
                "sclérose latérale amyotrophique",
                "sclérose en plaques",
                "diabète",
                "exosomes",
            ],
        ),
    ],
)
def test_promotional_sites_carry_targeting_and_calls_to_action(crawled, site_id, signals):
    text = " ".join(visible_text(b) for b in html_pages(crawled[site_id]).values())
    for signal in signals:
        assert signal in text, signal


@pytest.mark.parametrize("site_id", ["carth-hospital", "news-report"])
def test_legitimate_sites_have_no_price_booking_or_safety_promise(crawled, site_id):
    text = " ".join(visible_text(b) for b in html_pages(crawled[site_id]).values()).lower()
    assert "€" not in text and "whatsapp" not in text and "tarif" not in text
    assert "aucun effet secondaire" not in text and "sans effet" not in text
    assert not re.search(r"\b(réservez|réserver|prendre rendez-vous|devis)\b", text)


def test_news_article_reports_at_a_distance(crawled):
    article = next(b for u, b in html_pages(crawled["news-report"]).items() if "dendritique" in u)
    text = visible_text(article)
    for marker in (
        "Selon la clinique",
        "prétendument",
        "d'après le régulateur",
        "perte de chance",
        "effet indésirable",
    ):
        assert marker in text, marker


def test_car_t_page_names_authorised_products_and_risks(crawled):
    text = " ".join(visible_text(b) for b in html_pages(crawled["carth-hospital"]).values())
    for term in (
        "Yescarta",
        "axicabtagène ciloleucel",
        "Kymriah",
        "tisagenlecleucel",
        "syndrome de relargage des cytokines",
        "réunion de concertation pluridisciplinaire",
        "deux lignes",
    ):
        assert term in text, term
    assert "guéri" not in text.lower()


def test_committed_sites_match_the_generator(tmp_path, monkeypatch):
    from vigipub.demo import SITES_DIR
    from vigipub.demo._sitegen import build_all, common

    monkeypatch.setattr(common, "SITES_DIR", tmp_path)
    build_all(with_pdf=False)
    generated = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(SITES_DIR) for p in SITES_DIR.rglob("*") if p.is_file() and p.suffix != ".pdf"}
    assert generated == committed
    stale = [str(rel) for rel in generated if (tmp_path / rel).read_bytes() != (SITES_DIR / rel).read_bytes()]
    assert not stale, "run `python -m vigipub.demo._sitegen` and commit the result"


def test_demo_site_paths_exist():
    for site in DEMO_SITES.values():
        assert Path(site.path).is_dir() and (Path(site.path) / "_site.json").is_file()
        assert site.expected_verdict in ("promotion", "not_promotion")
        assert site.start_path.startswith("/")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# elements whose end tag HTML lets authors omit; the demo pages close them anyway, but the
# SVG drawing elements below are written self-closing, which html.parser reports as start+end
SELF_CLOSING_OK = {"rect", "path", "circle", "line"}


@pytest.mark.parametrize("site_id", list(DEMO_SITES))
def test_pages_are_well_formed(site_id):
    """Valid-ish HTML: doctype, one <title>, lang, and every non-void element closed in order."""
    from html.parser import HTMLParser

    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            if tag not in VOID:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):  # type: ignore[no-untyped-def]
            if tag not in VOID and tag not in SELF_CLOSING_OK:
                self.errors.append(f"self-closed <{tag}/>")

        def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            else:
                self.stack.pop()

    for path in Path(DEMO_SITES[site_id].path).rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert source.lower().startswith("<!doctype html>"), path
        assert source.count("<title>") == 1 and re.search(r"<html lang=\"[a-z]{2}\">", source), path
        checker = Checker()
        checker.feed(source)
        checker.close()
        assert not checker.errors and not checker.stack, (path, checker.errors[:3], checker.stack)
