"""The one French text module: typography, dates, lists, articles, quotations, folding.

Every stage that writes or compares French uses these functions (qualify for the Vu and
Considérants, registers for its answers, documents for the final layout), so that a sentence
reads the same in ``qualification.json``, ``authorisations.json``, the report and the decision.
It lives in :mod:`vigipub.evidence` because that is the one package every stage may import
(the import contract); it is pure (no I/O, no third-party dependency).

Typography (:func:`typeset`), after the Lexique des règles typographiques en usage à
l'Imprimerie nationale as the agency's published decisions apply it:

- a narrow no-break space (U+202F) before ``; : ! ?`` and inside guillemets « … »;
- the typographic apostrophe ``’`` between two letters;
- « L. 5122-1 » and « n° 1394/2007 » with a no-break space (U+00A0);
- dates « 28 novembre 2024 » joined by no-break spaces, so that a date never breaks.

What is between « » is someone else's words (the site's, the law's): only the spaces inside
the guillemets are set, the words stay verbatim. URLs and e-mail addresses are never touched.
:func:`typeset` is idempotent. :func:`render` fills a template: the template is typeset, the
values (quotes, names, URLs) are inserted verbatim.

Three ways to fold text, each named for what it does (the detector keeps its own
length-preserving fold, whose offsets must match the page's):

- :func:`search_key`: lower case, no accents, ligatures spelt out, words separated by one space
  (register names and queries: ``AXICABTAGÈNE`` finds ``axicabtagene``);
- :func:`compare_key`: case, punctuation and spacing ignored, accents kept (two sentences of a
  site compared: « traité » and « traite » differ);
- :func:`fold_accents`: lower case without accents, punctuation kept.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Final

NBSP: Final = "\u00a0"  # no-break space (espace insécable)
NNBSP: Final = "\u202f"  # narrow no-break space (espace fine insécable)

MONTHS_FR: Final = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

# -- dates ---------------------------------------------------------------------------------


def day_month(d: date, space: str = NBSP) -> str:
    """« 1er novembre », « 28 novembre » (the first day of a month is « 1er »)."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day}{space}{MONTHS_FR[d.month - 1]}"


def long_date(d: date, space: str = NBSP) -> str:
    """« 28 novembre 2024 », « 1er mars 2025 »; no-break spaces by default (a date never breaks)."""
    return f"{day_month(d, space)}{space}{d.year}"


def date_list(dates: Iterable[date]) -> str:
    """Dates as the agency writes them: « 7 novembre, 19 novembre et 27 novembre 2024 ».

    The year is written once per run of dates of the same year, after the last one:
    « 28 décembre 2024 et 3 janvier 2025 ». Duplicates are dropped, order is chronological.
    """
    ordered = sorted(set(dates))
    parts: list[str] = []
    for i, d in enumerate(ordered):
        last_of_year = i == len(ordered) - 1 or ordered[i + 1].year != d.year
        parts.append(long_date(d) if last_of_year else day_month(d))
    return join(parts)


# -- lists, quotations, amounts -------------------------------------------------------------


def join(items: Sequence[str], last: str = "et") -> str:
    """« a », « a et b », « a, b et c » (empty items are left out)."""
    kept = [i for i in items if i]
    if len(kept) <= 1:
        return "".join(kept)
    return ", ".join(kept[:-1]) + f" {last} " + kept[-1]


_ASCII_SPACES = re.compile(r"[ \t\r\n]+")


def quote(text: str) -> str:
    """Someone else's words between guillemets: « text ». Line breaks and runs of ordinary
    spaces become one space; everything else (no-break spaces included) stays verbatim."""
    return f"«{NNBSP}{_ASCII_SPACES.sub(' ', text).strip()}{NNBSP}»"


def euros(amount: int) -> str:
    """« 375 000 € »: thousands separated by narrow no-break spaces."""
    return f"{amount:,}".replace(",", NNBSP) + f"{NBSP}€"


def plural(n: int, singular: str, plural_form: str) -> str:
    """French agreement of a count: zero and one take the singular (« 0 allégation demeure »)."""
    return singular if n <= 1 else plural_form


# -- articles, elision -----------------------------------------------------------------------

#: words a noun phrase already starts with: it has its determiner
_DETERMINERS = re.compile(r"(?i)^(?:le|la|les|un|une|des|ce|cette|ces)\s|^l['’]")

#: the definite article of the head noun of a product's name (its first word), for names the
#: case file gives without an article: « thérapie … » → « la thérapie … ». A name whose head
#: noun is not here is never given a guessed gender: it is named « le produit « … » ».
HEAD_NOUN_ARTICLES: Final[Mapping[str, str]] = {
    "thérapie": "la", "thérapies": "les", "immunothérapie": "l'", "immunothérapies": "les",
    "cellules": "les", "cellule": "la", "vaccin": "le", "vaccins": "les", "traitement": "le",
    "traitements": "les", "injection": "l'", "injections": "les", "perfusion": "la",
    "perfusions": "les", "exosomes": "les", "exosome": "l'", "sécrétome": "le", "plasma": "le",
    "lymphocytes": "les", "molécule": "la", "molécules": "les", "produit": "le", "produits": "les",
    "médicament": "le", "médicaments": "les", "cure": "la", "cures": "les", "protocole": "le",
    "greffe": "la", "greffes": "les", "transplantation": "la", "sérum": "le", "méthode": "la",
    "technique": "la", "préparation": "la", "lysat": "le", "extrait": "l'", "extraits": "les",
    "facteurs": "les", "implant": "l'", "implants": "les", "programme": "le", "solution": "la",
}  # fmt: skip


#: head nouns of product names that are feminine (« la thérapie », « les cellules »); any other
#: head is taken as masculine (« le vaccin », « les exosomes », « le produit « X » »)
FEMININE_HEAD_NOUNS: Final[frozenset[str]] = frozenset({
    "thérapie", "thérapies", "immunothérapie", "immunothérapies", "cellule", "cellules",
    "injection", "injections", "perfusion", "perfusions", "molécule", "molécules", "cure", "cures",
    "greffe", "greffes", "transplantation", "transplantations", "méthode", "méthodes", "technique",
    "techniques", "préparation", "préparations", "solution", "solutions",
})  # fmt: skip


def gender_number(noun_phrase: str) -> tuple[str, str]:
    """(« feminine » or « masculine », « singular » or « plural ») of a noun phrase with its
    article (:func:`with_article`), for the words that agree with it (« répondent », « mise »)."""
    words = re.split(r"[\s(]+", noun_phrase.strip().lower().replace("’", "'"), maxsplit=2)
    article = words[0] if words else ""
    # « l'immunothérapie … »: the head noun is elided into the article's word
    head = article[2:] if article.startswith("l'") else (words[1] if len(words) > 1 else "")
    number = "plural" if article in ("les", "des", "ces") else "singular"
    gender = "feminine" if article == "la" or head in FEMININE_HEAD_NOUNS else "masculine"
    return gender, number


def has_determiner(noun_phrase: str) -> bool:
    """« la thérapie … », « l'immunothérapie », « ce produit »: the phrase has its determiner."""
    return bool(_DETERMINERS.match(noun_phrase.strip()))


def with_article(noun: str, article: str | None = None) -> str:
    """The noun phrase with its definite article: the one it starts with, else ``article`` (the
    case file's or a vocabulary table's), else the one of its head noun
    (:data:`HEAD_NOUN_ARTICLES`); a name none of them covers is « le produit « name » »."""
    noun = noun.strip()
    if has_determiner(noun):
        return noun
    if article is None and noun.startswith(PLACEHOLDER_OPEN):
        article = "le"  # « le ⟦produit⟧ »: a gap the inspector fills in, article included
    if article is None:
        head = re.split(r"[\s(]", noun.lower(), maxsplit=1)[0]
        article = HEAD_NOUN_ARTICLES.get(head)
    if article is None:
        return f"le produit {quote(noun)}"
    article = article.strip()
    return f"{article}{noun}" if article.endswith(("'", "’")) else f"{article} {noun}"


def de(with_article: str) -> str:
    """« de » + a noun phrase with its article: « du … », « des … », « de la … », « de l'… »."""
    if with_article.startswith("le "):
        return "du " + with_article[3:]
    if with_article.startswith("les "):
        return "des " + with_article[4:]
    return "de " + with_article


def a(with_article: str) -> str:
    """« à » + a noun phrase with its article: « au … », « aux … », « à la … », « à l'… »."""
    if with_article.startswith("le "):
        return "au " + with_article[3:]
    if with_article.startswith("les "):
        return "aux " + with_article[4:]
    return "à " + with_article


def agree(noun_phrase: str, masculine: str, feminine: str, masculine_plural: str, feminine_plural: str) -> str:
    """The form of a word that agrees with ``noun_phrase`` (« proposé », « proposée »…)."""
    gender, number = gender_number(noun_phrase)
    if number == "plural":
        return feminine_plural if gender == "feminine" else masculine_plural
    return feminine if gender == "feminine" else masculine


_VOWELS = "aeiouyéèêëîïôûùàâh"


def que(clause: str) -> str:
    """« que » + clause, elided before a vowel: « qu'elle »."""
    return ("qu'" + clause) if clause[:1] and clause[:1].lower() in _VOWELS[:-1] else "que " + clause


def lower_first(text: str) -> str:
    """A sentence made a clause: « La mesure … » → « la mesure … » (not « ANSM », « L. 5122-1 »)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1] not in ". ":
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- gaps --------------------------------------------------------------------------------------

#: a fact the inspector must supply, in any French text a stage writes: ``⟦date du courrier⟧``.
#: The documents stage turns it into a highlighted field (HTML <mark>, a DOCX character style).
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "⟦", "⟧"


def placeholder(label: str) -> str:
    """``⟦label⟧``: a gap the draft shows highlighted and lists in its warning."""
    return f"{PLACEHOLDER_OPEN}{label}{PLACEHOLDER_CLOSE}"


def is_placeholder(text: str) -> bool:
    return PLACEHOLDER_OPEN in text


# -- typography --------------------------------------------------------------------------------

# URLs and e-mail addresses are protected from every rewrite below.
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s«»<>\"]+[^\s«»<>\".,;:!?)]|[\w.+-]+@[\w-]+\.[\w.-]+")
_SPACES = f" \t{NBSP}{NNBSP}"
# high punctuation preceded by optional spaces, followed by a space, a closing mark or the end
_HIGH_PUNCT_RE = re.compile(rf"[{_SPACES}]*([;:!?])(?=[\s»)\]]|$)")
_OPEN_GUILLEMET_RE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_GUILLEMET_RE = re.compile(rf"[{_SPACES}]*»")
# « L.5122-1 », « L 5122-1 », « L. 5122-1 », « R.5122-4 », also inside lists « L.5121-8, L.5122-1 »
# (a hyphenated number is required, so that « vitamine D 1000 » is left alone)
_ARTICLE_RE = re.compile(rf"\b([LRD])\.?[{_SPACES}]*(\d{{1,4}}(?:-\d+)+)\b")
_NUMERO_RE = re.compile(rf"\bn°[{_SPACES}]*(?=\d)")
_APOSTROPHE_RE = re.compile(r"(?<=\w)'(?=\w)")
# « 7 novembre », « 1er mars », « novembre 2024 »: a date never breaks across lines
_MONTHS_ALT = "|".join(MONTHS_FR)
_DAY_MONTH_RE = re.compile(rf"\b(1er|\d{{1,2}})[{_SPACES}]+({_MONTHS_ALT})\b")
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTHS_ALT})[{_SPACES}]+(\d{{4}})\b")


def _outside_urls(text: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to the parts of ``text`` that are not URLs or e-mail addresses."""
    out: list[str] = []
    pos = 0
    for m in _URL_RE.finditer(text):
        out.append(fix(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fix(text[pos:]))
    return "".join(out)


def _fix_plain(part: str) -> str:
    part = _APOSTROPHE_RE.sub("’", part)
    part = _HIGH_PUNCT_RE.sub(lambda m: NNBSP + m.group(1), part)
    part = _ARTICLE_RE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}", part)
    part = _NUMERO_RE.sub("n°" + NBSP, part)
    part = _DAY_MONTH_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", part)
    return _MONTH_YEAR_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", part)


def _split_quotes(text: str) -> list[tuple[str, bool]]:
    """``(segment, is_quotation)`` pieces; a quotation runs from « to its matching »."""
    pieces: list[tuple[str, bool]] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch == "«":
            if depth == 0 and buf:
                pieces.append(("".join(buf), False))
                buf = []
            depth += 1
            buf.append(ch)
        elif ch == "»" and depth > 0:
            depth -= 1
            buf.append(ch)
            if depth == 0:
                pieces.append(("".join(buf), True))
                buf = []
        else:
            buf.append(ch)
    if buf:
        pieces.append(("".join(buf), depth > 0))
    return pieces


def typeset(text: str) -> str:
    """French typography on running text (not HTML); see the module docstring.

    What is quoted between « » is evidence or law text: it is kept verbatim (straight
    apostrophes, its own spacing), only the spaces inside the guillemets are set.
    """
    if not text:
        return text
    out = "".join(
        piece if quoted else _outside_urls(piece, _fix_plain) for piece, quoted in _split_quotes(text)
    )
    out = _OPEN_GUILLEMET_RE.sub("«" + NNBSP, out)
    return _CLOSE_GUILLEMET_RE.sub(NNBSP + "»", out)


def _fix_spacing(part: str) -> str:
    part = _HIGH_PUNCT_RE.sub(lambda m: NNBSP + m.group(1), part)
    part = _ARTICLE_RE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}", part)
    return _NUMERO_RE.sub("n°" + NBSP, part)


def typeset_spacing(text: str) -> str:
    """Only the spaces of French typography (before ``; : ! ?``, in « L. 5122-1 », « n° … »,
    inside « »), never a character of the words: for the law's words a decision quotes."""
    out = _outside_urls(text, _fix_spacing)
    out = _OPEN_GUILLEMET_RE.sub("«" + NNBSP, out)
    return _CLOSE_GUILLEMET_RE.sub(NNBSP + "»", out)


def article_number(ref: str) -> str:
    """« L.5122-1 » → « L. 5122-1 » (no-break space); other references pass unchanged."""
    return _ARTICLE_RE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}", ref.strip())


_FORMATTER = string.Formatter()
#: a field is replaced by one private-use character while the template is typeset: typography
#: never touches it (not a letter, digit or space), and never sees the value it stands for
_SENTINEL = 0xE000


def fields(template: str) -> list[str]:
    """The ``{field}`` names of a template, in order (each once)."""
    names = [name for _, name, _, _ in _FORMATTER.parse(template) if name is not None]
    return list(dict.fromkeys(names))


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` typeset, then its ``{fields}`` replaced by ``values`` inserted verbatim.

    A field name is any text between braces (``{CSP L. 5122-1}`` is a field too); a field
    without a value raises :class:`KeyError`; a literal brace is written ``{{`` or ``}}``.
    """
    pieces: list[str] = []
    slots: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        pieces.append(literal)
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"field {{{name}}} has a format specification: write the field name alone")
        pieces.append(chr(_SENTINEL + len(slots)))
        slots.append(values[name])
    text = typeset("".join(pieces))
    for n, value in enumerate(slots):
        text = text.replace(chr(_SENTINEL + n), value)
    return text


# -- folding -----------------------------------------------------------------------------------

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"})
_WORD_RE = re.compile(r"[^\W_]+")


def fold_accents(text: str) -> str:
    """Lower case without accents; punctuation and spacing kept (« Thérapie-Cellulaire » →
    « therapie-cellulaire »)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def search_key(text: str) -> str:
    """What a name is searched under: lower case, no accents, ligatures spelt out, punctuation
    turned into single spaces (``AXICABTAGÈNE CILOLEUCEL`` → ``axicabtagene ciloleucel``)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD_RE.findall(text.casefold()))


def compare_key(text: str) -> str:
    """What two sentences are compared under: case, punctuation, quotes and spacing ignored,
    accents kept (« traité » and « traite » differ in French)."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_WORD_RE.findall(folded))


_OPENERS, _CLOSERS = '«“„"', '»”“"'


def _nested(inner: str) -> bool:
    """Every quotation ``inner`` opens, it closes, and it closes none it did not open: the marks
    around it are one pair (« a » et « b » is two quotations, not one around « a » et « b »)."""
    if inner.count('"') % 2:
        return False
    openers = "«„" if "„" in inner else "«“"  # „…“ in German: “ closes
    closers = "»”“" if "„" in inner else "»”"
    depth = 0
    for ch in inner:
        if ch in openers:
            depth += 1
        elif ch in closers:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def unwrap_quote(text: str) -> str:
    """A sentence as it is quoted between « »: less the quotation marks around it (a patient's
    story « “I can walk again” ») and a title separator « | » at its ends, not the marks inside."""
    core = text.strip(" \u00a0\u202f|")
    # marks that open and close the whole sentence go together (« « Notre fille dort… » »)
    while len(core) > 1 and core[0] in _OPENERS and core[-1] in _CLOSERS and _nested(core[1:-1]):
        core = core[1:-1].strip(" \u00a0\u202f")
    while core and core[0] in _OPENERS:
        rest = core[1:]
        if core[0] != '"' and sum(rest.count(c) for c in "»”") > sum(rest.count(c) for c in "«“„"):
            break  # it opens a quotation the sentence closes: part of the words
        core = rest.lstrip(" \u00a0\u202f")
    while core and core[-1] in _CLOSERS:
        inner = core[:-1]
        if sum(inner.count(c) for c in "«“„") > sum(inner.count(c) for c in "»”"):
            break  # it closes a quotation the sentence opened: part of the words
        core = inner.rstrip(" \u00a0\u202f")
    return core


__all__ = [
    "HEAD_NOUN_ARTICLES",
    "MONTHS_FR",
    "NBSP",
    "NNBSP",
    "PLACEHOLDER_CLOSE",
    "PLACEHOLDER_OPEN",
    "article_number",
    "compare_key",
    "date_list",
    "day_month",
    "de",
    "euros",
    "fields",
    "fold_accents",
    "has_determiner",
    "is_placeholder",
    "join",
    "long_date",
    "lower_first",
    "placeholder",
    "plural",
    "que",
    "quote",
    "render",
    "search_key",
    "typeset",
    "typeset_spacing",
    "unwrap_quote",
    "upper_first",
    "with_article",
]
