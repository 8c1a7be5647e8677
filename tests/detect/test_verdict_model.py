"""The learned verdict: a small versioned JSON model, reproducible, explained in French.

Pages here were written for these tests.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigipub.detect import FEATURE_NAMES, Detector, LexiconError, load_verdict_model
from vigipub.detect.lexicon import default_lexicon
from vigipub.detect.verdict import model_dir
from vigipub.extract import document_from_html

CLINIC = (
    "<html lang='fr'><head><title>Clinique</title></head><body>"
    "<h1>Traitement de l'autisme par cellules souches</h1>"
    "<p>Notre clinique propose la thérapie par cellules souches du cordon ombilical aux enfants autistes.</p>"
    "<p>Après trois perfusions, 80 % de nos patients parlent davantage et dorment mieux.</p>"
    "<p>Le traitement est sans effets secondaires.</p>"
    "<p>Forfait de trois séances : 9 500 €. Prenez rendez-vous pour une consultation gratuite.</p>"
    "</body></html>"
)
NEWS = (
    "<html lang='fr'><head><title>Santé</title></head><body>"
    "<h1>Cellules souches : l'agence met en garde contre des cliniques</h1>"
    "<p>Publié le 3 mars 2025. L'agence met en garde les familles contre des cliniques qui prétendent "
    "guérir l'autisme par des injections de cellules souches.</p>"
    "<p>Selon les chercheurs interrogés, aucune étude n'a démontré un tel effet, a déclaré le professeur.</p>"
    "</body></html>"
)


def _analyze(html: str, url: str = "https://site.example/page"):  # type: ignore[no-untyped-def]
    return Detector.default().analyze(document_from_html(html.encode(), url))


def test_the_shipped_model_is_a_small_versioned_json_with_its_provenance() -> None:
    path = model_dir() / "verdict.json"
    assert path.stat().st_size < 300_000
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["format"] == "vigipub-verdict-model/2"
    assert body["features"] == list(FEATURE_NAMES) and set(body["coefficients"]) == set(FEATURE_NAMES)
    text = body["text"]
    assert 1000 < len(text["terms"]) <= text["vocabulary"]
    assert text["min_hosts"] >= 4 and text["max_chars"] > 1000
    chosen = [s for s in body["selection"] if s["chosen"]]
    assert len(chosen) == 1 and (chosen[0]["min_hosts"], chosen[0]["text_scale"]) == (text["min_hosts"], text["scale"])
    assert 0.0 < body["thresholds"]["not_promotion"] <= body["thresholds"]["promotion"] < 1.0
    training = body["training"]
    assert set(training["corpora"]) == {"ours", "real"}
    for corpus in training["corpora"].values():
        assert len(corpus["sha256"]) == 64 and corpus["pages"] > 300
    assert {"C", "weight_ours", "folds", "target_precision", "max_uncertain", "min_hosts", "text_scale"} <= set(
        training["params"]
    )
    assert {"python", "scikit-learn", "numpy"} <= set(training["libraries"])
    assert body["version"].startswith("sha256:")


def test_training_again_gives_the_shipped_model(labelled) -> None:  # type: ignore[no-untyped-def]
    """`vigipub model train` is reproducible: the same corpora give the same coefficients."""
    from vigipub.cli import corpora
    from vigipub.cli.model import examples_from
    from vigipub.detect.learn import TrainParams, fit
    from vigipub.detect.lexicon import default_lexicon

    shipped = json.loads((model_dir() / "verdict.json").read_text(encoding="utf-8"))
    pages, analyses = labelled  # skips when ../shared/corpus-real is absent
    root = Path(__file__).resolve().parents[2]
    for name, folder in (("ours", root / "corpus"), ("real", root.parent / "shared" / "corpus-real")):
        recorded = shipped["training"]["corpora"][name]["sha256"]
        assert corpora.digest(folder)["sha256"] == recorded, f"{folder} changed: run `make model`"
    assert shipped["training"]["lexicon"] == default_lexicon().source_digest, "lexicons changed: run `make model`"
    params = TrainParams.from_dict(shipped["training"]["params"])
    body = fit(examples_from(pages, analyses), params)
    assert body["selection"] == shipped["selection"]
    assert body["thresholds"] == shipped["thresholds"]
    assert body["intercept"] == pytest.approx(shipped["intercept"], abs=1e-5)
    for name, coef in shipped["coefficients"].items():
        assert body["coefficients"][name] == pytest.approx(coef, abs=1e-5), name
    assert body["text"]["terms"].keys() == shipped["text"]["terms"].keys()
    assert body["text"]["mean"] == pytest.approx(shipped["text"]["mean"], abs=1e-5)
    for term, weight in shipped["text"]["terms"].items():
        assert body["text"]["terms"][term] == pytest.approx(weight, abs=1e-4), term


def test_a_verdict_lists_each_feature_s_contribution_and_they_add_up() -> None:
    model = Detector.default().model
    analysis = _analyze(CLINIC)
    assert analysis.verdict == "promotion"
    assert analysis.features and set(analysis.features) == {*FEATURE_NAMES, "terms"}
    z = model.intercept + sum(c.weight for c in analysis.contributions)
    assert 1 / (1 + math.exp(-z)) == pytest.approx(analysis.score, abs=1e-3)
    # the text component's contributions (terms shown, the others summed) add up to its score
    text = [c for c in analysis.contributions if c.feature in ("term", "terms_other")]
    assert text and sum(c.weight for c in text) == pytest.approx(analysis.features["terms"], abs=1e-3)
    ids = {f.id for f in analysis.findings}
    assert analysis.contributions[0].weight > 0
    for c in analysis.contributions:
        assert c.label and c.label != c.feature  # French words from explain_fr.yaml
        assert set(c.findings) <= ids  # each contribution points to the page's findings
    assert all(d in ids for d in analysis.drivers)


def test_reasons_are_french_and_name_what_weighs_for_and_against() -> None:
    promotion = _analyze(CLINIC)
    assert promotion.reasons[0].startswith("promotion : probabilité de promotion")
    assert any(r.startswith("ce qui pèse pour : ") for r in promotion.reasons)
    news = _analyze(NEWS)
    assert news.verdict == "not_promotion"
    assert news.reasons[0].startswith("pas de promotion")
    against = next(r for r in news.reasons if r.startswith("ce qui pèse contre : "))
    assert "reportage" in against or "genre" in against


def test_a_lawyer_changes_the_wording_without_python(tmp_path: Path) -> None:
    shutil.copy(model_dir() / "verdict.json", tmp_path / "verdict.json")
    wording = (model_dir() / "explain_fr.yaml").read_text(encoding="utf-8")
    wording = wording.replace('  promotion: "promotion"', '  promotion: "publicité"')
    wording = wording.replace(
        'therapy: "thérapie cellulaire, génique ou par exosomes nommée"', 'therapy: "produit de thérapie nommé"'
    )
    (tmp_path / "explain_fr.yaml").write_text(wording, encoding="utf-8")
    model = load_verdict_model(tmp_path / "verdict.json")
    detector = Detector(default_lexicon(), model)
    analysis = detector.analyze(document_from_html(CLINIC.encode(), "https://site.example/"))
    assert analysis.reasons[0].startswith("publicité : probabilité")
    assert any(c.label == "produit de thérapie nommé" for c in analysis.contributions)
    assert analysis.score == _analyze(CLINIC).score  # the wording never changes the score


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "cannot load verdict model"),
        ('{"format": "other/1"}', "is not 'vigipub-verdict-model/2'"),
        (
            '{"format": "vigipub-verdict-model/2", "coefficients": {"mystery": 1}, "intercept": 0,'
            ' "thresholds": {"promotion": 0.7, "not_promotion": 0.5}}',
            "unknown feature",
        ),
        (
            '{"format": "vigipub-verdict-model/2", "coefficients": {"claims": 1}, "intercept": 0,'
            ' "thresholds": {"promotion": 0.7, "not_promotion": 0.5}, "text": {"terms": ["a", "b"]}}',
            "'terms' map each term to its weight",
        ),
        (
            '{"format": "vigipub-verdict-model/2", "coefficients": {"claims": 1}, "intercept": 0,'
            ' "thresholds": {"promotion": 0.7, "not_promotion": 0.5}, "text": {"terms": {"notre": "x"}}}',
            "could not convert",
        ),
    ],
)
def test_a_broken_model_file_is_refused_with_its_path(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "verdict.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_verdict_model(path)
    assert str(path) in str(info.value)


def test_model_show_and_a_bad_model_exit_2(tmp_path: Path) -> None:
    from vigipub.cli.main import main
    from vigipub.cli.model import command

    shown = CliRunner().invoke(command, ["show"])
    assert shown.exit_code == 0, shown.output
    assert "intercept" in shown.output and "thérapie" in shown.output
    bad = tmp_path / "verdict.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["model", "show", "--model", str(bad)]) == 2


def _mini_corpora(root: Path) -> tuple[Path, Path]:
    """Two tiny labelled corpora written here: pages (HTML + labels) and excerpts (JSONL)."""
    ours = root / "ours"
    (ours / "pages" / "fr").mkdir(parents=True)
    (ours / "labels").mkdir()
    rows = [("fr-0001", CLINIC, "clinic", "promotion"), ("fr-0002", NEWS, "news_report", "not_promotion")]
    with open(ours / "labels" / "fr.jsonl", "w", encoding="utf-8") as fh:
        for pid, html, cat, verdict in rows:
            (ours / "pages" / "fr" / f"{pid}.html").write_text(html, encoding="utf-8")
            fh.write(json.dumps({"id": pid, "file": f"pages/fr/{pid}.html", "lang": "fr", "category": cat,
                                 "verdict": verdict, "split": "dev", "quotes": []}) + "\n")
    real = root / "real"
    real.mkdir()
    excerpts = [
        ("x-1", "https://stemcell-clinic.example/autism", "promotion",
         "Stem cell therapy for autism\nOur clinic offers umbilical cord stem cell infusions.\n"
         "After three sessions most children speak more and sleep better."),
        ("x-2", "https://news.example/2025/health", "not_promotion",
         "Regulator warns against stem cell clinics\nPublished on 3 March 2025.\n"
         "The agency warned that clinics claim to cure autism, researchers said there is no evidence."),
        ("x-3", "https://exosome-center.example/hair", "promotion",
         "Exosome therapy for hair loss\nWe offer exosome injections that regenerate hair follicles."),
        ("x-4", "https://science.example/review", "not_promotion",
         "What are stem cells?\nResearchers study stem cells in mice; the study was published in a journal."),
    ]
    with open(real / "en.jsonl", "w", encoding="utf-8") as fh:
        for pid, url, label, text in excerpts:
            fh.write(json.dumps({"id": pid, "url": url, "lang": "en", "label": label, "category": "x",
                                 "claims": [], "text": text}) + "\n")
    return ours, real


def test_model_train_writes_a_model_the_detector_uses(tmp_path: Path) -> None:
    from vigipub.cli.model import command

    ours, real = _mini_corpora(tmp_path)
    out = tmp_path / "model" / "verdict.json"
    result = CliRunner().invoke(
        command, ["train", "--corpus", str(ours), "--real", str(real), "--out", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["training"]["pages"] == 6 and body["training"]["by_corpus"]["real"]["pages"] == 4
    assert set(body["training"]["corpora"]) == {"ours", "real"}
    model = load_verdict_model(out)
    assert model.coefficients and model.info["version"] == body["version"]
    again = tmp_path / "again.json"
    CliRunner().invoke(command, ["train", "--corpus", str(ours), "--real", str(real), "--out", str(again)])
    assert again.read_bytes() == out.read_bytes()  # one command, the same file


def test_model_train_refuses_a_missing_corpus(tmp_path: Path) -> None:
    from vigipub.cli.main import main

    assert main(["model", "train", "--corpus", str(tmp_path / "nowhere"), "--real", str(tmp_path)]) == 2
