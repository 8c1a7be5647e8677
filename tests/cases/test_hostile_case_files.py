"""A hostile or careless case file never stops `vigipub draft` (issue 18): bounded sizes, one-line
errors with the limit in them, no traceback; markup and right-to-left marks never reach a draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigipub.cases import CaseFileError, load_case
from vigipub.cases.casefile import LIMITS
from vigipub.cli.main import main

BASE = """\
company: {name: "Clinique Exemple SA", addresses: ["1 rue de l'Exemple, Genève"], country: CH}
websites: ["https://clinique.example"]
product: "la thérapie cellulaire dendritique"
events: [{date: 2025-03-03, kind: letter_of_intent}]
"""


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def draft(tmp_path: Path, case: Path, capsys: pytest.CaptureFixture[str], *more: str) -> tuple[int, str]:
    code = main(["draft", "decision", str(case), "--out", str(tmp_path / "d.md"), "--no-registers", *more])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (BASE.replace('websites: ["https://clinique.example"]', "websites: 123"), "'websites' must be a list of texts, not int", 2),
        (BASE + "claims: 7\n", "'claims' must be a list of texts", 5),
        (BASE + "letter_of_intent: {observation_days: 99999999999999999999}\n", "observation_days must be a whole number of days from 1 to 365", 5),
        (BASE + "letter_of_intent: {observation_days: -3}\n", "observation_days must be a whole number", 5),
        (BASE + "claims: " + "[" * 5000 + "]" * 5000 + "\n", f"nested more than {LIMITS['depth']} levels deep", 5),
        (BASE + "established: " + "{a: " * 400 + "1" + "}" * 400 + "\n", "nested more than", 5),
        (BASE + "established: 12\n", "'established' must be a mapping", 5),
        (BASE + "established: {euro_prices: [1, 2]}\n", "established.euro_prices[0] must be a text", 5),
        (BASE + "established: {french_version: ftp://x}\n", "established.french_version is the address", 5),
        (BASE.replace("la thérapie", "thérapie"), "product_article is missing", 3),
        (BASE + "claims: [\"A\x00B\"]\n", "character U+0000 is not allowed", 5),
        (BASE + "dossier: " + "d" * 300 + "\n", "dossier path cannot be read", 5),
    ],
)
def test_malformed_values_give_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str, line: int
) -> None:
    case = write(tmp_path, text)
    code, err = draft(tmp_path, case, capsys)
    assert code == 2
    assert err.startswith(f"error: {case}:{line}: ") and message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_20_mb_case_file_is_refused_at_once_with_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "big.yaml"
    with case.open("w", encoding="utf-8") as fh:
        fh.write(BASE + "claims:\n")
        line = '  - "' + "Guérit le cancer. " * 50 + '"\n'
        while fh.tell() < 20_000_000:
            fh.write(line)
    code, err = draft(tmp_path, case, capsys)
    assert code == 2 and "the case file is 20.0 MB; a case file is limited to 1 MB" in err, err


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("company.name", "A" * 20_000, "company.name is 20,000 characters long; the limit for a name is 300"),
        ("claims", "Guérit le cancer. " * 400, "claims[0] is 7,200 characters long; the limit for a text is 5,000"),
        ("claims_many", None, "claims has 201 items; the limit is 200"),
    ],
)
def test_field_sizes_are_bounded_and_the_limit_is_stated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str | None, message: str
) -> None:
    if key == "company.name":
        text = BASE.replace("Clinique Exemple SA", value or "")
    elif key == "claims":
        text = BASE + f'claims: ["{value}"]\n'
    else:
        text = BASE + "claims:\n" + "".join(f'  - "Guérit le cancer numéro {n}."\n' for n in range(201))
    code, err = draft(tmp_path, write(tmp_path, text), capsys)
    assert code == 2 and message in err, err


def test_the_largest_case_file_allowed_is_drafted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """200 claims (the limit) draft in one pass (the time is measured by benchmarks/draft_bench.py)."""
    claims = "".join(f'  - "La thérapie dendritique guérit le cancer numéro {n} sans effet secondaire."\n' for n in range(200))
    case = write(tmp_path, BASE + "decision: {date: 2025-04-02}\nclaims:\n" + claims)
    code, err = draft(tmp_path, case, capsys)
    assert code == 0, err
    text = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "numéro 0 " in text and "numéro 199 " in text


@pytest.mark.parametrize("mark", ["\u200f", "\u061c", "\u200e", "\u202e", "\u2067"])
def test_right_to_left_marks_are_refused_in_a_case_file(tmp_path: Path, mark: str) -> None:
    case = write(tmp_path, BASE.replace("Clinique Exemple SA", f"Clinique{mark} Exemple SA"))
    with pytest.raises(CaseFileError, match=f"company.name: control or bidirectional character U\\+{ord(mark):04X}"):
        load_case(case)


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[cliquez](javascript:alert(document.cookie))",
    "image": "![](https://tracker.example/pixel.png?id=1)",
    "autolink": "<javascript:alert(1)>",
    "html_image": '<img src="https://tracker.example/p.png">',
}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markup_in_case_fields_never_reaches_a_draft_as_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """QA: the Markdown draft carried raw <script>, javascript: links and tracking images."""
    name = f"Clinique {HOSTILE['script']} {HOSTILE['link']} {HOSTILE['image']} {HOSTILE['autolink']} {HOSTILE['html_image']}"
    text = BASE.replace('"Clinique Exemple SA"', f"'{name}'")
    text += "decision: {date: 2025-04-02}\n"
    case = write(tmp_path, text)
    out = tmp_path / f"d.{fmt}"
    assert main(["draft", "decision", str(case), "--out", str(out), "--no-registers"]) == 0, capsys.readouterr().err
    body = out.read_text(encoding="utf-8")
    if fmt == "md":
        import markdown_it  # the renderer a ticket system or a Markdown viewer would use

        # raw HTML allowed, as a Markdown viewer may: it must find none in the draft
        rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).render(body)
        # no element, link or image comes from the case: every < of the name is text
        assert "<script" not in rendered and "<img" not in rendered, rendered
        assert 'href="javascript' not in rendered and "<a " not in rendered, rendered
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    else:
        assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<img" not in body.split("<body", 1)[1] and 'href="javascript' not in body
