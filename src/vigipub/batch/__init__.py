"""Batch triage of web archives: find the sites nobody reported, locally or on Spark.

Public API::

    triage(inputs, out, engine="local", workers=1, prefilter="therapy", ...) -> TriageRun
    resolve_inputs(arguments, base=None) -> list[str]        # paths, globs, lists, https://, s3://
    Triager(prefilter="therapy").row(record, warc_file) -> dict  # the per-record function
    Prefilter(terms, fold).match(payload) -> PrefilterHit | None # tier one, on raw bytes
    read_record(location, offset, length) -> ShownRecord        # a row's record, read again
    write_summary(result, inputs) -> dict                      # domains, leads, report

This package is an entry point: it reaches extraction and detection through
``vigipub.pipeline`` only, and nothing in the analysis core imports it.
"""

from __future__ import annotations

from .errors import CorruptInput, TriageInputError
from .inputs import resolve_inputs
from .prefilter import Prefilter, PrefilterHit, VocabularyTerm
from .rows import PAGES_SCHEMA, PREFILTER_KINDS, Triager
from .run import TriageRun, triage
from .show import read_record
from .summary import write_summary

__all__ = [
    "PAGES_SCHEMA",
    "PREFILTER_KINDS",
    "CorruptInput",
    "Prefilter",
    "PrefilterHit",
    "TriageInputError",
    "TriageRun",
    "Triager",
    "VocabularyTerm",
    "read_record",
    "resolve_inputs",
    "triage",
    "write_summary",
]
