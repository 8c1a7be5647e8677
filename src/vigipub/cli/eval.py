"""``vigipub eval CORPUS...``: detection quality on labelled corpora.

Corpora are read in place (see :mod:`vigipub.cli.corpora`): our synthetic ``corpus/`` (HTML
pages and ``labels/``) and the real excerpts of ``../shared/corpus-real/``. The positive class
is ``promotion``; ``uncertain`` counts as "not found". Claim recall: a labelled quote of a
promotion page is recalled when the sentence of a claim, testimonial, call-to-action, offer or
travel finding overlaps it in the extracted text (the real corpus quotes prices and calls to
action as well as claims).

Two modes:

- default: the shipped model judges every page (pages it was trained on included: an
  in-sample figure, said so in the title);
- ``--cv``: grouped cross-validation by host over all the corpora given: the model is fitted
  again per fold without the fold's hosts, and each page is judged by the model that never saw
  its site. These out-of-fold figures are the honest estimate on unseen sites.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from vigipub.evidence.errors import InputError

from .corpora import jsonl_objects

#: categories of non-promotion pages that look like promotion (reported per category)
HARD_NEGATIVES = (
    "news_report",
    "regulator_warning",
    "science_explainer",
    "science",
    "clinical_trial",
    "patient_association",
    "patient_information",
    "authorised_atmp",
    "consumer_guide",
    "encyclopedia",
    "borderline",
    "unrelated_medical",
    "other",
)
_RECALL_KINDS = ("claim", "testimonial", "call_to_action", "offer", "travel")


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
    verdicts: dict[str, int] = field(default_factory=lambda: {"promotion": 0, "uncertain": 0, "not_promotion": 0})
    errors: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def add(self, expected: bool, predicted: str, quotes: int = 0, found: int = 0) -> None:
        positive = predicted == "promotion"
        if expected:
            self.tp += positive
            self.fn += not positive
            self.quotes += quotes
            self.quotes_found += found
        else:
            self.fp += positive
            self.tn += not positive
        self.uncertain += predicted == "uncertain"
        self.verdicts[predicted] = self.verdicts.get(predicted, 0) + 1

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
            "verdicts": dict(self.verdicts),
        }


def load_labels(corpus: Path, split: str = "dev") -> list[dict[str, Any]]:
    """Labelled pages of ``split`` (``dev``, ``test`` or ``all``) of a pages corpus."""
    labels_dir = corpus / "labels"
    if not labels_dir.is_dir():
        raise InputError("no labels/ folder (expected corpus/labels/<lang>.jsonl)", where=str(corpus))
    out: list[dict[str, Any]] = []
    for path in sorted(labels_dir.glob("*.jsonl")):
        for _number, item in jsonl_objects(path):
            if split == "all" or item.get("split") == split:
                out.append(item)
    return out


_SPACE = re.compile(r"\s+")


def quotes_recalled(text: str, quotes: list[str], spans: list[tuple[int, int]]) -> int:
    """How many labelled quotes overlap a finding's sentence (whitespace-insensitive match)."""
    # collapse the text's whitespace, keeping the map to the original offsets
    flat: list[str] = []
    where: list[int] = []
    last_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if last_space:
                continue
            flat.append(" ")
            last_space = True
        else:
            flat.append(ch)
            last_space = False
        where.append(i)
    joined = "".join(flat)
    found = 0
    for quote in quotes:
        normalised = _SPACE.sub(" ", quote).strip()
        pos = joined.find(normalised) if normalised else -1
        if pos < 0:
            continue
        start, end = where[pos], where[pos + len(normalised) - 1] + 1
        found += any(s < end and start < e for s, e in spans)
    return found


def _hard_negatives(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["expected"] == "promotion":
            continue
        cat = row["category"]
        c = out.setdefault(cat, {"n": 0, "promotion": 0, "uncertain": 0, "not_promotion": 0})
        c["n"] += 1
        c[row["predicted"]] += 1
    return dict(sorted(out.items(), key=lambda kv: (kv[0] not in HARD_NEGATIVES, kv[0])))


def _by_host(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures an agency reads per site: pages of one host are one site, not independent.

    A promoting host is *found* when at least one of its promotion pages is called promotion
    (an inspector who reads that page reads the site); a host with pages that do not promote is
    *falsely accused* when one of them is called promotion. Means are over hosts, so a site
    with many excerpts weighs as much as a site with one.
    """
    hosts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        hosts[row.get("host") or row["id"]].append(row)
    promoting = {h: [r for r in rs if r["expected"] == "promotion"] for h, rs in hosts.items()}
    promoting = {h: rs for h, rs in promoting.items() if rs}
    others = {h: [r for r in rs if r["expected"] != "promotion"] for h, rs in hosts.items()}
    others = {h: rs for h, rs in others.items() if rs}

    def called(rs: list[dict[str, Any]]) -> int:
        return sum(r["predicted"] == "promotion" for r in rs)

    found = sorted(h for h, rs in promoting.items() if called(rs))
    accused = sorted(h for h, rs in others.items() if called(rs))
    with_quotes = [rs for rs in promoting.values() if sum(r["quotes"] for r in rs)]

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    return {
        "hosts": len(hosts),
        "promoting_hosts": len(promoting),
        "promoting_hosts_found": len(found),
        "host_recall": round(len(found) / len(promoting), 4) if promoting else None,
        "mean_page_recall_per_host": mean([called(rs) / len(rs) for rs in promoting.values()]),
        "mean_claim_recall_per_host": mean(
            [sum(r["quotes_found"] or 0 for r in rs) / sum(r["quotes"] for r in rs) for rs in with_quotes]
        ),
        "other_hosts": len(others),
        "hosts_falsely_accused": len(accused),
        "falsely_accused": accused,
    }


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total = Counts()
    by_lang: dict[str, Counts] = defaultdict(Counts)
    by_cat: dict[str, Counts] = defaultdict(Counts)
    for row in rows:
        for counts in (total, by_lang[row["language"]], by_cat[row["category"]]):
            counts.add(row["expected"] == "promotion", row["predicted"], row["quotes"], row["quotes_found"] or 0)
    return {
        "overall": total.metrics(),
        "by_language": {k: v.metrics() for k, v in sorted(by_lang.items())},
        "by_category": {k: v.metrics() for k, v in sorted(by_cat.items())},
        "hard_negatives": _hard_negatives(rows),
        "by_host": _by_host(rows),
    }


def _row(page: Any, judgement_verdict: str, score: float, genre: str, findings: list[Any]) -> dict[str, Any]:
    # the page's evidence of the offer; « site_name » quotes the first sentence, not a claim
    spans = [(f.start, f.end) for f in findings if f.kind in _RECALL_KINDS and f.subkind != "site_name"]
    found = quotes_recalled(page.document.text, page.quotes, spans) if page.promotion else None
    return {
        "id": page.id,
        "corpus": page.corpus,
        "host": page.group,
        "language": page.language,
        "category": page.category,
        "expected": "promotion" if page.promotion else "not_promotion",
        "predicted": judgement_verdict,
        "score": round(score, 4),
        "genre": genre,
        "quotes": len(page.quotes) if page.promotion else 0,
        "quotes_found": found,
    }


def _load(folders: list[Path], split: str) -> list[Any]:
    """The labelled pages of ``folders``, in order."""
    from vigipub.cli import corpora as corpora_mod

    return [page for folder in folders for page in corpora_mod.load(folder, split)]


def evaluate_corpora(
    corpora: list[Path],
    split: str = "all",
    cv: bool = False,
    progress: Any = None,
    by_language: bool = False,
    seeds: list[int] | None = None,
) -> dict[str, Any]:
    """Metrics per corpus (and over all corpora), with the shipped model or out-of-fold.

    ``seeds`` (with ``cv``): the cross-validation is repeated with grouped folds shuffled by each
    seed, and ``repeats`` holds each run's figures of the real pages and their mean (the
    returned tables are the first seed's).
    """
    from vigipub.detect import Detector

    detector = Detector.default()
    pages = _load(corpora, split)
    analyses = [detector.analyze(p.document) for p in pages]
    if cv and seeds:
        result, repeats = _repeated(pages, analyses, seeds, progress, by_language)
        result["repeats"] = repeats
    else:
        result = evaluate_pages(pages, analyses, cv, progress, by_language)
    return {
        "mode": result.pop("mode"),
        "model": detector.model.info.get("version"),
        "split": split,
        "corpora": [str(c) for c in corpora],
        **result,
    }


def language_folds(pages: list[Any]) -> list[tuple[list[int], list[int]]]:
    """Leave one language out: per language with real promotion pages, (train, test) indices.

    The model is fitted without any page in that language (our corpus's included) and judges
    that language's real pages: how it reads a language it never learned from.
    """
    from vigipub.detect.lexicon import LANGUAGES

    languages = sorted({p.language for p in pages if p.corpus != "ours" and p.promotion and p.language in LANGUAGES})
    folds = []
    for lang in languages:
        train = [i for i, p in enumerate(pages) if p.language != lang]
        test = [i for i, p in enumerate(pages) if p.language == lang and p.corpus != "ours"]
        folds.append((train, test))
    return folds


def evaluate_pages(
    pages: list[Any],
    analyses: list[Any],
    cv: bool = False,
    progress: Any = None,
    by_language: bool = False,
    params: Any = None,
) -> dict[str, Any]:
    """Metrics of labelled pages already analysed: their own verdicts, or out-of-fold ones.

    ``cv``: grouped cross-validation by host; with ``by_language``, leave one language out
    instead (only the held-out languages' real pages are judged). ``params`` are the training
    parameters of each fold's fit (default: ``TrainParams()``, the selection included).
    """
    from vigipub.cli.model import examples_from
    from vigipub.detect.learn import TrainParams, cross_validate

    rows: list[dict[str, Any]] = []
    if cv and pages:
        folds = language_folds(pages) if by_language else None
        judgements = cross_validate(examples_from(pages, analyses), params or TrainParams(), progress, folds)
        for p, a, j in zip(pages, analyses, judgements, strict=True):
            if j is not None:
                rows.append(_row(p, j.verdict, j.score, j.genre, a.findings))
    else:
        for p, a in zip(pages, analyses, strict=True):
            rows.append(_row(p, a.verdict, a.score, a.genre, a.findings))
    by_corpus = {}
    for name in sorted({r["corpus"] for r in rows}):
        by_corpus[name] = _summarise([r for r in rows if r["corpus"] == name])
    mode = "shipped model (in-sample on training pages)"
    if cv:
        mode = "leave one language out" if by_language else "grouped cross-validation by host (out-of-fold)"
    return {
        "mode": mode,
        **_summarise(rows),  # all corpora together: overall, by_language, by_category, hard_negatives
        "by_corpus": by_corpus,
        "pages": rows,
        "errors": [],
    }


#: what a repeated cross-validation reports of each run (of the real pages, or of all pages)
_REPEATED = ("tp", "fp", "fn", "precision", "recall", "uncertain_rate", "claim_recall")


def _repeated(
    pages: list[Any], analyses: list[Any], seeds: list[int], progress: Any, by_language: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cross-validation once per seed (shuffled grouped folds): the first run's result, and
    each run's figures with their mean, minimum and maximum. One assignment of the sites to folds
    moves every fold's thresholds; a change is judged on the mean."""
    from dataclasses import replace

    from vigipub.detect.learn import TrainParams

    runs: list[dict[str, Any]] = []
    first: dict[str, Any] | None = None
    for seed in seeds:
        result = evaluate_pages(pages, analyses, True, progress, by_language, replace(TrainParams(), fold_seed=seed))
        first = first or result
        summary = result["by_corpus"].get("real", result)
        hosts = summary.get("by_host") or {}
        runs.append(
            {
                "seed": seed,
                **{k: summary["overall"].get(k) for k in _REPEATED},
                "promoting_sites_found": hosts.get("promoting_hosts_found"),
                "other_sites_accused": hosts.get("hosts_falsely_accused"),
            }
        )
    assert first is not None
    keys = [k for k in runs[0] if k != "seed"]

    def stat(key: str, f: Any) -> float | None:
        values = [r[key] for r in runs if r[key] is not None]
        return round(f(values), 4) if values else None

    return first, {
        "corpus": "real" if "real" in first["by_corpus"] else "all",
        "seeds": seeds,
        "runs": runs,
        "mean": {k: stat(k, lambda v: sum(v) / len(v)) for k in keys},
        "min": {k: stat(k, min) for k in keys},
        "max": {k: stat(k, max) for k in keys},
    }


def parse_seeds(text: str | None) -> list[int] | None:
    """« 1-8 » or « 1,2,5 » (``vigipub eval --seeds``)."""
    if not text:
        return None
    out: list[int] = []
    try:
        for part in text.split(","):
            lo, _sep, hi = part.strip().partition("-")
            out += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    except ValueError:
        raise InputError(f"--seeds wants numbers or ranges such as 1-8 or 1,2,5, not {text!r}", where="vigipub eval") from None
    if not out or len(out) > 100:
        raise InputError(f"--seeds wants 1 to 100 seeds, not {len(out)}", where="vigipub eval")
    return out


def evaluate(corpus: Path, split: str = "dev") -> dict[str, Any]:
    """Run extraction + detection over one labelled corpus with the shipped model."""
    return evaluate_corpora([corpus], split)


def _table(console: Any, title: str, summary: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title=title)
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

    row("ALL", summary["overall"])
    table.add_section()
    for lang, m in summary["by_language"].items():
        row(f"lang={lang}", m)
    table.add_section()
    for cat, m in summary["by_category"].items():
        row(f"category={cat}", m)
    console.print(table)
    hard = summary["hard_negatives"]
    if hard:
        t2 = Table(title=f"{title} — non-promotion pages by category: what they were called")
        for col in ("category", "n", "promotion (false accusation)", "uncertain", "not_promotion"):
            t2.add_column(col, justify="right" if col != "category" else "left")
        for cat, c in hard.items():
            t2.add_row(cat, str(c["n"]), str(c["promotion"]), str(c["uncertain"]), str(c["not_promotion"]))
        console.print(t2)
    hosts = summary.get("by_host")
    if hosts and hosts["hosts"] < summary["overall"]["n"]:  # some hosts have several pages
        t3 = Table(title=f"{title} — by site (pages of one host are one site)")
        t3.add_column("figure")
        t3.add_column("value", justify="right")

        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({part / whole:.3f})" if whole else "—"

        def number(value: float | None) -> str:
            return "—" if value is None else f"{value:.3f}"

        t3.add_row("promoting sites with a page called promotion", share(hosts["promoting_hosts_found"], hosts["promoting_hosts"]))
        t3.add_row("mean recall of a promoting site's pages", number(hosts["mean_page_recall_per_host"]))
        t3.add_row("mean claim recall per promoting site", number(hosts["mean_claim_recall_per_host"]))
        t3.add_row("other sites with a page called promotion", share(hosts["hosts_falsely_accused"], hosts["other_hosts"]))
        console.print(t3)


def _repeats_table(console: Any, repeats: dict[str, Any]) -> None:
    from rich.table import Table

    t = Table(title=f"vigipub eval — {repeats['corpus']} pages, cross-validation repeated over shuffled grouped folds")
    columns = ["tp", "fp", "fn", "precision", "recall", "uncertain_rate", "promoting_sites_found", "other_sites_accused"]
    t.add_column("seed")
    for c in columns:
        t.add_column(c.replace("_", " "), justify="right")

    def cell(v: Any) -> str:
        return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) and not float(v).is_integer() else f"{v:g}")

    for run in repeats["runs"]:
        t.add_row(str(run["seed"]), *(cell(run[c]) for c in columns))
    for name in ("mean", "min", "max"):
        t.add_row(name, *(cell(repeats[name][c]) for c in columns))
    console.print(t)


@click.command("eval")
@click.argument("corpora", nargs=-1, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Pages of our corpus to read (a real-excerpt corpus has no split).")
@click.option("--cv", is_flag=True, help="Grouped cross-validation by host: refit per fold, out-of-fold figures.")
@click.option("--by-language", is_flag=True,
              help="With --cv: leave one language out (fit without the language, judge its real pages).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--pages/--no-pages", "show_pages", default=False, help="List every page (errors first).")
@click.option("--plot", "plot_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also draw precision and recall per language as an SVG chart in this file.")
@click.option("--seeds", "seeds_text", default=None, metavar="N-M|N,M",
              help="With --cv: repeat it with sites shuffled into folds by each seed (e.g. 1-8) and print each "
                   "run's figures of the real pages and their mean (the tables are the first seed's).")
@click.option("--templates", "templates", is_flag=True,
              help="Judge every page plain and wrapped in ordinary site templates (cookie notice, menus, "
                   "share buttons, newsletter, a blog's byline and comment form, a mega-menu) and count the "
                   "verdicts each template changed.")
def command(
    corpora: tuple[Path, ...],
    split: str,
    cv: bool,
    by_language: bool,
    fmt: str,
    show_pages: bool,
    plot_file: Path | None,
    seeds_text: str | None,
    templates: bool,
) -> None:
    """Measure detection quality (precision, recall, F1, uncertain share, claim recall).

    CORPORA are labelled corpora (default: our corpus/ and ../shared/corpus-real/ when present).
    """
    from vigipub.cli.corpora import default_corpus, default_real_corpus

    folders = list(corpora) or [p for p in (default_corpus(), default_real_corpus()) if p.is_dir()]
    if not folders:
        raise InputError("no corpus given and none found (corpus/, ../shared/corpus-real/)", where=str(Path.cwd()))
    if by_language and not cv:
        raise InputError("--by-language is a kind of cross-validation: give --cv as well", where="vigipub eval")
    seeds = parse_seeds(seeds_text)
    if seeds and not cv:
        raise InputError("--seeds repeats the cross-validation: give --cv as well", where="vigipub eval")
    if templates:
        if cv or plot_file is not None:
            raise InputError("--templates judges with the shipped model: no --cv, --seeds nor --plot", where="vigipub eval")
        _templates(folders, split, fmt)
        return
    progress = None
    if cv and fmt == "table":
        def progress(n: int, total: int) -> None:
            click.echo(f"  fold {n}/{total} fitted", err=True)
    result = evaluate_corpora(folders, split, cv, progress, by_language, seeds)
    if plot_file is not None:
        from vigipub.cli.plot import grouped_bars

        summary = result
        langs = ["all", *summary["by_language"]]
        metrics = [summary["overall"], *summary["by_language"].values()]
        plot_file.write_text(
            grouped_bars(
                f"Promotion verdict ({'out-of-fold' if cv else 'shipped model'}, split={split})",
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

    # Piped output (files, CI logs) gets a wide table instead of rich's 80-column default.
    console = Console(width=None if sys.stdout.isatty() else 180)
    console.print(f"[bold]{result['mode']}[/bold] — model {result['model']}")
    for name, summary in result["by_corpus"].items():
        _table(console, f"vigipub eval — {name} corpus (split={split}, positive class = promotion)", summary)
    if len(result["by_corpus"]) > 1:
        _table(console, "vigipub eval — all corpora", result)
    if "repeats" in result:
        _repeats_table(console, result["repeats"])
    if show_pages:
        rows = sorted(
            result["pages"],
            key=lambda p: ((p["predicted"] == "promotion") == (p["expected"] == "promotion"), p["id"]),
        )
        for p in rows:
            ok = (p["predicted"] == "promotion") == (p["expected"] == "promotion")
            console.print(
                f"{'  ' if ok else '✗ '}{p['id']:10} {p['corpus']:4} {p['category']:22} expected={p['expected']:14} "
                f"predicted={p['predicted']:14} score={p['score']:.2f} genre={p['genre']} "
                f"quotes={p['quotes_found']}/{p['quotes']}"
            )


def _templates(folders: list[Path], split: str, fmt: str) -> None:
    """``--templates``: the verdicts that ordinary site templates change (:mod:`vigipub.cli.robustness`)."""
    from vigipub.cli.robustness import measure

    pages = _load(folders, split)
    with _bar(len(pages), fmt) as step:
        result = measure(pages, step)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 180)
    console.print(f"[bold]{result['mode']}[/bold] — model {result['model']}")
    t = Table(title=f"vigipub eval --templates ({len(pages)} pages, split={split})")
    for column in ("rendering", "verdicts changed", "promotion lost", "accusations gained", "mean |Δ score|"):
        t.add_column(column, justify="left" if column == "rendering" else "right")
    for name, c in result["templates"].items():
        label = "as the corpus reads it (text)" if name == "text" else name
        t.add_row(label, str(c["changed"]), str(c["promotion_lost"]), str(c["accusations_gained"]),
                  f"{c['mean_score_shift']:.3f}")
    console.print(t)
    for name, c in result["templates"].items():
        for line in c["examples"]:
            console.print(f"  {name}: {line}")


@contextmanager
def _bar(total: int, fmt: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on the terminal (none for JSON output or a pipe): a callable advancing it."""
    if fmt == "json" or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("judging the renderings", total=total)
        yield lambda n, _total: progress.update(task, completed=n)
