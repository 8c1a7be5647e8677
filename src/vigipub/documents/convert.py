"""From the HTML master to the other formats: typeset HTML, PDF, DOCX, Markdown.

The HTML produced by a template is the master. Its paragraphs carry semantic classes
(``vu``, ``considerant``, ``article-title`` …) that become *named paragraph styles* in the
DOCX (so that a lawyer restyles the whole decision in Word by editing one style) and plain
paragraphs in Markdown. A template editor can also set ``data-style="My style"`` on a block
to choose its DOCX style directly.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date as Date
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

import lxml.html
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

from vigipub.evidence.french import PLACEHOLDER_CLOSE as PH_CLOSE
from vigipub.evidence.french import PLACEHOLDER_OPEN as PH_OPEN
from vigipub.evidence.french import typeset as fr_text

BLOCK_TAGS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre")
SKIP_TAGS = ("style", "script", "head", "title", "meta", "link")

#: HTML class → DOCX paragraph style (created in every DOCX with the formatting below)
CLASS_STYLES: dict[str, str] = {
    "authority": "Autorité",
    "vu": "Vu",
    "considerant": "Considérant",
    "decide": "Décide",
    "article-title": "Article",
    "article": "Article texte",
    "place-date": "Lieu et date",
    "signature": "Signature",
    "letterhead": "En-tête",
    "address": "Adresse",
    "subject": "Objet",
    "quote": "Citation",
    "note": "Note",
    "banner": "Avertissement",
    "meta": "Mentions",
}
TAG_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
PLACEHOLDER_STYLE = "Champ à compléter"

_PH_RE = re.compile(re.escape(PH_OPEN) + r"(.*?)" + re.escape(PH_CLOSE))


# --------------------------------------------------------------------------- HTML


def _split_placeholders(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _PH_RE.finditer(text):
        out.append((text[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    out.append((text[pos:], False))
    return [(t, ph) for t, ph in out if t]


def _mark(label: str, tail: str | None = None) -> etree._Element:
    el = etree.Element("mark")
    el.set("class", "placeholder")
    el.set("title", "À compléter par l’inspecteur")
    el.text = f"[{fr_text(label)}]"
    el.tail = tail
    return el


def _expand_text(el: etree._Element) -> None:
    """Typeset ``el.text`` and turn placeholders in it into <mark> children."""
    if not el.text:
        return
    parts = _split_placeholders(el.text)
    el.text = None
    marks: list[etree._Element] = []
    for text, is_ph in parts:
        if is_ph:
            marks.append(_mark(text))
        elif marks:
            marks[-1].tail = (marks[-1].tail or "") + fr_text(text)
        else:
            el.text = fr_text(text)
    for i, m in enumerate(marks):
        el.insert(i, m)


def _expand_tail(el: etree._Element) -> None:
    if not el.tail:
        return
    parent = el.getparent()
    parts = _split_placeholders(el.tail)
    el.tail = None
    anchor = el
    for text, is_ph in parts:
        if is_ph:
            m = _mark(text)
            parent.insert(parent.index(anchor) + 1, m)
            anchor = m
        else:
            anchor.tail = (anchor.tail or "") + fr_text(text)


# Controls (tab and newlines excepted) and bidirectional overrides in text quoted from a site:
# lxml refuses the former (traceback while drafting), the latter can make a quotation display
# other than it reads. They are shown as U+FFFD so the reader sees that something was there.
_UNSAFE_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def typeset_html(html: str) -> str:
    """French typography on every text node (never on CSS or attributes) + placeholder marks."""
    root = lxml.html.document_fromstring(_UNSAFE_CHARS_RE.sub("\ufffd", html))
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        # CSS and scripts are code; text marked lang="en" (the reviewer's questions) is English
        in_skip = (
            el.tag in ("style", "script")
            or any(a.tag in ("style", "script") for a in el.iterancestors())
            or any((a.get("lang") or "").startswith("en") for a in (el, *el.iterancestors()))
        )
        if in_skip:
            continue
        if el.tag == "title":  # text only: no element may go in there
            el.text = _PH_RE.sub(lambda m: f"[{m.group(1)}]", fr_text(el.text or ""))
            continue
        _expand_text(el)
        if el.getparent() is not None and el.getparent().tag not in ("style", "script"):
            _expand_tail(el)
    html_out: str = lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html")
    return html_out + "\n"


def html_to_pdf(html: str, base_url: str, *, created: Date | None = None) -> bytes:
    """PDF through WeasyPrint (metadata from <title> and <meta name=author|generator|…>)."""
    import weasyprint  # heavy import, only when a PDF is asked for

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- walking blocks


def _blocks(root: etree._Element) -> Iterator[etree._Element]:
    body = root.find("body")
    if body is None:
        body = root
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        if any(a.tag in BLOCK_TAGS for a in el.iterancestors()):
            continue
        if any(
            a.tag in SKIP_TAGS or "no-export" in (a.get("class") or "").split() for a in el.iterancestors()
        ):
            continue
        if "no-export" in (el.get("class") or "").split():
            continue
        yield el


def _style_for(el: etree._Element) -> str:
    if el.get("data-style"):
        return str(el.get("data-style"))
    for cls in (el.get("class") or "").split():
        if cls in CLASS_STYLES:
            return CLASS_STYLES[cls]
    if el.tag in TAG_STYLES:
        return TAG_STYLES[el.tag]
    if el.tag == "li":
        parent = el.getparent()
        return "List Number" if parent is not None and parent.tag == "ol" else "List Bullet"
    if el.tag == "blockquote":
        return CLASS_STYLES["quote"]
    return "Normal"


def _inline(el: etree._Element) -> Iterator[tuple[str, str | None]]:
    """(text, character style) runs of a block, in order."""
    if el.text:
        yield el.text, None
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                yield child.tail, None
            continue
        tag = child.tag
        text = child.text_content()
        if tag == "br":
            yield "\n", None
        elif tag == "mark":
            yield text, PLACEHOLDER_STYLE
        elif tag in ("strong", "b"):
            yield text, "Strong"
        elif tag in ("em", "i", "cite"):
            yield text, "Emphasis"
        elif tag == "a":
            href = child.get("href") or ""
            yield text, None
            if href and href != text and not href.startswith("#"):
                yield f" ({href})", None
        else:
            yield from _inline(child)
        if child.tail:
            yield child.tail, None


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)


# --------------------------------------------------------------------------- DOCX


#: the fonts of the PDF (documents.css): serif text, sans-serif titles
BODY_FONT, TITLE_FONT = "Liberation Serif", "Liberation Sans"
LANGUAGE = "fr-FR"


def _set_fonts(style: Any, font: str) -> None:
    """Every script of ``style`` in ``font``: python-docx sets ascii/hAnsi only, and the template's
    headings take their fonts from the theme (asciiTheme…), which would win over ours."""
    from docx.oxml.ns import qn

    style.font.name = font
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _set_language(document: Any) -> None:
    """fr-FR for every run (document defaults and Normal): Word checks spelling in French and
    hyphenates as French."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    targets = [styles.find(qn("w:docDefaults")), document.styles["Normal"].element]
    for owner in targets:
        if owner is None:
            continue
        if owner.tag == qn("w:docDefaults"):
            holder = owner.find(qn("w:rPrDefault"))
            if holder is None:
                holder = owner.makeelement(qn("w:rPrDefault"), {})
                owner.insert(0, holder)
            rpr = holder.find(qn("w:rPr"))
            if rpr is None:
                rpr = holder.makeelement(qn("w:rPr"), {})
                holder.append(rpr)
        else:
            rpr = owner.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)


def _ensure_styles(document: DocxDocument) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    _set_language(document)
    # an administrative title, not the template's blue « Title » with a rule under it
    black = RGBColor(0, 0, 0)
    for name, size in (("Title", 15), ("Heading 1", 12.5), ("Heading 2", 11), ("Heading 3", 11)):
        style = styles[name]
        _set_fonts(style, TITLE_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = black
        ppr = style.element.get_or_add_pPr()
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6 if name != "Title" else 12)
        style.paragraph_format.keep_with_next = True
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern", "w:szCs"):  # the template spaces the Title's letters
            el = rpr.find(qn(tag))
            if el is not None:
                rpr.remove(el)
        linked = f"{name} Char"  # Word shows the linked character style on the title's runs
        if linked in [s.name for s in styles]:
            _set_fonts(styles[linked], TITLE_FONT)
            styles[linked].font.color.rgb = black

    def para(
        name: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        indent: float | None = None,
        first: float | None = None,
        align: Any = None,
        before: float = 0,
        after: float = 6,
        keep_next: bool = False,
    ) -> Any:
        style = (
            styles[name]
            if name in [s.name for s in styles]
            else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        )
        style.base_style = normal
        style.quick_style = True
        f = style.font
        f.bold = bold
        f.italic = italic
        if size:
            f.size = Pt(size)
        pf = style.paragraph_format
        if indent is not None:
            pf.left_indent = Cm(indent)
        if first is not None:
            pf.first_line_indent = Cm(first)
        if align is not None:
            pf.alignment = align
        pf.space_before = Pt(before)
        pf.space_after = Pt(after)
        pf.keep_with_next = keep_next
        return style

    just = WD_ALIGN_PARAGRAPH.JUSTIFY
    para("Autorité", bold=True, after=12)
    para("Vu", align=just)
    para("Considérant", align=just)
    para("Décide", bold=True, before=12, after=12, keep_next=True)
    para("Article", bold=True, before=10, after=4, keep_next=True)
    para("Article texte", align=just)
    para("Lieu et date", before=18, indent=9)
    para("Signature", indent=9)
    para("En-tête", size=9)
    para("Adresse", indent=9, after=0)
    para("Objet", bold=True, before=12)
    para("Citation", italic=True, indent=1)
    para("Note", italic=True, size=9)
    para("Mentions", size=8)
    banner = para("Avertissement", bold=True)
    banner.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    names = [s.name for s in styles]
    if PLACEHOLDER_STYLE not in names:
        ph = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.CHARACTER)
        ph.font.highlight_color = WD_COLOR_INDEX.YELLOW
        ph.font.bold = True


def html_to_docx(html: str, *, title: str, author: str, comments: str, created: Date | None) -> bytes:
    """A DOCX whose paragraphs use the named styles of :data:`CLASS_STYLES` (no hard formatting)."""
    import docx
    from docx.shared import Cm

    root = lxml.html.document_fromstring(html)
    document = docx.Document()
    _ensure_styles(document)
    section = document.sections[0]
    # the page of documents.css: A4, 2.2 cm margins (2.4 cm at the bottom)
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2.4)
    marking = root.xpath("//meta[@name='vigipub-marking']/@content")
    _header_and_page_numbers(section, str(marking[0]) if marking else "")
    names = {s.name for s in document.styles}
    for el in _blocks(root):
        if "projet" in (el.get("class") or "").split():
            continue  # in the header of every page instead
        style = _style_for(el)
        if style not in names:
            style = "Normal"
        p = document.add_paragraph(style=style)
        runs = list(_inline(el))
        # trim the block's leading/trailing whitespace, keep inner spacing
        for i, (text, char_style) in enumerate(runs):
            text = _clean(text) if text != "\n" else text
            if i == 0:
                text = text.lstrip()
            if i == len(runs) - 1:
                text = text.rstrip()
            if text == "\n":
                p.add_run().add_break()
            elif text:
                p.add_run(text, style=char_style)
    props = document.core_properties
    props.title = title
    props.author = author
    props.comments = comments
    props.language = "fr-FR"
    # reproducible output: the document's own date, not the wall clock
    stamp = datetime.combine(created or Date(2000, 1, 1), time(0, 0))
    props.created = props.modified = stamp
    props.last_modified_by = author
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) computed when the document is displayed or printed."""
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == code:
            el = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = f" {code} "
        else:
            el = run._r.makeelement(qn("w:t"), {})
            el.text = text
        run._r.append(el)


def _header_and_page_numbers(section: Any, marking: str) -> None:
    """« PROJET » at the top of every page; « page n / N » at the bottom (as the PDF)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    if marking:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(marking)
        run.bold = True
        run.font.name = TITLE_FONT
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("page ")
    _field(foot, "PAGE")
    foot.add_run(" / ")
    _field(foot, "NUMPAGES")
    for run in foot.runs:
        run.font.name = TITLE_FONT
        run.font.size = Pt(9)


# --------------------------------------------------------------------------- Markdown

_BR = "\x00br\x00"  # survives whitespace collapsing, becomes a Markdown hard break
#: what Markdown (and the HTML a Markdown viewer lets through) would read as syntax: emphasis,
#: code, links and images ([…](…), ![…](…)), raw HTML and autolinks (<script>, <javascript:…>),
#: headings, tables, strike-through. Text from a case file or a site must stay text.
_MD_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>!#|~])")
_MD_URL_ESCAPE_RE = re.compile(r"([\\`*\[\]<>!|~])")  # an address keeps its underscores
_URL_PART_RE = re.compile(r"(https?://[^\s<>\[\]()\"'`]+)")
#: the only link targets a draft may carry
_SAFE_HREF_RE = re.compile(r"^(https?://|mailto:)[^\s<>\"'`]*$", re.IGNORECASE)


def _md_escape(text: str) -> str:
    """Escape Markdown syntax so that quotes, names and addresses stay literal text."""
    parts = _URL_PART_RE.split(text)
    return "".join(
        (_MD_URL_ESCAPE_RE if i % 2 else _MD_ESCAPE_RE).sub(r"\\\1", p) for i, p in enumerate(parts)
    )


def _md_inline(el: etree._Element) -> str:
    out: list[str] = []
    if el.text:
        out.append(_md_escape(el.text))
    for child in el:
        if isinstance(child.tag, str):
            text = _clean(child.text_content()).strip()
            if child.tag == "br":
                out.append(_BR)
            elif child.tag == "mark" or child.tag in ("strong", "b"):
                out.append(f"**{_md_escape(text)}**")
            elif child.tag in ("em", "i", "cite"):
                out.append(f"*{_md_escape(text)}*")
            elif child.tag == "a":
                href = child.get("href") or ""
                if not _SAFE_HREF_RE.match(href):
                    out.append(_md_escape(text))  # javascript:, data: … : the words, not the link
                else:
                    out.append(f"<{href}>" if href == text or not text else f"[{_md_escape(text)}]({href})")
            else:
                out.append(_md_inline(child))
        if child.tail:
            out.append(_md_escape(child.tail))
    return "".join(out)


def html_to_markdown(html: str) -> str:
    root = lxml.html.document_fromstring(html)
    lines: list[str] = []
    for el in _blocks(root):
        text = _clean(_md_inline(el)).strip() if el.tag != "pre" else el.text_content()
        text = re.sub(rf"\s*{_BR}\s*", "  \n", text)
        if not text:
            continue
        classes = (el.get("class") or "").split()
        if el.tag in ("h1", "h2", "h3", "h4"):
            lines.append("#" * int(el.tag[1]) + " " + text)
        elif el.tag == "li":
            parent = el.getparent()
            bullet = f"{list(parent).index(el) + 1}." if parent is not None and parent.tag == "ol" else "-"
            lines.append(f"{bullet} {text}")
            continue  # list items stay together
        elif "article-title" in classes or "decide" in classes:
            lines.append(f"**{text}**")
        elif el.tag == "blockquote" or "quote" in classes or "banner" in classes:
            lines.append("> " + text)
        else:
            lines.append(text.lstrip("#").lstrip() if text.startswith("#") else text)
        lines.append("")
    out: list[str] = []
    for i, line in enumerate(lines):
        # a blank line after a list, not between its items
        if (
            i
            and line
            and not line.startswith(("-", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
            and out
            and out[-1]
            and re.match(r"^(-|\d+\.) ", out[-1])
        ):
            out.append("")
        out.append(line)
    return "\n".join(out).strip() + "\n"


__all__ = [
    "CLASS_STYLES",
    "PLACEHOLDER_STYLE",
    "html_to_docx",
    "html_to_markdown",
    "html_to_pdf",
    "typeset_html",
]
