"""``vigipub eval CORPUS``: detection quality on a labelled corpus.

Corpus layout (``corpus/``): ``labels/<lang>.jsonl`` with one labelled page per line
(``id, file, lang, category, verdict, split, therapies, france_targeted, quotes``) and the
pages under ``pages/``. The positive class is ``promotion``; ``uncertain`` counts as "not
predicted promotion". Claim recall: a labelled quote is recalled when a claim or
testimonial finding's sentence overlaps it in the extracted text.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from vigipub.evidence.errors import InputError


@dataclass
class Counts:
    """Confusion counts for the promotion class, and uncertain verdicts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    uncertain: int = 0
    quotes: int = 0
    quotes_found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def metrics(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "uncertain_rate": round(self.uncertain / self.n, 4) if self.n else 0.0,
            "claim_recall": round(self.quotes_found / self.quotes, 4) if self.quotes else None,
            "quotes": self.quotes,
        }


def load_labels(corpus: Path, split: str = "dev") -> list[dict[str, Any]]:
    """Labelled pages of ``split`` (``dev``, ``test`` or ``all``)."""
    labels_dir = corpus / "labels"
    if not labels_dir.is_dir():
        raise InputError("no labels/ folder (expected corpus/labels/<lang>.jsonl)", where=str(corpus))
    out: list[dict[str, Any]] = []
    for path in sorted(labels_dir.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg}", where=f"{path}:{number}") from exc
            if split == "all" or item.get("split") == split:
                out.append(item)
    return out


def _quote_recalled(text: str, quote: str, spans: list[tuple[int, int]]) -> bool:
    normalised = " ".join(quote.split())
    pos = text.find(normalised)
    if pos < 0:
        return False
    end = pos + len(normalised)
    return any(s < end and pos < e for s, e in spans)


def evaluate(corpus: Path, split: str = "dev") -> dict[str, Any]:
    """Run extraction + detection over the labelled pages; return the metrics."""
    from vigipub.detect import Detector
    from vigipub.extract import document_from_html

    detector = Detector.default()
    total = Counts()
    by_lang: dict[str, Counts] = defaultdict(Counts)
    by_cat: dict[str, Counts] = defaultdict(Counts)
    pages: list[dict[str, Any]] = []
    for item in load_labels(corpus, split):
        path = corpus / item["file"]
        expected = item["verdict"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            total.errors.append(f"{path}: {exc.strerror}")
            continue
        doc = document_from_html(data, path.resolve().as_uri(), source="file")
        analysis = detector.analyze(doc)
        predicted = analysis.verdict
        spans = [(f.start, f.end) for f in analysis.findings if f.kind in ("claim", "testimonial")]
        quotes = item.get("quotes") or []
        found = [q for q in quotes if _quote_recalled(doc.text, q, spans)] if expected == "promotion" else []
        for counts in (total, by_lang[item.get("lang", "?")], by_cat[item.get("category", "?")]):
            if expected == "promotion":
                counts.quotes += len(quotes)
                counts.quotes_found += len(found)
            positive = predicted == "promotion"
            if expected == "promotion":
                counts.tp += positive
                counts.fn += not positive
            else:
                counts.fp += positive
                counts.tn += not positive
            counts.uncertain += predicted == "uncertain"
        pages.append(
            {
                "id": item["id"],
                "expected": expected,
                "predicted": predicted,
                "score": analysis.score,
                "genre": analysis.genre,
                "category": item.get("category"),
                "quotes": len(quotes),
                "quotes_found": len(found) if expected == "promotion" else None,
            }
        )
    return {
        "split": split,
        "overall": total.metrics(),
        "by_language": {k: v.metrics() for k, v in sorted(by_lang.items())},
        "by_category": {k: v.metrics() for k, v in sorted(by_cat.items())},
        "pages": pages,
        "errors": total.errors,
    }


@click.command("eval")
@click.argument("corpus", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--pages/--no-pages", "show_pages", default=False, help="List every page (errors first).")
@click.option("--plot", "plot_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also draw precision and recall per language as an SVG chart in this file.")
def command(corpus: Path, split: str, fmt: str, show_pages: bool, plot_file: Path | None) -> None:
    """Measure detection quality (precision, recall, F1, claim recall) on CORPUS."""
    result = evaluate(corpus, split)
    if plot_file is not None:
        from vigipub.cli.plot import grouped_bars

        langs = ["all", *result["by_language"]]
        metrics = [result["overall"], *result["by_language"].values()]
        plot_file.write_text(
            grouped_bars(
                f"Promotion verdict on {corpus.name} (split={split})",
                langs,
                {
                    "precision": [m["precision"] for m in metrics],
                    "recall": [m["recall"] for m in metrics],
                    "claim recall": [m["claim_recall"] or 0.0 for m in metrics],
                },
                floor=0.95,
            ),
            encoding="utf-8",
        )
    if fmt == "json":
        if not show_pages:
            result = {k: v for k, v in result.items() if k != "pages"}
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    # Piped output (files, CI logs) gets a wide table instead of rich's 80-column default.
    console = Console(width=None if sys.stdout.isatty() else 180)
    table = Table(title=f"vigipub eval — {corpus} (split={split}, positive class = promotion)")
    for col in ("group", "n", "TP", "FP", "FN", "precision", "recall", "F1", "uncertain", "claim recall"):
        table.add_column(col, justify="right" if col != "group" else "left")

    def row(name: str, m: dict[str, Any]) -> None:
        cr = "—" if m["claim_recall"] is None else f"{m['claim_recall']:.2f} ({m['quotes']})"
        table.add_row(
            name,
            str(m["n"]),
            str(m["tp"]),
            str(m["fp"]),
            str(m["fn"]),
            f"{m['precision']:.3f}",
            f"{m['recall']:.3f}",
            f"{m['f1']:.3f}",
            f"{m['uncertain_rate']:.2f}",
            cr,
        )

    row("ALL", result["overall"])
    table.add_section()
    for lang, m in result["by_language"].items():
        row(f"lang={lang}", m)
    table.add_section()
    for cat, m in result["by_category"].items():
        row(f"category={cat}", m)
    console.print(table)
    if show_pages:
        wrong = sorted(
            result["pages"],
            key=lambda p: (
                p["expected"] == (p["predicted"] == "promotion" and "promotion" or p["expected"]),
                p["id"],
            ),
        )
        for p in wrong:
            ok = (p["predicted"] == "promotion") == (p["expected"] == "promotion")
            console.print(
                f"{'  ' if ok else '✗ '}{p['id']:10} {p['category']:20} expected={p['expected']:14} "
                f"predicted={p['predicted']:14} score={p['score']:.2f} genre={p['genre']} "
                f"quotes={p['quotes_found']}/{p['quotes']}"
            )
    for err in result["errors"]:
        console.print(f"[red]error[/red] {err}")
