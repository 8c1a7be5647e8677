"""``vigipub model train|show``: the learned page verdict, trained by one reproducible command.

``vigipub model train`` reads our ``corpus/`` and ``../shared/corpus-real/`` in place, runs the
detector on every page, fits the calibrated model (:mod:`vigipub.detect.learn`) and writes it
as a small JSON file (by default the packaged ``src/vigipub/detect/model/verdict.json``) with the
corpus digests, the training parameters and the library versions. The same corpora and
parameters give the same file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vigipub.evidence.errors import InputError


def _packaged_model() -> Path:
    from vigipub.detect.verdict import model_dir

    return model_dir() / "verdict.json"


def examples_from(pages: list[Any], analyses: list[Any]) -> list[Any]:
    """Training examples from labelled pages and their analyses."""
    from vigipub.detect.learn import Example
    from vigipub.detect.terms import Reading

    return [
        Example(
            id=page.id,
            corpus=page.corpus,
            group=page.group,
            label=page.promotion,
            language=page.language,
            category=page.category,
            findings=analysis.findings,
            text_chars=len(page.document.text.strip()),
            foreign=analysis.language == "other",
            page_language=analysis.language,
            text=Reading.of(page.document).text,  # its menus aside, as a judged page's
        )
        for page, analysis in zip(pages, analyses, strict=True)
    ]


def collect(folders: list[Path], lexicons: Path | None = None) -> tuple[list[Any], list[Any], dict[str, Any]]:
    """(labelled pages, their analyses, provenance) of ``folders``."""
    from vigipub.cli import corpora
    from vigipub.detect import Detector, VerdictModel, load_lexicon
    from vigipub.detect.lexicon import default_lexicon

    # the findings do not depend on the verdict weights: a neutral model collects them, so a
    # stale or missing model file never blocks the training of a new one
    detector = Detector(load_lexicon(lexicons) if lexicons else default_lexicon(), VerdictModel.neutral())
    pages: list[Any] = []
    provenance: dict[str, Any] = {"corpora": {}, "lexicon": detector.lexicon.source_digest}
    for folder in folders:
        loaded = corpora.load(folder)
        name = loaded[0].corpus if loaded else folder.name
        provenance["corpora"][name] = {"folder": folder.name, **corpora.digest(folder), "pages": len(loaded)}
        pages += loaded
    analyses = [detector.analyze(page.document) for page in pages]
    return pages, analyses, provenance


def build_examples(folders: list[Path], lexicons: Path | None = None) -> tuple[list[Any], dict[str, Any]]:
    """(examples, provenance) for training: every labelled page of ``folders``, analysed."""
    pages, analyses, provenance = collect(folders, lexicons)
    return examples_from(pages, analyses), provenance


@click.group("model")
def command() -> None:
    """Train or show the verdict model."""


@command.command("train")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Our labelled corpus (default: corpus/ of the checkout).")
@click.option("--real", "real", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The real labelled excerpts (default: ../shared/corpus-real/ or $VIGIPUB_REAL_CORPUS).")
@click.option("--lexicons", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="An agency's lexicon folder (default: the packaged lexicons).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the model (default: the packaged model/verdict.json).")
@click.option("-C", "c", type=float, default=None, help="Inverse regularisation strength of the regression.")
@click.option("--weight-ours", type=float, default=None, help="Weight of a synthetic page against a real one.")
@click.option("--target-precision", type=float, default=None,
              help="Promotion threshold: the lowest probability reaching this precision out of fold.")
def train(corpus: Path | None, real: Path | None, lexicons: Path | None, out: Path | None,
          c: float | None, weight_ours: float | None, target_precision: float | None) -> None:
    """Fit the verdict model on the labelled corpora and write it as JSON."""
    from dataclasses import replace

    from vigipub.cli.corpora import default_corpus, default_real_corpus
    from vigipub.detect.learn import TrainParams, fit

    folders = [corpus or default_corpus(), real or default_real_corpus()]
    for folder in folders:
        if not folder.is_dir():
            raise InputError("labelled corpus not found (give --corpus / --real)", where=str(folder))
    params = TrainParams()
    if c is not None:
        params = replace(params, C=c)
    if weight_ours is not None:
        params = replace(params, weight_ours=weight_ours)
    if target_precision is not None:
        params = replace(params, target_precision=target_precision)
    click.echo(f"analysing the labelled pages of {', '.join(map(str, folders))}", err=True)
    examples, provenance = build_examples(folders, lexicons)
    click.echo(f"fitting on {len(examples)} pages ({sum(e.label for e in examples)} promotion)", err=True)
    body = fit(examples, params, provenance)
    target = out or _packaged_model()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    click.echo(
        f"wrote {target}: version {body['version']}, promotion at p >= {body['thresholds']['promotion']}, "
        f"not_promotion at p <= {body['thresholds']['not_promotion']}"
    )


@command.command("show")
@click.option("--model", "model_path", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None)
def show(model_path: Path | None) -> None:
    """Print the model's coefficients with their French labels, and how it was trained."""
    from vigipub.detect.verdict import load_verdict_model

    model = load_verdict_model(model_path)
    labels = model.labels.get("features", {})
    click.echo(f"model {model.info.get('version')} — {model.info.get('kind', '')}")
    click.echo(f"promotion at p >= {model.promote_at}; not_promotion at p <= {model.clear_below}")
    click.echo(f"{'intercept':18} {model.intercept:+.3f}")
    for name, coef in sorted(model.coefficients.items(), key=lambda kv: -abs(kv[1])):
        click.echo(f"{name:18} {coef:+.3f}  {labels.get(name, '')}")
    training = model.info.get("training", {})
    if training:
        click.echo(json.dumps(training, indent=2, ensure_ascii=False))
