"""Compare a drafted decision with a published one: Vu kinds, code articles, Considérant
steps, quoted claims, articles of decision. Shared by the fidelity tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from vigipub.documents.context import vu_kind


def norm(text: str) -> str:
    """Lowercase, one space, straight apostrophes, « L.5122-1 » whatever the spacing."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    text = " ".join(text.split()).lower()
    return re.sub(r"\b([lrd])\.\s*(\d)", r"\1.\2", text)


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


#: (step, keywords): first match wins; a paragraph that matches nothing continues the previous step
STEP_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("defences", ("courrier en date du", "observations", "soutient", "fait valoir", " estime ")),
    ("conclusion", ("en violation", "il convient", "il y a lieu")),
    ("medicine_definition", ("on entend par médicament",)),
    ("france_link", ("version en français", "porté à la connaissance", "public français")),
    ("function", ("par fonction",)),
    ("presentation", ("par présentation", "allégations thérapeutiques")),
    (
        "atmp",
        (
            "thérapie cellulaire somatique",
            "manipulation substantielle",
            "manipulations substantielles",
            "culture",
        ),
    ),
    ("advertising_rules", ("l.5122-3", "l.5122-8", "l.5122-9", "visa")),
    ("authorisation", ("autorisation de mise sur le marché", "aucune autorisation", "l.5121-8")),
    ("public_health", ("perte de chance", "santé publique")),
    ("advertising", ("publicité", "témoignages", "allégations")),
]


def steps(considerants: list[str]) -> list[str]:
    """The reasoning steps, consecutive duplicates collapsed."""
    out: list[str] = []
    for c in considerants:
        text = f" {norm(c)} "
        step = next(
            (s for s, keys in STEP_RULES if any(k in text for k in keys)), out[-1] if out else "other"
        )
        if not out or out[-1] != step:
            out.append(step)
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(s in it for s in small)


def quotes(text: str) -> list[str]:
    return [norm(q).strip(" .") for q in re.findall(r"«\s*(.*?)\s*»", text.replace("\u202f", " "))]
