"""Quality gate: detection quality must not fall below pinned floors.

Two measurements:

1. **Out of fold, grouped by host** (the honest estimate on unseen sites): the verdict model is
   refitted per fold without the fold's hosts, over our ``corpus/`` and the real excerpts of
   ``../shared/corpus-real/`` together (``vigipub eval --cv``). Measured with model sha256:2650c5098a1e1265:
   real pages precision 0.811, recall 0.540, uncertain 0.086, claim recall 0.61; our corpus
   precision 0.995, recall 0.974, claim recall 0.96.
2. **The shipped model on our corpus** (``vigipub eval corpus``): in-sample, it checks that
   the packaged model and lexicons still read our own pages.

The floors are the measured values minus a small margin. Lower a floor only on purpose, in a
commit that says why; raise them when detection improves. Tests needing ``../shared`` skip with
the missing folder named when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

#: real excerpts, out of fold (all languages together; pages in a language without a lexicon
#: count, and are never promotion)
REAL_FLOORS = {"precision": 0.78, "recall": 0.50, "claim_recall": 0.57}
#: the issue's bound on the share of real pages left to a human
REAL_MAX_UNCERTAIN = 0.10
#: per language of the real excerpts, for languages with at least MIN_REAL_POSITIVES promotion pages
REAL_LANGUAGE_FLOORS = {"precision": 0.75, "recall": 0.35}
#: French is below the others on these excerpts (measured precision 0.27, recall 0.25): 12 of its
#: 79 pages are promotion, and most of its non-promotion pages are science and news pages that
#: speak favourably of the therapies. Pinned apart, so that it can only go up.
REAL_LANGUAGE_FLOORS_APART = {"fr": {"precision": 0.22, "recall": 0.20}}
MIN_REAL_POSITIVES = 10
#: largest share of false accusations per category of real non-promotion pages (measured: news
#: 3/107, regulator 1/13, authorised 0/12, trial 1/16, consumer guide 1/19, patient information
#: 2/21, science 6/31, patient association 3/9)
REAL_MAX_FALSE_ACCUSATIONS = {
    "news_report": 0.04,
    "regulator_warning": 0.08,
    "authorised_atmp": 0.0,
    "clinical_trial": 0.07,
    "consumer_guide": 0.06,
    "patient_information": 0.10,
    "science_explainer": 0.20,
    "patient_association": 0.34,
}
#: our corpus, out of fold
OURS_CV_FLOORS = {"precision": 0.98, "recall": 0.95, "claim_recall": 0.93}

#: our corpus, shipped model, split="all" (aggregates only; no page is special-cased)
OVERALL_FLOORS = {"precision": 0.97, "recall": 0.93, "claim_recall": 0.90}
#: per language, checked only when the language has at least MIN_POSITIVES promotion pages
LANGUAGE_FLOORS = {"precision": 0.90, "recall": 0.85}
MIN_POSITIVES = 5


# -- out of fold ------------------------------------------------------------------------------


def test_real_pages_out_of_fold(out_of_fold: dict) -> None:
    real = out_of_fold["by_corpus"]["real"]["overall"]
    for metric, floor in REAL_FLOORS.items():
        assert real[metric] is not None and real[metric] >= floor, (metric, real)
    assert real["uncertain_rate"] <= REAL_MAX_UNCERTAIN, real


def test_real_pages_per_language(out_of_fold: dict) -> None:
    failures = []
    checked = []
    for lang, m in out_of_fold["by_corpus"]["real"]["by_language"].items():
        if m["tp"] + m["fn"] < MIN_REAL_POSITIVES:
            continue
        checked.append(lang)
        floors = REAL_LANGUAGE_FLOORS_APART.get(lang, REAL_LANGUAGE_FLOORS)
        failures += [(lang, k, m[k], f) for k, f in floors.items() if m[k] < f]
    assert len(checked) >= 5, checked
    assert not failures, failures


def test_real_hard_negatives_are_rarely_accused(out_of_fold: dict) -> None:
    hard = out_of_fold["by_corpus"]["real"]["hard_negatives"]
    failures = []
    for category, bound in REAL_MAX_FALSE_ACCUSATIONS.items():
        c = hard.get(category)
        assert c is not None, f"no {category} page in the real corpus"
        if c["promotion"] / c["n"] > bound:
            failures.append((category, c))
    assert not failures, failures


def test_pages_in_languages_without_a_lexicon_are_never_promotion(out_of_fold: dict) -> None:
    from vigipub.detect.lexicon import LANGUAGES

    foreign = [r for r in out_of_fold["pages"] if r["corpus"] == "real" and r["language"] not in LANGUAGES]
    assert foreign
    assert not [r for r in foreign if r["predicted"] == "promotion"], foreign


def test_our_corpus_out_of_fold(out_of_fold: dict) -> None:
    ours = out_of_fold["by_corpus"]["ours"]["overall"]
    for metric, floor in OURS_CV_FLOORS.items():
        assert ours[metric] is not None and ours[metric] >= floor, (metric, ours)


# -- the shipped model on our corpus ----------------------------------------------------------


@pytest.fixture(scope="module")
def result(request: pytest.FixtureRequest) -> dict:
    if not (CORPUS / "labels").is_dir() or not any((CORPUS / "labels").glob("*.jsonl")):
        pytest.skip("corpus/ is absent")
    from vigipub.cli.eval import evaluate, evaluate_pages

    try:  # the pages the session already analysed, when ../shared is there
        pages, analyses = request.getfixturevalue("labelled")
    except pytest.skip.Exception:
        return evaluate(CORPUS, "all")
    ours = [i for i, p in enumerate(pages) if p.corpus == "ours"]
    return evaluate_pages([pages[i] for i in ours], [analyses[i] for i in ours])


def test_overall_floors(result: dict) -> None:
    overall = result["overall"]
    assert not result["errors"], result["errors"][:5]
    for metric, floor in OVERALL_FLOORS.items():
        assert overall[metric] is not None and overall[metric] >= floor, (metric, overall)


def test_language_floors(result: dict) -> None:
    failures = []
    for lang, m in result["by_language"].items():
        if m["tp"] + m["fn"] < MIN_POSITIVES:
            continue
        for metric, floor in LANGUAGE_FLOORS.items():
            if m[metric] < floor:
                failures.append((lang, metric, m[metric], floor))
    assert not failures, failures
