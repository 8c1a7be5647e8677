"""Who runs the site: the operator's identity, read from the site's own legal notice.

A decision names the company (« la société Iaso Health GmbH ») and the letter of intent is
sent to its address. Sites that sell to European patients must publish who they are
(mentions légales, Impressum, aviso legal, note legali, colofon…), usually as short
"Label: value" lines or as an address block. This module reads those pages, and failing
that the footers of the other pages, and returns the candidate identity with the exact
quote, offsets and record digest of every clue, like any other finding.

It is a proposal for the inspector, never a conclusion: the report shows it as « à
vérifier », and a case file's ``company`` always wins over it.

The words it reads by — legal forms, labels, register-number patterns, postal codes,
country names, street words, in every language of the sites — are data:
``lexicons/operator.yaml`` (:func:`load_operator_vocabulary`). This module holds only the
reading: which lines, which blocks, how the clues add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from vigipub.evidence.document import (
    IDENTITY_REGISTRATION_KEYS,
    IDENTITY_SEPARATOR,
    Block,
    Document,
    structured_identity_start,
)
from vigipub.evidence.findings import IdentityClue, OperatorIdentity

from .errors import LexiconError
from .fold import fold as _fold  # labels, countries and URLs compare lower-case, accents off

#: libyaml's safe loader when available
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# --------------------------------------------------------------------------- vocabulary

VOCABULARY_FILE = "operator.yaml"
#: the keys of the vocabulary file, each required (see the file's comments)
_LIST_KEYS = (
    "legal_notice_pages",
    "side_pages",
    "legal_forms",
    "legal_forms_before",
    "name_connectors",
    "not_name_words",
    "generic_names",
    "name_labels",
    "address_labels",
    "host_labels",
    "postal_codes",
    "street_words",
    "street_suffixes",
    "postal_code_countries",
)
_MAP_KEYS = ("postal_prefixes", "countries", "country_domains")
VOCABULARY_KEYS = frozenset({*_LIST_KEYS, *_MAP_KEYS, "registrations"})
REGISTRATION_KEYS = frozenset({"name", "pattern", "country", "ignore_case"})
#: lists of regular expressions (the others are words or phrases, matched as written)
_PATTERN_KEYS = frozenset({"legal_notice_pages", "side_pages", "legal_forms", "legal_forms_before", "postal_codes"})
#: compared with folded text (lower case, no accents): must be written folded
_FOLDED_KEYS = frozenset({"legal_notice_pages", "side_pages", "name_labels", "address_labels", "host_labels"})
#: compared with lower-cased text
_LOWER_KEYS = frozenset({"name_connectors", "not_name_words", "generic_names"})
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_ESCAPE = re.compile(r"\\.")

#: "Label: value" lines (structure; the labels are vocabulary)
_LABEL_RE = re.compile(r"^\s*([^\W\d][\w '’./()-]{1,40}?)\s*[:：]\s*(\S.*)$")
#: a street line of an address block: « Talstrasse 12 », « 14 rue des Lilas », « 1 Harbour Road »
_STREET_LINE = re.compile(
    r"^\s*(?:[^\W\d][\w.'’ -]{2,50}\s\d{1,4}\s?[a-zA-Z]?|\d{1,4}\s?[a-zA-Z]?,?\s[^\W\d][\w.'’ -]{2,50})\s*,?\s*$"
)
#: a line of a legal notice that opens with a doctor's title and name, then a comma or its end
#: (« Dr Sophie Marchal, médecin… », « Prof. Dr. med. Anna Weber »)
_DOCTOR_LINE = re.compile(
    r"^\s*(?P<name>(?:(?:Dr|Dre|Docteur|Doktor|Doctor|Pr|Prof|Professeur|Professor)\.?\s+){1,2}(?:med\.\s+)?"
    r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3})\s*(?:,|$)"
)
#: a label at the head of an address's street part (« Siège : », "Address: "): words, a colon
#: and a space
_ADDRESS_LABEL = re.compile(r"\s*([^\W\d][\w'’ .-]{0,40}?)\s*:\s+")
#: the last word of a "label" that is the street number's (« No: 120 », « Nr.: 5 »)
_NUMBER_WORDS = frozenset({"no", "nr", "n°", "nº", "num", "numero", "number"})
#: words of a building's address where there is no street number (« Building 64 », « Torre 1000 »)
_BUILDING = re.compile(r"(?i)\b(?:building|bldg|tower|torre|edificio|immeuble|bâtiment|floor|piso|suite|office|oficina|plaza)\b")
#: a town after a postal code: a capitalised word and up to three more (« Şişli/İstanbul »: a
#: district and its city)
_TOWN = r"(?P<town>[A-ZÀ-ÝŞİĞÇÖÜ][\w'’]+(?:[ /-][\w'’]+){0,3})"


@dataclass(frozen=True)
class Registration:
    """A company register's number: its name, its pattern, the country it implies."""

    name: str
    pattern: re.Pattern[str]
    #: None: the number's own prefix tells (a VAT number)
    country: str | None


@dataclass(frozen=True)
class OperatorVocabulary:
    """``operator.yaml`` compiled (see the file for what each part means)."""

    legal_page: re.Pattern[str]
    side_page: re.Pattern[str]
    #: a legal form as a whole token; the name before it is then read word by word (a single
    #: regex with optional separators between optional words backtracks exponentially)
    legal_form: re.Pattern[str]
    #: a legal form written before the name in quotes (« ООО «Новая Жизнь» »): the whole match
    legal_form_before: re.Pattern[str]
    connectors: frozenset[str]
    #: countries whose addresses carry a postal code (ISO codes)
    postal_code_countries: frozenset[str]
    not_name_words: frozenset[str]
    generic_names: frozenset[str]
    name_labels: frozenset[str]
    address_labels: frozenset[str]
    host_label: re.Pattern[str]
    registrations: tuple[Registration, ...]
    #: postal code + town, with the prefix that may name the country
    postal: re.Pattern[str]
    postal_prefixes: dict[str, str]
    countries: dict[str, str]
    country: re.Pattern[str]
    street_word: re.Pattern[str]
    country_domains: dict[str, str]
    source: str

    def country_of(self, value: str) -> str | None:
        """The ISO code of the first country name in ``value``."""
        m = self.country.search(_fold(value))
        return self.countries.get(m.group(1)) if m else None


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _compile(pattern: str, what: str, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{what}: pattern does not compile ({exc}): {pattern!r}", where=where) from None


def _strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{key}: must be a non-empty list", where=where)
    for n, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{key}[{n}]: must be a non-empty string, not {item!r}", where=where)
        if key in _PATTERN_KEYS:
            _compile(item, f"{key}[{n}]", where)
        if key in _FOLDED_KEYS and _fold(_ESCAPE.sub("", item)) != _ESCAPE.sub("", item):
            raise LexiconError(
                f"{key}[{n}]: {item!r} is matched against folded text: write it in lower case without "
                f"accents ({_fold(item)!r})",
                where=where,
            )
        if key in _LOWER_KEYS and item.lower() != item:
            raise LexiconError(f"{key}[{n}]: {item!r} must be written in lower case", where=where)
    return value


def _codes(data: dict[str, Any], key: str, where: str, names: re.Pattern[str]) -> dict[str, str]:
    value = data[key]
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"{key}: must be a non-empty mapping", where=where)
    for name, code in value.items():
        if not isinstance(name, str) or not names.fullmatch(name):
            raise LexiconError(f"{key}: key {name!r} is not allowed here", where=where)
        if not isinstance(code, str) or not _COUNTRY_CODE.fullmatch(code):
            raise LexiconError(f"{key}: {name!r}: {code!r} is not an ISO 3166-1 alpha-2 code", where=where)
    return value


def _registrations(data: dict[str, Any], where: str) -> tuple[Registration, ...]:
    value = data["registrations"]
    if not isinstance(value, list) or not value:
        raise LexiconError("registrations: must be a non-empty list", where=where)
    out: list[Registration] = []
    for n, raw in enumerate(value):
        label = f"registrations[{n}]"
        if not isinstance(raw, dict):
            raise LexiconError(
                f"{label}: must be a mapping with {', '.join(sorted(REGISTRATION_KEYS))}", where=where
            )
        label = f"registrations[{n}] ({raw.get('name')!r})"
        unknown = sorted(set(raw) - REGISTRATION_KEYS)
        if unknown:
            raise LexiconError(
                f"{label}: unknown key(s) {unknown} (allowed: {', '.join(sorted(REGISTRATION_KEYS))})",
                where=where,
            )
        name, pattern, country = raw.get("name"), raw.get("pattern"), raw.get("country")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"{label}: name must be a non-empty string", where=where)
        if not isinstance(pattern, str) or not pattern.strip():
            raise LexiconError(f"{label}: pattern must be a non-empty string", where=where)
        if country is not None and (not isinstance(country, str) or not _COUNTRY_CODE.fullmatch(country)):
            raise LexiconError(f"{label}: country {country!r} is not an ISO 3166-1 alpha-2 code", where=where)
        ignore_case = raw.get("ignore_case", False)
        if not isinstance(ignore_case, bool):
            raise LexiconError(f"{label}: ignore_case must be true or false", where=where)
        compiled = _compile(pattern, label, where, re.I if ignore_case else 0)
        out.append(Registration(name, compiled, country))
    return tuple(out)


def load_operator_vocabulary(path: Path | None = None) -> OperatorVocabulary:
    """Load and check the operator vocabulary (default: the packaged ``lexicons/operator.yaml``).

    A malformed file, an unknown or missing key, a pattern that does not compile, a label
    not written folded or a country code that is not ISO 3166-1 alpha-2 is a
    :class:`LexiconError` naming the file and the key or entry.
    """
    path = path or Path(str(resources.files("vigipub.detect") / "lexicons" / VOCABULARY_FILE))
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot load: {exc}", where=where) from exc
    if not isinstance(data, dict):
        raise LexiconError("must be a mapping of the vocabulary's parts", where=where)
    unknown = sorted(set(data) - VOCABULARY_KEYS)
    if unknown:
        raise LexiconError(
            f"unknown key(s) {unknown} (allowed: {', '.join(sorted(VOCABULARY_KEYS))})", where=where
        )
    missing = sorted(VOCABULARY_KEYS - set(data))
    if missing:
        raise LexiconError(f"missing key(s) {missing}", where=where)
    lists = {key: _strings(data, key, where) for key in _LIST_KEYS}
    prefixes = _codes(data, "postal_prefixes", where, re.compile(r"[A-Z]{1,3}"))
    countries = _codes(data, "countries", where, re.compile(r"\S(?:.*\S)?"))
    for name in countries:
        if _fold(name) != name:
            raise LexiconError(
                f"countries: {name!r} is matched against folded text: write {_fold(name)!r}", where=where
            )
    domains = _codes(data, "country_domains", where, re.compile(r"[a-z]{2,}"))
    postal = (
        r"(?<![\w-])(?:(?P<prefix>" + _alternatives(list(prefixes)) + r")[- ])?"
        r"(?P<code>" + "|".join(lists["postal_codes"]) + r")\s+" + _TOWN
    )
    country = (
        r"(?<![\w-])(" + "|".join(sorted(map(re.escape, countries), key=len, reverse=True)) + r")(?![\w-])"
    )
    # German street names are compounds (« Kurhausstrasse »): their endings match inside a word
    # lookarounds, not \b: a word that ends with its dot (« st. », « Cad. », « str. ») is
    # followed by a space, and \b between a dot and a space never matches
    street = (
        r"(?<!\w)(?:"
        + _alternatives(lists["street_words"])
        + r")(?!\w)|(?:"
        + _alternatives(lists["street_suffixes"])
        + r")(?!\w)"
    )
    return OperatorVocabulary(
        legal_page=_compile("|".join(lists["legal_notice_pages"]), "legal_notice_pages", where),
        side_page=_compile("|".join(lists["side_pages"]), "side_pages", where),
        legal_form=_compile(
            r"(?<![\w-])(?:" + "|".join(lists["legal_forms"]) + r")(?![\w-])", "legal_forms", where
        ),
        legal_form_before=_compile(
            r"(?<![\w-])(?:" + "|".join(lists["legal_forms_before"]) + r")\s*(?:«[^«»]{2,60}»|\"[^\"]{2,60}\"|„[^„“”]{2,60}[“”]|“[^“”]{2,60}”)",
            "legal_forms_before",
            where,
        ),
        connectors=frozenset(lists["name_connectors"]),
        postal_code_countries=frozenset(c.upper() for c in lists["postal_code_countries"]),
        not_name_words=frozenset(lists["not_name_words"]),
        generic_names=frozenset(lists["generic_names"]),
        name_labels=frozenset(lists["name_labels"]),
        address_labels=frozenset(lists["address_labels"]),
        host_label=_compile(r"\b(?:" + _alternatives(lists["host_labels"]) + r")\b", "host_labels", where),
        registrations=_registrations(data, where),
        postal=_compile(postal, "postal_prefixes/postal_codes", where),
        postal_prefixes=dict(prefixes),
        countries=dict(countries),
        country=_compile(country, "countries", where),
        street_word=_compile(street, "street_words/street_suffixes", where, re.I),
        country_domains=dict(domains),
        source=where,
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> OperatorVocabulary:
    """The packaged vocabulary, loaded once per process."""
    return load_operator_vocabulary()


# --------------------------------------------------------------------------- reading


def _names_with_form(line: str, vocab: OperatorVocabulary) -> list[tuple[int, int]]:
    """(start, end) of « Capitalised Words + legal form » in ``line``: at most six words."""
    out: list[tuple[int, int]] = []
    for m in vocab.legal_form.finditer(line):
        head = line[: m.start()].rstrip()
        if head.endswith(","):
            head = head[:-1].rstrip()
        words = head.split(" ")
        taken = 0
        start = None
        pos = len(head)
        for word in reversed(words[-8:]):
            pos -= len(word)
            if not word:
                pos -= 1
                continue
            if word.lower() in vocab.connectors and taken:
                pos -= 1
                continue
            if (
                not (word[0].isupper() or word[0].isdigit())
                or word.lower() in vocab.not_name_words
                or taken >= 6
            ):
                break
            if taken and (word.endswith((":", ";")) or (word.endswith(".") and len(word) > 4)):
                break  # « Köln: Anaconda Verlag GmbH », « …Gemüse. Anaconda Verlag GmbH »
            if word[0].isdigit() and not any(ch.isalpha() for ch in word):
                break  # « © 2026 X AG »: the year is not part of the name
            taken += 1
            start = pos
            pos -= 1
        if start is not None and taken:
            out.append((start, m.end()))
    return out


_ISO_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass
class _Candidate:
    field: str
    value: str
    score: float
    doc: Document
    start: int
    end: int
    country: str | None = None


@dataclass
class OperatorExtractor:
    """Feed it every document of a site (``add``), then ask for the identity (``result``)."""

    max_pages: int = 400
    #: the words it reads by (``lexicons/operator.yaml`` unless another is given)
    vocabulary: OperatorVocabulary = field(default_factory=default_vocabulary, repr=False)
    candidates: list[_Candidate] = field(default_factory=list)
    pages: int = 0
    #: URLs of the legal-notice pages read (what makes an identity "high" confidence)
    legal_urls: set[str] = field(default_factory=set)
    #: the schema.org identities already read (one per site, see _structured)
    _structured_seen: set[str] = field(default_factory=set, repr=False)

    def add(self, doc: Document) -> None:
        if self.pages >= self.max_pages or not doc.text:
            return
        self.pages += 1
        # the page's schema.org identity, which extraction wrote last, is read apart (below)
        hidden = structured_identity_start(doc.blocks)
        text = doc.text if hidden is None else doc.text[: max(hidden - 1, 0)]
        kind = _page_kind(doc, self.vocabulary)
        if kind == "legal":
            self.legal_urls.add(doc.url)
            self._read(doc, text, 0, weight=3.0)
        elif kind == "side":
            self._read(doc, text, 0, weight=1.5)
        else:
            # other pages: only the footer (the last blocks) carries the identity
            tail = max(0, len(text) - 1500)
            cut = text.rfind("\n", 0, tail) + 1 if tail else 0
            self._read(doc, text[cut:], cut, weight=1.0)
        if hidden is not None:
            for block in doc.blocks:
                if block.start >= hidden:
                    self._structured(doc, block)

    def _structured(self, doc: Document, block: Block) -> None:
        """« SAS Bellecour Esthétique — 14 place Bellecour, 69002 Lyon, FR »: the name before the
        dash whatever its form (the data says it is a name), and the address after it.

        Weaker than a legal notice, and counted once per site however many pages repeat it
        (an SEO plug-in writes it on every page): the notice's own spelling of the same address
        (« CH-7399 Tannenbad ») must not be outvoted by the template's (« 7399 Tannenbad »)."""
        line = doc.text[block.start : block.end]
        if line in self._structured_seen:
            return
        self._structured_seen.add(line)
        if line.startswith(IDENTITY_REGISTRATION_KEYS):
            # « vatID FR12345678901 »: a registration number, if the vocabulary knows its form
            self._registrations(doc, block.start, line, 1.0)
            return
        written, separator, rest = line.partition(IDENTITY_SEPARATOR)
        name = written.strip()
        if not separator or not name or len(name) > 120:
            return
        # the data's country is often its ISO code (« FR »), which no text reader takes
        last = line.rsplit(", ", 1)[-1].strip()
        iso = _ISO_COUNTRY.fullmatch(last) is not None
        country = last if iso else self.vocabulary.country_of(last)
        self._add("name", name, 1.5, doc, block.start, block.start + len(name), country)
        # the address is what the data says it is, postal code or not (« Dubai Healthcare City,
        # Building 64, Dubai »), less the ISO code
        if iso and rest.endswith(", " + last):
            rest = rest[: -len(last) - 2]
        if rest.strip() and rest != last:
            at = block.start + len(written) + len(separator)
            self._add("address", rest.strip(), 1.0, doc, at, at + len(rest), country)

    # -- reading ----------------------------------------------------------------------
    def _read(self, doc: Document, text: str, base: int, weight: float) -> None:
        vocab = self.vocabulary
        lines: list[tuple[int, int, str]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((base + pos, base + pos + len(line), line))
            pos += len(line) + 1
        skip_until = -1
        for i, (start, _end, line) in enumerate(lines):
            if not line.strip() or len(line) > 400:
                continue
            if vocab.host_label.search(_fold(line[:60])):
                skip_until = i + 3
            if i <= skip_until:
                continue
            self._labelled(doc, lines, i, weight)
            bonus = 1.0 if "©" in line or "copyright" in line.lower() else 0.0
            for s, e in _names_with_form(line, vocab):
                name = _clean_name(line[s:e], vocab)
                if name is None:
                    continue
                self._add("name", name, weight + bonus, doc, start + s, start + e)
            if weight >= 3.0 and (doctor := _DOCTOR_LINE.match(line)) is not None:
                # a doctor's notice names its publisher at the head of a line (« Dr Sophie
                # Marchal, médecin inscrite au Conseil de l'Ordre… »): weaker than a company's
                self._add("name", doctor.group("name"), weight - 0.5, doc, start + doctor.start("name"), start + doctor.end("name"))
            for m in vocab.legal_form_before.finditer(line):
                # the form, then the name in its quotes, kept as written (« ООО «Новая Жизнь» »)
                self._add("name", " ".join(m.group(0).split()), weight + bonus, doc, start + m.start(), start + m.end())
            self._registrations(doc, start, line, weight)
            cyrillic = _CYRILLIC_ADDRESS.search(line) if "г." in line or "м." in line or "город" in line else None
            if cyrillic is not None:
                value = cyrillic.group(0).rstrip(" .")
                self._add("address", value, weight, doc, start + cyrillic.start(), start + cyrillic.start() + len(value), vocab.country_of(value))
                continue
            # « 4200 W Cypress St, Suite 300, Tampa, FL 33607, USA » first: its state and ZIP code
            # are unmistakable, whereas « © 2026 Desert Regenerative Institute LLC, … » before it
            # reads as a four-digit postal code and its town
            us = _US_ADDRESS.search(line) if "," in line else None
            if us is not None:
                self._add("address", us.group(0).rstrip(" ."), weight, doc, start + us.start(), start + us.end(), "US")
                continue
            postal = vocab.postal.search(line)
            if postal is None:
                before = len(self.candidates)
                self._town_then_code(doc, lines, i, weight)
                if len(self.candidates) == before:
                    self._address_without_code(doc, start, line, weight)
                continue
            if "," in line:
                self._address_in_line(doc, start, line, weight)
            elif len(line) <= 120 and not _looks_like_prose(line):
                self._address_block(doc, lines, i, postal, weight)

    def _registrations(self, doc: Document, start: int, line: str, weight: float) -> None:
        """The registration numbers of the vocabulary's forms in ``line`` (at ``start``)."""
        for registration in self.vocabulary.registrations:
            for m in registration.pattern.finditer(line):
                value = " ".join(m.group(0).split())
                implied = registration.country or _vat_country(value)
                self._add("registration", value, weight, doc, start + m.start(), start + m.end(), implied)

    def _address_without_code(self, doc: Document, start: int, line: str, weight: float) -> None:
        """An address of a country without postal codes (the Emirates, Panama, Qatar…), read only
        when it ends with its country and holds a number or a street or building word: « Dubai
        Healthcare City, Building 64, Dubai, United Arab Emirates ». Weaker than an address with
        a postal code."""
        vocab = self.vocabulary
        offset = 0
        # a segment ends with its sentence (« …, Admiralty, Hong Kong. Company registration … »)
        segments = [piece for segment in _SEPARATOR.split(line) for piece in _SENTENCE_END.split(segment)]
        for segment in segments:
            seg_start = line.find(segment, offset)
            offset = seg_start + len(segment)
            parts = [p.strip() for p in segment.split(",")]
            # « OncoVoyage Limited, Room 1203, … »: the company's name before its address
            while len(parts) > 3 and _names_with_form(parts[0], vocab):
                cut = segment.find(",") + 1
                seg_start += cut
                segment = segment[cut:]
                parts = parts[1:]
            if len(parts) < 3 or len(segment) > 160:
                continue
            country = parts[-1].rstrip(" .")
            if not vocab.country.fullmatch(_fold(country)):
                continue
            body = parts[:-1]
            if any(len(p.split()) > 6 or not p for p in body):
                continue
            if body[0][:1] in "–—-" or vocab.country_of(country) in vocab.postal_code_countries:
                # « – Pierre M., 49, Lyon, France » signs a patient's story; and where addresses
                # carry a postal code, one without it is not the operator's
                continue
            if not any(any(ch.isdigit() for ch in p) or vocab.street_word.search(p) or _BUILDING.search(p) for p in body):
                continue
            value = ", ".join([*body, country])
            s = seg_start + (len(segment) - len(segment.lstrip()))
            self._add("address", value, weight - 1.0, doc, start + s, start + s + len(segment.strip().rstrip(" .")), vocab.country_of(country))
            return

    def _town_then_code(self, doc: Document, lines: list[tuple[int, int, str]], i: int, weight: float) -> None:
        """An address whose postal code follows the town (Thailand, Singapore, the UK…), read only
        with its country: « 123 Sukhumvit Road, Khlong Toei, Bangkok 10110, Thailand » on one line,
        or « Bangkok 10110 » between a street line and a country line."""
        vocab = self.vocabulary
        start, _end, line = lines[i]
        m = _TOWN_CODE_LINE.search(line)
        if m is not None:
            # the country ends its sentence (« …, United Kingdom. Company number 12345678. »)
            named = _SENTENCE_END.split(m.group("country"), maxsplit=1)[0]
            country = vocab.country_of(named)
            if country is not None:
                value = line[m.start() : m.start("country") + len(named)].strip(" ,.")
                self._add("address", value, weight, doc, start + m.start(), start + m.start() + len(value), country)
            return
        if not _TOWN_CODE.fullmatch(line.strip()) or not 0 < i < len(lines) - 1:
            return
        above, below = lines[i - 1][2].strip(), lines[i + 1][2].strip()
        country = vocab.country_of(below) if vocab.country.fullmatch(_fold(below).strip(" ,.")) else None
        if country is None or not (vocab.street_word.search(above) and any(ch.isdigit() for ch in above)):
            return
        self._add("address", f"{above}, {line.strip()}, {below}", weight, doc, lines[i - 1][0], lines[i + 1][1], country)

    def _address_in_line(self, doc: Document, start: int, line: str, weight: float) -> None:
        """``…, 14 rue des Lilas, 75011 Paris, France`` written on one line."""
        vocab = self.vocabulary
        parts: list[tuple[int, str]] = []
        pos = 0
        for piece in line.split(","):
            parts.append((pos, piece))
            pos += len(piece) + 1
        for k, (offset, piece) in enumerate(parts):
            # the town's part ends with its sentence (« …, 75016 Paris. RCS Paris 812 345 678. »)
            town_part = _SENTENCE_END.split(piece, maxsplit=1)[0]
            m = vocab.postal.search(town_part)
            if m is None or len(town_part.split()) > 5:
                continue
            if k > 0:
                # « Regenera Vida S.A. de C.V. · Av. Bonampak 45, 77500 Cancún »: the street is what
                # follows the last separator of the part before the town
                b_off, b_text = parts[k - 1]
                cut = max((sep.end() for sep in _SEPARATOR.finditer(b_text)), default=0)
                parts[k - 1] = (b_off + cut, b_text[cut:])
            before = parts[k - 1][1] if k > 0 else ""
            label = _ADDRESS_LABEL.match(before)
            if label is not None and _fold(label.group(1).split()[-1]).rstrip(".") not in _NUMBER_WORDS:
                # « Siège : Avenue de Chillon 44 »: a label before the street is not the address
                # (« Büyükdere Cad. No: 120 » is the street's number, not a label)
                parts[k - 1] = (parts[k - 1][0] + label.end(), before[label.end() :])
                before = before[label.end() :]
            street = vocab.street_word.search(before) if before else None
            if street is not None and len(before.split()) > 6:
                # a sentence before the street (« … com sede na Rua de Santa Catarina 250 »): the
                # street starts at its word, or at the number just before it (« au 14 rue … »)
                head = before[: street.start()].rstrip()
                number = re.search(r"\d{1,5}[a-zA-Z]?,?$", head)
                cut = number.start() if number else street.start()
                if len(before[cut:].split()) <= 6:
                    b_off = parts[k - 1][0]
                    parts[k - 1] = (b_off + cut, before[cut:])
                    before = before[cut:]
            # on one line, only a street word (rue, Strasse, via…) makes the part before a street
            first = k - 1 if before and vocab.street_word.search(before) and len(before.split()) <= 6 else k
            if first == k and k >= 2 and before and len(before.split()) <= 3:
                # a block, a suite or a neighbourhood between the street and the town (« Av.
                # Bonampak 45, SM 10, 77500 Cancún », « 120 Main St, Suite 200, … »)
                far_off, far = parts[k - 2]
                street = vocab.street_word.search(far)
                if street is not None:
                    head = far[: street.start()].rstrip()
                    number = re.search(r"\d{1,5}[a-zA-Z]?,?$", head)
                    cut = number.start() if number else street.start()
                    if len(far[cut:].split()) <= 6:
                        parts[k - 2] = (far_off + cut, far[cut:])
                        first = k - 2
            last = k
            for step in (1, 2):
                # the country after the town, or after one region (« Cancún, Quintana Roo, México »);
                # on a footer line it ends at the next separator (« België · BTW BE 0712… »)
                if k + step < len(parts):
                    c_off, c_text = parts[k + step]
                    # and at the end of its sentence (« …, México. RFC: MRC180512AB3. »)
                    c_text = _SENTENCE_END.split(_SEPARATOR.split(c_text, maxsplit=1)[0], maxsplit=1)[0]
                    if not vocab.country.fullmatch(_fold(c_text).strip(" .")):
                        continue
                    region = parts[k + 1][1]
                    if step == 1 or (len(region.split()) <= 3 and not any(c.isdigit() for c in region)):
                        parts[k + step] = (c_off, c_text)
                        last = k + step
                    break
            prefix = m.group("prefix")
            if first == k and last == k and not prefix:
                continue  # a number and a word between commas, not an address
            s = parts[first][0] + (len(parts[first][1]) - len(parts[first][1].lstrip()))
            e = parts[last][0] + len(parts[last][1].rstrip(" ."))
            pieces = [p.strip() for _o, p in parts[first : last + 1]]
            pieces[-1] = pieces[-1].rstrip(" .")  # « …, France. » ends the sentence, not the name
            pieces[k - first] = m.group(0)  # « D-40764 Langenfeld », not what follows it
            if last == k:
                e = offset + m.end()
            value = ", ".join(pieces)
            country = vocab.country_of(value) or (vocab.postal_prefixes.get(prefix) if prefix else None)
            self._add(
                "address", value, weight - (0.0 if first < k else 1.0), doc, start + s, start + e, country
            )
            return

    def _labelled(self, doc: Document, lines: list[tuple[int, int, str]], i: int, weight: float) -> None:
        vocab = self.vocabulary
        start, _end, line = lines[i]
        m = _LABEL_RE.match(line)
        if m is not None:
            label, value = _fold(m.group(1)).strip(), m.group(2).strip()
            value_start = start + m.start(2)
        else:
            # "Impressum" style: the label alone on its line, the value on the next one
            label = _fold(line).strip().rstrip(":").strip()
            if label not in vocab.name_labels and label not in vocab.address_labels:
                return
            if i + 1 >= len(lines) or not lines[i + 1][2].strip():
                return
            value_start, _e, value = lines[i + 1]
            value = value.strip()
        if label in vocab.name_labels:
            # « Vitadendra Health AG, société anonyme de droit suisse, … »: the name with its
            # legal form when there is one, else the value up to the first comma
            formed = _names_with_form(value, vocab)
            name = _clean_name(value[formed[0][0] : formed[0][1]] if formed else value.split(",")[0], vocab)
            if name is not None:
                self._add("name", name, weight + 2.0, doc, value_start, value_start + len(value))
        elif label in vocab.address_labels and 6 <= len(value) <= 200:
            self._add(
                "address",
                value.rstrip(" ."),
                weight + 2.0,
                doc,
                value_start,
                value_start + len(value),
                vocab.country_of(value),
            )

    def _address_block(
        self, doc: Document, lines: list[tuple[int, int, str]], i: int, postal: re.Match[str], weight: float
    ) -> None:
        """``street`` / ``postcode town`` / ``country`` lines around a postal-code line."""
        vocab = self.vocabulary
        first = last = i
        above = lines[i - 1][2] if i > 0 else ""
        if above and len(above) <= 80 and (_STREET_LINE.match(above) or vocab.street_word.search(above)):
            first = i - 1
        if i + 1 < len(lines) and vocab.country.fullmatch(_fold(lines[i + 1][2]).strip(" ,.")):
            last = i + 1
        prefix = postal.group("prefix")
        if first == i and last == i and not prefix:
            return  # « 1899 Hoffenheim », « 2019 MEEDIA GmbH »: a number and a word, not an address
        parts = [lines[k][2].strip(" ,") for k in range(first, last + 1)]
        value = ", ".join(p for p in parts if p)
        if first == i:
            weight -= 1.0  # a town without a street: weaker
        country = vocab.postal_prefixes.get(prefix) if prefix else None
        country = vocab.country_of(value) or country
        self._add("address", value, weight, doc, lines[first][0], lines[last][1], country)
        # the company name often stands right above the address block
        if first > 0:
            above = lines[first - 1][2].strip()
            spans = _names_with_form(above, vocab)
            if spans == [(0, len(above))] and (name := _clean_name(above, vocab)) is not None:
                self._add("name", name, weight + 1.0, doc, lines[first - 1][0], lines[first - 1][1])
            elif first < i and weight >= 3.0 and _names_someone(above) and (name := _clean_name(above, vocab)):
                # a legal notice's address block under a name without a legal form: a doctor's
                # practice (« Dr. med. Stefan Vogel », then the street): weaker than a company's
                self._add("name", name, weight, doc, lines[first - 1][0], lines[first - 1][1])

    def _add(
        self,
        kind: str,
        value: str,
        score: float,
        doc: Document,
        start: int,
        end: int,
        country: str | None = None,
    ) -> None:
        self.candidates.append(_Candidate(kind, value, score, doc, start, end, country))

    def _country_ending_line(self, c: _Candidate) -> str | None:
        """The country named last on a candidate's line (after its last comma or separator)."""
        tail = re.split(r",|\s[·|•–—-]\s", _line_of(c))[-1]
        tail = _fold(tail).strip(" .")
        return self.vocabulary.country_of(tail) if self.vocabulary.country.fullmatch(tail) else None

    # -- result -----------------------------------------------------------------------
    def result(self) -> OperatorIdentity | None:
        """The best-supported identity, or None if the site says nothing about its operator."""
        best: dict[str, _Candidate] = {}
        totals: dict[tuple[str, str], float] = {}
        for c in self.candidates:
            key = (c.field, c.value.casefold())
            totals[key] = totals.get(key, 0.0) + c.score
        for c in self.candidates:
            if c.field == "registration":
                continue
            total = totals[(c.field, c.value.casefold())]
            current = best.get(c.field)
            if current is None or total > totals[(current.field, current.value.casefold())]:
                best[c.field] = c
        registrations: list[_Candidate] = []
        seen: set[str] = set()
        for c in sorted(self.candidates, key=lambda c: -c.score):
            # one number written twice (« RFC: VMG150312AB1 », « RFC VMG150312AB1 ») is one
            number = re.sub(r"\W", "", c.value).casefold()
            if c.field == "registration" and number not in seen:
                seen.add(number)
                registrations.append(c)
        if "name" not in best and "address" not in best and not registrations:
            return None
        name = best.get("name")
        address = best.get("address")
        chosen = [c for c in (name, address) if c is not None] + registrations[:4]
        countries = [c.country for c in chosen if c.country]
        country = countries[0] if countries else None
        if country is None and address is not None:
            # an address without a country name: the site's country-code domain is the hint
            country = _cctld_country(address.doc.url, self.vocabulary)
        if country is None and name is not None:
            # no address read (no postal code: « Dubai Healthcare City, Building 64, Dubai,
            # United Arab Emirates »), but the name's line ends with a country
            country = self._country_ending_line(name)
        legal = any(c.doc.url in self.legal_urls for c in chosen)
        confidence = (
            "high"
            if name and address and legal
            else "medium"
            if name and (address or registrations)
            else "low"
        )
        return OperatorIdentity(
            name=name.value if name else None,
            address=address.value if address else None,
            country=country,
            registrations=[c.value for c in registrations[:4]],
            confidence=confidence,
            legal_notice=legal,
            clues=[_clue(c) for c in chosen],
        )


def _line_span(c: _Candidate) -> tuple[int, int]:
    """The whole line(s) of the document holding a candidate's value."""
    text = c.doc.text
    e = text.find("\n", c.end)
    return text.rfind("\n", 0, c.start) + 1, len(text) if e < 0 else e


def _line_of(c: _Candidate) -> str:
    s, e = _line_span(c)
    return c.doc.text[s:e]


def _clue(c: _Candidate) -> IdentityClue:
    text = c.doc.text
    # quote the whole line(s) holding the value, like every other finding
    s, e = _line_span(c)
    record = c.doc.record
    return IdentityClue(
        field=c.field,
        value=c.value,
        quote=text[s:e],
        start=s,
        end=e,
        url=c.doc.url,
        record_id=record.record_id if record else None,
        payload_digest=record.payload_digest if record else None,
        structured_data=(hidden := structured_identity_start(c.doc.blocks)) is not None and c.start >= hidden,
    )


def _page_words(url: str, title: str | None) -> str:
    """What names a page: its address's path and query, and its title (folded)."""
    parts = urlsplit(url)
    return _fold(unquote(parts.path + " " + parts.query) + " " + (title or ""))


def is_legal_notice(url: str, title: str | None, vocab: OperatorVocabulary | None = None) -> bool:
    """The page is a site's legal notice (mentions légales, Impressum, aviso legal…): its address
    or title says so in the vocabulary's words."""
    return (vocab or default_vocabulary()).legal_page.search(_page_words(url, title)) is not None


def _page_kind(doc: Document, vocab: OperatorVocabulary) -> str:
    if is_legal_notice(doc.url, doc.title, vocab):
        return "legal"
    if vocab.side_page.search(_page_words(doc.url, doc.title)):
        return "side"
    return "other"


#: the United States' postal abbreviations of states (and DC, PR): « Tampa, FL 33607 »
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK"
    "|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
#: an American address on one line: number and street (a suite), town, state and ZIP code, the
#: country; the code comes after the town, which the European « code town » format never reads
_US_ADDRESS = re.compile(
    r"\b\d{1,6}\s[\w .'’-]{2,60}?,\s*(?:(?:Suite|Ste\.?|Unit|Floor|#)\s*[\w-]+,\s*)?"
    r"[A-Z][\w.'’ -]{1,40},\s*(?:" + _US_STATES + r")\s+\d{5}(?:-\d{4})?"
    r"(?:,?\s*(?:USA|U\.S\.A\.|United States(?: of America)?))?"
)
#: a Russian, Ukrainian or Belarusian address: the code first, the town after « г. » (« м. »
#: in Ukrainian), the street after its word, the house after « д. » (« буд. »), and maybe a
#: building or an office (« 125009, г. Москва, ул. Тверская, д. 12, стр. 1, Россия »)
_CYRILLIC_ADDRESS = re.compile(
    r"(?:\b\d{5,6},\s*)?(?:г\.|город|м\.)\s*[А-ЯЁЇІЄҐ][\w'’-]+(?:[ -][А-ЯЁЇІЄҐ][\w'’-]+)?,\s*"
    r"(?:ул\.|улица|вул\.|вулиця|пр-т|просп\.|проспект|пр\.|пер\.|переулок|пров\.|ш\.|шоссе|наб\.|набережная|"
    r"б-р|бульвар|бульв\.|пл\.|площадь|площа)\s*[^,\d]{2,40},\s*(?:д\.|дом|буд\.)?\s*\d+[\w/-]*"
    r"(?:,\s*(?:стр\.|строение|корп\.|корпус|к\.|оф\.|офис|пом\.)\s*[\w/-]+)*"
    r"(?:,\s*(?:Россия|Российская Федерация|Україна|Украина|Беларусь|Казахстан))?"
)
#: a town and the postal code after it (« Bangkok 10110 », « Singapore 238859 »)
#: a postal code written after the town: digits (« Bangkok 10110 ») or a British postcode
#: (« London SW7 1QJ »)
#: (Japan's « 104-0061 » too)
_CODE_AFTER_TOWN = r"(?:\d{3}-\d{4}|\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})"
_TOWN_CODE = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}\s" + _CODE_AFTER_TOWN)
#: a street, a district or two, the town, its code and the country on one line
_TOWN_CODE_LINE = re.compile(
    # the number may be a range (« 71-75 Shelton Street ») or a Japanese block (« 4-2-8 Ginza »)
    r"\b\d{1,5}(?:[-–]\d{1,5}){0,2}\s[^,·|•\d]{2,60}?(?:,\s*[^,·|•\d]{2,40}?){0,2},\s*[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}\s"
    + _CODE_AFTER_TOWN
    + r",\s*(?P<country>[^,·|•]{2,40})"
)
#: what separates items written on one line (« Société X · 14 rue des Lilas, 75011 Paris »)
_SEPARATOR = re.compile(r"\s[·|•–—]\s")
_SENTENCE_END = re.compile(r"(?<=[^\W\d]{2})\.\s")


def _clean_name(value: str, vocab: OperatorVocabulary) -> str | None:
    """A plausible company name from a label's value or a legal-form match, else None."""
    original = value
    value = value.strip(" ,.;:–-\"'«»“”")
    value = re.sub(r"^(?:©|\(c\)|copyright)\s*", "", value, flags=re.I)
    value = re.sub(r"^\d{4}(?:\s*[-–]\s*\d{4})?\s+", "", value)  # « © 2019–2026 X Ltd »
    value = re.split(r"\s+[|–—•]\s+|,\s+(?=\d)|\s+-\s+(?=[A-ZÀ-Ý]?[a-zà-ÿ])", value)[0].strip(" ,.;:")
    words = value.split()
    if not 1 <= len(words) <= 8 or len(value) > 90:
        return None
    if not any(ch.isalpha() for ch in value) or value.lower() in vocab.generic_names:
        return None
    if "@" in value or "://" in value or value.startswith("www."):
        return None
    # an initialism keeps its last dot (« A.Ş. », « S.p.A. », « B.V. »: « A.Ş » is a misspelling);
    # a contraction loses it (« Ltd. » reads « Ltd »)
    if "." in words[-1] and f"{value}." in original:
        value += "."
    return value


def _names_someone(line: str) -> bool:
    """A short line of capitalised words, without figures or a label's colon: a person's or a
    practice's name (« Dr. med. Stefan Vogel », « Cabinet du Dr Martin »)."""
    words = line.split()
    capitalised = [w for w in words if w[:1].isupper()]
    return (
        2 <= len(words) <= 7
        and len(capitalised) >= 2
        and len(capitalised) * 2 >= len(words)
        and not any(ch.isdigit() for ch in line)
        and not line.rstrip().endswith(":")
        and "§" not in line
    )


def _looks_like_prose(line: str) -> bool:
    """A sentence, not an address line: many lower-case words."""
    words = line.split()
    return len(words) > 9 or sum(1 for w in words if w[:1].islower()) > 5


def _cctld_country(url: str, vocab: OperatorVocabulary) -> str | None:
    host = (urlsplit(url).hostname or "").rstrip(".")
    return vocab.country_domains.get(host.rsplit(".", 1)[-1]) if "." in host else None


def _vat_country(value: str) -> str | None:
    """The country of a VAT number's prefix (« DE 123 456 789 »); a register's name is none
    (« Company registration number 3012345 » is not Colombian)."""
    m = re.match(r"([A-Z]{2})\s?[0-9A-Z]{2}", value)
    if m is None:
        return None
    return "GR" if m.group(1) == "EL" else m.group(1)


def find_operator(
    documents: list[Document], vocabulary: OperatorVocabulary | None = None
) -> OperatorIdentity | None:
    """The operator identity of a site from its documents (see :class:`OperatorExtractor`)."""
    extractor = OperatorExtractor(vocabulary=vocabulary or default_vocabulary())
    for doc in documents:
        extractor.add(doc)
    return extractor.result()
