"""Articles as versioned objects: which wording was in force on a given date.

An :class:`Article` is one provision (e.g. CSP L. 5122-3) with its successive
:class:`Version` objects. The verbatim text of a version is DATA: it is read from the copy of
the law text in ``vigipub/law/texts/`` (with its Source / Version / Completeness notes), never
retyped in code. A case is judged under the version in force on the date of the facts
(:meth:`Article.in_force`); :meth:`Article.ref` turns that version into the
:class:`~vigipub.evidence.qualification.ArticleRef` that a test, a Vu or a Considérant cites.

Versions of one article must tile time without gap or overlap from the first known start
(tested by ``tests/law/test_versions.py``). A start of ``None`` means "in force since a date we
have not retrieved": such a version is the oldest one we know of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from vigipub.evidence.qualification import ArticleRef

from .errors import ArticleNotInForceError, LawDataError, OverlappingVersionsError

TEXTS_DIR = Path(__file__).resolve().parent / "texts"

Completeness = Literal["full", "partial", "not_retrieved", "paraphrase_only"]
DateCertainty = Literal["official", "secondary", "estimated"]


def d(iso: str) -> date:
    """Short constructor for version dates in article modules."""
    return date.fromisoformat(iso)


@dataclass(frozen=True)
class Version:
    """One wording of an article and the period it was in force (``end`` excluded).

    ``section``/``heading`` locate the verbatim wording inside the article's text file:
    ``section`` indexes the parts separated by ``---`` lines after the header (0 = the first
    body part); ``heading`` selects a ``## heading`` subsection of that part. ``None`` for both
    means the wording was not retrieved (``completeness == "not_retrieved"``).
    """

    start: date | None
    end: date | None = None
    completeness: Completeness = "full"
    date_certainty: DateCertainty = "secondary"
    section: int | None = 0
    heading: str | None = None
    identifier: str | None = None  # version id (LEGIARTI of the version) when known
    note: str = ""
    abrogated: bool = False

    def covers(self, on: date) -> bool:
        if self.abrogated:
            return False
        after_start = self.start is None or self.start <= on
        before_end = self.end is None or on < self.end
        return after_start and before_end


@dataclass(frozen=True)
class Article:
    """A legal provision with its versions; the text file holds the wording."""

    key: str  # stable id used by rules: "CSP L. 5122-3", "Règlement (CE) n° 1394/2007 art. 2"
    code: str  # as in ArticleRef.code
    number: str  # as in ArticleRef.article: "L. 5122-3", "2", "Annexe I"
    title: str
    identifier: str | None  # LEGIARTI / CELEX of the article (None: not retrieved)
    text_file: str | None  # file name in vigipub/law/texts/
    versions: tuple[Version, ...]
    label_fr: str  # how a decision cites it (« l'article L. 5122-3 du code de la santé publique »)
    short_fr: str = ""  # short form used inside Considérants (« L. 5122-3 »)
    heading_trail: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    # -- time ------------------------------------------------------------------------------
    def in_force(self, on: date) -> Version | None:
        """The version in force on ``on`` (``None`` before the first known version or after
        abrogation)."""
        hits = [v for v in self.versions if v.covers(on)]
        if len(hits) > 1:
            raise OverlappingVersionsError(f"{len(hits)} versions in force on {on}", where=self.key)
        return hits[0] if hits else None

    def ref(self, on: date) -> ArticleRef:
        """The citation of the version in force on ``on``; raises if none is."""
        version = self.in_force(on)
        if version is None:
            raise ArticleNotInForceError(f"no version in force on {on.isoformat()}", where=self.key)
        return ArticleRef(
            code=self.code,
            article=self.number,
            identifier=version.identifier or self.identifier,
            version_start=version.start,
            version_end=version.end,
            label_fr=self.label_fr,
        )

    # -- text ------------------------------------------------------------------------------
    def text_fr(self, on: date) -> str | None:
        """Verbatim wording of the version in force on ``on`` (``None`` if not retrieved)."""
        version = self.in_force(on)
        if version is None or version.section is None or self.text_file is None:
            return None
        return _section(self.text_file, version.section, version.heading)

    def excerpt(self, on: date, excerpt: Excerpt) -> str | None:
        """The words ``excerpt`` declares, verbatim, from the version in force on ``on``
        (``None`` if that wording was not retrieved); see :class:`Excerpt`."""
        text = self.text_fr(on)
        return None if text is None else excerpt.cut(text, where=self.key)

    def is_partial(self, on: date) -> bool:
        version = self.in_force(on)
        return version is None or version.completeness != "full"

    def header(self) -> dict[str, str]:
        """The Source / Version / Completeness notes of the text file."""
        return _header(self.text_file) if self.text_file else {}


@cache
def _split(text_file: str) -> tuple[dict[str, str], list[str]]:
    path = TEXTS_DIR / text_file
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LawDataError(f"cannot read law text: {exc}", where=str(path)) from exc
    lines = raw.splitlines()
    header: dict[str, str] = {}
    body_start = len(lines)
    for i, line in enumerate(lines):
        if line.strip() == "---":
            body_start = i + 1
            break
        m = re.match(r"^(Source|Version|Completeness|Notes|Location):\s*(.*)$", line)
        if m:
            header[m.group(1)] = m.group(2).strip()
    parts: list[list[str]] = [[]]
    for line in lines[body_start:]:
        if line.strip() == "---":
            parts.append([])
        else:
            parts[-1].append(line)
    return header, ["\n".join(p).strip() for p in parts]


def _header(text_file: str) -> dict[str, str]:
    return dict(_split(text_file)[0])


def _section(text_file: str, section: int, heading: str | None) -> str:
    _, parts = _split(text_file)
    if section >= len(parts):
        raise LawDataError(f"no section {section}", where=text_file)
    part = parts[section]
    if heading is None:
        # drop a leading "## …" title line of historical sections: it is our label, not law
        lines = part.splitlines()
        if lines and lines[0].startswith("## "):
            part = "\n".join(lines[1:]).strip()
        return part
    out: list[str] = []
    inside = False
    for line in part.splitlines():
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].strip().startswith(heading)
            continue
        if inside:
            out.append(line)
    if not out:
        raise LawDataError(f"no heading {heading!r} in section {section}", where=text_file)
    return "\n".join(out).strip()


def first_paragraph(text: str) -> str:
    """First paragraph of a wording (the part a Considérant quotes)."""
    return text.strip().split("\n\n")[0].strip()


#: « I.- », « II. - »: the numbering of a paragraph is not part of the words a decision quotes
_NUMBERING = re.compile(r"^[IVX]+\.\s*-\s*")
#: a lettered point of a list: « b) »
_POINT = re.compile(r"^([a-z])\)\s")
#: what a point defines, before its definition: « «produit issu de l'ingénierie tissulaire»: »
_DEFINED_TERM = re.compile(r"^«[^»]*»\s*:\s*")


@dataclass(frozen=True)
class Excerpt:
    """Which words of an article a decision quotes, declared rather than cut by hand.

    - ``paragraph``: the n-th paragraph of the wording (1 = the first; paragraphs are separated
      by a blank line), without its numbering (« I.- »);
    - ``point``: the definition a lettered point gives (``"b"``: what point b) says after the
      term it defines and its colon, up to the next lettered point);
    - neither: the whole wording;
    - ``until``: the quotation stops before these words (the rest is left out).

    The words are the law's, verbatim, line breaks included; the full stop or semicolon that
    ends the excerpt is left out (the sentence that quotes it has its own punctuation).
    """

    paragraph: int | None = None
    point: str | None = None
    until: str | None = None

    def cut(self, text: str, *, where: str = "") -> str:
        paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
        if self.paragraph is not None and self.point is not None:
            raise LawDataError("an excerpt is a paragraph or a point, not both", where=where)
        if self.paragraph is not None:
            if not 1 <= self.paragraph <= len(paragraphs):
                raise LawDataError(
                    f"no paragraph {self.paragraph} (the wording has {len(paragraphs)})", where=where
                )
            words = _NUMBERING.sub("", paragraphs[self.paragraph - 1])
        elif self.point is not None:
            words = self._point(paragraphs, where)
        else:
            words = text.strip()
        if self.until is not None:
            at = words.find(self.until)
            if at < 0:
                raise LawDataError(f"the excerpt should stop before {self.until!r}, not found", where=where)
            words = words[:at]
        return words.rstrip().rstrip(".;").rstrip()

    def _point(self, paragraphs: list[str], where: str) -> str:
        label = f"{self.point})"
        start = next((i for i, p in enumerate(paragraphs) if p.startswith(label + " ")), None)
        if start is None:
            raise LawDataError(f"no point {label}", where=where)
        end = next((i for i in range(start + 1, len(paragraphs)) if _POINT.match(paragraphs[i])), len(paragraphs))
        first = _DEFINED_TERM.sub("", paragraphs[start][len(label) :].lstrip())
        return "\n\n".join([first, *paragraphs[start + 1 : end]])
