"""Quality gate: detection quality must not fall below pinned floors.

Three measurements:

1. **Out of fold, grouped by host** (the honest estimate on unseen sites): the verdict model is
   refitted per fold without the fold's hosts, over our ``corpus/`` and the real excerpts of
   ``../shared/corpus-real/`` together (``vigipub eval --cv``; here with the text settings the
   shipped model selected, see ``conftest.shipped_selection``). Measured with model
   sha256:7a7e8ebc4db21b40 (issue 12, third round): real pages precision 0.903, recall 0.520,
   uncertain 0.078, claim recall 0.63; French 0 false accusations among 67 non-promotion pages
   (1 of 12 promotion pages found); our corpus precision 1.000, recall 0.979, claim recall 0.96.
   (Round 2, model sha256:c95c33535cce3b29: 0.876, 0.465, 0.065, 0.61.) Fourth round (claim
   recall), model sha256:deccf2e25e46e1c9: precision 0.900, recall 0.546, uncertain 0.078, claim
   recall 0.81 (French 0.89, every language with a lexicon ≥ 0.76); French 0 of 67 accused; our
   corpus 1.000, 0.974, claim recall 0.97.
2. **Leave one language out** (``vigipub eval --cv --by-language``): each language's real pages
   judged by a model fitted without any page in that language. Measured: precision 0.901,
   recall 0.342; French 2 false accusations among 67 (round 2: 0.917, 0.235, 1). Fourth
   round: 0.901, 0.342, French 2. Model sha256:61cb2d05d9b7b4e4 (no price read in "US$818
   billion", plants' exosomes are no product): 0.844, 0.348, French 6; the same French pages
   score as before (0.746 → 0.746, 0.738 → 0.738…), but the French fold's promotion threshold,
   read on the other languages' pages, fell below them once an English science page no longer
   carried a false price (0.78 → 0.63): four French hard negatives that sit at 0.74–0.80 cross it.
   The floors below were lowered for that reason, in the commit that made the change (out of
   fold, the same change raised precision 0.895 → 0.907 and recall 0.515 → 0.540, French 0
   accused).
3. **The shipped model on our corpus** (``vigipub eval corpus``): in-sample, it checks that
   the packaged model and lexicons still read our own pages.

The floors are the measured values minus a small margin. Lower a floor only on purpose, in a
commit that says why; raise them when detection improves. Tests needing ``../shared`` skip with
the missing folder named when it is absent.

Issue 12's second round moved the operating point towards precision (promotion from the
probability at which the inner folds reach precision 0.9, was 0.8): precision rose from 0.81 to
0.88 and false accusations fell from 25 to 13 (French: from 8 to 0), and the recall floor went
down from 0.50 to 0.42 (at equal precision, 0.85, recall rose from 0.37 to 0.53; see
docs/detection.md). Our corpus's out-of-fold recall floor went down from 0.95 to 0.93 for the
same reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

#: real excerpts, out of fold (all languages together; pages in a language without a lexicon
#: count, and are never promotion)
#: recall raised from 0.50 with the generic-transplant and public-body changes (0.566 → 0.581 in
#: this protocol; nested 0.545 → 0.581)
#: 2026-12-07 (fifth session): references and publishers' hosts a science cue, plants' stem cells
#: a cosmetic's: recall 0.581 → 0.606 (nested 0.586 → 0.616); in this protocol the promotion
#: threshold of one fold fell below a French science explainer (0.72): precision 0.8889, so the
#: precision floor went from 0.89 to 0.88 on purpose (nested: 0.913 → 0.897, French 0 accused)
#: 2026-12-07 (sixth session): misfiring cues removed, the 0.7 floor on the promotion threshold:
#: recall 0.606 → 0.682 at precision 0.912 (16 fold seeds: 0.620 → 0.678, 0.894 → 0.909); the
#: recall floor raised from 0.58 to 0.64
#: 2026-12-07 (seventh session): an authority named once, cautions, advertorials, biographies:
#: 0.912 / 0.682 → 0.914 / 0.702 (16 fold seeds: 0.909 / 0.678 → 0.917 / 0.694); the recall
#: floor raised from 0.64 to 0.66
#: 2026-12-07 (eighth session): "studies" in general no research frame, job advertisements,
#: transplants for blood cancers, foundations' hosts, paid press-release wires: 0.914 / 0.702 →
#: 0.960 / 0.732 (8 fold seeds 1-8: 0.926 / 0.711 → 0.957 / 0.722; seeds 9-16: 0.922 / 0.707 →
#: 0.957 / 0.722); the floors raised to 0.92 / 0.70
REAL_FLOORS = {"precision": 0.92, "recall": 0.70, "claim_recall": 0.78}
#: the issue's bound on the share of real pages left to a human
REAL_MAX_UNCERTAIN = 0.10
#: per language of the real excerpts, for languages with at least MIN_REAL_POSITIVES promotion pages
REAL_LANGUAGE_FLOORS = {"precision": 0.80, "recall": 0.45, "claim_recall": 0.72}
#: claim recall of the French promotion pages' labelled quotes (27 quotes; 24 recalled)
FRENCH_MIN_CLAIM_RECALL = 0.85
#: French, the agency's own language, is judged apart: a false accusation of a French page is
#: the most damaging output. Its promotion pages (12 of 79) are few and mostly translations of
#: foreign clinics' pages written like science explainers: one is found at this operating
#: point (the others are the first candidates for the uncertain band, not for an accusation).
FRENCH = "fr"
#: (0 since the eighth session: the Montreal hospital foundation's page, accused until then, is
#: read with its host's cue of a charity)
FRENCH_MAX_FALSE_ACCUSATIONS = 0
MIN_REAL_POSITIVES = 10
#: largest share of false accusations per category of real non-promotion pages (measured, third
#: round: news 1/107, regulator 0/13, authorised 0/12, trial 0/16, consumer guide 0/19, patient
#: information 2/21, science 4/31, patient association 1/9)
REAL_MAX_FALSE_ACCUSATIONS = {
    # 0.03 → 0.04 with the generic-transplant and public-body refit: two news pages at 0.71 moved to
    # 0.76 and crossed their folds' thresholds in this protocol (4 of 107; the nested run: 1)
    "news_report": 0.04,
    "regulator_warning": 0.08,
    "authorised_atmp": 0.0,
    "clinical_trial": 0.07,
    "consumer_guide": 0.06,
    "patient_information": 0.15,  # 3/21 since the fresh-cell family's refit (a fold's threshold)
    "science_explainer": 0.17,
    # 0.12 → 0.23 when « explica » stopped being a journalism cue in Spanish and Portuguese (8 fold
    # seeds: +3.9 true positives, −0.4 false accusations): an Austrian association's page at 0.71
    # crossed its fold's threshold in this protocol (2 of 9; one of them accused since round 2)
    "patient_association": 0.23,
}
#: our corpus, out of fold
OURS_CV_FLOORS = {"precision": 0.98, "recall": 0.93, "claim_recall": 0.95}
#: leave one language out (the real pages of each language with promotion pages)
#: lowered from 0.85 on purpose with the fresh-cell (xenogeneic) family: two French news pages
#: naming « cellules de fœtus de mouton » moved by < 0.003 and the English fold's threshold with
#: them (0.853 / 0.342 → 0.843 / 0.358)
#: 2026-12-07 (fourth session): the generic-transplant and public-body changes raised recall
#: (0.358 → 0.428) and the French fold's threshold, read on the other languages, fell below
#: three more French hard negatives (precision 0.838 → 0.833, French accused 5 → 8; out of fold,
#: with French pages in the training, none of the 67 is accused): floors moved both ways. Then
#: the Dutch « niet vergoed » (an insurer's refusal, a reporting cue: one Dutch news page
#: cleared, 0.89 → 0.66 out of fold) moved the French fold's threshold again: 0.814 / 0.423,
#: French accused 10 (the French pages score without any French term learned: see Limits in
#: docs/detection.md)
#: (« explica » no longer a journalism cue in es and pt: one more French page over the French
#: fold's threshold, 11)
#: 2026-12-07 (sixth session): 0.879 / 0.465, French accused 7 → 0.893 / 0.583, French accused
#: 7 (7 of 12 French promotion pages found, 5 before): floors raised to 0.85 / 0.52 and the
#: French bound lowered to 8
#: (seventh session: 0.898 / 0.610, French accused 7, found 8: the recall floor raised to 0.55)
#: (eighth session: 0.924 / 0.647, French accused 7, found 9: floors raised to 0.88 / 0.61)
OUT_OF_LANGUAGE_FLOORS = {"precision": 0.88, "recall": 0.61}
OUT_OF_LANGUAGE_FRENCH_MAX_FALSE_ACCUSATIONS = 8

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
        if lang == FRENCH:
            continue  # judged apart (below)
        checked.append(lang)
        failures += [(lang, k, m[k], f) for k, f in REAL_LANGUAGE_FLOORS.items() if m[k] < f]
    assert len(checked) >= 5, checked
    assert not failures, failures


def test_french_pages_are_almost_never_falsely_accused(out_of_fold: dict) -> None:
    french = out_of_fold["by_corpus"]["real"]["by_language"][FRENCH]
    assert french["tn"] + french["fp"] >= 60, french  # the French non-promotion pages were judged
    assert french["fp"] <= FRENCH_MAX_FALSE_ACCUSATIONS, french


def test_french_promotion_pages_quotes_are_recalled(out_of_fold: dict) -> None:
    french = out_of_fold["by_corpus"]["real"]["by_language"][FRENCH]
    assert french["claim_recall"] is not None and french["claim_recall"] >= FRENCH_MIN_CLAIM_RECALL, french


def test_a_language_never_learned_from_is_read_with_few_false_accusations(out_of_language: dict) -> None:
    real = out_of_language["by_corpus"]["real"]
    for metric, floor in OUT_OF_LANGUAGE_FLOORS.items():
        assert real["overall"][metric] >= floor, (metric, real["overall"])
    assert {"de", "en", "es", "fr", "it", "pt", "tr"} <= set(real["by_language"])
    assert real["by_language"][FRENCH]["fp"] <= OUT_OF_LANGUAGE_FRENCH_MAX_FALSE_ACCUSATIONS, real["by_language"][FRENCH]


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
