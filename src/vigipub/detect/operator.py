"""Who runs the site: the operator's identity, read from the site's own legal notice.

A decision names the company (« la société Iaso Health GmbH ») and the letter of intent is
sent to its address. Sites that sell to European patients must publish who they are
(mentions légales, Impressum, aviso legal, note legali, colofon…), usually as short
"Label: value" lines or as an address block. This module reads those pages, and failing
that the footers of the other pages, and returns the candidate identity with the exact
quote, offsets and record digest of every clue, like any other finding.

It is a proposal for the inspector, never a conclusion: the report shows it as « à
vérifier », and a case file's ``company`` always wins over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from vigipub.evidence.document import Document
from vigipub.evidence.findings import IdentityClue, OperatorIdentity

from .fold import fold as _fold  # labels, countries and URLs compare lower-case, accents off

#: URL path or title words of a legal-notice page (folded: lower case, no accents)
_LEGAL_PAGE = re.compile(
    r"mentions?[-_ ]?legales|legal[-_ ]?notice|legal[-_ ]?information|imprint|impressum|"
    r"aviso[-_ ]?legal|informacion[-_ ]?legal|note[-_ ]?legali|colofon|colophon|disclaimer|"
    r"yasal[-_ ]?uyari|kunye|informacoes[-_ ]?legais|termos[-_ ]?legais|juridische[-_ ]?informatie|"
    r"editeur|publisher"
)
#: pages that often carry the identity too (contact, about, terms, privacy)
_SIDE_PAGE = re.compile(
    r"contact|kontakt|contatt|contacto|iletisim|about|a[-_]propos|qui[-_]sommes|uber[-_]uns|"
    r"chi[-_]siamo|quienes[-_]somos|over[-_]ons|hakkimizda|sobre[-_]nos|cgv|cgu|conditions|terms|"
    r"agb|privacy|datenschutz|confidentialite|privacidad"
)

#: legal forms that end a company name (longest first inside each alternative)
_LEGAL_FORMS = (
    r"SASU|SAS|SARL|EURL|SELARL|SELAS|SNC|SCM|SCI|SA|"
    r"GmbH\s*&\s*Co\.\s*KG|gGmbH|GmbH|AG|UG(?:\s*\(haftungsbeschränkt\))?|KG|e\.\s?K\.|"
    r"Limited|Ltd\.?|LLC|L\.L\.C\.|LLP|PLC|Inc\.?|Corp\.?|Pte\.?\s*Ltd\.?|Sdn\.?\s*Bhd\.?|"
    r"FZ-LLC|FZCO|FZE|DMCC|S\.A\.\s*de\s*C\.V\.|S\.\s*de\s*R\.L\.(?:\s*de\s*C\.V\.)?|"
    r"S\.L\.U\.|S\.L\.|SLU|SL|S\.A\.U\.|S\.A\.|S\.r\.l\.|Srl|SRL|S\.p\.A\.|SpA|S\.a\.s\.|"
    r"B\.V\.|BV|N\.V\.|NV|V\.O\.F\.|"
    r"Lda\.?|Ltda\.?|Unipessoal|"
    r"A\.Ş\.|AŞ|Ltd\.?\s*Şti\.?|"
    r"Kft\.?|Zrt\.?|s\.r\.o\.|d\.o\.o\.|sp\.\s*z\s*o\.o\.|OÜ|SIA|UAB|ApS|AB|AS|Oy"
)
#: a legal form as a whole token; the name before it is then read word by word (a single
#: regex with optional separators between optional words backtracks exponentially)
_FORM_RE = re.compile(r"(?<![\w-])(?:" + _LEGAL_FORMS + r")(?![\w-])")
#: (German « der » is left out: « Datenschutzbestimmungen der X GmbH » names X GmbH)
_CONNECTORS = frozenset(
    {"&", "+", "and", "und", "et", "y", "e", "en", "of", "de", "du", "des", "di", "van", "von"}
)
#: capitalised words that open a sentence or a label, never a company name
_NOT_NAME_WORDS = frozenset(
    {
        "the",
        "la",
        "le",
        "les",
        "die",
        "der",
        "das",
        "el",
        "il",
        "de",
        "by",
        "par",
        "von",
        "copyright",
        "all",
        "tous",
    }
)


def _names_with_form(line: str) -> list[tuple[int, int]]:
    """(start, end) of « Capitalised Words + legal form » in ``line``: at most six words."""
    out: list[tuple[int, int]] = []
    for m in _FORM_RE.finditer(line):
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
            if word.lower() in _CONNECTORS and taken:
                pos -= 1
                continue
            if not (word[0].isupper() or word[0].isdigit()) or word.lower() in _NOT_NAME_WORDS or taken >= 6:
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


#: "Label: value" lines; each label is folded (lower case, no accents)
_NAME_LABELS = (
    "raison sociale",
    "denomination sociale",
    "denomination",
    "nom de la societe",
    "societe",
    "editeur du site",
    "editeur",
    "le site est edite par",
    "ce site est edite par",
    "site edite par",
    "edite par",
    "proprietaire du site",
    "company name",
    "company",
    "operator",
    "site operator",
    "operated by",
    "owned by",
    "published by",
    "publisher",
    "firmenname",
    "firma",
    "betreiber",
    "anbieter",
    "herausgeber",
    "diensteanbieter",
    "razon social",
    "denominacion social",
    "titular",
    "titular del sitio web",
    "ragione sociale",
    "denominazione sociale",
    "denominazione",
    "titolare",
    "ticari unvan",
    "unvan",
    "firma adi",
    "razao social",
    "denominacao social",
    "bedrijfsnaam",
    "handelsnaam",
    "statutaire naam",
)
_ADDRESS_LABELS = (
    "siege social",
    "adresse du siege",
    "adresse postale",
    "adresse",
    "registered office",
    "registered address",
    "head office",
    "address",
    "sitz der gesellschaft",
    "sitz",
    "anschrift",
    "adresse der gesellschaft",
    "domicilio social",
    "domicilio",
    "direccion",
    "sede legale",
    "sede operativa",
    "sede",
    "indirizzo",
    "merkez adresi",
    "adres",
    "morada",
    "endereco",
    "sede social",
    "vestigingsadres",
    "bezoekadres",
)
#: the web host is named in the same notice (« Hébergeur : OVH SAS, 2 rue Kellermann… »): its
#: line and the address lines under it are not the operator's
_HOST_LABEL = re.compile(
    r"\b(?:hebergeur|hebergement|heberge par|host|hosting|hosted by|hoster|webhosting|"
    r"alojamiento|alojado|hospedagem|hospedado|barindirma|hosting provider|serveur)\b"
)
_LABEL_RE = re.compile(r"^\s*([^\W\d][\w '’./()-]{1,40}?)\s*[:：]\s*(\S.*)$")

#: registration numbers, with the country they imply (None: the prefix tells)
_REGISTRATIONS: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    (
        "RCS",
        re.compile(r"\bR\.?C\.?S\.?\s+[A-ZÀ-Ý][\w' -]{1,30}?\s*(?:[AB]\s*)?\d{3}\s?\d{3}\s?\d{3}\b"),
        "FR",
    ),
    (
        "SIREN/SIRET",
        re.compile(r"\bSIRE[NT]\s*(?:n°|no|:)?\s*:?\s*\d{3}\s?\d{3}\s?\d{3}(?:\s?\d{5})?\b", re.I),
        "FR",
    ),
    ("Handelsregister", re.compile(r"\bHR[AB]\s*\d{2,7}(?:\s*[A-Z]{1,2})?\b"), "DE"),
    ("UID", re.compile(r"\bCHE[-‐ ]?\d{3}\.?\d{3}\.?\d{3}\b"), "CH"),
    (
        "Company number",
        re.compile(
            r"\b[Cc]ompany\s+(?:[Rr]egistration\s+)?(?:[Nn]umber|[Nn]o\.?)\s*:?\s*[A-Z]{0,2}\d{6,8}\b"
        ),
        None,
    ),
    (
        "KvK",
        re.compile(
            r"\b(?:KvK|K\.v\.K\.|Kamer van Koophandel)(?:[- ]?(?:nummer|nr\.?))?\s*:?\s*\d{8}\b", re.I
        ),
        "NL",
    ),
    ("CIF/NIF", re.compile(r"\b(?:CIF|NIF)\s*:?\s*[A-HJNP-SUVW]-?\d{7}[0-9A-J]\b"), "ES"),
    ("Partita IVA", re.compile(r"\b(?:P\.?\s?IVA|Partita IVA)\s*:?\s*(?:IT)?\s?\d{11}\b", re.I), "IT"),
    ("NIPC", re.compile(r"\bNIPC\s*:?\s*\d{9}\b"), "PT"),
    ("MERSIS", re.compile(r"\bMERS[İI]S\s*(?:No)?\s*:?\s*\d{16}\b", re.I), "TR"),
    (
        "VAT",
        re.compile(
            r"\b(?:FR|DE|ES|IT|NL|PT|BE|AT|LU|IE|CY|MT|GR|EL|PL|CZ|HU|RO|BG|HR|SI|SK|LT|LV|EE|DK|SE|FI)\s?[0-9A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{0,5}\b"
        ),
        None,
    ),
)

#: postal code + town lines, with the country a prefix or format implies
_POSTAL = re.compile(
    r"(?<![\w-])(?:(?P<prefix>CH|D|DE|F|FR|A|AT|B|BE|L|LU|I|IT|E|ES|NL|P|PT|TR)[- ])?"
    r"(?P<code>\d{4}(?:\s?[A-Z]{2})?|\d{5}|\d{4}-\d{3})\s+(?P<town>[A-ZÀ-ÝŞİĞÇÖÜ][\w'’]+(?:[ -][\w'’]+){0,3})"
)
_POSTAL_PREFIX = {
    "CH": "CH", "D": "DE", "DE": "DE", "F": "FR", "FR": "FR", "A": "AT", "AT": "AT", "B": "BE",
    "BE": "BE", "L": "LU", "LU": "LU", "I": "IT", "IT": "IT", "E": "ES", "ES": "ES", "NL": "NL",
    "P": "PT", "PT": "PT", "TR": "TR",
}  # fmt: skip
#: country names (folded) in the languages of the sites -> ISO 3166-1 alpha-2
_COUNTRIES = {
    "france": "FR", "frankreich": "FR", "francia": "FR", "fransa": "FR", "frankrijk": "FR", "franca": "FR",
    "schweiz": "CH", "suisse": "CH", "switzerland": "CH", "svizzera": "CH", "suiza": "CH", "zwitserland": "CH", "isvicre": "CH",
    "deutschland": "DE", "germany": "DE", "allemagne": "DE", "alemania": "DE", "germania": "DE", "duitsland": "DE", "almanya": "DE",
    "osterreich": "AT", "austria": "AT", "autriche": "AT",
    "espana": "ES", "spain": "ES", "espagne": "ES", "spanien": "ES", "spagna": "ES", "spanje": "ES", "ispanya": "ES",
    "italia": "IT", "italy": "IT", "italie": "IT", "italien": "IT",
    "nederland": "NL", "netherlands": "NL", "pays-bas": "NL", "niederlande": "NL", "paesi bassi": "NL",
    "portugal": "PT", "portogallo": "PT",
    "turkiye": "TR", "turkey": "TR", "turquie": "TR", "turkei": "TR", "turchia": "TR", "turquia": "TR",
    "belgique": "BE", "belgium": "BE", "belgie": "BE", "belgien": "BE",
    "luxembourg": "LU", "luxemburg": "LU",
    "united kingdom": "GB", "royaume-uni": "GB", "england": "GB", "scotland": "GB", "vereinigtes konigreich": "GB",
    "ireland": "IE", "irlande": "IE",
    "cyprus": "CY", "chypre": "CY", "zypern": "CY",
    "malta": "MT", "malte": "MT",
    "greece": "GR", "grece": "GR", "griechenland": "GR",
    "ukraine": "UA", "ucrania": "UA",
    "serbia": "RS", "serbie": "RS", "serbien": "RS",
    "czech republic": "CZ", "czechia": "CZ", "republique tcheque": "CZ", "tschechien": "CZ",
    "poland": "PL", "pologne": "PL", "polen": "PL",
    "hungary": "HU", "hongrie": "HU", "ungarn": "HU",
    "mexico": "MX", "mexique": "MX", "mexiko": "MX", "messico": "MX",
    "panama": "PA", "costa rica": "CR", "colombia": "CO", "colombie": "CO", "bahamas": "BS",
    "united arab emirates": "AE", "emirats arabes unis": "AE", "uae": "AE", "dubai": "AE",
    "thailand": "TH", "thailande": "TH", "israel": "IL", "russia": "RU", "russie": "RU",
    "usa": "US", "united states": "US", "etats-unis": "US", "vereinigte staaten": "US",
    "georgia": "GE", "kazakhstan": "KZ", "belarus": "BY", "moldova": "MD", "india": "IN", "inde": "IN",
    "china": "CN", "chine": "CN", "japan": "JP", "japon": "JP", "south korea": "KR", "coree du sud": "KR",
    "malaysia": "MY", "malaisie": "MY", "singapore": "SG", "singapour": "SG", "philippines": "PH",
    "dominican republic": "DO", "republique dominicaine": "DO", "argentina": "AR", "argentine": "AR",
    "brazil": "BR", "bresil": "BR", "brasil": "BR", "peru": "PE", "perou": "PE",
}  # fmt: skip
_COUNTRY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _COUNTRIES), key=len, reverse=True)) + r")(?![\w-])"
)
_STREET = re.compile(
    r"\d+\s*[a-zA-Z]?\b|\b(?:rue|avenue|boulevard|bd|chemin|place|allee|quai|route|impasse|strasse|str\.|straße|"
    r"weg|gasse|platz|allee|street|st\.|road|rd\.|lane|square|calle|avenida|paseo|plaza|via|viale|piazza|corso|"
    r"rua|praca|straat|laan|plein|gracht|cadde|caddesi|sokak|sok\.|mahallesi|mah\.)\b",
    re.I,
)

#: the words of a street name alone (without the house number, which any text has); German
#: street names are compounds (« Kurhausstrasse »), so their endings match inside a word
_STREET_WORD = re.compile(
    r"\b(?:rue|avenue|boulevard|bd|chemin|place|allee|allée|quai|route|impasse|street|st\.|road|rd\.|lane|"
    r"square|calle|avenida|paseo|plaza|via|viale|piazza|corso|rua|praca|praça|straat|laan|plein|gracht|"
    r"cadde|caddesi|sokak|sok\.|mahallesi|mah\.)\b|(?:strasse|straße|str\.|weg|gasse|platz|allee|ring|damm|ufer)\b",
    re.I,
)
#: a street line of an address block: « Talstrasse 12 », « 14 rue des Lilas », « 1 Harbour Road »
_STREET_LINE = re.compile(
    r"^\s*(?:[^\W\d][\w.'’ -]{2,50}\s\d{1,4}\s?[a-zA-Z]?|\d{1,4}\s?[a-zA-Z]?,?\s[^\W\d][\w.'’ -]{2,50})\s*,?\s*$"
)

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
    candidates: list[_Candidate] = field(default_factory=list)
    pages: int = 0
    #: URLs of the legal-notice pages read (what makes an identity "high" confidence)
    legal_urls: set[str] = field(default_factory=set)

    def add(self, doc: Document) -> None:
        if self.pages >= self.max_pages or not doc.text:
            return
        self.pages += 1
        kind = _page_kind(doc)
        if kind == "legal":
            self.legal_urls.add(doc.url)
            self._read(doc, doc.text, 0, weight=3.0)
        elif kind == "side":
            self._read(doc, doc.text, 0, weight=1.5)
        else:
            # other pages: only the footer (the last blocks) carries the identity
            tail = max(0, len(doc.text) - 1500)
            cut = doc.text.rfind("\n", 0, tail) + 1 if tail else 0
            self._read(doc, doc.text[cut:], cut, weight=1.0)

    # -- reading ----------------------------------------------------------------------
    def _read(self, doc: Document, text: str, base: int, weight: float) -> None:
        lines: list[tuple[int, int, str]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((base + pos, base + pos + len(line), line))
            pos += len(line) + 1
        skip_until = -1
        for i, (start, _end, line) in enumerate(lines):
            if not line.strip() or len(line) > 400:
                continue
            if _HOST_LABEL.search(_fold(line[:60])):
                skip_until = i + 3
            if i <= skip_until:
                continue
            self._labelled(doc, lines, i, weight)
            for s, e in _names_with_form(line):
                name = _clean_name(line[s:e])
                if name is None:
                    continue
                bonus = 1.0 if "©" in line or "copyright" in line.lower() else 0.0
                self._add("name", name, weight + bonus, doc, start + s, start + e)
            for _label, pattern, country in _REGISTRATIONS:
                for m in pattern.finditer(line):
                    value = " ".join(m.group(0).split())
                    implied = country or _vat_country(value)
                    self._add("registration", value, weight, doc, start + m.start(), start + m.end(), implied)
            postal = _POSTAL.search(line)
            if postal is None:
                continue
            if "," in line:
                self._address_in_line(doc, start, line, weight)
            elif len(line) <= 120 and not _looks_like_prose(line):
                self._address_block(doc, lines, i, postal, weight)

    def _address_in_line(self, doc: Document, start: int, line: str, weight: float) -> None:
        """``…, 14 rue des Lilas, 75011 Paris, France`` written on one line."""
        parts: list[tuple[int, str]] = []
        pos = 0
        for piece in line.split(","):
            parts.append((pos, piece))
            pos += len(piece) + 1
        for k, (offset, piece) in enumerate(parts):
            if _POSTAL.search(piece) is None or len(piece.split()) > 5:
                continue
            before = parts[k - 1][1] if k > 0 else ""
            # on one line, only a street word (rue, Strasse, via…) makes the part before a street
            first = k - 1 if before and _STREET_WORD.search(before) and len(before.split()) <= 6 else k
            last = (
                k + 1
                if k + 1 < len(parts) and _COUNTRY_RE.fullmatch(_fold(parts[k + 1][1]).strip(" ."))
                else k
            )
            prefix = _POSTAL.search(piece).group("prefix")  # type: ignore[union-attr]
            if first == k and last == k and not prefix:
                continue  # a number and a word between commas, not an address
            s = parts[first][0] + (len(parts[first][1]) - len(parts[first][1].lstrip()))
            e = parts[last][0] + len(parts[last][1].rstrip(" ."))
            m = _POSTAL.search(piece)
            assert m is not None
            pieces = [p.strip() for _o, p in parts[first : last + 1]]
            pieces[k - first] = m.group(0)  # « D-40764 Langenfeld », not what follows it
            if last == k:
                e = offset + m.end()
            value = ", ".join(pieces)
            country = _country_of(value) or (_POSTAL_PREFIX.get(prefix) if prefix else None)
            self._add(
                "address", value, weight - (0.0 if first < k else 1.0), doc, start + s, start + e, country
            )
            return

    def _labelled(self, doc: Document, lines: list[tuple[int, int, str]], i: int, weight: float) -> None:
        start, _end, line = lines[i]
        m = _LABEL_RE.match(line)
        if m is not None:
            label, value = _fold(m.group(1)).strip(), m.group(2).strip()
            value_start = start + m.start(2)
        else:
            # "Impressum" style: the label alone on its line, the value on the next one
            label = _fold(line).strip().rstrip(":").strip()
            if label not in _NAME_LABELS and label not in _ADDRESS_LABELS:
                return
            if i + 1 >= len(lines) or not lines[i + 1][2].strip():
                return
            value_start, _e, value = lines[i + 1]
            value = value.strip()
        if label in _NAME_LABELS:
            # « Vitadendra Health AG, société anonyme de droit suisse, … »: the name with its
            # legal form when there is one, else the value up to the first comma
            formed = _names_with_form(value)
            name = _clean_name(value[formed[0][0] : formed[0][1]] if formed else value.split(",")[0])
            if name is not None:
                self._add("name", name, weight + 2.0, doc, value_start, value_start + len(value))
        elif label in _ADDRESS_LABELS and 6 <= len(value) <= 200:
            self._add(
                "address",
                value.rstrip(" ."),
                weight + 2.0,
                doc,
                value_start,
                value_start + len(value),
                _country_of(value),
            )

    def _address_block(
        self, doc: Document, lines: list[tuple[int, int, str]], i: int, postal: re.Match[str], weight: float
    ) -> None:
        """``street`` / ``postcode town`` / ``country`` lines around a postal-code line."""
        first = last = i
        above = lines[i - 1][2] if i > 0 else ""
        if above and len(above) <= 80 and (_STREET_LINE.match(above) or _STREET_WORD.search(above)):
            first = i - 1
        if i + 1 < len(lines) and _COUNTRY_RE.fullmatch(_fold(lines[i + 1][2]).strip(" ,.")):
            last = i + 1
        prefix = postal.group("prefix")
        if first == i and last == i and not prefix:
            return  # « 1899 Hoffenheim », « 2019 MEEDIA GmbH »: a number and a word, not an address
        parts = [lines[k][2].strip(" ,") for k in range(first, last + 1)]
        value = ", ".join(p for p in parts if p)
        if first == i:
            weight -= 1.0  # a town without a street: weaker
        country = _POSTAL_PREFIX.get(prefix) if prefix else None
        country = _country_of(value) or country
        self._add("address", value, weight, doc, lines[first][0], lines[last][1], country)
        # the company name often stands right above the address block
        if first > 0:
            above = lines[first - 1][2].strip()
            spans = _names_with_form(above)
            if spans == [(0, len(above))] and (name := _clean_name(above)) is not None:
                self._add("name", name, weight + 1.0, doc, lines[first - 1][0], lines[first - 1][1])

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
            if c.field == "registration" and c.value.casefold() not in seen:
                seen.add(c.value.casefold())
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
            country = _cctld_country(address.doc.url)
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
            clues=[_clue(c) for c in chosen],
        )


def _clue(c: _Candidate) -> IdentityClue:
    text = c.doc.text
    # quote the whole line(s) holding the value, like every other finding
    s = text.rfind("\n", 0, c.start) + 1
    e = text.find("\n", c.end)
    e = len(text) if e < 0 else e
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
    )


def _page_kind(doc: Document) -> str:
    parts = urlsplit(doc.url)
    where = _fold(unquote(parts.path + " " + parts.query) + " " + (doc.title or ""))
    if _LEGAL_PAGE.search(where):
        return "legal"
    if _SIDE_PAGE.search(where):
        return "side"
    return "other"


def _clean_name(value: str) -> str | None:
    """A plausible company name from a label's value or a legal-form match, else None."""
    value = value.strip(" ,.;:–-\"'«»“”")
    value = re.sub(r"^(?:©|\(c\)|copyright)\s*", "", value, flags=re.I)
    value = re.sub(r"^\d{4}(?:\s*[-–]\s*\d{4})?\s+", "", value)  # « © 2019–2026 X Ltd »
    value = re.split(r"\s+[|–—•]\s+|,\s+(?=\d)|\s+-\s+(?=[A-ZÀ-Ý]?[a-zà-ÿ])", value)[0].strip(" ,.;:")
    words = value.split()
    if not 1 <= len(words) <= 8 or len(value) > 90:
        return None
    if not any(ch.isalpha() for ch in value) or value.lower() in ("la société", "the company", "die firma"):
        return None
    if "@" in value or "://" in value or value.startswith("www."):
        return None
    return value


def _looks_like_prose(line: str) -> bool:
    """A sentence, not an address line: many lower-case words."""
    words = line.split()
    return len(words) > 9 or sum(1 for w in words if w[:1].islower()) > 5


def _country_of(value: str) -> str | None:
    m = _COUNTRY_RE.search(_fold(value))
    return _COUNTRIES.get(m.group(1)) if m else None


_CCTLD = {
    "fr": "FR", "ch": "CH", "de": "DE", "at": "AT", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT",
    "be": "BE", "lu": "LU", "tr": "TR", "uk": "GB", "ie": "IE", "cy": "CY", "mt": "MT", "gr": "GR",
    "pl": "PL", "cz": "CZ", "hu": "HU", "ua": "UA", "rs": "RS", "mx": "MX", "pa": "PA", "cr": "CR",
    "co": "CO", "bs": "BS", "ae": "AE", "th": "TH", "il": "IL", "ru": "RU", "in": "IN", "cn": "CN",
    "jp": "JP", "kr": "KR", "my": "MY", "sg": "SG", "ph": "PH", "ar": "AR", "br": "BR", "pe": "PE",
}  # fmt: skip


def _cctld_country(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").rstrip(".")
    return _CCTLD.get(host.rsplit(".", 1)[-1]) if "." in host else None


def _vat_country(value: str) -> str | None:
    code = value[:2].upper()
    if code == "EL":
        return "GR"
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def find_operator(documents: list[Document]) -> OperatorIdentity | None:
    """The operator identity of a site from its documents (see :class:`OperatorExtractor`)."""
    extractor = OperatorExtractor()
    for doc in documents:
        extractor.add(doc)
    return extractor.result()
