"""``vigipub eval --templates``: do verdicts hold when a page is wrapped in an ordinary template?

A labelled excerpt is a page's main text. On the real web the same text comes inside a site's
template: a cookie notice, a menu (sometimes a mega-menu of a hundred entries), share buttons, a
newsletter, a blog's byline and comment form, a footer. None of these says whether the page
promotes a therapy, yet each is words the lexicons and the text component read: a « Lire la
suite » button read as a newspaper's mark, « Enregistrer mon nom » as a patient's story, a
mega-menu filled the text component's reading window.

Each labelled page is rendered as plain HTML (its blocks as headings and paragraphs: the
reference, measured in the same run) and then wrapped in each template of
``templates.yaml`` (the page's language, English otherwise); the shipped model judges every
rendering alone. The report counts, per template, the verdicts that changed from the plain
rendering: promotion pages that lost their verdict, other pages newly accused.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from vigipub.evidence.document import Document

#: the templates, in the order they are reported
TEMPLATES = ("site", "blog", "mega_menu")
#: how many times the mega-menu repeats its sections (14 sections: 168 entries)
_MEGA_REPEAT = 12
#: a block this short without a sentence end is a heading (the excerpts keep no tags)
_HEADING_CHARS = 90
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")


@lru_cache(maxsize=1)
def template_words() -> dict[str, dict[str, Any]]:
    """The widgets' words per language (``templates.yaml``)."""
    text = resources.files("vigipub.cli").joinpath("templates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {str(k): dict(v) for k, v in data.items()}


def _words(language: str | None) -> dict[str, Any]:
    table = template_words()
    return table.get(language or "", table["en"])


def page_body(doc: Document) -> str:
    """The page's blocks as HTML: its headings as headings (the first short line is the title),
    the rest as paragraphs."""
    out: list[str] = []
    for i, block in enumerate(doc.blocks):
        text = doc.text[block.start : block.end].strip()
        if not text:
            continue
        tag = block.tag if block.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else "p"
        if tag == "p" and len(text) <= _HEADING_CHARS and not text.endswith(_SENTENCE_ENDS):
            tag = "h1" if i == 0 else "h2"
        out.append(f"<{tag}>{html.escape(text)}</{tag}>")
    return "".join(out)


def _links(items: Iterable[str], listed: bool = True) -> str:
    links = [f'<a href="/{i}">{html.escape(t)}</a>' for i, t in enumerate(items)]
    return "<ul>" + "".join(f"<li>{a}</li>" for a in links) + "</ul>" if listed else " · ".join(links)


def _page(language: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>"
    )


def wrap(template: str, doc: Document) -> str:
    """The page's text as HTML, inside ``template`` (``plain``: no template, the reference)."""
    w = _words(doc.language)
    language = doc.language or "en"
    content = page_body(doc)
    title = doc.text[doc.blocks[0].start : doc.blocks[0].end][:80] if doc.blocks else ""
    if template == "plain":
        return _page(language, title, f"<main>{content}</main>")
    footer = (
        f"<footer><p>{_links(w['legal'], listed=False)}</p><p>{html.escape(w['copyright'])}</p></footer>"
    )
    if template == "site":
        cookie = f'<div id="cookie-notice" class="cookie-banner"><p>{html.escape(w["cookie"])}</p></div>'
        widgets = "".join(f"<p>{html.escape(t)}</p>" for t in w["widgets"])
        body = (
            f"{cookie}<header><nav>{_links(w['menu'])}</nav></header>"
            f"<main><article>{content}</article><aside>{widgets}</aside></main>{footer}"
        )
    elif template == "blog":
        form = "".join(f"<p>{html.escape(t)}</p>" for t in w["comment_form"])
        post_nav = "".join(f"<p>{html.escape(t)}</p>" for t in w["post_nav"])
        body = (
            f'<a class="skip-link" href="#content">{html.escape(w["skip"])}</a>'
            f"<header><nav>{_links(w['menu'])}</nav></header>"
            f'<main id="content"><p class="breadcrumb">{html.escape(w["breadcrumb"])}</p><article>'
            f'<p class="byline">{html.escape(w["byline"])}</p>{content}</article>'
            f'<section id="comments">{form}</section><nav>{post_nav}</nav></main>{footer}'
        )
    elif template == "mega_menu":
        entries = [f"{t} {n}" for n in range(_MEGA_REPEAT) for t in w["mega_menu"]]
        body = f"<header><nav>{_links(entries)}</nav></header><main>{content}</main>{footer}"
    else:
        raise ValueError(f"unknown template {template!r}")
    return _page(language, title, body)


@dataclass
class TemplateCounts:
    """What one template changed, against the plain rendering."""

    pages: int = 0
    changed: int = 0
    promotion_lost: int = 0
    accusations_gained: int = 0
    score_shift: float = 0.0
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "changed": self.changed,
            "promotion_lost": self.promotion_lost,
            "accusations_gained": self.accusations_gained,
            "mean_score_shift": round(self.score_shift / self.pages, 4) if self.pages else 0.0,
            "examples": self.examples[:10],
        }


def measure(
    pages: list[Any], progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Judge every labelled page plain and in each template; the changes per template."""
    from vigipub.detect import Detector
    from vigipub.extract import document_from_html

    detector = Detector.default()
    counts = {t: TemplateCounts() for t in ("text", *TEMPLATES)}
    for n, page in enumerate(pages, 1):
        doc = page.document
        as_text = detector.analyze(doc)
        plain = detector.analyze(document_from_html(wrap("plain", doc).encode("utf-8"), doc.url))
        judged = {"text": as_text}
        judged.update(
            (t, detector.analyze(document_from_html(wrap(t, doc).encode("utf-8"), doc.url))) for t in TEMPLATES
        )
        for name, analysis in judged.items():
            c = counts[name]
            c.pages += 1
            c.score_shift += abs(analysis.score - plain.score)
            if analysis.verdict == plain.verdict:
                continue
            c.changed += 1
            was, now = plain.verdict == "promotion", analysis.verdict == "promotion"
            if was and not now and page.promotion:
                c.promotion_lost += 1
            if now and not was and not page.promotion:
                c.accusations_gained += 1
            c.examples.append(f"{page.id}: {plain.verdict} {plain.score:.2f} -> {analysis.verdict} {analysis.score:.2f}")
        if progress is not None:
            progress(n, len(pages))
    return {
        "mode": "templates: the shipped model, each page plain and wrapped (changes against the plain HTML)",
        "model": detector.model.info.get("version"),
        "templates": {name: c.as_dict() for name, c in counts.items()},
    }
