"""Articles: versions tile time without gap or overlap; texts, ids and docstrings are consistent."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest

from vigipub.evidence.errors import CitationError
from vigipub.law import ArticleNotInForceError, get_jurisdiction
from vigipub.law.core import TEXTS_DIR, Article, Version, d
from vigipub.law.jurisdictions import article_modules

ARTICLES = get_jurisdiction("FR").articles
MODULES = {**article_modules("vigipub.law.france"), **article_modules("vigipub.law.eu")}


def _boundaries(article: Article) -> list[date]:
    points = {date(1990, 1, 1), date(2040, 1, 1)}
    for v in article.versions:
        for b in (v.start, v.end):
            if b:
                points.update({b - timedelta(days=1), b, b + timedelta(days=1)})
    return sorted(points)


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_versions_have_no_gap_and_no_overlap(key: str) -> None:
    article = ARTICLES[key]
    first = min((v.start for v in article.versions if v.start), default=None)
    has_open_start = any(v.start is None for v in article.versions)
    for day in _boundaries(article):
        hits = [v for v in article.versions if v.covers(day)]
        assert len(hits) <= 1, f"{key}: overlap on {day}"
        if has_open_start or (first and day >= first):
            assert len(hits) == 1, f"{key}: gap on {day}"
        else:
            assert not hits
    # exactly one version is in force today (none of our articles is abrogated)
    assert article.in_force(date(2026, 1, 1)) is not None


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_texts_and_notes(key: str) -> None:
    article = ARTICLES[key]
    assert article.text_file and (TEXTS_DIR / article.text_file).exists()
    assert {"Source", "Version", "Completeness"} <= set(article.header()), article.text_file
    for v in article.versions:
        on = v.start or date(2000, 1, 2)
        if v.end and on >= v.end:
            on = v.end - timedelta(days=1)
        text = article.text_fr(on) if article.in_force(on) is v else None
        if v.section is None:
            assert v.completeness in ("not_retrieved", "paraphrase_only")
        elif article.in_force(on) is v:
            assert text and "NOT FOUND" not in text.splitlines()[0], f"{key} {v}"
        if v.completeness == "full" and text:
            assert "[...]" not in text, f"{key}: a full text contains a cut"
    ref = article.ref(date(2025, 1, 1))
    assert ref.label_fr and ref.article == article.number


@pytest.mark.parametrize("key", sorted(MODULES))
def test_module_docstring_is_the_heading_trail(key: str) -> None:
    module = importlib.import_module(MODULES[key])
    doc = module.__doc__ or ""
    article: Article = module.ARTICLE
    assert doc.splitlines()[0] == article.heading_trail.split(" (heading")[0] or doc.startswith(
        article.heading_trail[:20]
    )
    assert article.number.replace("\u00a0", " ") in doc.replace("\u00a0", " ")
    assert (article.identifier or "identifier not retrieved") in doc
    assert "Versions:" in doc and article.text_file in doc


def test_l5111_1_is_judged_under_the_version_in_force() -> None:
    article = ARTICLES["CSP L. 5111-1"]
    old = article.text_fr(date(2020, 1, 1)) or ""
    new = article.text_fr(date(2024, 11, 5)) or ""
    assert "maladies humaines ou animales" in old
    assert old != new and new.startswith("I.-On entend par médicament à usage humain")
    assert article.ref(date(2020, 1, 1)).version_end == article.ref(date(2024, 1, 1)).version_start


def test_before_the_first_version_nothing_can_be_cited() -> None:
    article = ARTICLES["CRPA L. 121-1"]
    with pytest.raises(ArticleNotInForceError) as err:
        article.ref(date(2015, 12, 31))
    assert isinstance(err.value, CitationError) and "CRPA L. 121-1" in str(err.value)
    assert article.ref(date(2016, 1, 1)).identifier == "LEGIARTI000031367424"


def test_partial_and_missing_texts_are_marked() -> None:
    annex = ARTICLES["REG 1394/2007 annexe I"]
    assert annex.text_fr(date(2024, 1, 1)) is None
    assert annex.in_force(date(2024, 1, 1)).completeness == "not_retrieved"  # type: ignore[union-attr]
    assert any("GAP" in n for n in annex.notes)
    assert ARTICLES["CSP L. 5312-2"].is_partial(date(2024, 1, 1))
    assert not ARTICLES["CSP L. 5122-3"].is_partial(date(2024, 1, 1))
    assert ARTICLES["CSP L. 5422-18"].in_force(date(2024, 1, 1)).completeness == "paraphrase_only"  # type: ignore[union-attr]


def test_overlapping_versions_are_refused() -> None:
    bad = Article(
        key="X",
        code="X",
        number="1",
        title="",
        identifier=None,
        text_file=None,
        label_fr="x",
        versions=(Version(start=d("2020-01-01")), Version(start=d("2021-01-01"))),
    )
    with pytest.raises(CitationError):
        bad.in_force(date(2022, 1, 1))
