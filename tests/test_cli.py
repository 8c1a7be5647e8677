"""The command line: help, version, exit codes, one-line errors."""

import subprocess
import sys

import pytest

from vigipub import __version__
from vigipub.cli.main import SUBCOMMANDS, main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vigipub", *args], capture_output=True, text=True, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_help_documents_every_subcommand():
    result = run("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_each_subcommand_has_help(name):
    result = run(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "not available in this build" not in result.stdout
    assert "Usage:" in result.stdout


def test_unknown_command_is_a_usage_error():
    assert main(["no-such-command"]) == 2


def test_investigate_refuses_non_empty_output(tmp_path, capsys):
    (tmp_path / "earlier.txt").write_text("an earlier dossier")
    code = main(["investigate", "http://127.0.0.1:9/", "--out", str(tmp_path), "--allow-private"])
    err = capsys.readouterr().err
    assert code == 2
    assert "not empty" in err and "Traceback" not in err
    assert (tmp_path / "earlier.txt").read_text() == "an earlier dossier"


def test_analyze_missing_file_is_one_line_error(tmp_path, capsys):
    code = main(["analyze", str(tmp_path / "missing.html"), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "missing.html" in err and "Traceback" not in err


def test_analyze_reads_an_excerpts_file_page_by_page(tmp_path, capsys):
    """``vigipub analyze fr.jsonl`` on the real corpus's layout judges each line as a page (it
    once judged the whole file as one text page); the site context groups them by host."""
    import json

    pages = [
        {"url": "https://clinique.example/traitement", "text": "Traitement de l'autisme par cellules souches\n"
         "Notre clinique propose des injections de cellules souches. Réservez votre consultation."},
        {"url": "https://clinique.example/tarifs", "text": "Tarifs\nLe protocole complet : 9 500 €."},
        {"url": "https://journal.example/article", "text": "Un essai clinique publié cette semaine."},
    ]
    path = tmp_path / "fr.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pages), encoding="utf-8")
    assert main(["analyze", str(path), "--site", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [p["url"] for p in out["pages"]] == [p["url"] for p in pages]
    assert out["pages"][0]["language"] == "fr" and out["pages"][0]["verdict"] != "not_promotion"


def test_failed_investigation_leaves_no_empty_dossier(tmp_path, capsys):
    out = tmp_path / "new-dossier"
    code = main(["investigate", "http://127.0.0.1:9/", "--out", str(out), "--allow-private", "--no-browser"])
    assert code == 2
    assert not out.exists()
    assert "Traceback" not in capsys.readouterr().err


def test_uncreatable_output_folder_is_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["investigate", "http://127.0.0.1:9/", "--out", str(blocker / "sub"), "--allow-private"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot create the output folder" in err and "Traceback" not in err


def test_analyze_prints_its_table_in_french(tmp_path, capsys):
    page = tmp_path / "clinique.html"
    page.write_text(
        "<html lang='fr'><head><title>Cellules souches</title></head><body><h1>Injections de cellules souches"
        "</h1><p>Nos cellules souches guérissent l'arthrose du genou. Prix du protocole : 9 000 €. Prenez "
        "rendez-vous.</p></body></html>",
        encoding="utf-8",
    )
    assert main(["analyze", str(page)]) == 0
    out = capsys.readouterr().out
    for words in ("adresse", "langue", "probabilité", "allégations", "thérapies", "fichier", "thérapie par cellules souches"):
        assert words in out, words
    assert "therapies" not in out and "stem_cells" not in out
