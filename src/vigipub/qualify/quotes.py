"""Which of the site's sentences a Considérant quotes, and in which order.

A decision quotes a handful of sentences (the Iaso decision quotes five claims); the detector
finds dozens, many of them noise for a lawyer: the cookie banner, menu entries, FAQ questions,
headings, the same sentence twice (rendered DOM and raw HTML) and its English and German
versions. The rules here choose, deterministically:

1. the inspector's own quotes first: claims typed in the case file (source ``case file``) are
   always kept, in their order; page quotes only fill the remaining places;
2. French first: page quotes in another language are used only when the facts have no French
   quote at all, and the text then says which version of the site it quotes;
3. never boilerplate (cookie, consent, privacy banners, disclaimers) nor navigation text;
   questions, headings and short fragments only after the declarative sentences (questions
   only when there is nothing else);
4. among declarative sentences, the legally strongest first: cure or remission, efficacy
   figures, safety, superiority over (or avoidance of) chemotherapy, universality – the kinds
   the Iaso decision quotes – then pages judged ``promotion`` before ``uncertain`` ones, higher
   detector confidence, higher page score;
5. diversity: one sentence per kind of claim before any kind is repeated, and near-identical
   sentences are quoted once (the duplicates' ids join the evidence when the words are the same).

Everything is a pure function of the facts, so the same dossier always yields the same text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from vigipub.evidence.french import compare_key, quote, unwrap_quote
from vigipub.evidence.french import join as join_fr
from vigipub.evidence.vocabulary import (
    CLAIM_SUBKINDS,
    NON_SUBSTANTIAL_MANIPULATIONS,
    SUBSTANTIAL_MANIPULATIONS,
)

from .errors import QualifyInputError

if TYPE_CHECKING:  # facts.py imports this module (boilerplate never becomes a fact)
    from .facts import Fact
    from .wording import Phraser

Quality = Literal["sentence", "heading", "fragment", "question", "navigation", "boilerplate"]

#: never quoted (and, for boilerplate, never a fact: see :func:`vigipub.qualify.facts.build_facts`)
UNQUOTABLE: frozenset[str] = frozenset({"navigation", "boilerplate"})
#: two letters in a row: a text without them (an amount, a number) is no quote
_LETTERS = re.compile(r"[^\W\d_]{2}")
#: a sentence shorter than this (in words) is a fragment: « Aucun effet secondaire »
MIN_WORDS = 6

VOCABULARY = Path(__file__).parent / "quoting.yaml"

#: structure, not vocabulary: a breadcrumb « A › B › C », an arrow ending a link label
_BREADCRUMB = re.compile(r"(?:\s[›>»/|]\s.*){2,}")
_ARROW_END = re.compile(r"[→›]\s*$|>>\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_WRAPPING = '"«»“”„ \u00a0\u202f|'
_LANGUAGE = re.compile(r"^(?:[a-z]{2}|any)$")
_LISTS = ("boilerplate", "navigation", "heading_openers", "first_person")
_TABLES = {"claim_signals": CLAIM_SUBKINDS, "manipulation_signals": SUBSTANTIAL_MANIPULATIONS | NON_SUBSTANTIAL_MANIPULATIONS}


@dataclass(frozen=True)
class Vocabulary:
    """The quote selector's vocabulary (``quoting.yaml``), compiled."""

    boilerplate: re.Pattern[str]
    navigation: re.Pattern[str]
    merged_heading: re.Pattern[str]
    first_person: re.Pattern[str]
    claim_signals: Mapping[str, tuple[re.Pattern[str], ...]]
    manipulation_signals: Mapping[str, tuple[re.Pattern[str], ...]]


def _by_language(value: Any, where: str, path: Path) -> list[str]:
    """The strings of a ``{language: [pattern, …]}`` mapping, in file order."""
    if not isinstance(value, dict) or not value:
        raise QualifyInputError(f"{where}: a mapping of languages to lists", where=str(path))
    out: list[str] = []
    for language, items in value.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            raise QualifyInputError(f"{where}: {language!r} is no language code (ISO 639-1 or any)", where=str(path))
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise QualifyInputError(f"{where}.{language}: a list of non-empty strings", where=str(path))
        out.extend(items)
    return out


def _compile(alternatives: list[str], wrap: str, flags: int, where: str, path: Path) -> re.Pattern[str]:
    for alternative in alternatives:
        try:
            re.compile(alternative)
        except re.error as exc:
            raise QualifyInputError(f"{where}: pattern {alternative!r} does not compile: {exc}", where=str(path)) from exc
    return re.compile(wrap.format("|".join(alternatives)), flags)


def parse_vocabulary(data: Any, path: Path) -> Vocabulary:
    """Validate and compile the content of ``quoting.yaml`` (see the file's header)."""
    if not isinstance(data, dict):
        raise QualifyInputError("the quoting vocabulary is a mapping", where=str(path))
    expected = {*_LISTS, *_TABLES}
    unknown, missing = set(data) - expected, expected - set(data)
    if unknown or missing:
        problem = f"unknown key(s) {', '.join(sorted(map(str, unknown)))}" if unknown else ""
        problem += ("; " if problem else "") + (f"missing {', '.join(sorted(missing))}" if missing else "")
        raise QualifyInputError(problem, where=str(path))
    lists = {key: _by_language(data[key], key, path) for key in _LISTS}
    tables: dict[str, dict[str, tuple[re.Pattern[str], ...]]] = {}
    for key, kinds in _TABLES.items():
        if not isinstance(data[key], dict):
            raise QualifyInputError(f"{key}: a mapping of kinds to languages", where=str(path))
        tables[key] = {}
        for kind, by_language in data[key].items():
            if kind not in kinds:
                raise QualifyInputError(f"{key}: {kind!r} is no kind of the shared vocabulary", where=str(path))
            alternatives = _by_language(by_language, f"{key}.{kind}", path)
            tables[key][kind] = (_compile(alternatives, "{}", re.IGNORECASE, f"{key}.{kind}", path),)
    openers = lists["heading_openers"]
    if not all(w.isalpha() and w[:1].isupper() for w in openers):
        raise QualifyInputError("heading_openers: capitalised words only", where=str(path))
    return Vocabulary(
        boilerplate=_compile(lists["boilerplate"], "{}", re.IGNORECASE, "boilerplate", path),
        navigation=_compile(lists["navigation"], r"^(?:{})[\s.!:→›»>|]*$", re.IGNORECASE, "navigation", path),
        # case matters: a capitalised word after a lower-case one
        merged_heading=re.compile(r"\b[a-zà-ÿ]{3,} (?:" + "|".join(map(re.escape, openers)) + r") [a-zà-ÿ]"),
        first_person=_compile(
            lists["first_person"], r"(?:^|[\s«“\"„])(?:{})\b", re.IGNORECASE, "first_person", path
        ),
        claim_signals=tables["claim_signals"],
        manipulation_signals=tables["manipulation_signals"],
    )


@cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    """The vocabulary, read and validated once."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QualifyInputError(f"unreadable quoting vocabulary: {exc}", where=str(path)) from exc
    return parse_vocabulary(data, path)


def claim_signals() -> Mapping[str, Sequence[re.Pattern[str]]]:
    """The strong claims a decision quotes first, by kind (``quoting.yaml``)."""
    return vocabulary().claim_signals


def manipulation_signals() -> Mapping[str, Sequence[re.Pattern[str]]]:
    """What a description of the manufacturing process says, by kind of manipulation."""
    return vocabulary().manipulation_signals


#: kinds too general to make two quotes different (« traite », an unclassified claim)
GENERIC: frozenset[str] = frozenset({"treat", "unclassified"})

#: the kinds of claim in the order the benefit/risk Considérant prefers them
CLAIM_ORDER: tuple[str, ...] = (
    "cure",
    "efficacy_figure",
    "safety",
    "superiority",
    "universality",
    "innovation",
    "treat",
    "prevent",
    "guarantee",
    "non_invasive",
    "unclassified",
)
#: manipulations: substantial ones first, then the sample they start from
MANIPULATION_RANK: tuple[str, ...] = (
    "culture_expansion",
    "differentiation",
    "antigen_loading",
    "activation",
    "genetic_modification",
    "immortalisation",
    "collection",
)
#: the order a process is told in
MANIPULATION_STEPS: tuple[str, ...] = (
    "collection",
    "culture_expansion",
    "differentiation",
    "genetic_modification",
    "immortalisation",
    "antigen_loading",
    "activation",
)


# -- one sentence ---------------------------------------------------------------------------


def words(text: str) -> int:
    return len(_WORD.findall(text))


def is_boilerplate(text: str) -> bool:
    """Cookie, consent or privacy banner, legal disclaimer: never a claim, never quoted."""
    return bool(vocabulary().boilerplate.search(text))


def quality(text: str) -> Quality:
    """What kind of text a quote is (see module doc)."""
    raw = " ".join(text.split())
    core = raw.strip(_WRAPPING)
    if not core or is_boilerplate(core):
        return "boilerplate" if core else "navigation"
    n = words(core)
    if n <= MIN_WORDS and (vocabulary().navigation.match(core) or _ARROW_END.search(raw)):
        return "navigation"
    if _BREADCRUMB.search(core):
        return "navigation"
    if not _LETTERS.search(core):
        return "navigation"  # « 80 € », « 1 200 » : a table cell's amount, which says nothing alone
    if core.rstrip(" .…").endswith("?"):
        return "question"
    letters = [c for c in core if c.isalpha()]
    if raw.rstrip().endswith("|") or " | " in core or (len(letters) > 3 and core.upper() == core):
        return "heading"  # « Un traitement naturel et bien toléré | » (the page title)
    if vocabulary().merged_heading.search(core):
        return "heading"  # « Des résultats prouvés La thérapie… »: a PDF heading run into its text
    if n < MIN_WORDS:
        return "fragment"
    return "sentence"


def fact_quality(fact: Fact) -> Quality:
    """:func:`quality` of a fact's quote, knowing where the page put it: a sentence the detector
    found in a section heading (``heading=yes``) is a heading."""
    q = quality(fact.quote)
    if (
        q == "sentence"
        and fact.source != "case file"
        and fact.attributes.get("heading") == "yes"
        and fact.kind not in ("therapy", "disease")  # their heading flag feeds the verdict's title features
    ):
        return "heading"
    return q


def display(fact: Fact) -> str:
    """The words quoted: verbatim, less what is not part of the sentence (the quotation marks
    around a testimonial, a title separator « | », the site's name after a page title's dash).
    Case-file quotes are never touched."""
    text = " ".join(fact.quote.split())
    if fact.source == "case file":
        return text
    if fact.attributes.get("page_title") == "yes":
        text = _title_words(text)
    return unwrap_quote(text) or text


#: what separates a page title from the site's name: « Traitement de l'autisme – Clinique X »
_TITLE_TAIL = re.compile(r"\s+[–—|·-]{1,2}\s+(?=[^–—|·]+$)")
#: the site's name after a title's dash is at most this many words
_TITLE_TAIL_WORDS = 6


def _title_words(text: str) -> str:
    """A page title without the site's name after its last dash (« … – Clínica Regenera »)."""
    m = None
    for m in _TITLE_TAIL.finditer(text):  # noqa: B007 - the last separator
        pass
    if m is None:
        return text
    head, tail = text[: m.start()].strip(), text[m.end() :].strip()
    return head if words(head) >= 3 and 0 < words(tail) <= _TITLE_TAIL_WORDS else text


#: text for comparing sentences: case, quotes, punctuation and spaces ignored
normalise = compare_key


def near_identical(a: str, b: str) -> bool:
    """Same sentence, give or take whitespace, punctuation, quotes or a few characters."""
    if a == b:
        return True
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) / len(long_) < 0.85:
        return False
    if short in long_:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.quick_ratio() >= 0.92 and m.ratio() >= 0.92


def signals(text: str, table: Mapping[str, Sequence[re.Pattern[str]]]) -> frozenset[str]:
    return frozenset(cat for cat, patterns in table.items() if any(p.search(text) for p in patterns))


def is_french(fact: Fact) -> bool:
    # an unknown language (a case file, a page the detector could not identify) is taken as
    # French, as before: the case file is written by the Agency
    return fact.language in ("fr", None) or fact.source == "case file"


# -- a group of facts quoting one sentence ------------------------------------------------------


@dataclass
class _Sentence:
    best: Fact
    members: list[Fact]
    norm: str
    quality: Quality
    categories: frozenset[str]
    weight: int
    first_person: bool
    same_words: list[str] = field(default_factory=list)  # ids of exact duplicates (evidence)


@dataclass(frozen=True)
class Pick:
    fact: Fact
    also: tuple[str, ...] = ()  # other findings of the very same words (another capture, page)

    @property
    def text(self) -> str:
        return display(self.fact)

    @property
    def foreign(self) -> str | None:
        """The language of the site version quoted, when it is not French."""
        return None if is_french(self.fact) else self.fact.language


@dataclass(frozen=True)
class Selection:
    picks: tuple[Pick, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.picks)

    def __len__(self) -> int:
        return len(self.picks)

    @property
    def facts(self) -> list[Fact]:
        return [p.fact for p in self.picks]

    @property
    def ids(self) -> list[str]:
        """Evidence ids: the quoted facts and the exact duplicates of their words."""
        return list(dict.fromkeys(i for p in self.picks for i in (p.fact.id, *p.also)))

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.picks]

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys(p.foreign for p in self.picks if p.foreign))

    def render(self, words: Phraser) -> str:
        """« a », « b » et « c », saying which version of the site a foreign quote comes from
        (the words of ``wording/fr.yaml``: ``site_version``, ``quotes_from``)."""
        langs = [p.foreign for p in self.picks]
        if len(self.picks) > 1 and langs[0] and all(lg == langs[0] for lg in langs):
            from_version = words.phrase("quotes_from", version=_version(words, langs[0]))
            return join_fr([quote(p.text) for p in self.picks]) + f" ({from_version})"
        return join_fr(
            [quote(p.text) + version_note(words, p.foreign) for p in self.picks]
        )


def version_note(words: Phraser, language: str | None) -> str:
    """« (version anglaise du site) » after a quote in another language than French, else ""."""
    if not language or language.lower().split("-")[0] == "fr":
        return ""
    return f" ({_version(words, language)})"


def _version(words: Phraser, language: str) -> str:
    """« version anglaise du site »; a language the table does not name is given by its code."""
    code = language.lower().split("-")[0]
    if words.has_label("languages", code):
        return words.phrase("site_version", language=words.label("languages", code))
    return words.phrase("site_version_unknown", code=quote(language))


_STRENGTH = {"case_file": 0, "strong": 0, "weak": 1}


def _group(
    facts: Iterable[Fact],
    order: Sequence[str],
    table: Mapping[str, Sequence[re.Pattern[str]]],
    *,
    fuzzy: bool = True,
) -> list[_Sentence]:
    """Facts quoting the same (or, if ``fuzzy``, nearly the same) sentence become one
    :class:`_Sentence`. The inspector's own list is only merged on the very same words: two
    claims of a case file that differ by a figure are two claims."""
    rank = {s: n for n, s in enumerate(order)}

    def fact_key(f: Fact) -> tuple[float, ...]:
        return (
            _STRENGTH.get(f.strength, 1),
            rank.get(f.subkind, len(rank)),
            -f.confidence,
            -(f.page_score or 0.0),
        )

    groups: list[_Sentence] = []
    exact: dict[str, _Sentence] = {}  # the same words: found without comparing every pair
    for f in facts:
        text = display(f)
        norm = normalise(text)
        if not norm:
            continue
        home = exact.get(norm)
        if home is None and fuzzy:
            home = next((g for g in groups if near_identical(norm, g.norm)), None)
        if home is None:
            group = _Sentence(
                best=f,
                members=[f],
                norm=norm,
                quality=fact_quality(f),
                categories=frozenset(),
                weight=0,
                first_person=False,
            )
            groups.append(group)
            exact[norm] = group
            continue
        home.members.append(f)
        if fact_key(f) < fact_key(home.best):
            home.best, home.norm = f, norm
    wanted = set(order) - GENERIC
    for g in groups:
        text = display(g.best)
        found = signals(text, table)
        g.categories = frozenset(({m.subkind for m in g.members} | found) & wanted) or found
        g.weight = len(found)
        g.first_person = bool(vocabulary().first_person.search(text))
        g.quality = quality(g.best.quote)
        g.same_words = [m.id for m in g.members if m is not g.best and normalise(display(m)) == g.norm]
    return groups


_TIER = {"sentence": 0, "heading": 1, "fragment": 1, "question": 2}


def _sentence_key(g: _Sentence, rank: Mapping[str, int]) -> tuple[float, ...]:
    best = g.best
    return (
        _TIER.get(g.quality, 3),
        _STRENGTH.get(best.strength, 1),
        g.first_person,  # the company's words before a patient's (testimonials have their own)
        -g.weight,
        min((rank.get(c, len(rank)) for c in g.categories), default=len(rank)),
        not re.search(r"[.!…)]$", display(best)),  # a whole sentence before a caption
        -best.confidence,
        -(best.page_score or 0.0),
    )


def _cover(g: _Sentence, covered: set[str], rank: Mapping[str, int], cover_all: bool) -> None:
    """Mark the kinds a chosen sentence stands for. A claim stands for one kind only (its
    strongest new one), so that a sentence touching on three kinds does not crowd out the best
    sentence of the other two; a step of a process (``cover_all``) covers all it describes."""
    new = g.categories - covered
    if cover_all:
        covered |= g.categories
    elif new:
        covered.add(min(new, key=lambda c: (rank.get(c, len(rank)), c)))


def select_quotes(
    facts: Sequence[Fact],
    *,
    limit: int,
    order: Sequence[str] = CLAIM_ORDER,
    table: Mapping[str, Sequence[re.Pattern[str]]] | None = None,
    keep_case_file: bool = True,
    avoid: Collection[str] = (),
    present: Sequence[str] | None = None,
    cover_all: bool = False,
    fill_with_fragments: bool = True,
    last_resort: Collection[str] = (),
) -> Selection:
    """Choose at most ``limit`` sentences to quote among ``facts`` (see module doc).

    ``keep_case_file``: every claim of the case file is quoted, even beyond ``limit``.
    ``avoid``: ids already quoted elsewhere; they are used only if nothing else is left.
    ``last_resort``: ids avoided as well, and that do not make the French version worth quoting
    (a patient's story): the company's words in another language come before them.
    ``present``: present the page quotes in this order of categories (a process is told step
    by step) instead of strongest first.
    ``cover_all``: a chosen sentence covers every kind it mentions (see :func:`_cover`).
    ``fill_with_fragments``: headings and fragments fill the places sentences leave; if false,
    they are quoted only for a kind no sentence covers (a process told in headings reads badly,
    but « culture de cellules dendritiques » may be all the site says of that step).
    """
    rank = {s: n for n, s in enumerate(order)}
    table = claim_signals() if table is None else table
    usable = [
        f
        for f in facts
        if f.source == "case file" or (quality(f.quote) not in UNQUOTABLE and f.attributes.get("menu") != "yes")
    ]
    from_case = [f for f in usable if f.source == "case file"]
    pages = [f for f in usable if f.source != "case file"]
    french = [f for f in pages if is_french(f)]
    foreign = [f for f in pages if not is_french(f)]

    def declarative(pool: list[Fact]) -> bool:
        return any(quality(f.quote) != "question" and f.id not in last_resort for f in pool)

    avoid = set(avoid) | set(last_resort)

    if from_case or declarative(french) or not declarative(foreign):
        pool = french if (french or from_case) else foreign
    else:
        pool = foreign  # no French quote: the text will say which version it quotes

    case_groups = _group(from_case, order, table, fuzzy=False)
    page_groups = [
        g for g in _group(pool, order, table) if not any(near_identical(g.norm, c.norm) for c in case_groups)
    ]
    # the page findings of a sentence the inspector typed are evidence of that quote too
    typed = {c.norm: c for c in case_groups}
    for f in pool:
        if (c := typed.get(normalise(display(f)))) is not None:
            c.same_words.append(f.id)
    avoided = [g for g in page_groups if {m.id for m in g.members} & set(avoid)]
    fresh = [g for g in page_groups if g not in avoided]
    # a sentence quoted elsewhere comes before a patient's story (``last_resort``)
    told = set(last_resort)
    not_stories = [g for g in page_groups if not {m.id for m in g.members} & told]
    if any(g.quality == "sentence" for g in fresh):
        page_groups = fresh
    elif told and any(g.quality == "sentence" for g in not_stories):
        page_groups = not_stories
    # otherwise a sentence quoted elsewhere is better than a heading or a question
    page_groups.sort(key=lambda g: _sentence_key(g, rank))

    chosen: list[_Sentence] = list(case_groups if keep_case_file else case_groups[:limit])
    covered: set[str] = set()
    for g in chosen:
        _cover(g, covered, rank, cover_all)
    room = max(0, limit - len(chosen))
    picked: list[_Sentence] = []
    tiers = sorted({_TIER.get(g.quality, 3) for g in page_groups})
    for tier in tiers:
        if tier == _TIER["question"] and (chosen or picked):
            break  # a question is quoted only when the site says nothing else
        level = [g for g in page_groups if _TIER.get(g.quality, 3) == tier]
        for g in level:  # one sentence per kind of claim first…
            if len(picked) < room and g.categories - covered:
                picked.append(g)
                _cover(g, covered, rank, cover_all)
        if tier > 0 and picked and not fill_with_fragments:
            continue  # a heading only for what no sentence says
        for g in level:  # …then the strongest of the rest
            if len(picked) < room and g not in picked:
                picked.append(g)
    picked.sort(key=lambda g: _sentence_key(g, rank))
    if present is not None:
        step = {s: n for n, s in enumerate(present)}
        picked.sort(key=lambda g: min((step.get(c, len(step)) for c in g.categories), default=len(step)))
    return Selection(tuple(Pick(g.best, tuple(g.same_words)) for g in chosen + picked))


def substantive(facts: Sequence[Fact]) -> list[Fact]:
    """Testimonials that are testimonials: not a menu entry, a heading, a banner or a question;
    one fact per sentence, French first."""
    out: list[Fact] = []
    norms: list[str] = []
    ordered = sorted(facts, key=lambda f: (not is_french(f), _STRENGTH.get(f.strength, 1), -f.confidence))
    for f in ordered:
        if f.source != "case file" and (words(f.quote) <= 2 or f.attributes.get("menu") == "yes"):
            continue  # a label (« Témoignages ») or a name, not what a patient says
        if f.source != "case file" and fact_quality(f) in (
            "navigation",
            "boilerplate",
            "heading",
            "question",
        ):
            continue
        n = normalise(display(f))
        if any(near_identical(n, m) for m in norms):
            continue
        norms.append(n)
        out.append(f)
    return out
