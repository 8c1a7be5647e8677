"""Document -> PageAnalysis: one automaton pass, sentence quotes, a few regexes, a verdict."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from vigipub.evidence.core import Producer, params_digest
from vigipub.evidence.document import MENU_TAG, Block, Document, structured_identity_start
from vigipub.evidence.findings import Finding, PageAnalysis
from vigipub.evidence.vocabulary import (
    ADVERTORIAL_GENRE,
    COSMETIC_GENRE,
    GENERIC_FAMILIES,
    JOB_POSTING_GENRE,
    NOT_MEDICINES_ALONE,
    SUPPLEMENT_GENRE,
    THERAPY_FAMILIES,
    VESICLE_FAMILIES,
)

from . import patterns
from ._fast import make_finding
from .fold import fold
from .lexicon import LANGUAGES, Lexicon, address_words, load_lexicon
from .sentences import SentenceIndex
from .verdict import VerdictModel, load_verdict_model

#: Kinds that make a sentence a candidate for the figure/price regexes.
#: findings kept per (kind, subkind) and page: a degenerate page repeating one sentence
#: 40,000 times must not produce 40,000 identical quotes.
MAX_FINDINGS_PER_SUBKIND = 50
#: the page language given to pages in a language we have no lexicon for
OTHER_LANGUAGE = "other"
#: text length from which a page classified in another language is taken to be in one (a
#: shorter text may just be too short for the classifier: it keeps every lexicon)
FOREIGN_PAGE_MIN_CHARS = 400
_FIGURE_KINDS = frozenset({"claim", "therapy", "disease", "testimonial"})
_DIGIT = re.compile(r"\d")
_CANDIDATE_KINDS = frozenset({"therapy", "disease", "claim", "testimonial"})
#: block tags that are headings; other short blocks without a sentence end count too (a plain
#: text's title line, a menu entry « Cellules souches et autisme »)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title", "summary", "dt", "caption", "legend"})
#: the headings of a page's sections (a claim or a story in one is a title, not a sentence)
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: a section's title or the page's (« Témoignages – Clinique X »)
_TITLES = _SECTION_HEADINGS | {"title"}
_HEADING_MAX_CHARS = 120
_SENTENCE_END = frozenset(".!;:,…")
#: findings marked when they sit in a heading (the verdict's title features read them)
_HEADING_KINDS = frozenset({"therapy", "disease"})
#: kinds whose quote the documents may cite: marked when they stand in a navigation menu
_MENU_KINDS = frozenset({"claim", "testimonial", "call_to_action", "travel"})
#: cue subkind of stem cells that live in a tissue (« cellules souches du follicule pileux »): the
#: therapy term inside such a phrase names the body's own cells, not a product
_RESIDENT_CELLS = "resident_cells"
#: how far after a patient's story its signature (« – Karim, Lyon ») may name the city
_SIGNATURE_REACH = 80
#: signed stories read per page (a testimonials page has a few dozen)
_MAX_SIGNED_STORIES = 60
#: the words a title-case test reads: five letters or more (a title keeps « of », « in », « com »
#: in lower case)
_TITLE_WORD = re.compile(r"[^\W\d_]{5,}")
#: cues naming cells that are no product of interest: the body's own (« cellules souches du
#: follicule ») and plants' (« cellules souches végétales » of a face cream): a therapy term they
#: hold is dropped
_PLANT_CELLS = "plant_cells"
#: an insurer's refusal to pay (« wordt niet vergoed »): the insurer it names is no hospital genre
_NON_COVERAGE = "non_coverage"
_NOT_PRODUCT_CELLS = frozenset({_RESIDENT_CELLS, _PLANT_CELLS})
#: words that hold a reporting cue without reporting anyone: the writer's own speech ("as I
#: said"), a conformity ("processed according to standards"); the cue inside them is dropped
_OWN_WORDS = "own_words"
#: a cookie-consent notice (_drop_cookie_notices), and the longest paragraph taken as one
_COOKIE_NOTICE = "cookie_notice"
#: a comment form's notices (« Votre adresse e-mail ne sera pas publiée »), dropped as a cookie notice is
_FORM_NOTICE = "form_notice"
_NOTICES = frozenset({_COOKIE_NOTICE, _FORM_NOTICE})
_NOTICE_MAX_CHARS = 600
#: a newsletter named in a sentence (« Inscrivez-vous à notre newsletter »): its sign-up is no
#: call to action (_drop_newsletter_calls)
_NEWSLETTER = "newsletter"
#: genre cues of a transplant of unnamed stem cells (« autogreffe de cellules souches »), and the
#: families that make such a transplant no haematologist's (_drop_generic_transplants)
_GENERIC_TRANSPLANT = "generic_transplant"
_NON_BLOOD_FAMILIES = frozenset({"mesenchymal_stem_cells", "adipose_cells", "placental_cells", "exosomes", "secretome"})
#: the cue naming a plant, which may be what made a sentence's exosomes (_drop_plant_vesicles)
_PLANT_SOURCE = "plant_source"
#: reporting cues naming the source of a fact (« selon les données de… », "according to"): a
#: report only where their sentence names the therapy (_drop_unrelated_sources)
_SOURCE = "source"
#: genre cues naming a section of any organisation's site (« Notre équipe »)
_SECTION = "section"
#: the id endings of therapy entries that only hint at a therapy (_drop_lone_hints)
_HINT_SUFFIXES = (".acronym", ".tissue")
#: the cue of a food supplement (« complément alimentaire »): beside the body's own stem cells
#: it says « libère » or « stimule », its unnamed stem cells are no product (_drop_stem_cells_of_no_product)
_SUPPLEMENT = "food_supplement"
#: reporting cues that frame a page (a study, clinics in the third person) without making
#: the claims of their sentence reported
_FRAME_CUES = frozenset({"about_providers", "research", "quotation"})
_QUOTED = re.compile(r"[«“„\"][^«»“”„\"\n]{12,300}[»”“\"]")
#: quoted speech has words enough to say something: "stem cells" in quotation marks is a term
#: set apart, not someone's words. The count includes French guillemets, which are spaced:
#: « cellules souches » is 4, and counts (counting the words inside alone, or counting every
#: term in quotation marks, found fewer promoting pages over 8 fold seeds)
_QUOTED_MIN_WORDS = 4
#: numbered references (« [1] », "[4,5,6,7]", "[12–14]"): how articles, reviews and encyclopedias
#: cite their sources; two of them, or one citing several, make a science cue in any language
_CITATION = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
#: how far into the text the references are looked for (a long page's links list aside)
_CITATION_REACH = 20_000
_YEAR = re.compile(r"(?<![©\d])(?<!© )\b(?:19[5-9]\d|20[0-3]\d)\b(?![.,]\d)")
#: an international phone number (+41 22 123 45 67): on pages in a language without a
#: lexicon, one of the few language-independent signs of an offer
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]?\d{2,4}){2,4}(?!\d)")
_NEWS_TYPES = ("newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting")
_CLINIC_TYPES = ("medicalclinic", "hospital", "physician", "medicalbusiness", "medicalorganization")
_SCIENCE_TYPES = ("scholarlyarticle", "medicalscholarlyarticle")


@dataclass
class _Group:
    kind: str
    subkind: str
    start: int
    end: int
    match: str
    match_start: int
    entry_ids: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    weight: float = 1.0
    language: str | None = None
    confidence: float = 0.9


def _url_key(doc: Document) -> str:
    return hashlib.sha256(f"{doc.url}\x00{doc.source}".encode()).hexdigest()[:10]


class Detector:
    """Compiled lexicons and verdict model; thread-safe, reuse one instance."""

    def __init__(self, lexicon: Lexicon, model: VerdictModel) -> None:
        self.lexicon = lexicon
        self.model = model
        self.entries = lexicon.entries
        #: host suffix -> (its rank in the lexicon's list, genre): the first listed suffix wins
        #: (taken from the lexicon when the detector is built, like the automata)
        self._genre_rank = {suffix: (i, g) for i, (suffix, g) in enumerate(lexicon.genre_hosts.items())}
        #: therapy entries that only hint at a therapy: acronyms (ids ending in « .acronym »: MSC,
        #: TIL, CIK…) and the source tissue alone (« .tissue »: « cordon ombilical »); they name a
        #: therapy only beside another therapy finding (_drop_lone_hints)
        self._hint_ids = frozenset(
            e.id for e in lexicon.entries if e.kind == "therapy" and e.id.endswith(_HINT_SUFFIXES)
        )
        #: reporting cues naming the source of a fact (_drop_unrelated_sources)
        self._source_ids = frozenset(e.id for e in lexicon.entries if e.attributes.get("cue") == _SOURCE)
        #: genre cues that name a section of any organisation's site (« Notre équipe »): no
        #: genre where they stand in a menu
        self._section_ids = frozenset(e.id for e in lexicon.entries if e.attributes.get("cue") == _SECTION)
        #: genre cues naming a transplant of unnamed stem cells (_drop_generic_transplants)
        self._generic_transplant_ids = frozenset(
            e.id for e in lexicon.entries if e.attributes.get("cue") == _GENERIC_TRANSPLANT
        )

    @classmethod
    def default(cls) -> Detector:
        """The detector built from the packaged lexicons (compiled once per process)."""
        return _default_detector()

    @classmethod
    def from_folder(cls, folder: Path, languages: tuple[str, ...] = LANGUAGES) -> Detector:
        """A detector over lexicon files in ``folder`` (an agency's extended copy).

        The folder's own ``verdict.json`` (a model trained with ``vigipub model train
        --lexicons FOLDER``) is used when there is one, else the packaged model.
        """
        own = folder / "verdict.json"
        return cls(load_lexicon(folder, languages), load_verdict_model(own if own.is_file() else None))

    # -- matching ----------------------------------------------------------------------
    def _matches(
        self, doc: Document, folded: str, sidx: SentenceIndex, block_langs: set[str | None]
    ) -> list[tuple[int, int, int]]:
        """Accepted (start, end, entry index) matches after boundary and language checks.

        An entry is accepted in a block of its own language or of the page's language (in
        a block of no known language on a page of no known language: any entry). So the scan
        runs over an automaton of the page's languages only, and when every block checks
        against the same languages, every entry of that automaton passes: no per-match
        language lookup.
        """
        text = doc.text
        n = len(folded)
        page_lang = doc.language if doc.language in LANGUAGES else None
        # A page long enough to be told apart and written in a language we have no lexicon
        # for (Polish, Russian…): its blocks of no supported language accept only the
        # language-independent entries (product names, codes). Otherwise Polish « MSZ »
        # (the foreign ministry) would be German « MSZ » (mesenchymal stem cells).
        foreign = doc.language == OTHER_LANGUAGE and len(text) >= FOREIGN_PAGE_MIN_CHARS
        # the language each block checks entries against, over all blocks
        langs = {lang if lang in LANGUAGES else page_lang for lang in block_langs} or {page_lang}
        allowed = {lang for lang in langs if lang is not None}
        if page_lang is not None:
            allowed.add(page_lang)
        scanner, exact = self.lexicon.scanner(
            frozenset(allowed) if foreign or None not in langs else None
        )
        if scanner is None:
            return []
        # blocks checking against different languages, or an automaton with other languages
        mixed = len(langs) > 1 or not exact
        blocks = doc.blocks
        block_starts = sidx.block_starts
        lang = None
        out: list[tuple[int, int, int]] = []
        append = out.append
        for end_i, (klen, head_bounded, tail_bounded, checks) in scanner.iter(folded):
            start = end_i - klen + 1
            if head_bounded and start and folded[start - 1].isalnum():
                continue  # starts inside a word ("ate" in "private")
            end = end_i + 1
            right_word = not tail_bounded or end >= n or not folded[end].isalnum()
            if mixed:
                block_lang = None
                if blocks:
                    bi = bisect_right(block_starts, start) - 1
                    block_lang = blocks[bi if bi > 0 else 0].language
                lang = block_lang if block_lang in LANGUAGES else page_lang
            for idx, prefix, case_sensitive, any_language, language, terms in checks:
                if not right_word and not prefix:
                    continue
                if case_sensitive and text[start:end] not in terms:
                    continue
                if foreign and mixed and lang is None and not any_language:
                    continue  # a block in the foreign language: language-independent entries only
                if (
                    mixed
                    and not any_language
                    and lang is not None
                    and language != lang
                    and language != page_lang
                ):
                    continue
                append((start, end, idx))
        if self.lexicon.has_together:
            # `with` entries whose other words are not in the sentence go before the nesting
            # rule: a longer `with` term that fails must not hide a shorter entry inside it
            entries = self.entries
            kept: list[tuple[int, int, int]] = []
            #: per kind asked for by a ``with_kind`` entry, the blocks holding a match of it
            kind_blocks: dict[str, set[int]] = {}
            for match in out:
                entry = entries[match[2]]
                if entry.heading and not _whole_block(folded, sidx, match[0], match[1]):
                    continue
                if entry.together or entry.with_kind:
                    s, e = sidx.sentence(match[0], match[1])
                    if entry.together and not entry.accepts_sentence(folded[s:e]):
                        continue
                    if entry.with_kind:
                        # the same paragraph (block), or the one before it: « Elles régulent
                        # l'inflammation » follows the sentence or the heading naming the cells
                        near = kind_blocks.get(entry.with_kind)
                        if near is None:
                            near = kind_blocks[entry.with_kind] = {
                                sidx.block_of(m[0]) for m in out if entries[m[2]].kind == entry.with_kind
                            }
                        bi = sidx.block_of(match[0])
                        if bi not in near and bi - 1 not in near:
                            continue
                kept.append(match)
            out = kept
        if out:
            out = self._drop_proper_names(out, text, sidx)
        return self._drop_nested(out)

    def _drop_proper_names(
        self, matches: list[tuple[int, int, int]], text: str, sidx: SentenceIndex
    ) -> list[tuple[int, int, int]]:
        """Drop a claim term that is a name in the page: « Clínica Regenera », « tecnica Rigenera ».

        A claim verb or noun written with a capital in the middle of a sentence that is not in
        title case names a clinic, a brand or an institution (« Centers for Disease Control »),
        and quoting it as a promise would put words in the operator's mouth; the same word
        with its capital elsewhere on the page is the same name. Title-case
        headings ("Stem Cells Regenerate Cartilage") keep their claims; German, where every
        noun takes a capital (« Heilung »), is left alone, and so is English « I ».
        """
        entries = self.entries
        capitalised = [
            m
            for m in matches
            if text[m[0]].isupper() and entries[m[2]].kind == "claim" and entries[m[2]].language != "de"
        ]
        if not capitalised:
            return matches
        # a word that names something once on the page names it everywhere there, in a
        # sentence of its own too (the footer's « Regenera Saúde, Lda »)
        names = {text[s:e] for s, e, _ in capitalised if _names_something(text, sidx, s, e)}
        if not names:
            return matches
        dropped = {m for m in capitalised if text[m[0] : m[1]] in names}
        return [m for m in matches if m not in dropped]

    def _drop_nested(self, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Drop a match inside a longer match of the same kind (keep the specific one)."""
        if len(matches) < 2:
            return matches
        entries = self.entries
        matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        kept: list[tuple[int, int, int]] = []
        reach: dict[str, tuple[int, int]] = {}
        for start, end, idx in matches:
            kind = entries[idx].kind
            claim = reach.get("claim")
            if kind == "reporting_context" and claim is not None and claim[0] <= start and end <= claim[1]:
                continue  # "never had a serious adverse event" is a safety claim, not a warning
            own_words = reach.get(_OWN_WORDS)
            if kind == "reporting_context" and own_words is not None and own_words[0] <= start and end <= own_words[1]:
                continue  # "as I said": the writer's words; "according to standards": a conformity
            if kind == "cue" and entries[idx].subkind == _OWN_WORDS:
                reach[_OWN_WORDS] = (start, end)
            refused = reach.get(_NON_COVERAGE)
            if kind == "genre" and refused is not None and refused[0] <= start and end <= refused[1]:
                continue  # « niet vergoed door de zorgverzekeraar »: an insurer refusing, no hospital's page
            if kind == "reporting_context" and entries[idx].subkind == _NON_COVERAGE:
                reach[_NON_COVERAGE] = (start, end)
            own = reach.get(_RESIDENT_CELLS)
            if kind == "therapy" and own is not None and own[0] <= start and end <= own[1]:
                continue  # "hair follicle stem cells" are the body's own cells, "plant stem cells" a plant's
            if kind == "cue" and entries[idx].subkind in _NOT_PRODUCT_CELLS and (own is None or end > own[1]):
                reach[_RESIDENT_CELLS] = (start, end)
            prev = reach.get(kind)
            if (
                prev is not None
                and prev[0] <= start
                and end <= prev[1]
                and (prev[0], prev[1]) != (start, end)
            ):
                continue
            if prev is None or end > prev[1]:
                reach[kind] = (start, end)
            kept.append((start, end, idx))
        return kept

    # -- analysis ----------------------------------------------------------------------
    @property
    def producer(self) -> Producer:
        """Who derives the findings: name, version and the digest of lexicons + weights."""
        from vigipub import __version__

        return Producer(
            name="vigipub.detect",
            version=__version__,
            params_digest=params_digest(
                {"lexicon": self.lexicon.source_digest, "verdict": self.model.digest}
            ),
        )

    def analyze_site(self, analyses: list[PageAnalysis], url: str | None = None) -> PageAnalysis:
        """One verdict over the analyses of a site's pages (``source="site"``).

        Judge the pages in their site's context first (:meth:`judge_in_sites`): the site is
        promotion when one of its pages is.
        """
        site_url = url or (analyses[0].url if analyses else "")
        return self.model.decide_site(site_url, analyses)

    def judge_in_sites(self, analyses: list[PageAnalysis]) -> list[PageAnalysis]:
        """Each page judged again with what the other pages of its site (same registrable
        domain, :func:`vigipub.evidence.sites.site_of`) establish."""
        from .site import judge_sites

        return judge_sites(self.model, analyses)

    def analyze(self, doc: Document) -> PageAnalysis:
        """Findings and verdict for one document. Never raises on page content."""
        text = doc.text
        warnings = list(doc.warnings)
        if not text or text.isspace():  # (not text.strip(), without copying the text)
            return self.model.empty(doc, warnings)
        folded = fold(text)
        sidx = SentenceIndex(doc)
        block_langs = {b.language for b in doc.blocks}
        entries = self.entries
        groups: dict[tuple[str, str, int, int], _Group] = {}
        cues: dict[tuple[int, int], set[str]] = {}
        #: where a sentence names a plant (« rose », "centella"), for the vesicles it made
        plants: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for start, end, idx in self._matches(doc, folded, sidx, block_langs):
            entry = entries[idx]
            s, e = sidx.sentence(start, end)
            if entry.kind == "cue":
                cues.setdefault((s, e), set()).add(entry.subkind)
                if entry.subkind == _PLANT_SOURCE:
                    plants.setdefault((s, e), []).append((start, end))
                continue
            key = (entry.kind, entry.subkind, s, e)
            group = groups.get(key)
            if group is None:
                group = _Group(
                    entry.kind,
                    entry.subkind,
                    s,
                    e,
                    text[start:end],
                    start,
                    attributes=dict(entry.attributes),
                    weight=entry.weight,
                    language=entry.language,
                )
                groups[key] = group
            if entry.id not in group.entry_ids:
                group.entry_ids.append(entry.id)
                group.weight = max(group.weight, entry.weight)
                if "inferred" not in entry.attributes:
                    # a sentence the lexicon reads as a claim outright is not only inferred
                    # because an inferred-only entry (an effect verb beside a therapy) came first
                    group.attributes.pop("inferred", None)
        notices = any(_NOTICES & subkinds for subkinds in cues.values())
        if groups and notices:
            _drop_cookie_notices(groups, cues, sidx)
        if groups and any(_NEWSLETTER in subkinds for subkinds in cues.values()):
            _drop_newsletter_calls(groups, cues)
        if plants:
            dropped = _drop_plant_vesicles(groups, plants, folded)
            for span in dropped + (_plant_page_vesicles(groups) if dropped else []):
                self._add(groups, "genre", COSMETIC_GENRE, span, "", span[0], "cue.plant_vesicles")
        for span, subkinds in cues.items():
            if _PLANT_CELLS in subkinds:
                # « crème aux cellules souches végétales »: a cosmetic's ingredient
                self._add(groups, "genre", COSMETIC_GENRE, span, "", span[0], "cue.plant_cells")
        _drop_lone_hints(groups, self._hint_ids)
        _drop_generic_transplants(groups, self._generic_transplant_ids)
        _drop_unrelated_sources(groups, self._source_ids)
        for span in _drop_stem_cells_of_no_product(groups, cues):
            # weight enough for the page's genre from one mention (a repeated cue counts once)
            self._add(groups, "genre", SUPPLEMENT_GENRE, span, "", span[0], "cue.food_supplement", 1.5)
        _drop_denied_approvals(groups)
        by_sentence: dict[tuple[int, int], set[str]] = {}
        for kind, _sub, s, e in groups:
            by_sentence.setdefault((s, e), set()).add(kind)
        self._regex_findings(doc, text, folded, sidx, groups, cues, by_sentence)
        self._signed_stories(doc, text, folded, sidx, groups)
        self._french_storytellers(sidx, groups)
        if notices:
            # the first person of a notice (« Enregistrer mon nom », "Save my preferences") made
            # no story either
            _drop_cookie_notices(groups, cues, sidx)
        self._page_signals(doc, text, sidx, groups, by_sentence, block_langs)
        blood = _blood_cancers_only(groups)
        if blood is not None:
            self._add(groups, "genre", "authorised_medicine_info", blood, "", blood[0], "pattern.blood_cancers_only", 0.8)
        findings = self._findings(doc, folded, sidx, groups, by_sentence, cues, warnings)
        hidden = structured_identity_start(doc.blocks)
        if hidden is not None:
            # the lines extraction wrote of the page's schema.org identity are for the operator's
            # reader: no visible sentence, so no finding (« Lyon » in it is no French city shown)
            findings = [f for f in findings if f.start < hidden]
        return self.model.decide(doc, findings, warnings)

    def _signed_stories(
        self,
        doc: Document,
        text: str,
        folded: str,
        sidx: SentenceIndex,
        groups: dict[tuple[str, str, int, int], _Group],
    ) -> None:
        """A first-person quotation signed by its teller (« … » — Gérard, 71 ans, Lyon) is a
        patient's story, whatever words it uses (« j'ai repris 4 kilos de muscle »).

        The lexicon knows the common phrasings of a story; the signature is how a testimonials
        section shows one in any language. The sentence before the signature must be quoted
        and in the first person: a dash after a list item or a heading signs nothing.
        """
        for count, m in enumerate(patterns.signatures(text)):
            if count >= _MAX_SIGNED_STORIES:
                break
            end = m.start()
            while end > 0 and text[end - 1] in " \t\n":
                end -= 1
            if end == 0 or text[end - 1] not in _STORY_CLOSE:
                continue  # the signature follows no quotation
            # the quotation: from its opening mark, in the story's paragraph or the one before
            # the signature's own line
            head = text[max(0, end - _STORY_MAX_CHARS) : end - 1]
            opened = max(head.rfind(c) for c in _STORY_OPEN)
            if opened < 0:
                continue
            opened += max(0, end - _STORY_MAX_CHARS)
            cue = self._first_person(doc, folded, opened, end, sidx.block_of(opened))
            if cue is None:
                continue
            # the sentence holding the first person (« je », « mon »…) is the story's quote
            s, e = sidx.sentence(cue.start(), cue.end())
            e = min(e, end)  # the signature is not part of the story
            self._add(groups, "testimonial", "testimonial", (s, e), "", s, "pattern.signed_story", 1.0, {"signed": "yes"})

    def _first_person(self, doc: Document, folded: str, s: int, e: int, block: int) -> re.Match[str] | None:
        """The first first-person word (« je », « mon », "my", „ich“…) of ``folded[s:e]``, in the
        language of its block (else the page's)."""
        lang = doc.blocks[block].language if doc.blocks else None
        first_person = self.lexicon.sentence_cues.get(("first_person", lang or doc.language or ""))
        return first_person.search(folded, s, e) if first_person is not None else None

    def _french_storytellers(self, sidx: SentenceIndex, groups: dict[tuple[str, str, int, int], _Group]) -> None:
        """A patient's story signed from a French city (« … » – Karim, Lyon) is a French patient's.

        The signature follows the story in its paragraph, or makes a short paragraph of its own
        right after it; the city is quoted as the French patient's (the decision then says that
        the testimonials include French patients, as the Iaso decision does).
        """
        cities = [g for k, g in groups.items() if k[0] == "france_targeting" and k[1] == "french_city"]
        if not cities:
            return
        # the stories by block: a city is only compared with the stories of its own block and
        # of the one before (a page of 20,000 signed stories was 20,000² comparisons)
        stories: dict[int, list[tuple[int, int]]] = {}
        for (kind, _sub, s, e), g in groups.items():
            if kind == "testimonial" and g.attributes.get("inferred") != "yes":
                stories.setdefault(sidx.block_of(s), []).append((s, e))
        for city in cities:
            bi = sidx.block_of(city.start)
            nearby = [(b, s, e) for b in (bi, bi - 1) for s, e in stories.get(b, ())]
            for story_block, s, e in nearby:
                signed_after = 0 <= city.start - e <= _SIGNATURE_REACH or (s <= city.start < e)
                own_line = bi == story_block + 1 and city.end - sidx.block_span(bi)[0] <= _SIGNATURE_REACH
                if (bi == story_block and signed_after) or own_line:
                    self._add(
                        groups,
                        "france_targeting",
                        "french_patient",
                        (city.start, city.end),
                        city.match,
                        city.match_start,
                        "pattern.french_patient_story",
                        1.0,
                    )
                    break

    def _advertorial_marker(self, host: str, path: str, title: str | None) -> tuple[str, str] | None:
        """("host", the wire) when the page is on a paid press-release wire
        (``common.yaml`` ``paid_release_hosts``); ("address" or "title", the marker) when its
        address path or title declares it paid content (``advertorial_markers``); else None."""
        wire = next((h for h in self.lexicon.paid_release_hosts if host == h or host.endswith("." + h)), None)
        if wire is not None:
            return "host", wire
        for where, raw in (("address", path), ("title", title)):
            marker = _marker_in(raw, self.lexicon.advertorial_markers)
            if marker is not None:
                return where, marker
        return None

    def _job_posting_marker(self, path: str, title: str | None) -> tuple[str, str] | None:
        """("address" or "title", the marker) when a whole segment of the page's address path
        (« /de/karriere/… ») or words of its title (« Stellenangebot : … ») declare a job
        advertisement (``common.yaml`` ``job_posting_segments`` and ``job_posting_titles``)."""
        for segment in path.split("/"):
            words = address_words(segment)
            if words in self.lexicon.job_posting_segments:
                return "address", words
        marker = _marker_in(title, self.lexicon.job_posting_titles)
        return ("title", marker) if marker is not None else None

    def _add(
        self,
        groups: dict[tuple[str, str, int, int], _Group],
        kind: str,
        sub: str,
        span: tuple[int, int],
        match: str,
        match_start: int,
        entry_id: str,
        weight: float = 1.0,
        attributes: dict[str, str] | None = None,
    ) -> None:
        key = (kind, sub, span[0], span[1])
        if key in groups:
            if entry_id not in groups[key].entry_ids:
                groups[key].entry_ids.append(entry_id)
            return
        groups[key] = _Group(
            kind, sub, span[0], span[1], match, match_start, [entry_id], dict(attributes or {}), weight
        )

    def _regex_findings(
        self,
        doc: Document,
        text: str,
        folded: str,
        sidx: SentenceIndex,
        groups: dict[tuple[str, str, int, int], _Group],
        cues: dict[tuple[int, int], set[str]],
        by_sentence: dict[tuple[int, int], set[str]],
    ) -> None:
        has_therapy = any(k[0] == "therapy" for k in groups)
        reporting = _reporting_sentences(groups)
        spans = set(cues) | {span for span, kinds in by_sentence.items() if kinds & _CANDIDATE_KINDS}
        for s, e in sorted(spans):
            sentence = text[s:e]
            kinds = by_sentence.get((s, e), set())
            cue = cues.get((s, e), set())
            price = None
            if "price" in cue:
                price = patterns.PRICE.search(sentence)
                # « SAS au capital de 10 000 € » (a legal notice) is not a price of anything
                # nor is "US$818 billion" (the cost of a disease, the size of a market)
                while price is not None and (
                    patterns.SHARE_CAPITAL.search(sentence, 0, price.start())
                    or patterns.ECONOMIC_SCALE.match(sentence, price.end())
                ):
                    price = patterns.PRICE.search(sentence, price.end())
                # a price the page reports (« patients paid up to €30,000 ») is not an offer;
                # a price list that does not name the therapy again is kept (site context
                # relates it to the therapy its site names elsewhere)
                if price is not None and (s, e) not in reporting:
                    self._add(
                        groups,
                        "call_to_action",
                        "price",
                        (s, e),
                        price.group(),
                        s + price.start(),
                        "pattern.price",
                        1.0,
                    )
                    if patterns.EURO.search(price.group()):
                        self._add(
                            groups,
                            "france_targeting",
                            "euro_price",
                            (s, e),
                            price.group(),
                            s + price.start(),
                            "pattern.euro_price",
                            0.5,
                        )
            # The figure regexes are the costliest: run them only where a figure can matter
            # (an efficacy cue or a claim/therapy/disease sentence) and can exist (a digit or a
            # figure word such as "percent", "sur dix", "fois").
            if (
                price is None
                and ("efficacy" in cue or kinds & _FIGURE_KINDS)
                and ("figure" in cue or _DIGIT.search(sentence) is not None)
            ):
                fig = patterns.find_figure(sentence)
                if fig is not None:
                    self._add(
                        groups,
                        "claim",
                        "efficacy_figure",
                        (s, e),
                        fig.group(),
                        s + fig.start(),
                        "pattern.efficacy_figure",
                        1.0,
                    )
                    by_sentence.setdefault((s, e), set()).add("claim")
                    kinds = by_sentence[(s, e)]
            if "claim" not in kinds and (
                ("therapy" in kinds and ("disease" in kinds or "efficacy" in cue))
                or ("disease" in kinds and "efficacy" in cue and has_therapy)
            ):
                # A sentence tying the product to a disease or to patients' outcomes is a
                # therapeutic claim even when its verb is not in the lexicon. Listed for the
                # investigator (inferred=yes) but not counted by the verdict, which relies on
                # lexicon claims only.
                self._add(
                    groups,
                    "claim",
                    "treat",
                    (s, e),
                    "",
                    s,
                    "pattern.therapy_outcome",
                    0.5,
                    {"inferred": "yes"},
                )
            if (
                has_therapy
                and kinds & {"claim", "disease", "therapy"}
                and self._first_person(doc, folded, s, e, sidx.block_of(s))
            ):
                # A first-person sentence about the disease or its outcome on a page that names a
                # therapy reads as a patient's story (testimonial), quoted or not.
                self._add(
                    groups,
                    "testimonial",
                    "first_person_outcome",
                    (s, e),
                    "",
                    s,
                    "pattern.first_person_outcome",
                    1.0,
                )
                by_sentence.setdefault((s, e), set()).add("testimonial")
        if has_therapy:
            for count, m in enumerate(patterns.FRENCH_PHONE.finditer(text)):
                if count >= 5:
                    break
                span = sidx.sentence(m.start(), m.end())
                self._add(
                    groups,
                    "france_targeting",
                    "french_phone",
                    span,
                    m.group(),
                    m.start(),
                    "pattern.french_phone",
                    1.0,
                )
            # First-person sentences anywhere on a page that sells a therapy are patients'
            # stories ("Eighteen months later I'm still hiking"): listed as inferred
            # testimonials for the investigator; the verdict does not count them.
            first_person = self.lexicon.sentence_cues.get(("first_person", doc.language or ""))
            if first_person is not None:
                taken = {(k[2], k[3]) for k in groups if k[0] == "testimonial"}
                # a button in the reader's voice (« Demander mon devis gratuit », "Book my
                # consultation") is the site's call, not a patient's story
                buttons = {(k[2], k[3]) for k in groups if k[0] == "call_to_action" and k[3] - k[2] <= 60}
                # the same for a link's whole label the lexicon does not know (« Réserver mon
                # séjour », "Start my journey"): a patient's story is never a link's label
                link_labels = {fold(link.text).strip() for link in doc.links if 0 < len(link.text) <= 60}
                for count, m in enumerate(first_person.finditer(folded)):
                    if count >= 200:
                        break
                    span = sidx.sentence(m.start(), m.end())
                    if span in taken or span in buttons or len(taken) >= 60:
                        continue
                    if link_labels and folded[span[0] : span[1]].strip(" .!»«\"") in link_labels:
                        continue
                    taken.add(span)
                    self._add(
                        groups,
                        "testimonial",
                        "first_person",
                        span,
                        "",
                        span[0],
                        "pattern.first_person_story",
                        0.5,
                        {"inferred": "yes"},
                    )

    def _page_signals(
        self,
        doc: Document,
        text: str,
        sidx: SentenceIndex,
        groups: dict[tuple[str, str, int, int], _Group],
        by_sentence: dict[tuple[int, int], set[str]],
        block_langs: set[str | None],
    ) -> None:
        """Page-level signals (language, locale, metadata), quoted on a relevant sentence."""
        # the earliest therapy or claim sentence (the first one added, on a tie)
        anchor: tuple[int, int] | None = None
        for kind, _sub, s, e in groups:
            if (kind == "therapy" or kind == "claim") and (anchor is None or s < anchor[0]):
                anchor = (s, e)
        first = sidx.sentence_at_block(0)
        french_block = None
        if "fr" in block_langs:  # most pages have no French block: no walk over all blocks
            for bi, block in enumerate(doc.blocks):
                if block.language == "fr" and block.end - block.start >= 40:
                    french_block = bi
                    break
        if doc.language == "fr" or french_block is not None:
            span = (
                anchor
                if anchor and doc.language == "fr"
                else (sidx.sentence_at_block(french_block) if french_block is not None else first)
            )
            self._add(
                groups,
                "france_targeting",
                "french_language",
                span,
                "",
                span[0],
                "page.language_fr",
                1.0,
                {"page_language": str(doc.language)},
            )
        locales = []
        if doc.html_lang and doc.html_lang.lower().replace("_", "-") in ("fr-fr", "fr-fx"):
            locales.append(f"html lang={doc.html_lang}")
        if doc.meta.get("og:locale", "").lower() in ("fr_fr", "fr-fr"):
            locales.append(f"og:locale={doc.meta['og:locale']}")
        for link in doc.links:
            if link.hreflang and link.hreflang.lower() in ("fr", "fr-fr"):
                locales.append(f"hreflang={link.hreflang} {link.url}")
                break
        if locales:
            self._add(
                groups,
                "france_targeting",
                "fr_variant",
                first,
                "",
                first[0],
                "page.fr_variant",
                1.0,
                {"evidence": "; ".join(locales)[:300]},
            )
        address = urlsplit(doc.url)
        host = (address.hostname or "").lower()
        if host.endswith(".fr"):
            self._add(
                groups,
                "france_targeting",
                "fr_domain",
                first,
                "",
                first[0],
                "page.fr_domain",
                1.0,
                {"host": host},
            )
        # The first listed suffix the host ends with: look up each of the host's suffixes
        # (a few) rather than test every listed one. « gov.* » stands for gov and a country code.
        genre = None
        rank = len(self._genre_rank)
        country = host.rsplit(".", 1)[-1]
        wildcard = len(country) == 2 and country.isalpha()
        at = -1
        while True:
            suffix = host[at + 1 :]
            found = self._genre_rank.get(suffix)
            if found is not None and found[0] < rank:
                rank, genre = found
            if wildcard and suffix != country:
                found = self._genre_rank.get(suffix[: -len(country)] + "*")
                if found is not None and found[0] < rank:
                    rank, genre = found
            at = host.find(".", at + 1)
            if at < 0:
                break
        if genre:
            self._add(groups, "genre", genre, first, "", first[0], f"host.{genre}", 3.0, {"host": host})
        if any(k[0] == "therapy" for k in groups):
            # a dated page (« 7 avril 2021 ») reads as news or a notice: a cue the verdict weighs
            m = patterns.find_date(text)
            if m is not None:
                span = sidx.sentence(m.start(), m.end())
                self._add(groups, "genre", "news", span, m.group(), m.start(), "pattern.date", 0.5)
            # quoted speech and years: the frame of a report (who said what, when)
            quoted = (m for m in _QUOTED.finditer(text) if len(m.group().split()) >= _QUOTED_MIN_WORDS)
            # a patient's story in quotation marks (« "Our son … he said 'mama' for the first
            # time" » on a clinic's testimonials page) is a testimonial, not the frame of a report:
            # neither a quotation cue nor the speech verbs inside it ("he said 'mama'")
            stories = {(k[2], k[3]) for k, g in groups.items() if k[0] == "testimonial" and "inferred" not in g.attributes}
            for count, m in enumerate(quoted):
                if count >= 5:
                    break
                span = sidx.sentence(m.start(), m.end())
                if any(m.start() <= start + 1 and start < m.end() for start, _end in stories):
                    for key in [k for k in groups if k[0] == "reporting_context" and k[1] == "journalism"]:
                        if m.start() <= key[2] + 1 and key[3] <= m.end() + 1:
                            del groups[key]
                    continue
                self._add(groups, "reporting_context", "quotation", span, m.group()[:80], m.start(), "pattern.quotation", 1.0)
            cited = list(_CITATION.finditer(text, 0, _CITATION_REACH))
            if len({c.group() for c in cited}) >= 2 or any(not c.group().strip("[]").isdigit() for c in cited):
                cite = cited[0]
                span = sidx.sentence(cite.start(), cite.end())
                self._add(groups, "genre", "science", span, cite.group(), cite.start(), "pattern.citations", 0.6)
            for count, m in enumerate(m for m in _YEAR.finditer(text) if not patterns.not_chronology(text, m)):
                if count >= 5:
                    break
                span = sidx.sentence(m.start(), m.end())
                self._add(groups, "genre", "news", span, m.group(), m.start(), "pattern.year", 0.2)
        if any(k[0] == "therapy" for k in groups):
            # what the publisher says the page is, by its host, address or title (the text names
            # no more than the first sentence): paid content (an advertorial, a paid wire's
            # release), or a job advertisement (a careers page)
            path = unquote(address.path)
            for declared_genre, entry_id, declared in (
                (ADVERTORIAL_GENRE, "page.advertorial", self._advertorial_marker(host, path, doc.title)),
                (JOB_POSTING_GENRE, "page.job_posting", self._job_posting_marker(path, doc.title)),
            ):
                if declared is not None:
                    where, marker = declared
                    attributes = {"marker": marker, "where": where}
                    self._add(groups, "genre", declared_genre, first, "", first[0], entry_id, 1.0, attributes)
        charity = next((w for w in self.lexicon.charity_host_words if w in host), None)
        if charity is not None:
            # the site is a foundation's (« fondationhmr.ca », "uzafoundation.be"): it raises
            # funds and informs, as an association does (a cue as weak as « faire un don »)
            self._add(
                groups, "genre", "patient_association", first, "", first[0], "host.charity", 0.8, {"host": host, "term": charity}
            )
        named = next((t for t in self.lexicon.address_therapy_terms if t in host), None)
        if named is not None:
            # the site is named after the therapy (« stemcell-clinic.example »)
            self._add(
                groups, "offer", "site_name", first, "", first[0], "host.therapy_name", 1.0, {"host": host, "term": named}
            )
        if (
            doc.language == OTHER_LANGUAGE
            and any(k[0] == "therapy" for k in groups)
            and not any(k[0] == "call_to_action" for k in groups)
        ):
            # A page in a language without a lexicon: a phone number is one of the few
            # signs of an offer that can be read without the language.
            m = _PHONE.search(text)
            if m is not None:
                span = sidx.sentence(m.start(), m.end())
                self._add(
                    groups, "call_to_action", "contact", span, m.group(), m.start(), "pattern.phone", 1.0
                )
        types = (doc.meta.get("jsonld_types", "") + " " + doc.meta.get("og:type", "")).lower().split()
        for names, g, w in (
            (_NEWS_TYPES, "news", 1.5),
            (_CLINIC_TYPES, "clinic", 1.0),
            (_SCIENCE_TYPES, "science", 1.5),
        ):
            hit = next((t for t in types if t in names), None)
            if hit:
                self._add(groups, "genre", g, first, "", first[0], f"meta.{g}", w, {"meta": hit})
        if doc.meta.get("citation_doi") or doc.meta.get("citation_journal_title"):
            self._add(groups, "genre", "science", first, "", first[0], "meta.citation", 2.0, {})

    def _findings(
        self,
        doc: Document,
        folded: str,
        sidx: SentenceIndex,
        groups: dict[tuple[str, str, int, int], _Group],
        by_sentence: dict[tuple[int, int], set[str]],
        cues: dict[tuple[int, int], set[str]],
        warnings: list[str],
    ) -> list[Finding]:
        key = _url_key(doc)
        record = doc.record
        record_id = record.record_id if record else None
        digest = record.payload_digest if record else None
        text = doc.text
        url = doc.url
        language = doc.language
        out: list[Finding] = []
        per_subkind: dict[tuple[str, str], int] = {}
        headings: dict[int, bool] = {}
        blocks = doc.blocks
        reporting = _reporting_sentences(groups)
        sources = _vesicle_sources(groups, folded)
        # sentences whose cells all made the exosomes: how they were grown (« cellules souches
        # cultivées en laboratoire ») is not a manipulation of the product, which holds no cells
        # (« médecine régénérative », « thérapie cellulaire » name no cells that could be grown)
        made_in = {key[2:] for key in sources} - {
            key[2:]
            for key in groups
            if key[0] == "therapy" and key[1] in _CELL_FAMILIES - GENERIC_FAMILIES and key not in sources
        }
        # a culture named inside the product's own name ("stem cell culture supernatant") made it
        inside = _inside_vesicle_names(groups)
        for (kind, sub, s, e), g in sorted(groups.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
            # inferred findings (evidence the verdict does not weigh) have their own quota:
            # they must not push the weighed findings of their subkind out of the list
            cap_key = (kind, sub + " (inferred)" if "inferred" in g.attributes else sub)
            count = per_subkind.get(cap_key, 0) + 1
            per_subkind[cap_key] = count
            if count > MAX_FINDINGS_PER_SUBKIND:
                continue
            kinds = by_sentence.get((s, e), set())
            confidence = 0.9
            attrs = g.attributes
            if kind in ("claim", "testimonial"):
                if _inside_quotes(text, s, g.match_start):
                    attrs = {**attrs, "quoted": "yes"}
                if kind == "testimonial" and attrs.get("outcome") == "yes":
                    # « après le traitement » tells a patient's story in the first person or in
                    # quotation marks; otherwise it is the provider speaking of its patients
                    attrs = {k: v for k, v in attrs.items() if k != "outcome"}
                    if attrs.get("quoted") != "yes" and not self._first_person(doc, folded, s, e, sidx.block_of(s)):
                        attrs["third_person"] = "yes"
                if (s, e) in reporting or "negation" in cues.get((s, e), set()):
                    confidence = 0.4
                    attrs = {**attrs, "reported": "yes"}
                elif not kinds & {"therapy", "disease"}:
                    confidence = 0.6
            if (kind, sub, s, e) in sources or (kind == "manipulation" and ((s, e) in made_in or (kind, sub, s, e) in inside)):
                # « exosomes dérivés de cellules souches mésenchymateuses »: the cells made the
                # product, they are not in it (the qualification's families leave them out), nor
                # is their culture a manipulation of the product
                attrs = {**attrs, "source": "yes"}
            if (
                kind == "genre"
                and blocks
                and g.entry_ids
                and all(i in self._section_ids for i in g.entry_ids)
                and _in_menu(blocks[sidx.block_of(s)], e)
            ):
                # a menu's « Notre équipe », "Our team": a section of any organisation's site, a
                # newspaper's or a health agency's too, not the page speaking (with a therapy
                # named, "Our team" in its menu made a health unit's warning an offer)
                continue
            # where the page put it: the block of its sentence, looked up once
            block = sidx.block_of(s) if blocks and (kind in _MENU_KINDS or kind in _HEADING_KINDS) else -1
            if block >= 0 and kind in _MENU_KINDS:
                if kind == "testimonial":
                    # the paragraph a story sentence stands in: a patient's story of three
                    # sentences is one testimonial, not three (the decision counts stories)
                    attrs = {**attrs, "block": str(block)}
                if _in_menu(blocks[block], e):
                    # a menu entry (« Témoignages », « Devis gratuit »): evidence that the site has
                    # such a section, never a sentence to quote (the verdict still counts it)
                    attrs = {**attrs, "menu": "yes"}
                elif blocks[block].end >= e and blocks[block].tag in _TITLES:
                    # a section's title (« Ils ont retrouvé leur vitalité »): quoted only when the
                    # page's sentences leave room (the verdict's features do not read it)
                    attrs = {**attrs, "heading": "yes"}
            elif block >= 0:  # a therapy or a disease: the verdict's title features read it
                heading = headings.get(block)
                if heading is None:
                    heading = headings[block] = _is_heading(text, blocks[block])
                if heading:
                    attrs = {**attrs, "heading": "yes"}
                if _in_menu(blocks[block], e):
                    # « Accueil Vaccin dendritique Résultats »: the menu names the therapy; the
                    # report lists the page's sentences, not its menu (the verdict reads as before)
                    attrs = {**attrs, "menu": "yes"}
            # Finding's fields, in declaration order (model_dump and the JSON follow it)
            out.append(
                make_finding(
                    {
                        "id": f"{key}:{kind}:{s}-{e}:{g.entry_ids[0]}",
                        "kind": kind,  # lexicon kinds are checked at load
                        "subkind": sub,
                        "quote": text[s:e],
                        "start": s,
                        "end": e,
                        "match": g.match,
                        "language": g.language or language,
                        "confidence": confidence,
                        "url": url,
                        "record_id": record_id,
                        "payload_digest": digest,
                        "entry_ids": list(g.entry_ids),
                        "attributes": {**attrs, "weight": f"{g.weight:g}"},
                    }
                )
            )
        for (kind, sub), count in per_subkind.items():
            if count > MAX_FINDINGS_PER_SUBKIND:
                warnings.append(
                    f"{count - MAX_FINDINGS_PER_SUBKIND} more {kind}/{sub} findings not listed "
                    f"(first {MAX_FINDINGS_PER_SUBKIND} kept)"
                )
        return out


#: families naming cells, which may be the source of such a product
_CELL_FAMILIES = frozenset(
    family
    for family, (_fr, _en, atmp) in THERAPY_FAMILIES.items()
    if atmp and family not in ("gene_therapy", "cancer_vaccine")
)
#: « exosomes dérivés de | issus de | derived from | aus | derivati da… cellules »: words (folded)
#: saying that what follows made the product
_FROM_CELLS = re.compile(
    r"(?<!\w)(?:d[ée]riv\w*|issu\w*|proven\w*|produit\w* par|s[ée]cr[ée]t\w*(?: par| by)?|"
    r"derived|from|produced by|secreted by|isolated from|obtained from|aus|von|gewonnen|stammend|"
    r"derivat\w*|provenient\w*|ottenut\w*|derivad\w*|procedent\w*|obtenid\w*|afkomstig|uit|"
    r"t[üu]retil\w*|kaynakl\w*|de|des|du|d'|da|dalla|dalle|dal|della|delle|di|del|van)(?!\w)"
)
#: what may stand between a source and the vesicles it made, the source first: « -derived »,
#: „gewonnene“, « dérivés »…
_DERIVED = r"[\s\-]*(?:d[ée]riv\w*|derived|gewonnen\w*|abgeleitet\w*|derivat\w*|derivad\w*)?[\s\-]*"
#: « MSC-derived exosomes », „aus Stammzellen gewonnene Exosomen“: the cells first
_DERIVED_BEFORE = re.compile(rf"^{_DERIVED}$")
#: vesicles named just after a plant (« Centella asiatica-derived plant exosomes », "rose
#: exosomes", « Apfel-Exosomen »): the plant's, wherever the sentence's first vesicles were
_PLANT_VESICLES_AFTER = re.compile(
    rf"{_DERIVED}(?:plant\s+|vegetal\w*\s+)?(?:exosom|exossom|vesicul|vesicle|vesikel|nanovesic)"
)
_AND = re.compile(r"(?<!\w)(?:et|and|und|y|e|en|ve|ou|or|oder|o|ou|als auch|sowie|ainsi que|as well as)(?!\w)")
#: characters between the two names, at most
_SOURCE_GAP = 40
#: a verb that says the cells made the product (« sécrétées par », "released by", „gewonnen aus“)
#: lets the sentence describe the vesicles first: « Les exosomes sont de minuscules vésicules
#: sécrétées par des cellules souches »
_MADE_BY = re.compile(
    r"(?<!\w)(?:d[ée]riv\w*|issu\w*|s[ée]cr[ée]t\w*|lib[ée]r[ée]\w*|produit\w*|derived|secreted|released|"
    r"produced|isolated|obtained|gewonnen|freigesetzt|sezerniert|abgesondert|stammend|derivat\w*|secret\w*|"
    r"rilasciat\w*|prodott\w*|liberad\w*|producid\w*|secretad\w*|afgescheiden|salg\w*|"
    r"t[üu]retil\w*)(?!\w)"
)
#: characters between the two names when such a verb stands between them, at most
_MADE_BY_GAP = 100


#: an active verb of release between cells and what they make (« les cellules souches libèrent
#: des exosomes », "MSCs secrete growth factors"; folded text)
_RELEASES = re.compile(
    r"(?<!\w)(?:liberent|libere|secretent|secrete|secretes|produisent|release|releases|produce|produces|"
    r"setzen|freisetzen|sezernieren|liberan|libera|secretan|secreta|producen|rilasciano|rilascia|secernono|"
    r"secerne|producono|liberam|secretam|produzem|afgeven|scheiden|salgilar|salgilarlar)(?!\w)"
)


def _inside_vesicle_names(groups: dict[tuple[str, str, int, int], _Group]) -> set[tuple[str, str, int, int]]:
    """Manipulations whose words lie inside the name of a secretome or exosome product: the
    "cell culture" of "stem cell culture supernatant" is what made the product."""
    names = [
        (k[2:], g.match_start, g.match_start + len(g.match))
        for k, g in groups.items()
        if k[0] == "therapy" and k[1] in VESICLE_FAMILIES
    ]
    if not names:
        return set()
    return {
        k
        for k, g in groups.items()
        if k[0] == "manipulation"
        and any(span == k[2:] and a <= g.match_start and g.match_start + len(g.match) <= b for span, a, b in names)
    }


def _names_its_source(gap: str) -> bool:
    """Whether ``gap``, between the vesicles and what follows them, says that it made them: a
    word of origin nearby (« exosomes issus de… », « exosomes de… »), or a verb of making a bit
    further (« … vésicules sécrétées par… »), and no conjunction (« exosomes et cellules souches »
    are two products)."""
    near = len(gap) <= _SOURCE_GAP and (not gap.strip(" -") or _FROM_CELLS.search(gap) is not None)
    made_by = near or (len(gap) <= _MADE_BY_GAP and _MADE_BY.search(gap) is not None)
    return made_by and not _AND.search(gap)


def _vesicle_sources(groups: dict[tuple[str, str, int, int], _Group], folded: str) -> set[tuple[str, str, int, int]]:
    """The cell therapies a sentence names as the source of its exosomes or secretome.

    « exosomes dérivés de cellules souches mésenchymateuses », "exosomes from umbilical cord
    MSCs", "MSC-derived exosomes": the product is the vesicles. « des injections d'exosomes et
    de cellules souches » names two products (a conjunction between them).
    """
    vesicles: dict[tuple[int, int], list[_Group]] = {}
    for (kind, sub, s, e), g in groups.items():
        if kind == "therapy" and sub in VESICLE_FAMILIES:
            vesicles.setdefault((s, e), []).append(g)
    if not vesicles:
        return set()
    out: set[tuple[str, str, int, int]] = set()
    sources_in: dict[tuple[int, int], list[_Group]] = {}  # the sources found, by sentence
    cells = sorted(
        ((key, g) for key, g in groups.items() if key[0] == "therapy" and key[1] in _CELL_FAMILIES and key[2:] in vesicles),
        key=lambda kv: kv[1].match_start,
    )
    for key, g in cells:
        # what made the product comes after it (« exosomes issus de cellules souches ») or just
        # before it (« MSC-derived exosomes »); a source's own source follows it (« … de cellules
        # souches mésenchymateuses de cordon ombilical »)
        before = vesicles[key[2:]] + sources_in.get(key[2:], [])
        for v in before:
            v_end, c_start = v.match_start + len(v.match), g.match_start
            if v_end <= c_start:
                if _names_its_source(folded[v_end:c_start]):
                    out.add(key)
                    sources_in.setdefault(key[2:], []).append(g)
                    break
            elif (
                v.subkind in VESICLE_FAMILIES
                and g.match_start + len(g.match) <= v.match_start
                and (
                    _DERIVED_BEFORE.match(gap := folded[g.match_start + len(g.match) : v.match_start])
                    # « les cellules souches libèrent des exosomes »: the cells, then their making
                    or (len(gap) <= _MADE_BY_GAP and _RELEASES.search(gap) is not None)
                )
            ):
                out.add(key)
                sources_in.setdefault(key[2:], []).append(g)
                break
    return out


def _drop_cookie_notices(
    groups: dict[tuple[str, str, int, int], _Group], cues: dict[tuple[int, int], set[str]], sidx: SentenceIndex
) -> None:
    """Drop what was found in a cookie-consent notice: « Nous utilisons des cookies pour
    améliorer votre expérience » is no protocol (« nous utilisons ») nor a claim, on every page
    a browser renders. The notice is its paragraph when that is short (its other sentences,
    « En cliquant sur Accepter… », belong to it), else the sentence naming the cookies. A
    comment form's notices go the same way: « Enregistrer mon nom, mon e-mail et mon site
    web… » is no patient's story."""
    spans: list[tuple[int, int]] = []
    for (s, e), subkinds in cues.items():
        if _NOTICES & subkinds:
            bs, be = sidx.block_span(sidx.block_of(s))
            spans.append((bs, be) if be - bs <= _NOTICE_MAX_CHARS else (s, e))
    for key in [k for k in groups if any(s <= k[2] and k[3] <= e for s, e in spans)]:
        del groups[key]


def _drop_newsletter_calls(groups: dict[tuple[str, str, int, int], _Group], cues: dict[tuple[int, int], set[str]]) -> None:
    """Drop the calls to action of a sentence offering a newsletter: « Inscrivez-vous à notre
    newsletter », "Sign up for our newsletter" stand in every site's footer, a newspaper's too,
    and sign no one up for a treatment (the words « inscrivez-vous », "sign up" do elsewhere)."""
    spans = {span for span, subkinds in cues.items() if _NEWSLETTER in subkinds}
    for key in [k for k in groups if k[0] == "call_to_action" and k[2:] in spans]:
        del groups[key]


def _drop_denied_approvals(groups: dict[tuple[str, str, int, int], _Group]) -> None:
    """Drop the authorised-medicine genre of a sentence that says the product is not approved:
    "It hasn't been approved by the FDA for hair restoration", « n'est pas autorisé par l'ANSM »
    deny the approval their words name (a clinic's disclaimer, a warning); they are no page
    about an authorised medicine. The sentence keeps its `unauthorised` cue."""
    denied = {k[2:] for k in groups if k[0] == "reporting_context" and k[1] == "unauthorised"}
    for span in denied:
        groups.pop(("genre", "authorised_medicine_info", *span), None)


def _drop_lone_hints(groups: dict[tuple[str, str, int, int], _Group], hint_ids: frozenset[str]) -> None:
    """Drop the therapies only hinted at (an acronym, the source tissue alone) on a page naming
    no therapy otherwise.

    « MSC » is the mesenchymal stem cells of a clinic's page that names them, and the world's
    largest shipping company in a newspaper (« l'armateur italo-suisse MSC »); « МСК » is
    Moscow's time; « TIL », « CIK » are words or names elsewhere; « couper le cordon ombilical »
    is a birth story. Beside any other therapy finding, the hint stays: it abbreviates, or
    gives the source of, a therapy the page names.
    """
    therapies = [k for k in groups if k[0] == "therapy"]
    lone = [k for k in therapies if all(i in hint_ids for i in groups[k].entry_ids)]
    if lone and len(lone) == len(therapies):
        for key in lone:
            del groups[key]


#: the blood cancers, the established indications of a stem-cell (bone-marrow, blood or cord
#: blood) transplant, and the families that name such a transplant
_BLOOD_CANCERS = frozenset({"leukaemia", "lymphoma"})
_TRANSPLANT_FAMILIES = frozenset({"stem_cells", "bone_marrow_cells", "umbilical_cord_cells", "cell_therapy_other"})


def _marker_in(raw: str | None, markers: tuple[str, ...]) -> str | None:
    """The first of ``markers`` (``common.yaml`` phrases, read by :func:`address_words`) found as
    whole words in ``raw`` (an address path or a title), else None."""
    if not raw or not markers:
        return None
    words = f" {address_words(raw)} "
    return next((m for m in markers if f" {m} " in words), None)


def _blood_cancers_only(groups: dict[tuple[str, str, int, int], _Group]) -> tuple[int, int] | None:
    """The sentence of the first blood cancer when a page's stem cells are a transplant for
    blood cancers only: every disease it names is a leukaemia or a lymphoma (or « cancer »),
    and every therapy a stem-cell, bone-marrow or cord-blood transplant. That is a hospital's
    haematology, a cord-blood bank or a report on the established use: a stem-cell transplant
    for a blood cancer is the standard of care (the cells keep their essential function, not a
    medicine of advanced therapy), never what clinics abroad sell for autism or MS. A
    mesenchymal, dendritic, NK or exosome product on the page, or any other disease, and this
    is not said."""
    diseases = [(s, e) for kind, sub, s, e in groups if kind == "disease" and sub in _BLOOD_CANCERS]
    if not diseases:
        return None
    for kind, sub, _s, _e in groups:
        if (kind == "disease" and sub not in _BLOOD_CANCERS and sub != "cancer") or (
            kind == "therapy" and sub not in _TRANSPLANT_FAMILIES and sub not in NOT_MEDICINES_ALONE
        ):
            return None
    return min(diseases)


def _drop_stem_cells_of_no_product(
    groups: dict[tuple[str, str, int, int], _Group], cues: dict[tuple[int, int], set[str]]
) -> list[tuple[int, int]]:
    """Drop the unnamed stem cells of a page whose stem cells are no product of interest:

    - a food supplement's page, one that calls its product a food supplement (« complément
      alimentaire ») and speaks of the body's own stem cells that it releases or stimulates
      (« favorise la libération de vos cellules souches », "circulating stem cells"): the
      capsules hold no cell; « vos cellules souches adultes » in the next sentence are the
      reader's own;
    - a page naming plants' stem cells (« principi attivi a base di cellule staminali vegetali »)
      and no human cells of a kind (mesenchymal, adipose, cord blood…): « le cellule staminali da
      essa veicolate » two sentences later are the same plants' cells, a cosmetic's ingredient.

    Only the generic family (« cellules souches ») goes: cells the page names as a product's
    (mesenchymal, cord blood, exosomes) stay, whatever else it sells; and nothing goes on a page
    whose protocol administers the stem cells (« trois perfusions de cellules souches et un
    complément alimentaire pour stimuler vos cellules souches » is a clinic's treatment).

    Returns the sentences calling the product a supplement (the page's genre; a plant's cells
    already gave theirs, a cosmetic's).
    """
    supplement = [span for span, subkinds in cues.items() if _SUPPLEMENT in subkinds]
    released = bool(supplement) and any(_RESIDENT_CELLS in subkinds for subkinds in cues.values())
    plants = any(_PLANT_CELLS in subkinds for subkinds in cues.values()) and not any(
        k[0] == "therapy" and k[1] in _CELL_FAMILIES - GENERIC_FAMILIES - {"stem_cells"} for k in groups
    )
    if not released and not plants:
        return []
    cells = [k for k in groups if k[0] == "therapy" and k[1] == "stem_cells"]
    if any(("offer", "protocol", *k[2:]) in groups for k in cells):
        return []  # the stem cells are what a protocol administers (a « cure » of capsules is none)
    for key in cells:
        del groups[key]
    return supplement if released else []


def _drop_generic_transplants(groups: dict[tuple[str, str, int, int], _Group], generic_ids: frozenset[str]) -> None:
    """Drop the hospital genre of « autogreffe de cellules souches », "autologous stem cell
    transplant" on a page that names mesenchymal, adipose or placental cells, or exosomes.

    Unqualified, such a transplant is the haematologist's standard one (authorised practice,
    a reason against promotion); a clinic injecting the mesenchymal cells it cultured calls its
    procedure so too (« Absence de chirurgie par autogreffe de cellules souches »), and that is
    no hospital's page. The haematopoietic phrasings (« greffe de moelle osseuse », "HSCT")
    keep their weight on any page; cord blood and bone marrow are a transplant's sources too.
    """
    if not any(k[0] == "therapy" and k[1] in _NON_BLOOD_FAMILIES for k in groups):
        return
    for key in [
        k
        for k, g in groups.items()
        if k[0] == "genre" and g.entry_ids and all(i in generic_ids for i in g.entry_ids)
    ]:
        del groups[key]


def _drop_unrelated_sources(groups: dict[tuple[str, str, int, int], _Group], source_ids: frozenset[str]) -> None:
    """Drop the cues naming the source of a fact in a sentence that names no therapy.

    « La lombalgie touche 67 millions de personnes, selon les données de la Commission
    européenne », "According to the CDC, Alzheimer's cases will triple": a clinic quotes an
    authority for its disease's figures as often as a newspaper does (in the real corpus,
    "according to" stood on as many promoting pages as on others). Where the sentence names
    the cells or the product ("stem cells may cure thalassaemia, according to the agency's
    chief"), someone's words about the therapy are reported, and the cue stays.
    """
    if not source_ids:
        return
    about_therapy = {k[2:] for k in groups if k[0] == "therapy"}
    for key in [
        k
        for k, g in groups.items()
        if k[0] == "reporting_context"
        and k[2:] not in about_therapy
        and g.entry_ids
        and all(i in source_ids for i in g.entry_ids)
    ]:
        del groups[key]


def _drop_plant_vesicles(
    groups: dict[tuple[str, str, int, int], _Group], plants: dict[tuple[int, int], list[tuple[int, int]]], folded: str
) -> list[tuple[int, int]]:
    """Drop the exosomes a plant made: « exosomes extraits de cellules de rose de Damas »,
    "Centella asiatica exosomes", „Exosomen aus Äpfeln“ are a cosmetic's ingredient, no human
    cell product and no therapy of interest (the plant-cell cue only catches the set phrases,
    « exosomes de rose »).

    The plant follows the vesicles with a word of origin between them (as a cell source does,
    :func:`_vesicle_sources`), or comes just before them ("rose-derived exosomes"); a human cell
    therapy named between the two is the source instead (« exosomes de cellules souches,
    enrichis en extrait de rose »).

    Returns the sentences whose vesicles were dropped (a cosmetic's, for the page's genre).
    """
    dropped: list[tuple[int, int]] = []
    for key in [k for k in groups if k[0] == "therapy" and k[1] in VESICLE_FAMILIES and k[2:] in plants]:
        v = groups[key]
        v_start, v_end = v.match_start, v.match_start + len(v.match)
        cells = [
            g.match_start
            for k, g in groups.items()
            if k[0] == "therapy" and k[1] in _CELL_FAMILIES and k[2:] == key[2:]
        ]
        for p_start, p_end in plants[key[2:]]:
            if v_end <= p_start:
                if _names_its_source(folded[v_end:p_start]) and not any(v_end <= c < p_start for c in cells):
                    del groups[key]
                    dropped.append(key[2:])
                    break
            elif p_end <= v_start and _DERIVED_BEFORE.match(folded[p_end:v_start]):
                del groups[key]
                dropped.append(key[2:])
                break
            if _PLANT_VESICLES_AFTER.match(folded, p_end) and not cells:
                # the plant's vesicles named further on, after the product's own name: « Our
                # … Exosome Ampoule … features Centella asiatica-derived plant exosomes »
                del groups[key]
                dropped.append(key[2:])
                break
    return dropped


def _plant_page_vesicles(groups: dict[tuple[str, str, int, int], _Group]) -> list[tuple[int, int]]:
    """Once a sentence has named a plant as its exosomes' source, drop the page's other exosome
    findings when the page names no cells at all: „Die Exosomenbehandlung … Abgeleitet von
    Quellen (häufig pflanzlich, z. B. Aloe-vera-Exosomen)“ describes one product, the plant's,
    in every sentence. A page naming human cells beside them (« exosomes dérivés de cellules
    souches mésenchymateuses, et non de plantes ») keeps its exosomes.

    Called once :func:`_drop_plant_vesicles` has dropped a sentence's vesicles. Returns the
    sentences whose vesicles were dropped here."""
    therapies = [k for k in groups if k[0] == "therapy"]
    if not therapies or any(k[1] not in VESICLE_FAMILIES for k in therapies):
        return []
    for key in therapies:
        del groups[key]
    return sorted({k[2:] for k in therapies})


def _reporting_sentences(groups: dict[tuple[str, str, int, int], _Group]) -> set[tuple[int, int]]:
    """Sentences holding a reporting cue that makes their claims reported.

    The frame of a study (« les chercheurs », "studies") and clinics named in the third person
    do not: "Studies confirm that our stem cells regenerate cartilage" is the clinic's claim.
    """
    return {(s, e) for kind, sub, s, e in groups if kind == "reporting_context" and sub not in _FRAME_CUES}


#: what a section's title may carry beside its name: an encyclopedia's edit links
#: (« Storia[modifica | modifica wikitesto] »)
_BRACKETED = re.compile(r"\[[^\]]*\]")


def _whole_block(folded: str, sidx: SentenceIndex, start: int, end: int) -> bool:
    """Whether the term at ``folded[start:end]`` is its block's only word or words: a section's
    title (« 2. Storia », "References[edit]"), the rest being numbers, punctuation, edit links."""
    bs, be = sidx.block_span(sidx.block_of(start))
    while end < be and folded[end].isalnum():
        end += 1  # a prefix entry's word goes to its end (« Kaynakçalar »)
    rest = _BRACKETED.sub("", folded[bs:start] + " " + folded[end:be])
    return not any(c.isalpha() for c in rest)


def _in_menu(block: Block, end: int) -> bool:
    """Whether a finding ending at ``end`` stands in ``block``, a navigation menu's entry."""
    return block.tag == MENU_TAG and block.end >= end


def _is_heading(text: str, block: Block) -> bool:
    """A heading block, or a short line without a sentence end (a title line, a menu entry)."""
    if block.tag in _HEADING_TAGS:
        return True
    start, end = block.start, block.end
    if end - start > _HEADING_MAX_CHARS or end <= start:
        return False
    return text[end - 1] not in _SENTENCE_END and " " in text[start:end].strip()


_OPEN_QUOTES = "«“„"
_CLOSE_QUOTES = "»”"
#: what closes a story before its signature (German quotes close with “)
_STORY_CLOSE = "»”“\""
_STORY_OPEN = "«“„\""
#: how far before its signature a signed story may open its quotation
_STORY_MAX_CHARS = 600


def _inside_quotes(text: str, sentence_start: int, pos: int) -> bool:
    """True if ``pos`` lies inside quotation marks opened earlier in its sentence (or block)."""
    head = text[max(0, sentence_start - 300) : pos]
    cut = head.rfind("\n")
    if cut >= 0:
        head = head[cut + 1 :]
    # German quotes open with „ and close with “, which opens a quote in English and French.
    if "„" in head:
        opened = head.count("„") + head.count("«") - head.count("“") - head.count("»") - head.count("”")
    else:
        opened = sum(head.count(c) for c in _OPEN_QUOTES) - sum(head.count(c) for c in _CLOSE_QUOTES)
    straight = head.count('"')
    return opened > 0 or straight % 2 == 1


@lru_cache(maxsize=1)
def _default_detector() -> Detector:
    from .lexicon import default_lexicon

    return Detector(default_lexicon(), load_verdict_model())


def analyze_document(doc: Document) -> PageAnalysis:
    """Analyse one document with the default detector."""
    return Detector.default().analyze(doc)


def _names_something(text: str, sidx: SentenceIndex, start: int, end: int) -> bool:
    """Whether the capitalised match at ``start`` is part of a name (see _drop_proper_names)."""
    first_word = text[start:end].split(" ", 1)[0]
    if len(first_word) < 2 or not first_word[1].islower():
        return False  # English « I can », an acronym (« NK-cellen ») or a heading in capitals
    s, e = sidx.sentence(start, end)
    # beside an institution's word, itself capitalised, or one capitalised word away from it:
    # « Clínica Regenera », "Revive Clinic", « Centro Medico Rigenera »
    strip = ",;:.()«»\"'"
    before = [w.strip(strip) for w in text[s:start].split()[-2:]]
    after = [w.strip(strip) for w in text[end:e].split()[:2]]
    for side in (before[::-1], after):
        for word in side:
            if not word[:1].isupper():
                break
            if word.lower() in patterns.INSTITUTION_WORDS:
                return True
    head = text[s:start]
    if not any(c.isalpha() for c in head) or head.rstrip().endswith((":", ".", "!", "?", "«", '"', "“", "(")):
        return False  # the sentence (or a quote, an item after a colon) starts here
    # a sentence in title case capitalises its words; a name stands out of a lower-case one
    return any(w[0].islower() for w in _TITLE_WORD.findall(text, s, e))

