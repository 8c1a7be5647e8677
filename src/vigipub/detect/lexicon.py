"""Lexicon data files -> an Aho-Corasick automaton over folded text, for all languages.

Pages scan a smaller automaton holding only their own languages' entries (and those that
fire in every language), built on first use from the same table: see ``Lexicon.scanner``.

A lexicon file (``lexicons/<lang>.yaml``) lists entries::

    - id: fr.claim.cure.guerison        # stable, cited by findings (entry_ids)
      kind: claim                       # a FindingKind, or "cue" (internal helper)
      subkind: cure                     # from evidence.vocabulary where one exists
      terms: ["guérison", "guérir"]     # matched accent- and case-insensitively, whole words
      family: dendritic_cells           # therapy family (THERAPY_FAMILIES), optional
      disease: autism                   # key of common.yaml diseases -> ICD-10 and labels
      substantial: "yes"                # manipulations only
      prefix: true                      # also match as the start of a compound (German)
      case_sensitive: true              # acronyms: the original text must match exactly
      any_language: true                # fires on pages of every language (brand names…)
      weight: 1.0                       # strength of the cue for the verdict
      attributes: {key: value}          # copied to the finding
      scope: sentence                   # cues only: not in the automaton; matched by one
                                        # regex per subkind on candidate sentences (for very
                                        # frequent words such as first-person pronouns)
      with: [["nach"], ["*schmerzen", "Beschwerden"]]
                                        # the same sentence must also hold one word of each
                                        # group (German and Dutch separable verbs: « die
                                        # Schmerzen ließen deutlich nach »); "word*" also
                                        # matches the words it starts, "*word" the words it
                                        # ends (compounds: « Rückenschmerzen »)
      with_kind: therapy                # the entry's paragraph (block), or the one before
                                        # it, must also hold a match of this kind: an effect
                                        # verb (« régulent », "break down") is a claim only
                                        # where the cells or exosomes are named (« Elles
                                        # régulent… » follows the sentence naming them)
      heading: true                     # the term counts only as a block of its own, a
                                        # section's title (an encyclopedia's « Storia »,
                                        # "References"), not the word in a sentence or a
                                        # footer's link (« Note legali »)

Unknown keys are refused (a misspelt ``with`` would silently widen an entry).

A therapy entry whose id ends in ``.acronym`` (« MSC ») or ``.tissue`` (« cordon ombilical »)
only hints at a therapy: the detector keeps its findings only on a page that names a therapy
otherwise (``detector._drop_lone_hints``: « MSC » is also a shipping company, the cord a birth
story's).

An entry's ``attributes: {cue: …}`` tells the code what the entry is for, beyond its kind:

- ``cue: source``: a source named for a fact (« selon les données de… »), a report only in a
  sentence naming the therapy (``detector._drop_unrelated_sources``);
- ``cue: generic_transplant``: a transplant of unnamed stem cells, no hospital's page beside
  mesenchymal, adipose or placental cells (``detector._drop_generic_transplants``);
- a ``cue`` entry of subkind ``own_words`` ("as I said", "according to standards"): the reporting
  cue inside its words is dropped (``detector._drop_nested``);
- ``cue: owner`` and ``cue: practice``: who runs the site, and that it is a practice
  (``features``, for the operator's reader);
- ``cue: section``: a genre cue that is also a section of any organisation's site (« Notre
  équipe », "Our team"): dropped where it stands in a navigation menu (``detector._findings``).

``common.yaml`` holds the language-independent catalogue (diseases with ICD-10 codes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick  # type: ignore[import-not-found]
import yaml

from vigipub.evidence.vocabulary import (
    CALL_TO_ACTION_SUBKINDS,
    CLAIM_SUBKINDS,
    FRANCE_SIGNALS,
    GENRES,
    MANIPULATIONS_TO_ASSESS,
    NON_SUBSTANTIAL_MANIPULATIONS,
    SUBSTANTIAL_MANIPULATIONS,
    THERAPY_FAMILIES,
    OfferSignal,
    ReportingSignal,
)

from .errors import LexiconError
from .fold import fold, term_variants

#: kinds whose terms also match their spelling with hyphens (see the automaton's table below)
_HYPHENATED_KINDS = frozenset({"therapy", "cue", "disease", "manipulation"})

#: libyaml's safe loader when available (10x faster than the pure-Python one)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = frozenset(
    {
        "therapy",
        "manipulation",
        "disease",
        "claim",
        "testimonial",
        "call_to_action",
        "travel",
        "france_targeting",
        "reporting_context",
        "genre",
        "offer",
        "cue",
    }
)
LANGUAGES: tuple[str, ...] = ("fr", "en", "de", "es", "it", "tr", "pt", "nl")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry, compiled."""

    index: int
    id: str
    language: str
    kind: str
    subkind: str
    terms: tuple[str, ...]
    weight: float = 1.0
    prefix: bool = False
    case_sensitive: bool = False
    any_language: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    scope: str = "page"
    #: per group, a regex over the folded sentence: each must match for the entry to count
    together: tuple[re.Pattern[str], ...] = ()
    #: a kind of match the paragraph (or the one before) must also hold (``with_kind``), or ""
    with_kind: str = ""
    #: the term counts only as a block of its own: a section's title (« Storia », « Note »,
    #: "References" of an encyclopedia), not the word in a sentence or a footer's « Note legali »
    heading: bool = False

    def accepts_sentence(self, folded_sentence: str) -> bool:
        """Whether the sentence holds a word of every ``with`` group (always, without one)."""
        return all(p.search(folded_sentence) is not None for p in self.together)


_MISSING = object()
#: A page's languages get their own automaton when they are at most this many (most pages
#: have one or two; a subset's automaton is ~0.8 MB per language, the full one ~4 MB) ...
MAX_SUBSET_LANGUAGES = 2
#: ... and while fewer than this many are kept; other pages scan the full automaton.
MAX_SUBSET_AUTOMATA = 16


@dataclass
class Lexicon:
    """All entries and the automaton over every term (see ``scanner`` for its values)."""

    entries: list[Entry]
    automaton: Any
    languages: tuple[str, ...]
    diseases: dict[str, dict[str, str]]
    genre_hosts: dict[str, str]
    source_digest: str
    #: (cue subkind, language) -> regex over folded sentences (entries with ``scope: sentence``)
    sentence_cues: dict[tuple[str, str], Any] = field(default_factory=dict)
    #: folded term -> entry indices (in entry order): what every automaton is built from
    table: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    #: whether any entry has ``with`` groups, a ``with_kind`` or ``heading`` (the match loop checks them only then)
    has_together: bool = False
    #: therapy names looked for inside host names (``common.yaml`` ``address_therapy_terms``)
    address_therapy_terms: tuple[str, ...] = ()
    #: words declaring paid content, looked for in a page's address and title
    #: (``common.yaml`` ``advertorial_markers``, folded)
    advertorial_markers: tuple[str, ...] = ()
    #: how a page's address segment or title declares a job advertisement (``common.yaml``
    #: ``job_posting_segments`` and ``job_posting_titles``, folded)
    job_posting_segments: frozenset[str] = frozenset()
    job_posting_titles: tuple[str, ...] = ()
    #: hosts of paid press-release wires (``common.yaml`` ``paid_release_hosts``)
    paid_release_hosts: frozenset[str] = frozenset()
    #: words that name a foundation inside a host name (``common.yaml`` ``charity_host_words``)
    charity_host_words: tuple[str, ...] = ()
    _scanners: dict[frozenset[str] | None, Any] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )
    #: folded term -> its value in the full automaton (built once, shared by the subsets)
    _values: dict[str, tuple[Any, ...]] = field(init=False, default_factory=dict, repr=False, compare=False)

    def scanner(self, languages: frozenset[str] | None = None) -> tuple[Any, bool]:
        """An automaton for the match loop, over the entries of ``languages`` and ``any_language``.

        A page can only accept entries of its own languages (see ``Detector._matches``), and
        the scan costs less over a smaller automaton (fewer nodes, fewer raw matches of other
        languages' short terms inside words). ``None`` means all entries. Returns the
        automaton (``None`` if no term is left) and whether it holds only entries of
        ``languages``: pages of many languages, or past ``MAX_SUBSET_AUTOMATA`` kept subsets,
        get the full automaton, and the caller checks the language of each match itself.

        Values are ``(term length, first char alnum, last char alnum, checks)`` with one
        ``(entry index, prefix, case_sensitive, any_language, language, terms)`` per entry, so
        the loop needs no lookup per match. Built on first use, then kept.
        """
        if languages is not None and not set(self.languages) - languages:
            languages = None  # every language of the lexicon: the full automaton
        found = self._scanners.get(languages, _MISSING)
        if found is _MISSING:
            if languages is not None and (
                len(languages) > MAX_SUBSET_LANGUAGES or len(self._scanners) >= MAX_SUBSET_AUTOMATA
            ):
                return self.scanner(None)[0], False  # bounded memory, same accepted matches
            if not self._values:
                self._values = _scanner_values(self.entries, self.table)
            found = _build_scanner(self._values, languages)
            self._scanners[languages] = found  # a race builds twice, harmlessly
        return found, True


def lexicon_dir() -> Path:
    return Path(str(resources.files("vigipub.detect") / "lexicons"))


def _read_yaml(path: Path) -> tuple[bytes, dict[str, Any]]:
    """A lexicon file's bytes (the lexicon's digest covers them) and its content; a file that
    cannot be read or parsed raises :class:`LexiconError` naming it."""
    try:
        raw = path.read_bytes()
        data = yaml.load(raw.decode("utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot load: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise LexiconError(f"cannot load: a mapping was expected, not {type(data).__name__}", where=str(path))
    return raw, data


@lru_cache(maxsize=4)
def disease_labels(folder: Path | None = None) -> dict[str, str]:
    """French label of each disease key of ``common.yaml`` (« sclérose en plaques »), for what
    an inspector reads (reports, charts) where only the key was kept."""
    _bytes, common = _read_yaml((folder or lexicon_dir()) / "common.yaml")
    return {str(k): str((v or {}).get("label_fr") or k) for k, v in (common.get("diseases") or {}).items()}


def _check_entry(raw: dict[str, Any], where: str, diseases: dict[str, dict[str, str]]) -> None:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise LexiconError(f"entry {raw.get('id')!r}: unknown kind {kind!r}", where=where)
    sub = raw.get("subkind")
    if not isinstance(sub, str) or not sub:
        raise LexiconError(f"entry {raw.get('id')!r}: missing subkind", where=where)
    allowed = {
        "claim": CLAIM_SUBKINDS,
        "call_to_action": CALL_TO_ACTION_SUBKINDS,
        "france_targeting": FRANCE_SIGNALS,
        "manipulation": SUBSTANTIAL_MANIPULATIONS | NON_SUBSTANTIAL_MANIPULATIONS | MANIPULATIONS_TO_ASSESS,
        "therapy": frozenset(THERAPY_FAMILIES),
        "offer": frozenset(OfferSignal),
        "reporting_context": frozenset(ReportingSignal),
    }.get(kind)
    if allowed is not None and sub not in allowed:
        raise LexiconError(f"entry {raw['id']!r}: subkind {sub!r} not in the vocabulary", where=where)
    if kind == "genre" and sub not in GENRES:
        raise LexiconError(f"entry {raw['id']!r}: genre {sub!r} not in the vocabulary", where=where)
    if kind == "disease" and sub not in diseases:
        raise LexiconError(f"entry {raw['id']!r}: disease {sub!r} not in common.yaml", where=where)
    terms = raw.get("terms")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise LexiconError(f"entry {raw['id']!r}: terms must be a non-empty list of strings", where=where)
    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        raise LexiconError(
            f"entry {raw['id']!r}: unknown key(s) {unknown} (allowed: {', '.join(sorted(ENTRY_KEYS))})",
            where=where,
        )
    with_kind = raw.get("with_kind")
    if with_kind is not None and (with_kind not in KINDS or with_kind in ("cue", kind)):
        raise LexiconError(
            f"entry {raw['id']!r}: with_kind {with_kind!r} must be another kind of finding", where=where
        )
    groups = raw.get("with")
    if groups is not None and (
        not isinstance(groups, list)
        or not groups
        or not all(
            isinstance(g, list) and g and all(isinstance(t, str) and t.strip(" *") for t in g) for g in groups
        )
    ):
        raise LexiconError(
            f"entry {raw['id']!r}: with must be a list of groups, each a non-empty list of words",
            where=where,
        )


#: what common.yaml's ``names`` (languages without a lexicon) may name: therapies, the words
#: that announce a price (currencies), diseases
NAME_KINDS = frozenset({"therapy", "cue", "disease"})
#: the keys an entry may have (see the module docstring)
ENTRY_KEYS = frozenset(
    {
        "id",
        "kind",
        "subkind",
        "terms",
        "family",
        "disease",
        "substantial",
        "prefix",
        "case_sensitive",
        "any_language",
        "weight",
        "attributes",
        "scope",
        "with",
        "with_kind",
        "heading",
    }
)


def _together(groups: list[list[str]] | None, language: str | None = None) -> tuple[re.Pattern[str], ...]:
    """One regex per ``with`` group over folded text: whole words; ``word*`` also matches
    the words it starts, ``*word`` the words it ends (German compounds: « Rückenschmerzen »)."""
    out: list[re.Pattern[str]] = []
    for group in groups or []:
        alternatives: set[str] = set()
        for word in group:
            word = word.strip()
            head, tail = not word.startswith("*"), not word.endswith("*")
            alternatives |= {_word_pattern(v, head, tail) for v in term_variants(word.strip("*"), language)}
        out.append(re.compile("|".join(sorted(alternatives, key=len, reverse=True))))
    return tuple(out)


def _word_pattern(variant: str, head: bool, tail: bool) -> str:
    r"""``variant`` as a regex: a whole word's start if ``head``, its end if ``tail``.

    The start test comes after the first character, as ``c(?<!\wc)``: the same test as
    ``(?<!\w)c``, but each alternative of the group then starts with a literal, from which
    the regex engine builds the set of first characters and skips at C speed to the next
    candidate. With the lookbehind first, it tried every alternative at every position of the
    sentence (2 % of the pipeline's time on German pages, whose entries have most groups).
    """
    first = re.escape(variant[0])
    return first + (rf"(?<!\w{first})" if head else "") + re.escape(variant[1:]) + (r"(?!\w)" if tail else "")


#: what separates the words of an address or a title, as the detector reads them
_NOT_ASCII_LETTERS = re.compile(r"[^a-z]+")


def address_words(text: str) -> str:
    """The words of an address's path segment or of a title, as ``common.yaml``'s lists are
    matched against them: folded (no accents, lower case), letters only, single spaces
    (« /sonderveroeffentlichung-labor-dr.-x » reads « sonderveroeffentlichung labor dr x »,
    « Offres d'emploi » reads « offres d emploi »)."""
    return " ".join(_NOT_ASCII_LETTERS.split(fold(text))).strip()


def _words_list(common: dict[str, Any], key: str, where: str) -> list[str]:
    """``common.yaml``'s ``key``: a list of non-empty words or phrases (absent: none). A single
    string or a mapping there is an editing slip (« job_posting_segments: careers » would be read
    letter by letter): said, with the key, rather than matched."""
    raw = common.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        raise LexiconError(f"{key} must be a list of words or phrases, each in quotes or on its own", where=where)
    return raw


def _folded_phrases(raw: list[str]) -> tuple[str, ...]:
    """A list of phrases of ``common.yaml`` read as the detector reads an address or a title
    (:func:`address_words`), longest first."""
    return tuple(sorted({address_words(t) for t in raw}, key=len, reverse=True))


def load_lexicon(folder: Path | None = None, languages: tuple[str, ...] = LANGUAGES) -> Lexicon:
    """Load and compile the lexicons of ``languages`` from ``folder``."""
    import hashlib

    folder = folder or lexicon_dir()
    digest = hashlib.sha256()
    common_path = folder / "common.yaml"
    common_bytes, common = _read_yaml(common_path)
    digest.update(common_bytes)
    diseases: dict[str, dict[str, str]] = {
        key: {k: str(v) for k, v in value.items()} for key, value in (common.get("diseases") or {}).items()
    }
    genre_hosts: dict[str, str] = {
        str(k).lower(): str(v) for k, v in (common.get("genre_hosts") or {}).items()
    }
    too_common = {str(w) for w in (common.get("too_common") or [])}
    entries: list[Entry] = []
    seen: set[str] = set()

    def admit(raw: dict[str, Any], path: Path, language: str, any_language: bool = False) -> None:
        """Check one raw entry of ``path`` (vocabulary, fold collisions, unique id), then keep it."""
        _check_entry(raw, str(path), diseases)
        if raw["kind"] != "cue" and not raw.get("case_sensitive"):
            clash = sorted(t for t in raw["terms"] if term_variants(t, language) & too_common)
            if clash:
                raise LexiconError(
                    f"entry {raw['id']!r}: term(s) {clash} fold to a very common word (see too_common)",
                    where=str(path),
                )
        if raw["id"] in seen:
            raise LexiconError(f"duplicate entry id {raw['id']!r}", where=str(path))
        seen.add(raw["id"])
        entries.append(_entry(raw, len(entries), language, diseases, any_language=any_language))

    for lang in languages:
        path = folder / f"{lang}.yaml"
        raw_bytes, data = _read_yaml(path)
        digest.update(raw_bytes)
        for raw in data.get("entries") or []:
            if not isinstance(raw, dict) or "id" not in raw:
                raise LexiconError("entry without id", where=str(path))
            admit(raw, path, lang)
    # Names in languages without a lexicon (common.yaml ``names``): each gives the language of
    # its terms and fires on pages of every language, so that a Russian or Arabic clinic page
    # is not blind (it can be raised to uncertain, never to promotion: see the verdict)
    for raw in common.get("names") or []:
        if not isinstance(raw, dict) or "id" not in raw:
            raise LexiconError("names: entry without id", where=str(common_path))
        raw = dict(raw)
        term_language = raw.pop("language", None)
        if not isinstance(term_language, str) or not re.fullmatch(r"[a-z]{2,3}", term_language):
            raise LexiconError(
                f"names: entry {raw['id']!r} needs the language of its terms (ISO 639 code)", where=str(common_path)
            )
        if raw.get("kind") not in NAME_KINDS:
            raise LexiconError(
                f"names: entry {raw['id']!r}: kind must be one of {', '.join(sorted(NAME_KINDS))}",
                where=str(common_path),
            )
        admit(raw, common_path, term_language, any_language=True)
    table: dict[str, list[int]] = {}
    sentence_terms: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        if entry.scope == "sentence":
            if entry.kind != "cue":
                raise LexiconError(
                    f"entry {entry.id!r}: only cues can have scope: sentence", where=str(folder)
                )
            for term in entry.terms:
                sentence_terms.setdefault((entry.subkind, entry.language), set()).update(
                    term_variants(term, entry.language)
                )
            continue
        # names (of a product, a plant, a disease, a preparation) are written as compounds with
        # hyphens (« Aloe-vera-Exosomen », "cord-blood"); phrases of claims or reports rarely are,
        # and their variants would grow the automaton by half again
        hyphenated = entry.kind in _HYPHENATED_KINDS
        for term in entry.terms:
            for variant in term_variants(term, entry.language, hyphenated=hyphenated):
                indices = table.setdefault(variant, [])
                if entry.index not in indices:
                    indices.append(entry.index)
    sentence_cues = {
        key: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)"
        )
        for key, terms in sentence_terms.items()
    }
    lexicon = Lexicon(
        entries,
        None,
        languages,
        diseases,
        genre_hosts,
        "sha256:" + digest.hexdigest(),
        sentence_cues,
        {key: tuple(indices) for key, indices in table.items()},
    )
    lexicon.automaton = lexicon.scanner(None)[0]
    lexicon.has_together = any(e.together or e.with_kind or e.heading for e in entries)
    where = str(common_path)
    lexicon.advertorial_markers = _folded_phrases(_words_list(common, "advertorial_markers", where))
    lexicon.job_posting_segments = frozenset(_folded_phrases(_words_list(common, "job_posting_segments", where)))
    lexicon.job_posting_titles = _folded_phrases(_words_list(common, "job_posting_titles", where))
    lexicon.paid_release_hosts = frozenset(h.lower() for h in _words_list(common, "paid_release_hosts", where))
    lexicon.charity_host_words = tuple(w.lower() for w in _words_list(common, "charity_host_words", where))
    lexicon.address_therapy_terms = tuple(
        sorted({t.lower() for t in _words_list(common, "address_therapy_terms", where)}, key=len, reverse=True)
    )
    return lexicon


def _entry(
    raw: dict[str, Any], index: int, language: str, diseases: dict[str, dict[str, str]], any_language: bool = False
) -> Entry:
    """One checked raw entry as an :class:`Entry` (attributes completed from the vocabulary)."""
    attrs = {str(k): str(v) for k, v in (raw.get("attributes") or {}).items()}
    kind, sub = raw["kind"], raw["subkind"]
    if kind == "therapy":
        attrs.setdefault("family", sub)
        attrs.setdefault("atmp_candidate", "yes" if THERAPY_FAMILIES[sub][2] else "no")
    if kind == "disease":
        for k, v in diseases[sub].items():
            attrs.setdefault(k, v)
    if kind == "manipulation":
        attrs.setdefault(
            "substantial",
            "yes" if sub in SUBSTANTIAL_MANIPULATIONS else "to_assess" if sub in MANIPULATIONS_TO_ASSESS else "no",
        )
    return Entry(
        index=index,
        id=raw["id"],
        language=language,
        kind=kind,
        subkind=sub,
        terms=tuple(raw["terms"]),
        weight=float(raw.get("weight", 1.0)),
        prefix=bool(raw.get("prefix", False)),
        case_sensitive=bool(raw.get("case_sensitive", False)),
        any_language=any_language or bool(raw.get("any_language", False)),
        attributes=attrs,
        scope=str(raw.get("scope", "page")),
        together=_together(raw.get("with"), language),
        with_kind=str(raw.get("with_kind") or ""),
        heading=bool(raw.get("heading", False)),
    )


#: scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar) and
#: Hangul, whose particles and compounds attach to the word (« 줄기세포를 », « 줄기세포치료 »):
#: a term in them is found anywhere, as no word boundary exists to check
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]"
)


def needs_boundary(ch: str) -> bool:
    """Whether a term starting (or ending) with ``ch`` must start (or end) a word."""
    return ch.isalnum() and _UNSPACED.match(ch) is None


def _scanner_values(entries: list[Entry], table: dict[str, tuple[int, ...]]) -> dict[str, tuple[Any, ...]]:
    """Per folded term, its automaton value: (length, bounded start, bounded end, entry checks)."""
    checks = [(e.index, e.prefix, e.case_sensitive, e.any_language, e.language, e.terms) for e in entries]
    return {
        key: (len(key), needs_boundary(key[0]), needs_boundary(key[-1]), tuple(checks[i] for i in indices))
        for key, indices in table.items()
    }


#: The order in which the automaton's root lists its first characters (see _build_scanner):
#: the space, then letters and separators roughly by their frequency in the text of the
#: supported languages. pyahocorasick looks a character up in a node's list of children one
#: by one, in the order they were added.
_ROOT_ORDER = " eainsrtoludcmphg\nvbf.,kwyz-'q:jx0123456789;!?\"()/\t"
#: what follows a character added to the root alone: a non-character that a page's text is
#: not expected to hold (when it does, its "match" carries no entry and is ignored)
_PAD = "\uffff"
#: the value of such a padding key: no entry to check
_PAD_VALUE: tuple[Any, ...] = (2, False, False, ())


def _build_scanner(values: dict[str, tuple[Any, ...]], languages: frozenset[str] | None) -> Any:
    """The match loop's automaton over the entries of ``languages`` (all for ``None``).

    ``None`` when no term is left: pyahocorasick cannot search an automaton without keys.

    The scan costs most where the text leaves the terms: back at the root, a character is
    looked for among the root's ~100 first characters (Latin, Cyrillic, Han… from the names
    of every language), one by one, in the order they were first added, and a space, a full
    stop or a digit, which starts no term, was compared with all of them. So the root's
    children are added first, in :data:`_ROOT_ORDER`: the first term starting with each of
    these characters, or, for a character that starts no term, a padding key
    (``" \uffff"``) whose node ends no term, so that it yields no match. The matches (and
    their order) are the same; the root finds a space at its first comparison (~40 % of the
    scan's instructions saved on a European page).
    """
    kept: list[tuple[str, tuple[Any, ...]]] = []
    for key, value in values.items():
        if languages is not None:
            checks = value[3]
            if len(checks) == 1:  # most terms belong to one entry
                if not (checks[0][3] or checks[0][4] in languages):
                    continue
            else:
                kept_checks = tuple(c for c in checks if c[3] or c[4] in languages)
                if not kept_checks:
                    continue
                if len(kept_checks) < len(checks):
                    value = (*value[:3], kept_checks)
        kept.append((key, value))
    if not kept:
        return None
    first_terms: dict[str, tuple[str, tuple[Any, ...]]] = {}
    for item in kept:
        first_terms.setdefault(item[0][0], item)
    automaton = ahocorasick.Automaton()
    add = automaton.add_word
    for ch in _ROOT_ORDER:
        add(*first_terms.get(ch, (ch + _PAD, _PAD_VALUE)))
    # then every term in the table's order (a first term added again keeps its value)
    for key, value in kept:
        add(key, value)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
