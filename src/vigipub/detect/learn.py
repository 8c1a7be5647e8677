"""Fitting the verdict model from labelled pages (scikit-learn), and its grouped cross-validation.

``vigipub model train`` reads the labelled corpora (our ``corpus/`` and ``../shared/corpus-real/``),
runs the detector over every page, and calls :func:`fit` on the pages' features. The result is
a small JSON file of coefficients (``model/verdict.json``) that :mod:`vigipub.detect.verdict`
applies without scikit-learn.

How it is fitted (every choice is a parameter recorded in the file):

1. a logistic regression (L2, ``C``) over the features of :mod:`vigipub.detect.features`, the
   pages of our synthetic corpus weighted by ``weight_ours`` (they are easy and many);
2. calibrated with Platt's method on out-of-fold scores of a cross-validation *grouped by host*
   (pages of one site are not independent): the final coefficients are the calibrated ones;
3. thresholds read on those out-of-fold probabilities: ``promotion`` from the lowest probability
   at which the real pages reach ``target_precision``, ``not_promotion`` below a band that holds
   at most ``max_uncertain`` of the real pages.

:func:`cross_validate` repeats the whole fit per fold (grouped by host) and judges the held-out
pages with the fold's model, rules included: the figures ``vigipub eval --cv`` prints are
out-of-fold.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from vigipub.evidence.findings import Finding

from . import features as feats
from .verdict import MODEL_FORMAT, Judgement, VerdictModel, load_verdict_model


@dataclass
class Example:
    """One labelled page, analysed: what the model learns from and is judged on."""

    id: str
    corpus: str  # "ours" | "real" (or the folder name of another corpus)
    group: str  # pages of one host share a group
    label: bool  # promotion?
    language: str
    category: str
    findings: list[Finding]
    text_chars: int
    foreign: bool
    page_language: str | None = None
    values: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.values:
            self.values = feats.compute(self.findings)[0]


@dataclass(frozen=True)
class TrainParams:
    """The training parameters (recorded in the model file)."""

    C: float = 0.5
    weight_ours: float = 0.5
    folds: int = 10
    inner_folds: int = 5
    target_precision: float = 0.8
    max_uncertain: float = 0.09
    min_promote_at: float = 0.5
    min_text_chars: int = 200
    genre_min: float = 1.5

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sklearn() -> Any:
    try:
        import sklearn  # type: ignore[import-untyped]  # noqa: F401
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
        from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - scikit-learn is in the lock
        raise RuntimeError("training the verdict model needs scikit-learn (pip install scikit-learn)") from exc
    return LogisticRegression, GroupKFold


def _matrix(examples: Sequence[Example]) -> Any:
    import numpy as np

    return np.array([[e.values.get(n, 0.0) for n in feats.FEATURE_NAMES] for e in examples], dtype=float)


def _weights(examples: Sequence[Example], params: TrainParams) -> Any:
    import numpy as np

    return np.array([params.weight_ours if e.corpus == "ours" else 1.0 for e in examples])


def _group_folds(examples: Sequence[Example], n: int) -> list[tuple[list[int], list[int]]]:
    """Grouped folds (deterministic): pages of one host never straddle training and test."""
    import numpy as np

    _lr, group_kfold = _sklearn()
    groups = [e.group for e in examples]
    n = max(2, min(n, len(set(groups))))
    index = np.arange(len(examples))
    return [(list(tr), list(te)) for tr, te in group_kfold(n_splits=n).split(index, groups=groups)]


def _fit_lr(examples: Sequence[Example], params: TrainParams) -> tuple[list[float], float]:
    """(coefficients, intercept) of the raw logistic regression."""
    logistic, _gkf = _sklearn()
    y = [int(e.label) for e in examples]
    if len(set(y)) < 2:
        raise ValueError("the training pages need both promotion and non-promotion pages")
    model = logistic(C=params.C, max_iter=5000)
    model.fit(_matrix(examples), y, sample_weight=_weights(examples, params))
    return [float(c) for c in model.coef_[0]], float(model.intercept_[0])


def _decision(coef: list[float], intercept: float, examples: Sequence[Example]) -> Any:
    return _matrix(examples) @ coef + intercept


def _platt(z: Any, y: Sequence[bool], w: Any) -> tuple[float, float]:
    """Platt scaling ``p = sigmoid(a*z + b)`` fitted on out-of-fold decision values."""
    logistic, _gkf = _sklearn()
    cal = logistic(C=1e4, max_iter=5000)
    cal.fit(z.reshape(-1, 1), [int(v) for v in y], sample_weight=w)
    return float(cal.coef_[0][0]), float(cal.intercept_[0])


def _thresholds(probabilities: Sequence[float], labels: Sequence[bool], params: TrainParams) -> tuple[float, float]:
    """(promote_at, clear_below) read on out-of-fold probabilities (see the module doc)."""
    pairs = sorted(zip(probabilities, labels, strict=True), reverse=True)
    promote_at = 1.0
    tp = fp = 0
    best = None
    for p, label in pairs:
        tp += label
        fp += not label
        if p >= params.min_promote_at and tp / (tp + fp) >= params.target_precision:
            best = p
    promote_at = max(params.min_promote_at, best) if best is not None else max(params.min_promote_at, 0.9)
    n = len(pairs)
    below = sorted((p for p, _l in pairs if p < promote_at), reverse=True)
    allowed = int(params.max_uncertain * n)
    clear_below = below[allowed] if allowed < len(below) else 0.0
    return round(promote_at, 4), round(min(clear_below, promote_at), 4)


def _calibrated(examples: Sequence[Example], params: TrainParams) -> tuple[dict[str, float], float, dict[str, Any]]:
    """Fit on ``examples``: calibrated coefficients, intercept, and the calibration record."""
    import numpy as np

    z = np.zeros(len(examples))
    for train, test in _group_folds(examples, params.inner_folds):
        coef, icpt = _fit_lr([examples[i] for i in train], params)
        z[test] = _decision(coef, icpt, [examples[i] for i in test])
    a, b = _platt(z, [e.label for e in examples], _weights(examples, params))
    coef, icpt = _fit_lr(examples, params)
    coefficients = {n: round(a * c, 6) for n, c in zip(feats.FEATURE_NAMES, coef, strict=True)}
    intercept = round(a * icpt + b, 6)
    oof = 1.0 / (1.0 + np.exp(-(a * z + b)))
    return coefficients, intercept, {"platt_a": round(a, 6), "platt_b": round(b, 6), "oof": [float(p) for p in oof]}


def fit(
    examples: Sequence[Example],
    params: TrainParams | None = None,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The model file's content (a JSON-ready dict) fitted on ``examples``."""
    import numpy as np
    import sklearn

    params = params or TrainParams()
    coefficients, intercept, calibration = _calibrated(examples, params)
    oof = calibration.pop("oof")
    real = [i for i, e in enumerate(examples) if e.corpus != "ours"] or list(range(len(examples)))
    promote_at, clear_below = _thresholds(
        [oof[i] for i in real], [examples[i].label for i in real], params
    )
    body: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "kind": "calibrated logistic regression over the features of vigipub.detect.features",
        "features": list(feats.FEATURE_NAMES),
        "coefficients": coefficients,
        "intercept": intercept,
        "thresholds": {"promotion": promote_at, "not_promotion": clear_below},
        "rules": {"min_text_chars": params.min_text_chars, "genre_min": params.genre_min},
        "calibration": calibration,
        "training": {
            "params": params.as_dict(),
            "pages": len(examples),
            "promotion_pages": sum(e.label for e in examples),
            "by_corpus": {
                c: {"pages": sum(e.corpus == c for e in examples), "promotion": sum(e.label for e in examples if e.corpus == c)}
                for c in sorted({e.corpus for e in examples})
            },
            "hosts": len({e.group for e in examples}),
            **(provenance or {}),
            "libraries": {
                "python": platform.python_version(),
                "scikit-learn": sklearn.__version__,
                "numpy": np.__version__,
            },
        },
    }
    body["version"] = "sha256:" + hashlib.sha256(
        json.dumps({k: body[k] for k in ("coefficients", "intercept", "thresholds")}, sort_keys=True).encode()
    ).hexdigest()[:16]
    return body


def model_from_dict(body: dict[str, Any], base: VerdictModel | None = None) -> VerdictModel:
    """A :class:`VerdictModel` from a fitted dict (the packaged wording, same rules)."""
    base = base or load_verdict_model()
    return VerdictModel(
        coefficients=dict(body["coefficients"]),
        intercept=float(body["intercept"]),
        promote_at=float(body["thresholds"]["promotion"]),
        clear_below=float(body["thresholds"]["not_promotion"]),
        min_text_chars=int(body["rules"]["min_text_chars"]),
        genre_min=float(body["rules"]["genre_min"]),
        labels=base.labels,
        digest="fold",
        info={},
    )


def judge(model: VerdictModel, e: Example) -> Judgement:
    return model.judge(e.findings, e.text_chars, foreign=e.foreign, language=e.page_language)


def cross_validate(
    examples: Sequence[Example],
    params: TrainParams | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Judgement]:
    """Out-of-fold judgements: each page judged by a model fitted without its host's pages."""
    params = params or TrainParams()
    out: list[Judgement | None] = [None] * len(examples)
    folds = _group_folds(examples, params.folds)
    base = load_verdict_model()
    for n, (train, test) in enumerate(folds, start=1):
        body = fit([examples[i] for i in train], params)
        model = model_from_dict(body, base)
        for i in test:
            out[i] = judge(model, examples[i])
        if progress is not None:
            progress(n, len(folds))
    return [j for j in out if j is not None]
