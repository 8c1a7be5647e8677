"""The few regular expressions: figures, prices and French phone numbers.

They run only on candidate sentences (or, for phones, on pages that already mention a
therapy), never over every page, so their cost stays out of the hot path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .fold import fold

_PERCENT_WORDS = r"(?:percent|per cent|pour ?cent|por ?ciento|per ?cento|prozent|procent|por ?cento)"
PERCENT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|" + _PERCENT_WORDS + r"\b)"
    r"|%\s?\d{1,3}(?!\d)|\byüzde\s?\d{1,3}"
    r"|\b[a-zà-ÿ]+(?:[- ][a-zà-ÿ]+)?\s" + _PERCENT_WORDS + r"\b",
    re.I,
)
_NUMBER_WORDS = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix"
    r"|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|due|tre|quattro|sei|sette|otto|nove|dieci"
    r"|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|dois|duas|quatro|sete|oito|dez|twee|vier|vijf|zes|zeven|negen|tien)"
)
RATIO_WORDS = re.compile(
    r"\b"
    + _NUMBER_WORDS
    + r"(?:\s[\w'’-]+){0,2}?\s(?:sur|out of|of every|in|von|de cada|su|op de|op|em cada|em)\s"
    + _NUMBER_WORDS
    + r"\b|\b\d{1,3}['’]?(?:da|de|ta|te)\s\d{1,2}['’]?\w*",
    re.I,
)
MULTIPLIER = re.compile(
    r"\b(?:\d{1,4}|two|three|four|five|ten|deux|trois|quatre|cinq|dix|dos|tres|cuatro|cinco|diez|due|tre|quattro"
    r"|cinque|zwei|drei|vier|fünf|zehn|dois|três|twee|drie)\s(?:times|fois|veces|volte|mal|kat|vezes|keer)\b",
    re.I,
)
#: currencies of the languages without a lexicon (their names and signs are cues in common.yaml's
#: ``names``); short ambiguous ones ("kr", "Ft", "lei", "Rs") are left out: "10 ft" is a length
_OTHER_CURRENCY_CODES = r"RUB|UAH|PLN|CZK|AED|SAR|VND|RON|HUF|ILS|INR|SEK|NOK|DKK|BGN|THB|IDR|MYR"
_OTHER_CURRENCY_AFTER = r"₽|руб(?:\.|лей|ля|\b)|грн\b|₴|zł|Kč|درهم|دولار|ريال|جنيه|₫|đồng\b|лв\b|₪|₹|¥|₩|฿|円|元|บาท|원"
#: "250 triệu đồng", « 300 тыс. руб. », "45 tys. zł": a multiplier word between the amount and
#: the currency
#: (« 150万円 », "1,500만원": the Chinese, Japanese and Korean ones are written against the number)
_AMOUNT_WORD = r"(?:(?:triệu|tỷ|nghìn|млн\.?|тыс\.?|тысяч|mln|tys\.?|ألف|مليون)\s|(?:万|萬|千|億|亿|만|천|백만)\s?)?"
PRICE = re.compile(
    r"(?:(?:[€$£₽₴₫₪₹¥₩฿]|\b(?:USD|US\$|EUR|GBP|CHF|" + _OTHER_CURRENCY_CODES + r")\b)\s?\d{1,3}"
    r"(?:[ .,\u00a0\u202f\u2019']?\d{3})*(?:[.,]\d{1,2})?"
    r"|\d{1,3}(?:[ .,\u00a0\u202f\u2019']?\d{3})*(?:[.,]\d{1,2})?\s?" + _AMOUNT_WORD
    + r"(?:€|euros?\b|EUR\b|USD\b|\$|£|CHF\b|TL\b|₺|(?:" + _OTHER_CURRENCY_CODES + r")\b|" + _OTHER_CURRENCY_AFTER + r"))",
    re.I,
)
#: what a legal notice says before an amount that is no price: « au capital de 10 000 € »,
#: "share capital of £1,000", „Stammkapital: 25.000 €“, « capitale sociale », "sermaye"
SHARE_CAPITAL = re.compile(
    r"(?:\bcapital|\bcapitale|kapital|\bsermaye(?:si)?)\b[^.;\d€$£]{0,30}$",
    re.I,
)
#: after an amount, a scale no treatment costs: "US$818 billion" (the cost of a disease, a
#: market's size) is an economic figure, not a price
ECONOMIC_SCALE = re.compile(
    r"\s?(?:billions?|bn|trillions?|milliards?|milliarden?|mrd\.?|miliard[io]|mil\s+millones|billones"
    r"|bilh(?:ão|ões|ao|oes)|bili(?:ão|ões)|miljard|milyar)(?!\w)",
    re.I,
)
EURO = re.compile(r"€|\beuros?\b|\bEUR\b", re.I)
FRENCH_PHONE = re.compile(
    r"(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9](?:[\s.\-]?\d{2}){4}|(?<![\d+])0[1-9](?:[\s.\-]\d{2}){4})(?!\d)"
)


_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
#: the signature of a patient's story: a dash after the closing quotation mark (or at the start
#: of its own line), a first name (an initial or a surname may follow), then an age or a town,
#: and nothing else to the end of the line (« … » — Gérard, 71 ans, Lyon; "…" - Mary K., 54,
#: Ohio; „…“ – Jonas, 8 Jahre). At least one part after the name: a dash before a bare name
#: or a list item (« – Autisme ») signs nothing.
SIGNATURE = re.compile(
    r"(?:^|(?<=[»”\"“]))[ \t]*[—–-][ \t]*"
    rf"{_CAP}[\w'’\-]+(?:[ \t]+{_CAP}[\w'’\-]*\.?)?"
    r"(?:[ \t]*,[ \t]*(?:\d{1,3}(?:[ \t]*(?:ans|an|years?(?:[ \t]+old)?|yrs|y\.[ \t]?o\.|Jahre|años|anni|anos|jaar|yaşında|yaş))?"
    rf"|{_CAP}[\w'’\-]*(?:[ \t\-][\w'’\-]+){{0,3}})|[ \t]*\([^)\n]{{2,40}}\)){{1,3}}[ \t]*\.?[ \t]*$",
    re.M,
)

#: where a signature may start: after a closing quotation mark or a line break, a dash (a plain
#: search; the whole pattern tried at every character of a page cost 5 % of detection)
_SIGNATURE_START = re.compile(r"[»”\"“\n][ \t]*[—–-]")


def signatures(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`SIGNATURE` in ``text``, in order (the same as ``finditer``)."""
    if text[:1] in (" ", "\t", "—", "–", "-"):
        m = SIGNATURE.match(text, 0)
        if m is not None:
            yield m
    for start in _SIGNATURE_START.finditer(text):
        # no candidate lies inside another: a candidate holds no quotation mark nor line break
        m = SIGNATURE.match(text, start.start() + 1)
        if m is not None:
            yield m


#: a year that dates no event: a provider's founding (« depuis 2015 », "since 2014", „seit
#: 2010“, « 2015'ten beri ») or the edition of a price list (« prix 2026 », "prices 2026",
#: „Kosten 2026“, SEO titles of clinics and brokers)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:depuis|since|seit|desde|dal|dall'anno|sinds|sin|fin dal)\s+(?:(?:l'an|el año|o ano|the year|dem jahr|el|o)\s+)?"
    # a doctor's birth year on the page's biography (« né en 1979 », "born in 1979"), or the
    # page's own upkeep (« Última revisión médica: febrero 2026 », "Updated March 2025"; "© 2024"
    # is left out by _YEAR itself)
    r"|\b(?:born|née?|geboren|nacid[oa]|nat[oa]|nascid[oa]|copyright|updated|reviewed|mis\s+à\s+jour"
    r"|actualizad[oa]|revisi[oó]n\s+m[ée]dica|[úu]ltima\s+revisi[oó]n|aktualisiert|letzte\s+aktualisierung"
    r"|aggiornat[oa]|ultimo\s+aggiornamento|atualizad[oa]|bijgewerkt|g[üu]ncelleme)\b[^\d.!?]{0,25}"
    r"|\b(?:prix|tarifs?|co[uû]ts?|prices?|pricing|costs?|preise|kosten|precios?|costos?|costes?|prezzi|costi|"
    r"pre[çc]os?|custos?|prijzen|fiyat(?:lar[ıi])?|[üu]cret(?:leri)?)\s+(?:(?:in|en|em|im|nel|di|de|du|of)\s+)?)$",
    re.I,
)
_YEAR_AFTER = re.compile(
    r"['’]?(?:[dt][ae]n)\s+(?:beri|bu yana)\b"
    # the year of a site's copyright line written year first ("2024 © StemCell Therapy")
    r"|\s*(?:©|\(c\)\s)"
    # « 1979 yılında Tokat’ta doğdum » (I was born in 1979 in Tokat): a biography
    r"|\s+y[ıi]l[ıi]nda\s+[^.!?\d]{0,30}do[ğg]d",
    re.I,
)
#: a four-digit postal code in an address, not a year: after a street number and its comma
#: (« Meir 12, 2000 Antwerpen ») or a country prefix (« CH-2000 Neuchâtel », « B-2018 »), and
#: before the town's capitalised name
_POSTAL_BEFORE = re.compile(r"(?:\b\d{1,4}[a-zA-Z]?,\s*|\b[A-Z]{1,2}-)$")
_POSTAL_AFTER = re.compile(r"[ \t]+[A-ZÀ-Ý][\w'’-]+")


def not_chronology(text: str, m: re.Match[str]) -> bool:
    """The year ``m`` dates no event (see _YEAR_BEFORE), or is a postal code (_POSTAL_BEFORE): not
    a cue of a report's chronology."""
    return bool(
        _YEAR_BEFORE.search(text, max(0, m.start() - 40), m.start())
        or _YEAR_AFTER.match(text, m.end())
        or (_POSTAL_BEFORE.search(text, max(0, m.start() - 8), m.start()) and _POSTAL_AFTER.match(text, m.end()))
    )


#: after a multiplier, a frequency: "3 times a week", « 2 fois par mois », "2 veces al día",
#: „3 mal pro Woche“, "2 volte al mese", "2 keer per week" (a protocol, not an effect)
_FREQUENCY = re.compile(
    r"\s+(?:a|an|per|each|every|par|chaque|al|a\s+la|por|cada|ao|à|a\s+cada|alla|ogni|pro|am|im|je|in\s+der|elke"
    r"|in\s+de)\s+(?:day|week|month|year|jour|semaine|mois|an|ann[ée]e|d[íi]a|semana|mes|m[êe]s|a[ñn]o|ano"
    r"|giorno|settimana|mese|anno|tag|woche|monat|jahr|dag|maand|jaar)\b",
    re.I,
)
#: a payment in instalments: « en 3 fois sans frais », "em até 12 vezes no cartão" (but « jusqu'à
#: 10 fois plus », "até 10 vezes mais" compare effects)
_INSTALMENT_BEFORE = re.compile(r"\b(?:en|em|em\s+at[ée])\s+$", re.I)
_INSTALMENT_AFTER = re.compile(r"\s+(?:sans\s+frais|sem\s+juros|no\s+cart[ãa]o|sans\s+int[ée]r[êe]ts|sin\s+intereses)", re.I)


#: a percentage that recommends or pays rather than measures an effect: « Je recommande à 100 % »,
#: "100% recommended", « remboursé à 100 % », « financement à 100 % »
_NOT_EFFECT_BEFORE = re.compile(
    r"(?:recommand\w*|recommend\w*|empfehl\w*|recomiend\w*|recomend\w*|raccomand\w*|aanbevel\w*|aanraden"
    r"|tavsiye\w*|rembours\w*|pris\s+en\s+charge|financ\w*|reimburs\w*|covered|erstatt\w*|cubiert\w*"
    r"|rimbors\w*|reembols\w*|vergoed\w*)\b[^\d%.!?]{0,20}$",
    re.I,
)
_NOT_EFFECT_AFTER = re.compile(
    r"\s*(?:recommand\w*|recommend\w*|empfehl\w*|recomendad\w*|raccomandat\w*|aanbevolen|rembours\w*"
    r"|reimbursed|covered|erstattet|financ\w*)"
    # a share of the population a disease affects (« 10 % de la population », "50% of adults",
    # « il 50% delle persone oltre i 60 anni »): how common it is, no effect of a treatment
    r"|\s*(?:of|de|des|du|della|delle|degli|dei|dos|das|da|der|van)\s+(?:the\s+|la\s+|las\s+|los\s+|de\s+)?"
    r"(?:general\s+|adult\s+|world'?s\s+)?(?:population|popolazione|poblaci[oó]n|popula[cç][aã]o|bev[oö]lkerung|bevolking"
    r"|adults|adultes|adulti|adultos|erwachsenen|volwassenen"
    r"|(?:people|personnes|persone|personas|pessoas|menschen|mensen)\s+(?:over|above|aged|de\s+plus\s+de|[aâ]g[ée]es|oltre"
    r"|sopra|mayores|acima|[uü]ber|ouder))",
    re.I,
)


def find_figure(sentence: str) -> re.Match[str] | None:
    """First efficacy-like figure in ``sentence``: a percentage, a ratio or a multiplier.

    A multiplier that says how often (« 2 fois par semaine ») or in how many payments (« en 3
    fois sans frais ») is no effect: it is skipped, as a percentage that recommends or pays
    (« Je recommande à 100 % », « remboursé à 100 % »).
    """
    return _percent(sentence) or _ratio(sentence) or _multiplier(sentence)


#: a figure right after a verb of affecting or a word of prevalence is how common the disease is
#: (« l'autisme touche 1 enfant sur 100 », "affects 1 in 36 children", « afecta a 1 de cada 36
#: niños », "prevalence of 52%"), no effect of a treatment
_PREVALENCE_BEFORE = re.compile(
    r"(?:(?:\baffect(?:s|ing)?|\btouch(?:e|ent|ant)|\bafecta(?:n)?(?:\s+a)?|\bcolpisc(?:e|ono)|\batinge(?:m)?|\bbetr(?:ifft|effen)"
    r"|\btreft)"
    r"(?:\s+(?:about|around|approximately|nearly|almost|environ|pr[eè]s\s+de|presque|alrededor\s+de|aproximadamente|casi|circa"
    r"|quasi|cerca\s+de|quase|ongeveer|bijna|etwa|fast|rund))?"
    # a word of prevalence, and a few words (what it is of, a verb) before the figure
    r"|\b(?:prevalen|pr[ée]valen|incidenc|inciden)\w*(?:\s+\S+){0,5}?)\s*$",
    re.I,
)


def _after_prevalence(sentence: str, start: int) -> bool:
    """Whether the figure at ``start`` follows a verb of affecting or a word of prevalence."""
    return _PREVALENCE_BEFORE.search(sentence, max(0, start - 60), start) is not None


def _ratio(sentence: str) -> re.Match[str] | None:
    for m in RATIO_WORDS.finditer(sentence):
        if _after_prevalence(sentence, m.start()):
            continue
        return m
    return None


#: what every match of :data:`PERCENT` holds, lower-cased, besides a percent sign: each of
#: _PERCENT_WORDS holds "cent", "ento" or "zent", and Turkish « yüzde » (under ``re.I`` only
#: these ASCII letters' own capitals match them, so ``str.lower`` finds them all)
_PERCENT_SIGNS = ("cent", "ento", "zent", "yüzde")


def _percent(sentence: str) -> re.Match[str] | None:
    """The first match of :data:`PERCENT` that measures (not « Je recommande à 100 % »), not
    searched where no match can be: without a percent sign or word. Case-insensitive, its word
    branches are tried at every word of the sentence (a third of the figure search, on sentences
    that mostly hold no percentage)."""
    if "%" not in sentence:
        low = sentence.lower()
        if not any(sign in low for sign in _PERCENT_SIGNS):
            return None
    for m in PERCENT.finditer(sentence):
        if (
            _NOT_EFFECT_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
            or _NOT_EFFECT_AFTER.match(sentence, m.end())
            or _after_prevalence(sentence, m.start())
        ):
            continue
        return m
    return None


def _multiplier(sentence: str) -> re.Match[str] | None:
    for m in MULTIPLIER.finditer(sentence):
        if (
            _FREQUENCY.match(sentence, m.end())
            or _INSTALMENT_AFTER.match(sentence, m.end())
            or _INSTALMENT_BEFORE.search(sentence, 0, m.start())
        ):
            continue
        return m
    return None

_MONTHS = (
    r"(?:jan|feb|f[ée]v|mar|m[äa]r|apr|avr|abr|mai|may|mag|jun|juin|giu|jul|juil|lug|aug|ao[uû]t|ago|sep|set|oct|okt|ott|out"
    r"|nov|d[ée]c|dez|dic|ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k"
    r"|maart|mei|januari|februari)[a-zà-ÿçğışöü]*\.?"
)
#: a full date (« 7 avril 2021 », "April 7, 2021", 2021-04-07, 07/04/2021): news and notices are
#: dated at their top; a provider's service page rarely is (a footer shows a year, not a date)
DATE = re.compile(
    r"\b\d{1,2}(?:er|\.|º)?\s+(?:de\s+)?" + _MONTHS + r"\s+(?:de\s+)?(?:19|20)\d{2}\b"
    r"|\b" + _MONTHS + r"\s+\d{1,2},?\s+(?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b|\b[0-3]?\d[./][01]?\d[./](?:19|20)\d{2}\b",
    re.I,
)


#: the month words :data:`DATE` may hold, whole or cut after three or four letters (its pattern
#: takes any letters after a month's first ones, « Meir » of an Antwerp address too)
_MONTH_WORDS = frozenset(
    {
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
        "novembre", "decembre", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "januar", "februar", "marz", "juni", "juli",
        "oktober", "dezember", "janner", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
        "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio",
        "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro", "fevereiro",
        "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "januari",
        "februari", "maart", "mei", "augustus", "ocak", "subat", "mart", "nisan", "mayis", "haziran",
        "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def _a_month(word: str) -> bool:
    w = fold(word).rstrip(".")  # « Mayıs » → « mayis », « März » → « marz »
    return w in _MONTH_WORDS or (3 <= len(w) <= 4 and any(m.startswith(w) for m in _MONTH_WORDS))


def find_date(text: str) -> re.Match[str] | None:
    """The first full date of ``text`` (:data:`DATE`) whose month is a month: « Meir 12, 2000
    Antwerpen » (an Antwerp street, its number, a postal code and the town) reads as "Mei 12,
    2000" but dates nothing."""
    for m in DATE.finditer(text):
        words = [w for w in _WORD.findall(m.group()) if w.lower() not in ("de", "er")]
        if words and not _a_month(words[0]):
            continue
        return m
    return None


#: words of an institution's name (« Clínica Regenera », "Revive Clinic", « Regenera Saúde »,
#: « Casa Sollievo »): a capitalised claim word beside one of them, itself capitalised, is part
#: of the name (lower case, accents kept as written: compared with the word as it stands).
#: "Medical" and "Medicine" are left out: « A Medical Breakthrough » is a claim in title case
INSTITUTION_WORDS = frozenset(
    {
        "clinic", "clinics", "clinica", "clínica", "clinique", "klinik", "kliniek", "klinika", "klinikum",
        "center", "centre", "centro", "centrum", "zentrum", "merkezi",
        "institute", "institut", "instituto", "istituto",
        "hospital", "hôpital", "ospedale", "krankenhaus", "ziekenhuis", "hastanesi", "hastane",
        "praxis", "cabinet", "studio", "lab", "labs", "laboratoire", "laboratorio", "laboratório",
        "health", "santé", "saúde", "salud", "salute", "gesundheit", "sağlık",
        "group", "groupe", "grupo", "gruppo", "casa", "spa", "foundation", "fondation", "stiftung",
    }
)

