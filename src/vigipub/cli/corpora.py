"""Labelled corpora, read in place: our synthetic ``corpus/`` and the real ``corpus-real/``.

Two layouts are recognised:

- **pages** (``corpus/``): ``labels/<lang>.jsonl`` lines (``id, file, lang, category, verdict,
  split, quotes…``) pointing to HTML files under the folder;
- **excerpts** (``../shared/corpus-real/``): ``<lang>.jsonl`` lines carrying the page's ``url``,
  ``label``, ``category``, ``claims`` and the excerpt's ``text`` itself.

An excerpt is stored as plain text whose lines were the page's blocks (headings, paragraphs,
list items): each line becomes a block, as the page's HTML would have made it, and the page
keeps its real URL (the host tells a newspaper from a clinic). Third-party text is only read,
never copied into the repository.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vigipub.evidence.document import Document
from vigipub.evidence.errors import InputError
from vigipub.evidence.jsonl import jsonl_objects as read_jsonl

_REAL = Path("shared/corpus-real")


@dataclass
class LabelledPage:
    """One labelled page and its extracted document."""

    id: str
    corpus: str  # "ours" or "real"
    language: str
    category: str
    promotion: bool
    group: str  # the host (pages of one site are not independent)
    document: Document
    quotes: list[str] = field(default_factory=list)
    split: str | None = None


def default_real_corpus() -> Path:
    """``$VIGIPUB_REAL_CORPUS``, else ``../shared/corpus-real`` beside the checkout or the working folder."""
    env = os.environ.get("VIGIPUB_REAL_CORPUS")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    candidates = [repo.parent / _REAL, Path.cwd().parent / _REAL, Path.cwd() / _REAL]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def default_corpus() -> Path:
    """Our synthetic corpus: ``corpus/`` of the checkout (or of the working folder)."""
    repo = Path(__file__).resolve().parents[3] / "corpus"
    return repo if repo.is_dir() else Path.cwd() / "corpus"


def layout(folder: Path) -> str:
    """``pages`` or ``excerpts`` (InputError when neither)."""
    if (folder / "labels").is_dir():
        return "pages"
    if any(folder.glob("*.jsonl")):
        return "excerpts"
    raise InputError(
        "not a labelled corpus: expected labels/<lang>.jsonl (pages) or <lang>.jsonl with a text field (excerpts)",
        where=str(folder),
    )


def jsonl_objects(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a JSON-lines file with their line numbers (blank lines skipped);
    an unreadable file or a line that is not an object is an input error naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", where=str(path)) from exc
    yield from read_jsonl(text, str(path))


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def digest(folder: Path) -> dict[str, Any]:
    """The SHA-256 of every file a corpus is read from (labels, pages or excerpts)."""
    kind = layout(folder)
    files = sorted((folder / "labels").glob("*.jsonl")) if kind == "pages" else sorted(folder.glob("*.jsonl"))
    if kind == "pages":
        files += sorted(p for p in (folder / "pages").rglob("*") if p.is_file())
    whole = hashlib.sha256()
    for path in files:
        whole.update(str(path.relative_to(folder)).encode() + b"\x00")
        whole.update(hashlib.sha256(path.read_bytes()).digest())
    return {"layout": kind, "files": len(files), "sha256": whole.hexdigest()}


def load(folder: Path, split: str = "all") -> list[LabelledPage]:
    """Every labelled page of ``folder`` (``split`` filters a pages corpus: dev, test or all)."""
    from vigipub.extract import document_from_excerpt, document_from_html

    kind = layout(folder)
    out: list[LabelledPage] = []
    if kind == "pages":
        for path in sorted((folder / "labels").glob("*.jsonl")):
            for number, item in jsonl_objects(path):
                where = f"{path}:{number}"
                try:
                    page_id, file, verdict = item["id"], item["file"], item["verdict"]
                except KeyError as exc:
                    raise InputError(f"missing field {exc}", where=where) from exc
                if split != "all" and item.get("split") != split:
                    continue
                page = folder / file
                try:
                    data = page.read_bytes()
                except OSError as exc:
                    raise InputError(f"cannot read the page {file}: {exc.strerror}", where=where) from exc
                doc = document_from_html(data, page.resolve().as_uri(), source="file")
                out.append(
                    LabelledPage(
                        id=page_id,
                        corpus="ours",
                        language=str(item.get("lang", "?")),
                        category=str(item.get("category", "?")),
                        promotion=verdict == "promotion",
                        group=f"ours:{page_id}",
                        document=doc,
                        quotes=list(item.get("quotes") or []),
                        split=item.get("split"),
                    )
                )
        return out
    for path in sorted(folder.glob("*.jsonl")):
        for number, item in jsonl_objects(path):
            where = f"{path}:{number}"
            try:
                page_id, url, label, text = item["id"], item["url"], item["label"], item["text"]
            except KeyError as exc:
                raise InputError(f"missing field {exc}", where=where) from exc
            if label not in ("promotion", "not_promotion"):
                raise InputError(f"label {label!r} is neither promotion nor not_promotion", where=where)
            doc = document_from_excerpt(text, url)
            out.append(
                LabelledPage(
                    id=page_id,
                    corpus="real",
                    language=str(item.get("lang", "?")),
                    category=str(item.get("category", "?")),
                    promotion=label == "promotion",
                    group=_host(url) or page_id,
                    document=doc,
                    quotes=list(item.get("claims") or []) if label == "promotion" else [],
                )
            )
    return out
