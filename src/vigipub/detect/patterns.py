"""The few regular expressions: figures, prices and French phone numbers.

They run only on candidate sentences (or, for phones, on pages that already mention a
therapy), never over every page, so their cost stays out of the hot path.
"""

from __future__ import annotations

import re

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
PRICE = re.compile(
    r"(?:[€$£]\s?\d{1,3}(?:[ .,\u00a0\u202f]?\d{3})*(?:[.,]\d{1,2})?"
    r"|\d{1,3}(?:[ .,\u00a0\u202f]?\d{3})*(?:[.,]\d{1,2})?\s?(?:€|euros?\b|EUR\b|USD\b|\$|£|CHF\b|TL\b|₺))",
    re.I,
)
EURO = re.compile(r"€|\beuros?\b|\bEUR\b", re.I)
FRENCH_PHONE = re.compile(
    r"(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9](?:[\s.\-]?\d{2}){4}|(?<![\d+])0[1-9](?:[\s.\-]\d{2}){4})(?!\d)"
)


def find_figure(sentence: str) -> re.Match[str] | None:
    """First efficacy-like figure in ``sentence``: a percentage, a ratio or a multiplier."""
    return PERCENT.search(sentence) or RATIO_WORDS.search(sentence) or MULTIPLIER.search(sentence)
