"""Compare a drafted decision with a published one: Vu kinds, code articles, Considérant
steps, quoted claims, articles of decision. Shared by the fidelity tests; the paragraph-by-
paragraph comparison itself is :mod:`vigipub.documents.compare` (``vigipub draft … --compare``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from vigipub.documents.compare import STEP_RULES, norm, quotes, steps  # noqa: F401 - shared with the tests
from vigipub.documents.context import vu_kind


@dataclass
class Decision:
    head: str = ""
    vu: list[str] = field(default_factory=list)
    considerants: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    @property
    def vu_kinds(self) -> list[str]:
        return [vu_kind(v) for v in self.vu]

    def code_articles(self) -> list[str]:
        code = [v for v in self.vu if vu_kind(v) == "code"]
        return [
            a.replace(" ", "").upper()
            for a in re.findall(r"\b[lr]\.\d{4}-\d+(?:-\d+)?", norm(" ".join(code)))
        ]


_SPLIT_RE = re.compile(
    r"(?=\bVu (?:le|la|les) )|(?=\bConsidérant\b)|(?=\bDécide\s*:)|(?=\bArticle \d\b)|(?=\bFait à\b)"
)


def parse_reference(text: str) -> Decision:
    flat = " ".join(text.split())
    parts = [p.strip() for p in _SPLIT_RE.split(flat) if p.strip()]
    d = Decision(head=parts[0])
    for p in parts[1:]:
        if p.startswith("Vu "):
            d.vu.append(p)
        elif p.startswith("Considérant"):
            d.considerants.append(p)
        elif p.startswith("Article"):
            d.articles.append(p)
    return d


def parse_html(html: str | bytes) -> Decision:
    root = lxml.html.document_fromstring(html)

    def texts(cls: str) -> list[str]:
        return [" ".join(e.text_content().split()) for e in root.find_class(cls)]

    articles = []
    for title, body in zip(texts("article-title"), texts("article"), strict=True):
        articles.append(f"{title} {body}")
    return Decision(
        head=(texts("authority") or [""])[0],
        vu=texts("vu"),
        considerants=texts("considerant"),
        articles=articles,
    )


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(s in it for s in small)


