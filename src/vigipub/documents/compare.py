"""Compare a drafted decision with a published (or expected) one, paragraph by paragraph.

A reference paragraph is *matched* when a drafted paragraph of the same part (Vu, Considérant,
article of « Décide ») carries its legal content: every key fact of the reference paragraph
(dates, articles of the code, EU instruments, addresses of the site, figures, the site's or the
company's words in « ») and wording close enough (token-set similarity, whatever the order).
The law quoted by the reference (« aux termes de l'article … ») is a fact by its article
number only: the draft quotes the version in force, not necessarily the same words.

Figures are grouped as a lawyer reads a decision: the Vu, the procedure (the letter, the
observations and the Considérants that answer them), the reasoning (the other Considérants,
also compared as a sequence of steps), the claims quoted, and « Décide ». Used by
``vigipub draft decision … --compare REFERENCE.txt`` and by the fidelity tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html  # no stubs for lxml
from rapidfuzz import fuzz

from .context import vu_kind

PROCEDURE_VU = ("letter", "written_observations", "oral_observations")
#: wording at least this close (0–100, token-set ratio) for a paragraph to carry the same content:
#: lower when key facts (dates, quotes, articles…) already tie the two paragraphs together
SIMILARITY_WITH_FACTS, SIMILARITY_WITHOUT = 55, 75


def norm(text: str) -> str:
    """Lowercase, one space, straight apostrophes, « L.5122-1 » whatever the spacing."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    text = " ".join(text.split()).lower()
    return re.sub(r"\b([lrd])\.\s*(\d)", r"\1.\2", text)


@dataclass(frozen=True)
class Paragraph:
    part: str  # vu | considerant | article
    label: str  # Vu kind, reasoning step, « Article 1 »
    text: str


_SPLIT_RE = re.compile(
    r"(?=\bVu (?:le|la|les) )|(?=\bConsidérant\b)|(?=\bDécide\s*:)|(?=\bArticle \d\b)|(?=\bFait à\b)"
)

#: (step, keywords): first match wins; a paragraph that matches nothing continues the previous step
STEP_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("defences", ("courrier en date du", "observations", "soutient", "fait valoir", " estime ", "s'agissant d")),
    ("conclusion", ("en violation", "il convient", "il y a lieu")),
    ("medicine_definition", ("on entend par médicament",)),
    ("france_link", ("version en français", "porté à la connaissance", "public français")),
    ("function", ("par fonction",)),
    ("presentation", ("par présentation", "allégations thérapeutiques")),
    (
        "atmp",
        ("thérapie cellulaire somatique", "manipulation substantielle", "manipulations substantielles", "culture"),
    ),
    ("advertising_rules", ("l.5122-3", "l.5122-8", "l.5122-9", "visa")),
    ("authorisation", ("autorisation de mise sur le marché", "aucune autorisation", "l.5121-8")),
    ("public_health", ("perte de chance", "santé publique")),
    ("advertising", ("publicité", "témoignages", "allégations")),
]  # fmt: skip


def steps(considerants: list[str]) -> list[str]:
    """The reasoning steps of a list of Considérants, consecutive duplicates collapsed."""
    out: list[str] = []
    for label in _labels(considerants):
        if not out or out[-1] != label:
            out.append(label)
    return out


def _labels(considerants: list[str]) -> list[str]:
    out: list[str] = []
    for c in considerants:
        text = f" {norm(c)} "
        step = next(
            (s for s, keys in STEP_RULES if any(k in text for k in keys)), out[-1] if out else "other"
        )
        out.append(step)
    return out


def parse_text(text: str) -> list[Paragraph]:
    """The paragraphs of a decision given as plain text (a published decision copied from a PDF)."""
    flat = " ".join(text.split())
    parts = [p.strip() for p in _SPLIT_RE.split(flat) if p.strip()]
    vus = [p for p in parts if p.startswith("Vu ")]
    considerants = [p for p in parts if p.startswith("Considérant")]
    articles = [p for p in parts if p.startswith("Article")]
    return _paragraphs(vus, considerants, articles)


def parse_html(html: str | bytes) -> list[Paragraph]:
    """The paragraphs of a decision drafted by vigipub (classes ``vu``, ``considerant``, ``article``)."""
    root = lxml.html.document_fromstring(html)

    def texts(cls: str) -> list[str]:
        return [" ".join(e.text_content().split()) for e in root.find_class(cls)]

    articles = [f"{t} {b}" for t, b in zip(texts("article-title"), texts("article"), strict=True)]
    return _paragraphs(texts("vu"), texts("considerant"), articles)


def _paragraphs(vus: list[str], considerants: list[str], articles: list[str]) -> list[Paragraph]:
    out = [Paragraph("vu", vu_kind(v), v) for v in vus]
    out += [
        Paragraph("considerant", label, c)
        for c, label in zip(considerants, _labels(considerants), strict=True)
    ]
    out += [Paragraph("article", " ".join(a.split()[:2]), a) for a in articles]
    return out


_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FACT_RES = (
    re.compile(rf"\b\d{{1,2}}(?:er)? (?:{_MONTHS})(?: \d{{4}})?"),  # dates
    re.compile(r"\b[lr]\.\d{4}-\d+(?:-\d+)?"),  # articles of the code
    re.compile(r"\b\d{3,4}/\d{4}\b|\b\d{4}/\d{2,3}\b"),  # EU instruments
    re.compile(r"\b\d+(?:[,.]\d+)? ?%"),  # figures
)
_URL_RE = re.compile(r"https?://[^\s,;»)]+")
_QUOTE_RE = re.compile(r"«\s*(.*?)\s*»")


def quotes(text: str) -> list[str]:
    """The words a paragraph quotes in « », normalised."""
    return [norm(q).strip(" .") for q in _QUOTE_RE.findall(text.replace("\u202f", " "))]


def is_law_quote(text: str) -> bool:
    return "aux termes" in norm(text) or "il résulte des termes" in norm(text)


def key_facts(paragraph: Paragraph) -> list[str]:
    """What a paragraph must carry to say the same thing: dates, articles, figures, addresses and
    quoted words (not the quoted law, which counts by its article)."""
    text = norm(paragraph.text)
    facts: list[str] = []
    body = text if not is_law_quote(paragraph.text) else re.sub(r"«.*?»", " ", text)
    for pattern in _FACT_RES:
        facts += [m.group(0).replace(" %", "%") for m in pattern.finditer(body)]
    facts += ["url:" + u.rstrip(".") for u in _URL_RE.findall(text)]
    if not is_law_quote(paragraph.text):
        facts += ["quote:" + q for q in quotes(paragraph.text) if q]
    return list(dict.fromkeys(facts))


def _has(fact: str, draft: Paragraph) -> bool:
    text = norm(draft.text)
    if fact.startswith("url:"):
        # « https://iaso-cancer.comcontient » (a missing space in the published text) is the site
        return any(fact[4:].startswith(u.rstrip(".")) for u in _URL_RE.findall(text))
    if fact.startswith("quote:"):
        wanted = fact[6:]
        return any(wanted == q or (len(wanted) > 30 and wanted in q) for q in quotes(draft.text))
    return fact in text.replace(" %", "%")


@dataclass
class ParagraphMatch:
    reference: Paragraph
    group: str  # vu, procedure, reasoning, decide
    matched: bool
    best: Paragraph | None
    similarity: float
    missing: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    matches: list[ParagraphMatch]
    claims_quoted: int
    claims_total: int
    reference_steps: list[str]
    draft_steps: list[str]

    def figures(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for group in ("vu", "procedure", "reasoning", "decide"):
            ms = [m for m in self.matches if m.group == group]
            out[group] = (sum(m.matched for m in ms), len(ms))
        # the paragraphs that state facts of this case (a date, the site, a figure, the site's or the
        # company's words): the rest of a decision is the same from one case to the next
        own = [m for m in self.matches if any(not re.match(r"[lr]\.\d|\d{3,4}/\d", f) for f in key_facts(m.reference))]
        out["case_specific"] = (sum(m.matched for m in own), len(own))
        vus = [m for m in self.matches if m.reference.part == "vu"]
        out["vu_all"] = (sum(m.matched for m in vus), len(vus))
        out["claims"] = (self.claims_quoted, self.claims_total)
        out["paragraphs"] = (sum(m.matched for m in self.matches), len(self.matches))
        return out

    @property
    def steps_in_order(self) -> bool:
        """The reference's reasoning steps appear in the draft in the same order (a paragraph
        no rule recognises, « other », is not a step)."""
        it = iter(self.draft_steps)
        return all(s in it for s in self.reference_steps if s != "other")

    def score(self) -> float:
        matched, total = self.figures()["paragraphs"]
        return matched / total if total else 1.0


def _group(p: Paragraph) -> str:
    if p.part == "vu":
        return "procedure" if p.label in PROCEDURE_VU else "vu"
    if p.part == "article":
        return "decide"
    return "procedure" if p.label == "defences" else "reasoning"


def compare(reference: list[Paragraph], draft: list[Paragraph]) -> Comparison:
    """Match each reference paragraph with the drafted paragraph of the same part that carries
    all its key facts and the closest wording."""
    matches: list[ParagraphMatch] = []
    for ref in reference:
        facts = key_facts(ref)
        candidates = [d for d in draft if d.part == ref.part]
        best: Paragraph | None = None
        best_key: tuple[int, float] = (-1, -1.0)
        for cand in candidates:
            have = sum(_has(f, cand) for f in facts)
            similarity = fuzz.token_set_ratio(norm(ref.text), norm(cand.text))
            if (have, similarity) > best_key:
                best, best_key = cand, (have, similarity)
        missing = [f for f in facts if best is None or not _has(f, best)]
        similarity = best_key[1] if best is not None else 0.0
        threshold = SIMILARITY_WITH_FACTS if facts else SIMILARITY_WITHOUT
        matched = best is not None and not missing and similarity >= threshold
        matches.append(ParagraphMatch(ref, _group(ref), matched, best, similarity, missing))
    claims = [
        q
        for p in reference
        if p.part == "considerant" and p.label != "defences" and not is_law_quote(p.text)
        for q in quotes(p.text)
    ]
    drafted = [q for p in draft for q in quotes(p.text)]
    quoted = sum(any(q == d or (len(q) > 30 and q in d) for d in drafted) for q in claims)
    return Comparison(
        matches=matches,
        claims_quoted=quoted,
        claims_total=len(claims),
        reference_steps=steps([p.text for p in reference if p.part == "considerant"]),
        draft_steps=steps([p.text for p in draft if p.part == "considerant"]),
    )


GROUP_FR = {
    "vu": "Vu (textes, site)",
    "vu_all": "Vu (tous, procédure comprise)",
    "case_specific": "paragraphes propres au cas (dates, site, citations)",
    "procedure": "procédure (courrier, observations, réponses)",
    "reasoning": "considérants (raisonnement)",
    "claims": "allégations citées",
    "decide": "« Décide » (articles)",
    "paragraphs": "tous les paragraphes",
}


def report_lines(comparison: Comparison, *, width: int = 90) -> list[str]:
    """The comparison as lines of text: one per reference paragraph, then the figures."""
    lines = []
    for n, m in enumerate(comparison.matches, 1):
        mark = "ok " if m.matched else "-- "
        text = m.reference.text if len(m.reference.text) <= width else m.reference.text[: width - 1] + "…"
        lines.append(f"{mark}{n:>2} {m.group:<9} {m.reference.label:<20} {m.similarity:>5.0f}  {text}")
        if m.missing:
            lines.append(f"{'':>36}missing: {', '.join(f[:60] for f in m.missing)}")
    lines.append("")
    for key, (ok, total) in comparison.figures().items():
        pct = f"{100 * ok / total:5.1f} %" if total else "    – "
        lines.append(f"{GROUP_FR[key]:<54} {ok:>3}/{total:<3} {pct}")
    lines.append(
        f"{'ordre des étapes du raisonnement':<54} {'conservé' if comparison.steps_in_order else 'différent'}"
    )
    if not comparison.steps_in_order:
        lines.append(f"  reference: {', '.join(comparison.reference_steps)}")
        lines.append(f"  draft:     {', '.join(comparison.draft_steps)}")
    return lines


__all__ = [
    "Comparison",
    "Paragraph",
    "ParagraphMatch",
    "compare",
    "key_facts",
    "norm",
    "parse_html",
    "parse_text",
    "quotes",
    "report_lines",
    "steps",
]
