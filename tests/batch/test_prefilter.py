"""The raw-byte pre-filter: every spelling a page may use, markup that is not text, and the
promise that it never discards a page on which the detection finds a therapy."""

from __future__ import annotations

import pytest

from vigipub import pipeline
from vigipub.batch.prefilter import Prefilter, VocabularyTerm

from .conftest import Resp, write_warc  # noqa: F401  (fixtures module)

KEPT = {
    "plain": "<p>Nos cellules souches mésenchymateuses réparent le cartilage.</p>",
    "upper case": "<h2>CELLULES SOUCHES MÉSENCHYMATEUSES</h2>",
    "no accents": "<p>cellules souches mesenchymateuses</p>",
    "entities": "<p>cellules souches m&eacute;senchymateuses</p>",
    "numeric entities": "<p>cellules souches m&#233;senchymateuses</p>",
    "soft hyphen entity": "<p>cel&shy;lules sou&shy;ches</p>",
    "soft hyphen utf-8": "<p>cel\u00adlules sou\u00adches</p>",
    "wbr": "<p>Stamm<wbr>zellen</p>",
    "tags between words": "<p>les cellules <b>souches</b> du patient</p>",
    "nbsp between words": "<p>stem&nbsp;cells</p>",
    "newline and indent": "<p>stem\n        cells</p>",
    "react comment": "<p>stem<!-- --> <!-- -->cells</p>",
    "meta description": '<head><meta name="description" content="Exosome therapy clinic"></head><body></body>',
    "acronym": "<p>Injections de CSM pour l'arthrose.</p>",
    "car-t dash": "<p>CAR\u2011T cell therapy</p>",
    "german compound": "<p>Unsere Stammzelltherapie hilft.</p>",
    "turkish": "<p>KÖK HÜCRE tedavisi</p>",
    "ligature": "<p>thérapie par cellules souches du cœur</p>",
    # a script with cases: each word in lower case, upper case or capitalised
    "cyrillic": "<p>лечение стволовыми клетками</p>",
    "cyrillic capitalised": "<p>Экзосомы</p>",
    "cyrillic upper case": "<h1>ЭКЗОСОМЫ</h1>",
    "cyrillic entities": "<p>&#1101;&#1082;&#1079;&#1086;&#1089;&#1086;&#1084;&#1099;</p>",
    # scripts without spaces between words: the term inside a run of text
    "chinese in a sentence": "<p>我们的中心采用干细胞治疗自闭症</p>",
    "japanese in a sentence": "<p>当院では間葉系幹細胞を培養し</p>",
    "korean with a particle": "<p>환자 본인의 줄기세포를 배양하여</p>",
    "thai in a sentence": "<p>ค่ารักษาด้วยสเต็มเซลล์จากไขมัน</p>",
}
DISCARDED = {
    "nothing": "<p>The council approved three new bus lines.</p>",
    "script": "<script>var t = 'stem cells exosomes';</script><p>Recipes</p>",
    "style": "<style>.stem-cells{color:red}</style><p>Recipes</p>",
    "attribute": '<img src="/stem-cells.png" alt="stem cells"><p>Recipes</p>',
    "og:image": '<meta property="og:image" content="https://a.example/csm_photo.jpg"><p>News</p>',
    "inside a word": "<p>Cartoons and carts</p>",
    "case-sensitive acronym in lower case": "<p>a til b</p>",
    "chinese without a therapy": "<p>今天天气很好，我们去公园散步。</p>",
}


@pytest.fixture(scope="module")
def prefilter() -> Prefilter:
    terms = [VocabularyTerm(*row) for row in pipeline.triage_vocabulary(("therapy",))]
    return Prefilter(terms, pipeline.fold_text)


@pytest.mark.parametrize("name", sorted(KEPT))
def test_every_spelling_of_a_therapy_is_found(prefilter: Prefilter, name: str) -> None:
    page = f"<html><body>{KEPT[name]}</body></html>".encode()
    assert prefilter.match(page) is not None, name


def test_a_word_of_a_cased_script_gives_its_cases_not_every_mix(prefilter: Prefilter) -> None:
    """2^letters spellings per Cyrillic word (every mix of cases) made the scanner take minutes
    and gigabytes to build; one spelling per case and encoding keeps it small."""
    from vigipub.batch.prefilter import word_forms

    forms = word_forms("экзосомами", pipeline.fold_text)
    assert (
        "экзосомами".encode() in forms and "ЭКЗОСОМАМИ".encode() in forms and "Экзосомами".encode() in forms
    )
    assert len(forms) < 50
    assert prefilter.patterns < 20_000


@pytest.mark.parametrize("name", sorted(DISCARDED))
def test_markup_and_other_words_are_not_therapy_text(prefilter: Prefilter, name: str) -> None:
    page = f"<html><head></head><body>{DISCARDED[name]}</body></html>".encode()
    assert prefilter.match(page) is None, name


def test_windows_1252_and_utf16_pages(prefilter: Prefilter) -> None:
    text = "<html><body><p>Thérapie par cellules souches à Genève</p></body></html>"
    assert prefilter.match(text.encode("cp1252")) is not None
    assert prefilter.match(text.encode("utf-16")) is not None
    assert prefilter.match(text.encode("utf-16-le")) is not None


def test_both_scanners_decide_alike(prefilter: Prefilter) -> None:
    other = Prefilter(prefilter.terms, pipeline.fold_text, engine="pyahocorasick")
    assert prefilter.engine == "hyperscan" and other.engine == "pyahocorasick"
    for snippet in [*KEPT.values(), *DISCARDED.values()]:
        page = f"<html><body>{snippet}</body></html>".encode()
        assert (prefilter.match(page) is None) == (other.match(page) is None), snippet


def test_the_vocabulary_is_the_lexicons(prefilter: Prefilter) -> None:
    from vigipub.detect import Detector

    expected = {(e.id, t) for e in Detector.default().entries if e.kind == "therapy" for t in e.terms}
    assert {(t.entry_id, t.term) for t in prefilter.terms} == expected
    # a term added to the vocabulary is found at once (the pre-filter holds no list of its own)
    grown = Prefilter(
        [*prefilter.terms, VocabularyTerm("x.therapy.new", "therapy", "Xylomorph Serum")], pipeline.fold_text
    )
    page = b"<html><body><p>Unser XYLOMORPH&nbsp;serum!</p></body></html>"
    assert prefilter.match(page) is None
    assert grown.match(page) is not None


def _loss(pages) -> tuple[int, int, list[str]]:
    """(pages where detection finds a therapy, of which the pre-filter discards, their URLs)."""
    terms = [VocabularyTerm(*row) for row in pipeline.triage_vocabulary(("therapy",))]
    prefilter = Prefilter(terms, pipeline.fold_text)
    found = 0
    lost: list[str] = []
    for url, payload in pages:
        analysis = pipeline.analyze_payload(
            payload, url, content_type="text/html; charset=utf-8", record=None
        )
        if any(f.kind == "therapy" for f in analysis.findings):
            found += 1
            if prefilter.match(payload) is None:
                lost.append(url)
    return found, len(lost), lost


def test_nothing_lost_on_the_projects_corpus() -> None:
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "corpus" / "pages"
    pages = [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*/*.html"))]
    found, lost, urls = _loss(pages)
    assert found > 300  # the corpus is mostly about therapies
    assert lost == 0, urls


def test_nothing_lost_on_real_pages(shared_dir) -> None:
    from vigipub.batch.measure import corpus_real_pages

    folder = shared_dir / "corpus-real"
    if not folder.is_dir():
        pytest.skip("../shared/corpus-real is absent")
    found, lost, urls = _loss((p.url, p.payload) for p in corpus_real_pages(folder))
    assert found > 300
    assert lost == 0, urls


def test_nothing_lost_on_the_benchmark_warc(shared_dir, tmp_path) -> None:
    """The loss measure on real news and blog pages: the first 150 records of the benchmark
    WARC (its records are shuffled: a prefix is a fair sample); the whole file is measured by
    ``vigipub triage prefilter`` and benchmarks/triage_bench.py (docs/triage.md)."""
    from itertools import islice

    from vigipub.batch.measure import measure, warc_pages

    warc = shared_dir / "bench" / "data" / "real-pages.warc.gz"
    if not warc.is_file():
        pytest.skip("../shared/bench/data/real-pages.warc.gz is absent")
    [source] = [loss.as_dict() for loss in measure(islice(warc_pages(warc), 150))]
    assert source["pages"] == 150
    assert source["term_missed"] == 0
    assert source["flagged_lost"] == source["flagged_lost_without_therapy"]
    assert source["discarded_share"] > 0.9  # news and blogs: the pre-filter saves most of the work
