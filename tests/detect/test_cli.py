"""``vigipub eval`` and ``vigipub bench`` on small artefacts built here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from vigipub.cli.bench import command as bench_command
from vigipub.cli.eval import command as eval_command
from vigipub.cli.eval import evaluate

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _mini_corpus(root: Path) -> Path:
    """A three-page labelled corpus in the layout the corpus helpers use."""
    (root / "pages" / "fr").mkdir(parents=True)
    (root / "labels").mkdir()
    rows = [
        (
            "fr-0001",
            "promo_fr_dendritic.html",
            "clinic",
            "promotion",
            ["La charge tumorale diminue jusqu'à 65 % chez nos patients.", "Phrase absente de la page."],
        ),
        ("fr-0002", "news_fr_reporting.html", "news_report", "not_promotion", []),
        ("fr-0003", "unrelated_fr_recipe.html", "other", "not_promotion", []),
    ]
    with open(root / "labels" / "fr.jsonl", "w", encoding="utf-8") as fh:
        for pid, name, cat, verdict, quotes in rows:
            shutil.copy(FIXTURES / name, root / "pages" / "fr" / f"{pid}.html")
            fh.write(
                json.dumps(
                    {
                        "id": pid,
                        "file": f"pages/fr/{pid}.html",
                        "lang": "fr",
                        "category": cat,
                        "verdict": verdict,
                        "split": "dev",
                        "therapies": [],
                        "france_targeted": True,
                        "quotes": quotes,
                    }
                )
                + "\n"
            )
    return root


def test_evaluate_counts_and_claim_recall(tmp_path: Path) -> None:
    result = evaluate(_mini_corpus(tmp_path / "corpus"), "dev")
    overall = result["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["tn"]) == (1, 0, 0, 2)
    assert overall["precision"] == 1.0 and overall["recall"] == 1.0
    assert overall["quotes"] == 2 and overall["claim_recall"] == 0.5  # the absent quote is missed
    assert set(result["by_category"]) == {"clinic", "news_report", "other"}
    assert evaluate(tmp_path / "corpus", "test")["overall"]["n"] == 0


def test_eval_command_table_and_json(tmp_path: Path) -> None:
    corpus = _mini_corpus(tmp_path / "corpus")
    runner = CliRunner()
    table = runner.invoke(eval_command, [str(corpus), "--split", "dev"])
    assert table.exit_code == 0, table.output
    assert "precision" in table.output and "lang=fr" in table.output
    as_json = runner.invoke(eval_command, [str(corpus), "--format", "json"])
    assert json.loads(as_json.output)["overall"]["n"] == 3


def _row(host: str, expected: str, predicted: str, quotes: int = 0, found: int = 0) -> dict[str, object]:
    return {
        "id": f"{host}-{expected}-{predicted}",
        "host": host,
        "expected": expected,
        "predicted": predicted,
        "quotes": quotes,
        "quotes_found": found if expected == "promotion" else None,
    }


def test_by_host_counts_sites_not_pages() -> None:
    from vigipub.cli.eval import _by_host

    rows = [
        # a clinic with three promotion pages, one of them found: the site is found
        _row("clinic.example", "promotion", "promotion", 2, 2),
        _row("clinic.example", "promotion", "uncertain", 2, 1),
        _row("clinic.example", "promotion", "not_promotion", 0),
        # a broker missed altogether
        _row("broker.example", "promotion", "not_promotion", 4, 0),
        # a newspaper with one of its two pages called promotion: one site falsely accused
        _row("news.example", "not_promotion", "promotion"),
        _row("news.example", "not_promotion", "not_promotion"),
        _row("agency.example", "not_promotion", "uncertain"),
    ]
    hosts = _by_host(rows)  # type: ignore[arg-type]
    assert hosts["hosts"] == 4 and hosts["promoting_hosts"] == 2 and hosts["promoting_hosts_found"] == 1
    assert hosts["host_recall"] == 0.5
    assert hosts["mean_page_recall_per_host"] == round((1 / 3 + 0) / 2, 4)
    assert hosts["mean_claim_recall_per_host"] == round((3 / 4 + 0 / 4) / 2, 4)
    assert hosts["other_hosts"] == 2 and hosts["hosts_falsely_accused"] == 1
    assert hosts["falsely_accused"] == ["news.example"]


def test_eval_of_excerpts_reports_by_site(tmp_path: Path) -> None:
    # excerpts written for this test: a clinic's two pages and a newspaper's page
    corpus = tmp_path / "real"
    corpus.mkdir()
    offer = (
        "Stem cell therapy for autism at our clinic. Our clinic offers umbilical cord stem cell infusions to "
        "children with autism. After three sessions 80% of our patients speak more. Book your free consultation "
        "today: the full treatment costs $14,500."
    )
    lines = [
        {"id": "t-1", "url": "https://clinic.example/autism", "lang": "en", "label": "promotion",
         "category": "stem_cell_clinic", "claims": ["After three sessions 80% of our patients speak more."],
         "text": offer},
        {"id": "t-2", "url": "https://www.clinic.example/about", "lang": "en", "label": "promotion",
         "category": "stem_cell_clinic", "claims": [], "text": "About us. We are a team of doctors."},
        {"id": "t-3", "url": "https://news.example/a", "lang": "en", "label": "not_promotion",
         "category": "news_report", "claims": [],
         "text": "Regulators warn parents against clinics selling stem cell infusions for autism, a treatment "
                 "that has not been shown to work, the health agency said on Monday."},
    ]
    (corpus / "en.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(eval_command, [str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    hosts = json.loads(result.output)["by_host"]
    assert hosts["hosts"] == 2  # « www. » is the same site
    assert (hosts["promoting_hosts"], hosts["promoting_hosts_found"]) == (1, 1)
    assert hosts["mean_page_recall_per_host"] == 0.5 and hosts["hosts_falsely_accused"] == 0
    table = runner.invoke(eval_command, [str(corpus)])
    assert "by site" in table.output and "1/1 (1.000)" in table.output, table.output


def test_eval_rejects_a_folder_without_labels(tmp_path: Path) -> None:
    from vigipub.cli.main import main

    assert main(["eval", str(tmp_path)]) == 2


def _write_warc(path: Path) -> Path:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name in ("promo_fr_dendritic.html", "news_fr_reporting.html", "unrelated_fr_recipe.html"):
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO((FIXTURES / name).read_bytes())
            writer.write_record(
                writer.create_warc_record(
                    f"https://fixtures.example/{name}", "response", payload=payload, http_headers=http
                )
            )
    return path


def test_bench_command_runs_on_a_small_warc(tmp_path: Path) -> None:
    warc = _write_warc(tmp_path / "mini.warc.gz")
    result = CliRunner().invoke(bench_command, [str(warc), "--naive-limit", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["vigipub"]["pages"] == 3
    assert data["naive_per_entry"]["pages"] == 2
    assert data["vigipub"]["verdicts"].get("promotion") == 1
    # triage's reading (FastWARC) and analyze's (warcio, SHA-256) judge the pages alike
    assert data["vigipub_analyze"]["pages"] == 3 and data["paths_agree"] is True
    assert data["vigipub_analyze"]["findings"] == data["vigipub"]["findings"] > 0
    assert data["speedup_vs_naive_per_language"] > 0
    # the fastest of the timed passes is the one reported, and every pass is listed
    assert data["vigipub"]["passes"] == 3
    rates = data["vigipub"]["pages_per_cpu_s_all_passes"]
    assert len(rates) == 3 and rates == sorted(rates)
    assert abs(data["vigipub"]["pages_per_cpu_s"] - rates[-1]) <= 0.1 * rates[-1] + 0.1


def test_bench_repeat_option_sets_the_number_of_passes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    warc = _write_warc(tmp_path / "mini.warc.gz")
    result = CliRunner().invoke(
        bench_command, [str(warc), "--naive-limit", "1", "--repeat", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["vigipub"]["passes"] == 1
    # the default WARC ($VIGIPUB_BENCH_WARC here) is named in the table's title
    monkeypatch.setenv("VIGIPUB_BENCH_WARC", str(warc))
    table = CliRunner().invoke(bench_command, ["--naive-limit", "1", "--repeat", "1"])
    assert table.exit_code == 0, table.output
    assert "mini.warc.gz" in table.output and "None" not in table.output


def test_bench_plot_draws_each_pipeline_and_the_target(tmp_path: Path) -> None:
    warc = _write_warc(tmp_path / "mini.warc.gz")
    svg = tmp_path / "bench.svg"
    result = CliRunner().invoke(
        bench_command, [str(warc), "--naive-limit", "1", "--repeat", "1", "--plot", str(svg), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    drawing = svg.read_text(encoding="utf-8")
    assert drawing.startswith("<svg") and "target 300" in drawing
    for name in ("vigipub triage", "vigipub analyze", "naive: one regex per language", "naive: one regex per entry"):
        assert f">{name}</text>" in drawing
    rate = json.loads(result.output)["vigipub"]["pages_per_cpu_s"]
    assert f">{rate:.0f}</text>" in drawing or f">{rate:.1f}</text>" in drawing



def test_eval_repeats_the_cross_validation_over_shuffled_folds(tmp_path: Path) -> None:
    """``--seeds 1-2``: the grouped cross-validation once per seed, each run's figures of the real
    pages and their mean (pages written for this test, 16 sites)."""
    corpus = tmp_path / "real"
    corpus.mkdir()
    offer = (
        "Stem cell treatment for autism at our clinic. After three sessions 80% of our patients speak more. "
        "Book your consultation today: the full protocol costs $14,900."
    )
    news = "Regulators warn parents against clinics selling stem cell infusions for autism, the health agency said."
    lines = []
    for i in range(16):
        promotion = i % 2 == 0
        lines.append(
            {"id": f"t-{i}", "url": f"https://site{i}.example/p", "lang": "en",
             "label": "promotion" if promotion else "not_promotion",
             "category": "stem_cell_clinic" if promotion else "news_report",
             "claims": [], "text": offer if promotion else news}  # fmt: skip
        )
    (corpus / "en.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(eval_command, [str(corpus), "--cv", "--seeds", "1-2", "--format", "json"])
    assert result.exit_code == 0, result.output
    repeats = json.loads(result.output)["repeats"]
    assert repeats["seeds"] == [1, 2] and [r["seed"] for r in repeats["runs"]] == [1, 2]
    for key in ("tp", "precision", "recall"):
        assert repeats["min"][key] <= repeats["mean"][key] <= repeats["max"][key]
    table = runner.invoke(eval_command, [str(corpus), "--cv", "--seeds", "3"])
    assert table.exit_code == 0 and "shuffled grouped folds" in table.output, table.output
    for bad in (["--seeds", "1-2"], ["--cv", "--seeds", "one"]):
        assert runner.invoke(eval_command, [str(corpus), *bad]).exit_code != 0


def test_eval_templates_wraps_each_page_and_counts_what_changed(tmp_path: Path) -> None:
    """``--templates``: each page judged plain and in each template; JSON and table; refused with
    --cv (it judges with the shipped model)."""
    from vigipub.cli.robustness import TEMPLATES, wrap
    from vigipub.extract import document_from_excerpt

    corpus = _mini_corpus(tmp_path / "c")
    runner = CliRunner()
    as_json = runner.invoke(eval_command, [str(corpus), "--templates", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    result = json.loads(as_json.output)
    assert list(result["templates"]) == ["text", *TEMPLATES]
    for counts in result["templates"].values():
        assert counts["pages"] == 3 and 0 <= counts["promotion_lost"] <= counts["changed"] <= 3
    table = runner.invoke(eval_command, [str(corpus), "--templates"])
    assert table.exit_code == 0 and "mega_menu" in table.output and "accusations gained" in table.output
    refused = runner.invoke(eval_command, [str(corpus), "--templates", "--cv"])
    assert refused.exit_code != 0

    # the page's text is inside each template, its language's words around it
    doc = document_from_excerpt("Thérapie par cellules souches\nNotre clinique soigne l'arthrose.", "https://c.example/")
    for template in TEMPLATES:
        page = wrap(template, doc)
        assert "<h1>Thérapie par cellules souches</h1><p>Notre clinique soigne l&#x27;arthrose.</p>" in page
    assert "Votre adresse e-mail ne sera pas publiée" in wrap("blog", doc)
    assert wrap("mega_menu", doc).count("<li>") == 168


def test_our_test_pages_keep_their_verdicts_in_every_template() -> None:
    """A gate: wrapped in a site's template, a blog's or a mega-menu, no page of our corpus's test
    split changes its verdict (before the templates' words were read as such, a blog's byline and
    comment form, and a mega-menu's sections, took verdicts away)."""
    from vigipub.cli import corpora
    from vigipub.cli.robustness import measure

    pages = corpora.load(corpora.default_corpus(), "test")
    assert len(pages) > 100
    result = measure(pages)
    changed = {name: c["examples"] for name, c in result["templates"].items() if c["changed"]}
    assert not changed
