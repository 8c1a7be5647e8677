"""Case files: valid ones load; each kind of bad input is reported with its line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from vigipub.cases import CaseFileError, load_case, load_case_file

IASO = Path(__file__).resolve().parents[1] / "documents" / "cases" / "iaso_health.yaml"

GOOD = """\
authority: ANSM
company:
  name: "Clinique Exemple SA"
  addresses: ["1 rue de l'Exemple, 1000 Bruxelles, Belgique"]
websites: ["https://clinique.example"]
product: "la thérapie par cellules souches"
events:
  - {date: 2025-03-20, kind: written_observations}
  - {date: 2025-03-03, kind: letter_of_intent}
claims: ["Guérit l'arthrose en une séance"]
defences: [medical_tourism_only]
decision:
  date: 2025-04-02
  signatory: {name: "Jeanne Martin", title: "Directrice générale adjointe"}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_line(exc: pytest.ExceptionInfo[CaseFileError]) -> int:
    m = re.search(r":(\d+)$", exc.value.where or "")
    assert m, f"no line in {exc.value.where!r}"
    return int(m.group(1))


def test_good_case_loads_sorted_with_deadline(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, GOOD))
    assert [e.kind for e in case.events] == ["letter_of_intent", "written_observations"]
    assert case.letter_of_intent is not None
    assert case.letter_of_intent.date == date(2025, 3, 3)
    assert case.letter_of_intent.observation_deadline == date(2025, 3, 18)  # 15 days, law parameter
    assert case.letter_of_intent.addresses == case.company.addresses
    assert case.source_path and case.source_path.endswith("case.yaml")


def test_iaso_case_loads() -> None:
    case = load_case(IASO)
    assert case.company.name == "Iaso Health GmbH"
    assert [e.date.day for e in case.events if e.kind == "written_observations"] == [7, 19, 27]
    assert case.decision and case.decision.date == date(2024, 11, 28)
    assert len(case.claims) == 5


@pytest.mark.parametrize(
    ("mutate", "message", "line"),
    [
        (lambda t: t.replace("product:", "prodcut:"), "unknown key 'prodcut'", 6),
        (
            lambda t: t.replace('  name: "Clinique Exemple SA"\n', '  nom: "x"\n'),
            "unknown key 'company.nom'",
            3,
        ),
        (
            lambda t: t.replace(
                "defences: [medical_tourism_only]", "defences: [medical_tourism_only, we_are_nice]"
            ),
            "unknown defence id 'we_are_nice'",
            11,
        ),
        (lambda t: t.replace("Guérit l'arthrose en une séance", "Guérit <b>l'arthrose</b>"), "markup", 10),
        (lambda t: t.replace("Guérit l'arthrose en une séance", "« Guérit l'arthrose"), "guillemets", 10),
        (
            lambda t: t.replace('["Guérit l\'arthrose en une séance"]', "['Il dit \"guérit']"),
            "double quote",
            10,
        ),
        (lambda t: t.replace("Guérit l'arthrose en une séance", "Guérit &amp; soigne"), "entity", 10),
        (lambda t: t.replace("kind: written_observations", "kind: written_observation"), "events.0.kind", 8),
        (lambda t: t.replace("date: 2025-04-02", "date: 2025-02-02"), "before the letter of intent", 13),
        (lambda t: t.replace("2025-03-20", "2025-03-01"), "comes before the letter of intent", 8),
        (lambda t: t.replace("date: 2025-04-02", "date: 2 avril 2025"), "not a date", 13),
        (lambda t: t.replace("https://clinique.example", "clinique.example"), "not an http(s) URL", 5),
        (
            lambda t: t.replace('    name: "Jeanne Martin", ', "").replace(
                'signatory: {name: "Jeanne Martin", title:', "signatory: {title:"
            ),
            "missing key 'name'",
            14,
        ),
    ],
)
def test_bad_input_names_problem_and_line(tmp_path: Path, mutate, message: str, line: int) -> None:  # type: ignore[no-untyped-def]
    text = mutate(GOOD)
    assert text != GOOD, "the mutation did not apply"
    with pytest.raises(CaseFileError) as exc:
        load_case(write(tmp_path, text))
    assert message in exc.value.message
    assert error_line(exc) == line


def test_missing_company(tmp_path: Path) -> None:
    text = "\n".join(
        line for line in GOOD.splitlines() if not line.startswith(("company:", "  name:", "  addresses:"))
    )
    with pytest.raises(CaseFileError, match="missing company"):
        load_case(write(tmp_path, text))


def test_invalid_yaml_reports_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('product: "la thérapie par cellules souches"', 'product: "thérapie par cellules souches')
    with pytest.raises(CaseFileError, match="invalid YAML") as exc:
        load_case(write(tmp_path, text))
    assert error_line(exc) >= 6


def test_duplicate_key(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="duplicate key 'product'") as exc:
        load_case(write(tmp_path, GOOD + 'product: "autre"\n'))
    assert error_line(exc) == 15


def test_not_a_mapping_and_empty(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="mapping"):
        load_case(write(tmp_path, "- a\n- b\n"))
    with pytest.raises(CaseFileError, match="empty"):
        load_case(write(tmp_path, "# nothing\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="not found"):
        load_case(tmp_path / "nope.yaml")


def test_dossier_resolved_relative_to_case(tmp_path: Path) -> None:
    (tmp_path / "dossier").mkdir()
    case = load_case(write(tmp_path, GOOD + "dossier: dossier\n"))
    assert case.dossier == str((tmp_path / "dossier").resolve())
    with pytest.raises(CaseFileError, match="dossier not found") as exc:
        load_case(write(tmp_path, GOOD + "dossier: elsewhere\n"))
    assert error_line(exc) == 15


def test_short_observation_period_refused(tmp_path: Path) -> None:
    text = GOOD + "letter_of_intent: {observation_days: 3}\n"
    with pytest.raises(CaseFileError, match="shorter than the minimum of 8") as exc:
        load_case(write(tmp_path, text))
    assert error_line(exc) == 15


def test_several_errors_are_counted(tmp_path: Path) -> None:
    text = GOOD.replace("product:", "prodcut:").replace("medical_tourism_only", "nope")
    with pytest.raises(CaseFileError, match=r"and \d+ more"):
        load_case_file(write(tmp_path, text))


@pytest.mark.parametrize("bad", ["2024-13-07", "2024-02-30", "2024-00-10"])
def test_impossible_date_names_its_line(tmp_path: Path, bad: str) -> None:
    """QA: a date-shaped but impossible date raised a bare ValueError traceback from PyYAML."""
    path = write(tmp_path, GOOD.replace("2025-03-20", bad))
    with pytest.raises(CaseFileError, match=rf"invalid date '{bad}'") as exc:
        load_case(path)
    assert error_line(exc) == 8


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ('  name: "Clinique Exemple SA"', '  name: "  "', "company.name is empty", 3),
        ('product: "la thérapie par cellules souches"', 'product: " "', "product is empty", 6),
        (
            "Guérit l'arthrose en une séance",
            "Guérit\\u0007 l'arthrose",
            r"claims\[0\]: control .* U\+0007",
            10,
        ),
        ("Guérit l'arthrose en une séance", "Guérit \\u202e l'arthrose", r"U\+202E is not allowed", 10),
        ('"Clinique Exemple SA"', '"Clinique\\u0000 SA"', r"company\.name: control .* U\+0000", 3),
    ],
)
def test_blank_names_and_control_characters_are_refused(
    tmp_path: Path, old: str, new: str, message: str, line: int
) -> None:
    """QA: a blank company name or product drafted « la société  (située …) » / « pour l’ par la
    société »; a control character in a claim crashed the DOCX writer with a traceback, and a
    bidirectional override could make a quotation display other than it reads."""
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(CaseFileError, match=message) as exc:
        load_case(write(tmp_path, text))
    assert error_line(exc) == line


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """QA: nine nested aliases of nine items (« billion laughs ») hung `vigipub draft`."""
    import time

    bomb = 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        bomb += f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
    started = time.monotonic()
    with pytest.raises(CaseFileError, match="aliases"):
        load_case(write(tmp_path, bomb + GOOD))
    assert time.monotonic() - started < 5


def test_a_fact_written_in_a_note_is_refused_with_the_typed_field_to_use(tmp_path: Path) -> None:
    """A note is free text for the file, never read as a fact: the outcome of a compliance check
    and the scope of a letter are typed fields (the engine once read « non_compliant » in notes)."""
    base = (
        'company: {name: "X SA"}\nproduct: "la thérapie X"\nwebsites: ["https://x.example"]\n'
        "events:\n  - {date: 2025-01-02, kind: letter_of_intent}\n"
    )
    path = tmp_path / "case.yaml"
    path.write_text(base + '  - {date: 2025-03-01, kind: compliance_check, note: "non_compliant: still online"}\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match="verdict: not_complied") as err:
        load_case_file(path)
    assert err.value.where == f"{path}:6"
    path.write_text(base + '  - {date: 2025-03-01, kind: compliance_check, verdict: not_complied, note: "non_compliant: still online"}\n', encoding="utf-8")
    case = load_case_file(path).case
    assert case.events[-1].verdict == "not_complied"
    path.write_text(base.replace("kind: letter_of_intent}", 'kind: letter_of_intent, note: "scope: all_activities"}'), encoding="utf-8")
    with pytest.raises(CaseFileError, match="scope: all_activities"):
        load_case_file(path)
