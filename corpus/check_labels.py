#!/usr/bin/env python3
"""Validate corpus/labels/*.jsonl against the HTML pages (stdlib only).

Why: quotes are used as ground truth for claim extraction, so every quote must occur
verbatim in the page's *visible* text; a typo would silently poison the evaluation.

Usage: python corpus/check_labels.py [labels/xx.jsonl ...]   (default: all label files)
Exit status 0 when every line is valid, 1 otherwise (one line per problem on stdout).
"""

from __future__ import annotations

import ast
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
VOCABULARY = CORPUS.parent / "src" / "vigipub" / "evidence" / "vocabulary.py"
# Fallback mirror of THERAPY_FAMILIES, used only when the source tree is absent.
_THERAPIES_FALLBACK = {
    "dendritic_cells",
    "stem_cells",
    "mesenchymal_stem_cells",
    "umbilical_cord_cells",
    "bone_marrow_cells",
    "adipose_cells",
    "placental_cells",
    "embryonic_stem_cells",
    "exosomes",
    "secretome",
    "nk_cells",
    "cik_cells",
    "til",
    "car_t",
    "gene_therapy",
    "prp",
    "cell_therapy_other",
}


def therapy_ids() -> set[str]:
    """Read THERAPY_FAMILIES keys from vocabulary.py with ast (no import, stays stdlib-only)."""
    try:
        tree = ast.parse(VOCABULARY.read_text(encoding="utf-8"))
    except OSError:
        return set(_THERAPIES_FALLBACK)
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "THERAPY_FAMILIES" in names and isinstance(node.value, ast.Dict):
                return {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
    return set(_THERAPIES_FALLBACK)


THERAPIES = therapy_ids()
CATEGORIES = {
    "clinic",
    "broker",
    "news_report",
    "regulator_warning",
    "authorised_atmp",
    "clinical_trial",
    "encyclopedia",
    "patient_association",
    "science",
    "other",
}
VERDICTS = {"promotion", "not_promotion"}
SPLITS = {"dev", "test"}
REQUIRED = {
    "id": str,
    "file": str,
    "lang": str,
    "category": str,
    "verdict": str,
    "split": str,
    "therapies": list,
    "france_targeted": bool,
    "quotes": list,
}
OPTIONAL = {"reported": bool, "notes": str}
# Elements whose boundaries separate words; inline tags (b, a, span...) do not.
BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "button",
    "option",
    "select",
    "label",
    "input",
    "textarea",
    "details",
    "summary",
    "caption",
    "body",
    "html",
}
HIDDEN = {"script", "style", "noscript", "template", "head", "title"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCK:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def normalise(text: str) -> str:
    text = html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def visible_text(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return normalise("".join(parser.parts))


def check_line(line_no: int, raw: str, label_file: Path, seen: set[str]) -> list[str]:
    where = f"{label_file.name}:{line_no}"
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return [f"{where}: invalid JSON ({exc.msg})"]
    if not isinstance(obj, dict):
        return [f"{where}: not a JSON object"]
    errs: list[str] = []
    for key, typ in REQUIRED.items():
        if key not in obj:
            errs.append(f"{where}: missing field {key!r}")
        elif not isinstance(obj[key], typ):
            errs.append(f"{where}: field {key!r} must be {typ.__name__}")
    for key in obj:
        if key not in REQUIRED and key not in OPTIONAL:
            errs.append(f"{where}: unknown field {key!r}")
        elif key in OPTIONAL and not isinstance(obj[key], OPTIONAL[key]):
            errs.append(f"{where}: field {key!r} must be {OPTIONAL[key].__name__}")
    if errs:
        return errs
    lang = label_file.stem
    pid = obj["id"]
    if pid in seen:
        errs.append(f"{where}: duplicate id {pid}")
    seen.add(pid)
    if not re.fullmatch(rf"{lang}-\d{{4}}", pid):
        errs.append(f"{where}: id {pid!r} must look like {lang}-0001")
    if obj["lang"] != lang:
        errs.append(f"{where}: lang {obj['lang']!r} differs from label file {lang!r}")
    if obj["file"] != f"pages/{lang}/{pid}.html":
        errs.append(f"{where}: file {obj['file']!r} should be pages/{lang}/{pid}.html")
    if obj["category"] not in CATEGORIES:
        errs.append(f"{where}: unknown category {obj['category']!r}")
    if obj["verdict"] not in VERDICTS:
        errs.append(f"{where}: unknown verdict {obj['verdict']!r}")
    if obj["split"] not in SPLITS:
        errs.append(f"{where}: unknown split {obj['split']!r}")
    bad = [t for t in obj["therapies"] if t not in THERAPIES]
    if bad:
        errs.append(f"{where}: unknown therapy ids {bad}")
    if obj["verdict"] == "promotion":
        if obj["category"] not in {"clinic", "broker"}:
            errs.append(f"{where}: promotion pages must be category clinic or broker")
        if not 2 <= len(obj["quotes"]) <= 6:
            errs.append(f"{where}: promotion pages need 2-6 quotes")
        if not obj["therapies"]:
            errs.append(f"{where}: promotion pages need at least one therapy id")
        if obj.get("reported"):
            errs.append(f"{where}: 'reported' only applies to not_promotion pages")
    elif obj["quotes"] and not obj.get("reported"):
        errs.append(f'{where}: not_promotion quotes require "reported": true')
    page = CORPUS / obj["file"]
    if not page.is_file():
        errs.append(f"{where}: file {obj['file']} does not exist")
        return errs
    markup = page.read_text(encoding="utf-8")
    if not re.match(r"\s*<!doctype html>", markup, re.I):
        errs.append(f"{where}: {obj['file']} lacks <!DOCTYPE html>")
    if not re.search(rf'<html[^>]*\blang="{lang}', markup):
        errs.append(f'{where}: {obj["file"]} lacks <html lang="{lang}">')
    for tag in ("<title>", 'name="description"', "<nav", "<main", "<footer"):
        if tag not in markup:
            errs.append(f"{where}: {obj['file']} lacks {tag}")
    text = visible_text(markup)
    words = len(text.split())
    if not 150 <= words <= 700:
        errs.append(f"{where}: {obj['file']} has {words} visible words (want 150-700)")
    for quote in obj["quotes"]:
        if not isinstance(quote, str) or not quote.strip():
            errs.append(f"{where}: empty or non-string quote")
        elif normalise(quote) not in text:
            errs.append(f"{where}: quote not found verbatim in {obj['file']}: {quote[:70]!r}")
    return errs


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((CORPUS / "labels").glob("*.jsonl"))
    problems: list[str] = []
    count = 0
    for label_file in files:
        seen: set[str] = set()
        lines = label_file.read_text(encoding="utf-8").splitlines()
        for i, raw in enumerate(lines, 1):
            if raw.strip():
                count += 1
                problems += check_line(i, raw, label_file, seen)
        pages = {p.stem for p in (CORPUS / "pages" / label_file.stem).glob("*.html")}
        for orphan in sorted(pages - seen):
            problems.append(f"{label_file.name}: page {orphan}.html has no label line")
    for p in problems:
        print(p)
    print(f"checked {count} label lines in {len(files)} files: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
