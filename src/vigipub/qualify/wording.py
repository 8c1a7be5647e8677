"""The wording layer: the French sentences of the reasoning, kept as data (``wording/fr.yaml``).

The rules decide (:mod:`.rules`); the assembler (:mod:`.decision_fr`) chooses which sentence a
case gets and the values of its fields; this module phrases it. A sentence cites the articles
its text names (``{CSP L. 5122-1}`` in the text is the article's number, as cited), those it
declares under ``cites`` and the one it quotes (``law``): the basis of a Vu or a Considérant is
derived from its wording, never typed a second time in Python. The law's words are taken from
the article texts by a declared :class:`~vigipub.law.Excerpt`.

The file is validated when it is read, as the detector's lexicons are: an unknown key, an
article key the law package does not define, a rule id that is no test, a malformed excerpt
are refused with the file and the entry named (:class:`~.errors.QualifyInputError`).
docs/legal-wording.md is the lawyer's guide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from vigipub.evidence.french import fields, placeholder, quote, render, typeset_spacing
from vigipub.evidence.qualification import ArticleRef, RuleId
from vigipub.law import Excerpt, Jurisdiction, LawDataError, get_jurisdiction

from .errors import QualifyInputError

WORDING = Path(__file__).parent / "wording" / "fr.yaml"

_SENTENCE_KEYS = frozenset({"text", "cites", "law", "tests", "fields", "trigger", "note"})
_VARIANTS_KEYS = frozenset({"variants", "cites", "law", "tests", "fields", "note"})
_LABELS_KEYS = frozenset({"labels", "note"})
_LAW_KEYS = frozenset({"article", "paragraph", "point", "until", "quoted", "first"})


@dataclass(frozen=True)
class LawQuote:
    """The law's words a sentence quotes in its ``{law}`` field."""

    article: str
    excerpt: Excerpt
    quoted: bool = True  # between guillemets
    first: Literal["keep", "lower"] = "keep"


@dataclass(frozen=True)
class Sentence:
    """One wording: its text, the articles it cites, the tests it states."""

    key: str
    text: str
    cites: tuple[str, ...] = ()
    law: LawQuote | None = None
    tests: tuple[RuleId, ...] = ()
    doc: Mapping[str, str] = field(default_factory=dict)  # what each field holds
    trigger: str = ""

    @property
    def named(self) -> list[str]:
        """The article keys the text names (``{CSP L. 5122-1}``), in order."""
        return [f for f in fields(self.text) if " " in f]

    @property
    def articles(self) -> list[str]:
        """Every article the sentence cites: named in its text, then declared, then quoted."""
        keys = [*self.named, *self.cites, *([self.law.article] if self.law else [])]
        return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class Entry:
    """An entry of the wording file: a sentence, variants of one, or a table of labels."""

    key: str
    sentence: Sentence | None = None
    variants: Mapping[str, Sentence] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)


class Wording:
    """The entries of one wording file, validated."""

    def __init__(self, entries: Mapping[str, Entry], path: Path) -> None:
        self.entries = dict(entries)
        self.path = path

    def _entry(self, key: str) -> Entry:
        try:
            return self.entries[key]
        except KeyError:
            raise QualifyInputError(f"no entry {key!r}", where=str(self.path)) from None

    def sentence(self, key: str, variant: str | None = None) -> Sentence:
        entry = self._entry(key)
        if variant is None:
            if entry.sentence is None:
                raise QualifyInputError(f"entry {key!r} has variants: name one", where=str(self.path))
            return entry.sentence
        try:
            return entry.variants[variant]
        except KeyError:
            raise QualifyInputError(
                f"entry {key!r} has no variant {variant!r} (it has: {', '.join(entry.variants) or 'none'})",
                where=str(self.path),
            ) from None

    def labels(self, key: str) -> Mapping[str, str]:
        entry = self._entry(key)
        if not entry.labels:
            raise QualifyInputError(f"entry {key!r} is not a table of labels", where=str(self.path))
        return entry.labels

    def sentences(self) -> Iterable[Sentence]:
        """Every sentence of the file, variants included (for the consistency tests)."""
        for entry in self.entries.values():
            if entry.sentence is not None:
                yield entry.sentence
            yield from entry.variants.values()


# -- reading and validating the file ------------------------------------------------------------


def _fail(message: str, path: Path, key: str) -> QualifyInputError:
    return QualifyInputError(f"entry {key!r}: {message}", where=str(path))


def _strings(value: Any, what: str, path: Path, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"{what} must be a list of strings", path, key)
    return tuple(value)


def _law(raw: Any, path: Path, key: str) -> LawQuote | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _fail("law must be a mapping (article, paragraph|point, until, quoted, first)", path, key)
    unknown = set(raw) - _LAW_KEYS
    if unknown:
        raise _fail(f"unknown key(s) in law: {', '.join(sorted(map(str, unknown)))}", path, key)
    if not isinstance(raw.get("article"), str):
        raise _fail("law needs the article key it quotes", path, key)
    paragraph, point, until = raw.get("paragraph"), raw.get("point"), raw.get("until")
    if paragraph is not None and (not isinstance(paragraph, int) or isinstance(paragraph, bool) or paragraph < 1):
        raise _fail("law.paragraph must be a number from 1", path, key)
    if point is not None and not (isinstance(point, str) and len(point) == 1 and point.isalpha()):
        raise _fail("law.point must be a letter (b for point b)", path, key)
    if paragraph is not None and point is not None:
        raise _fail("law quotes a paragraph or a point, not both", path, key)
    if until is not None and not isinstance(until, str):
        raise _fail("law.until must be the words the quotation stops before", path, key)
    quoted, first = raw.get("quoted", True), raw.get("first", "keep")
    if not isinstance(quoted, bool):
        raise _fail("law.quoted must be true or false", path, key)
    if first not in ("keep", "lower"):
        raise _fail("law.first must be keep or lower", path, key)
    return LawQuote(str(raw["article"]), Excerpt(paragraph, point, until), quoted, first)


def _tests(value: Any, path: Path, key: str) -> tuple[RuleId, ...]:
    out = []
    for t in _strings(value, "tests", path, key):
        try:
            out.append(RuleId(t))
        except ValueError:
            raise _fail(f"unknown test {t!r} (known: {', '.join(RuleId)})", path, key) from None
    return tuple(out)


def _sentence(key: str, raw: Any, path: Path, inherited: Sentence | None = None) -> Sentence:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise _fail("a sentence needs a text", path, key)
    unknown = set(raw) - _SENTENCE_KEYS
    if unknown:
        raise _fail(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}", path, key)
    doc = raw.get("fields") or {}
    if not isinstance(doc, dict):
        raise _fail("fields must map each field to what it holds", path, key)
    base = inherited or Sentence(key, "")
    return Sentence(
        key=key,
        text=raw["text"],
        cites=tuple(dict.fromkeys([*_strings(raw.get("cites"), "cites", path, key), *base.cites])),
        law=_law(raw.get("law"), path, key) or base.law,
        tests=tuple(dict.fromkeys([*_tests(raw.get("tests"), path, key), *base.tests])),
        doc={**base.doc, **{str(k): str(v) for k, v in doc.items()}},
        trigger=str(raw.get("trigger", "")),
    )


def parse(data: Any, path: Path, jurisdiction: Jurisdiction) -> Wording:
    """Validate the content of a wording file (see the module docstring)."""
    if not isinstance(data, dict):
        raise QualifyInputError("a wording file maps ids to sentences", where=str(path))
    entries: dict[str, Entry] = {}
    for raw_key, raw in data.items():
        key = str(raw_key)
        if isinstance(raw, str):
            entries[key] = Entry(key, sentence=_sentence(key, raw, path))
        elif isinstance(raw, dict) and "labels" in raw:
            unknown = set(raw) - _LABELS_KEYS
            if unknown:
                raise _fail(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}", path, key)
            labels = raw["labels"]
            if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
                raise _fail("labels must map ids to phrases", path, key)
            entries[key] = Entry(key, labels={str(k): v for k, v in labels.items()})
        elif isinstance(raw, dict) and "variants" in raw:
            unknown = set(raw) - _VARIANTS_KEYS
            if unknown:
                raise _fail(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}", path, key)
            if not isinstance(raw["variants"], dict) or not raw["variants"]:
                raise _fail("variants must map each case to its wording", path, key)
            common = _sentence(key, {**{k: v for k, v in raw.items() if k != "variants"}, "text": ""}, path)
            variants = {
                str(name): _sentence(f"{key}.{name}", v, path, common) for name, v in raw["variants"].items()
            }
            entries[key] = Entry(key, variants=variants)
        elif isinstance(raw, dict):
            entries[key] = Entry(key, sentence=_sentence(key, raw, path))
        else:
            raise _fail("an entry is a phrase, a sentence, variants or labels", path, key)
    wording = Wording(entries, path)
    _check_references(wording, jurisdiction)
    return wording


def _check_references(wording: Wording, jurisdiction: Jurisdiction) -> None:
    """Every article a sentence names, cites or quotes is one the law package defines; every
    other field is a plain name; ``fields`` documents only fields the texts have."""
    for entry in wording.entries.values():
        texts = [s for s in ([entry.sentence] if entry.sentence else [])] + list(entry.variants.values())
        for s in texts:
            for name in fields(s.text):
                if " " in name and name not in jurisdiction.articles:
                    raise _fail(f"{{{name}}} is no article key of vigipub.law", wording.path, s.key)
                if " " not in name and not name.isidentifier():
                    raise _fail(f"{{{name}}} is not a field name", wording.path, s.key)
            for k in [*s.cites, *([s.law.article] if s.law else [])]:
                if k not in jurisdiction.articles:
                    raise _fail(f"{k!r} is no article key of vigipub.law", wording.path, s.key)
        used = {name for s in texts for name in fields(s.text)}
        documented = {name for s in texts for name in s.doc}
        if documented - used:
            raise _fail(
                f"fields documented but in no text: {', '.join(sorted(documented - used))}", wording.path, entry.key
            )


@cache
def load(path: Path = WORDING, jurisdiction_code: str = "FR") -> Wording:
    """The wording file, read and validated once."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QualifyInputError(f"unreadable wording file: {exc}", where=str(path)) from exc
    return parse(data, path, get_jurisdiction(jurisdiction_code))


# -- phrasing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrased:
    """A sentence rendered for a case: its text, the articles it cites (versions in force) and
    the tests it states."""

    text: str
    basis: list[ArticleRef]
    tests: list[RuleId]


class Phraser:
    """Renders the sentences of a wording file for the law in force on one date."""

    def __init__(self, wording: Wording, jurisdiction: Jurisdiction, on: date) -> None:
        self.wording, self.j, self.on = wording, jurisdiction, on

    def refs(self, keys: Iterable[str]) -> list[ArticleRef]:
        """Citations of the versions in force (a text not yet in force is not cited)."""
        return [a.ref(self.on) for k in dict.fromkeys(keys) if (a := self.j.article(k)).in_force(self.on) is not None]

    def law_words(self, q: LawQuote) -> str:
        """The law's words a sentence quotes, with the spacing of French typography (never a
        character of the words); a text not retrieved for the date is a gap."""
        try:
            words = self.j.article(q.article).excerpt(self.on, q.excerpt)
        except LawDataError as exc:
            raise QualifyInputError(f"cannot quote {q.article}: {exc.message}", where=str(self.wording.path)) from exc
        if words is None:
            return placeholder(self.phrase("law_text_missing") + f" : {q.article}")
        words = typeset_spacing(words)
        if q.first == "lower":
            words = words[:1].lower() + words[1:]
        if q.excerpt.until is not None:
            words += " (…)"
        return quote(words) if q.quoted else words

    def phrase(self, key: str, **values: str) -> str:
        """A phrase of the file (no citation), typeset, its fields filled in."""
        return self._render(self.wording.sentence(key), values)

    def label(self, table: str, key: str, **values: str) -> str:
        """An item of a table of labels, typeset, its fields filled in ('' if the table has none)."""
        text = self.wording.labels(table).get(key)
        return "" if text is None else self._render(Sentence(f"{table}.{key}", text), values)

    def has_label(self, table: str, key: str) -> bool:
        return key in self.wording.labels(table)

    def say(
        self, key: str, variant: str | None = None, *, cites: Iterable[str] = (), **values: str
    ) -> Phrased:
        """Sentence ``key`` (its ``variant``) for this case; ``cites``: articles the case adds
        (an argument's answer, an open test's articles)."""
        s = self.wording.sentence(key, variant)
        return Phrased(self._render(s, values), self.refs([*s.articles, *cites]), list(s.tests))

    def _constant(self, name: str) -> bool:
        """A field the file itself fills: a phrase entry without fields (« l'ANSM », a title)."""
        entry = self.wording.entries.get(name)
        return entry is not None and entry.sentence is not None and not fields(entry.sentence.text)

    def _render(self, s: Sentence, values: Mapping[str, str]) -> str:
        filled: dict[str, str] = {}
        for name in fields(s.text):
            if name in values:
                filled[name] = values[name]
            elif " " in name:
                filled[name] = self.j.article(name).short_fr
            elif name == "law" and s.law is not None:
                filled[name] = self.law_words(s.law)
            elif self._constant(name):
                filled[name] = self.phrase(name)
            else:
                raise QualifyInputError(
                    f"entry {s.key!r} has a field {{{name}}} the assembler does not fill",
                    where=str(self.wording.path),
                )
        return render(s.text, filled)


@lru_cache(maxsize=256)
def phraser(on: date, jurisdiction_code: str = "FR") -> Phraser:
    return Phraser(load(), get_jurisdiction(jurisdiction_code), on)


__all__ = ["WORDING", "Entry", "LawQuote", "Phrased", "Phraser", "Sentence", "Wording", "load", "parse", "phraser"]
