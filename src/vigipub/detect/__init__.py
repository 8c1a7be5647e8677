"""Detect stage: Document -> findings (exact sentence quotes) and a verdict.

Public API::

    Detector.default() -> Detector               # packaged lexicons, compiled once per process
    Detector.from_folder(folder) -> Detector     # an agency's own lexicon folder
    Detector.analyze(doc: Document) -> PageAnalysis
    Detector.judge_in_sites(analyses) -> list[PageAnalysis]     # pages judged with their site's context
    Detector.analyze_site(analyses, url=None) -> PageAnalysis   # one verdict for a dossier/site
    Detector.producer -> Producer                # name, version, lexicon+weights digest
    analyze_document(doc: Document) -> PageAnalysis
    load_lexicon(folder=None, languages=LANGUAGES) -> Lexicon
    disease_labels() -> dict[str, str]           # French label of each disease key (common.yaml)
    fold(text) -> str                            # length-preserving accent/case fold
    FEATURE_NAMES                                # the verdict model's inputs (detect.features)

The verdict model is learned (``vigipub model train``, ``detect.learn``) and shipped as
``detect/model/verdict.json``; its French wording is ``detect/model/explain_fr.yaml``.
"""

from __future__ import annotations

from .detector import Detector, analyze_document
from .errors import LexiconError
from .features import FEATURE_NAMES
from .fold import fold
from .lexicon import LANGUAGES, Entry, Lexicon, disease_labels, lexicon_dir, load_lexicon
from .verdict import VerdictModel, load_verdict_model

__all__ = [
    "FEATURE_NAMES",
    "LANGUAGES",
    "Detector",
    "Entry",
    "Lexicon",
    "LexiconError",
    "VerdictModel",
    "analyze_document",
    "disease_labels",
    "fold",
    "lexicon_dir",
    "load_lexicon",
    "load_verdict_model",
]
