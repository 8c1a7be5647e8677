"""The wording layer: every legal sentence is data, its articles derived, never typed twice.

What a lawyer can rely on when changing ``vigipub/qualify/wording/fr.yaml``: a malformed file is
refused with the entry named; a sentence can cite only articles of the tests it states; no
article number is typed in a text (it is written as its key) nor in the Python that assembles
the sentences; every entry is used. docs/legal-wording.md is the guide.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from vigipub.evidence.qualification import RuleId
from vigipub.law import get_jurisdiction
from vigipub.qualify import rules_for
from vigipub.qualify.errors import QualifyInputError
from vigipub.qualify.wording import WORDING, Phraser, load, parse

FR = get_jurisdiction("FR")
QUALIFY = Path(__file__).resolve().parents[2] / "src" / "vigipub" / "qualify"
#: an article number typed by hand (« L. 5122-1 », « R.5122-4 ») instead of its key
_TYPED = re.compile(r"\b[LRD]\.?[\s\u00a0]?\d{3,4}-\d")


def typed_article(text: str) -> re.Match[str] | None:
    return _TYPED.search(re.sub(r"\{[^{}]*\}", "", text))  # {CSP L. 5122-1} is the key, not typed


def _data() -> dict[str, object]:
    data = yaml.safe_load(WORDING.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _refused(data: dict[str, object], match: str) -> QualifyInputError:
    with pytest.raises(QualifyInputError, match=match) as err:
        parse(data, WORDING, FR)
    assert str(WORDING) in str(err.value)
    return err.value


def test_the_file_is_valid_and_every_sentence_renders() -> None:
    wording = load()
    words = Phraser(wording, FR, date(2024, 11, 5))
    for s in wording.sentences():
        values = {name: "X" for name in re.findall(r"\{([a-z_]+)\}", s.text)}
        values.pop("law", None)
        for name in list(values):
            if words._constant(name):
                values.pop(name)  # a phrase of the file fills it
        rendered = Phraser._render(words, s, values)
        assert "{" not in rendered and rendered, s.key


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"C1_definition_medicament": {"text": "x", "basis": ["CSP L. 5111-1"]}}, "entry 'C1_definition_medicament': unknown key"),
        ({"C1_definition_medicament": {"text": "l'article {CSP L. 9999-9}"}}, "is no article key"),
        ({"C1_definition_medicament": {"text": "x", "cites": ["CSP L. 9999-9"]}}, "is no article key"),
        ({"C1_definition_medicament": {"text": "x", "tests": ["T99.nothing"]}}, "unknown test 'T99.nothing'"),
        ({"C1_definition_medicament": {"text": "{law}", "law": {"article": "CSP L. 5111-1", "line": 2}}}, "unknown key"),
        ({"C1_definition_medicament": {"text": "{law}", "law": {"article": "CSP L. 5111-1", "paragraph": 0}}}, "paragraph"),
        ({"C1_definition_medicament": {"text": "{law}", "law": {"article": "CSP L. 5111-1", "paragraph": 1, "point": "b"}}}, "not both"),
        ({"C1_definition_medicament": {"text": "x {name}", "fields": {"nom": "?"}}}, "documented but in no text: nom"),
        ({"C1_definition_medicament": {"text": "x {nom-de}"}}, "not a field name"),
        ({"targeting": {"labels": {"euro_price": ["a"]}}}, "labels must map ids to phrases"),
        ({"C20_visa": {"variants": {}}}, "variants must map"),
        ({"C1_definition_medicament": 3}, "a phrase, a sentence, variants or labels"),
    ],
)
def test_a_malformed_entry_is_refused_with_file_and_entry(change: dict[str, object], match: str) -> None:
    _refused({**_data(), **change}, match)


def _allowed_articles(rule_ids: tuple[RuleId, ...]) -> set[str]:
    """The articles the tests apply, with those of the tests they depend on and of the
    exceptions that override them: what their sentences may cite."""
    _, rules, _ = rules_for("FR")
    by_id = {r.id: r for r in rules}
    overriders: dict[str, list[str]] = {}
    for r in rules:
        for target in r.overrides:
            overriders.setdefault(target, []).append(r.id)
    seen: set[str] = set()
    todo = [str(t) for t in rule_ids]
    while todo:
        rid = todo.pop()
        if rid in seen or rid not in by_id:
            continue
        seen.add(rid)
        todo += [str(d) for d in by_id[rid].depends_on] + overriders.get(rid, [])
    return {k for rid in seen for k in by_id[rid].articles}


def test_a_sentence_cites_only_articles_of_the_tests_it_states() -> None:
    """The articles a sentence cites are derived from the rules' references: a typo, or an
    article no test applies, is caught here rather than in a signed decision."""
    checked = 0
    for s in load().sentences():
        if not s.articles:
            continue
        assert s.tests, f"{s.key} cites {s.articles} but states no test"
        outside = set(s.articles) - _allowed_articles(s.tests)
        assert not outside, f"{s.key} cites {sorted(outside)}, which none of {list(s.tests)} applies"
        checked += 1
    assert checked >= 20


def test_no_article_number_is_typed_by_hand() -> None:
    """Never typed twice: a text names an article by its key ({CSP L. 5122-1}); the assembler
    and the register answers type none."""
    for s in load().sentences():
        assert not typed_article(s.text), (s.key, s.text)
    for entry in load().entries.values():
        for label in entry.labels.values():
            assert not typed_article(label), (entry.key, label)
    for defence in FR.defences.values():
        raw = yaml.safe_load(FR.defences_file.read_text(encoding="utf-8"))[defence.id]["rebuttal_fr"]  # type: ignore[union-attr]
        assert not typed_article(raw), defence.id
    for module in ("decision_fr.py", "api.py", "facts.py", "wording.py", "quotes.py"):
        source = (QUALIFY / module).read_text(encoding="utf-8")
        assert not re.search(r'"(?:CSP|CRPA|CPP|REG|DIR) [^"]*"', source), f"an article key in {module}"
        assert not re.search(r"Considérant (?:que|qu')", source), f"a Considérant typed in {module}"


def test_every_entry_is_used() -> None:
    """No sentence in the file that no code says (a field of another entry counts as a use)."""
    sources = " ".join(p.read_text(encoding="utf-8") for p in QUALIFY.rglob("*.py"))
    used_as_field = {f for s in load().sentences() for f in re.findall(r"\{([a-z_0-9]+)\}", s.text)}
    unused = [k for k in load().entries if f'"{k}"' not in sources and k not in used_as_field]
    assert unused == []


def test_the_law_s_words_come_from_the_article_texts() -> None:
    """A quotation is cut from the text in force by its declared excerpt, verbatim."""
    words = Phraser(load(), FR, date(2024, 11, 5))
    l5111 = words.say("C1_definition_medicament")
    assert "«\u202fon entend par médicament à usage humain toute substance" in l5111.text
    assert [b.article for b in l5111.basis] == ["L.\u00a05111-1"]
    advertising = words.say("C14_definition_publicite", "plain").text
    assert "consommation de ces médicaments (…)\u202f»" in advertising and "à l'exception" not in advertising
    # the articles the quoted L. 5122-3 names are cited too, in the order of the entry
    l5122_3 = words.say("C19_article_L5122_3")
    assert [b.article for b in l5122_3.basis][:2] == ["L.\u00a05122-3", "L.\u00a05121-8"]
    tissue = words.say("C6_definition_mti", "tissue_engineered").text
    assert "un produit issu de l'ingénierie tissulaire est un produit" in tissue.replace("’", "'")
    assert "c) sont considérés" not in tissue  # point b) stops before point c)
    # a text not retrieved for the date is a gap, never words of ours
    missing = Phraser(load(), FR, date(2010, 6, 1)).say("C19_article_L5122_3").text
    assert "\u27e6texte de l’article à citer" in missing


def test_the_defences_cite_what_their_rebuttal_names() -> None:
    hospital = FR.defences["hospital_exemption"]
    assert hospital.basis == ("REG 1394/2007 art. 28", "DIR 2001/83 art. 3", "CSP L. 5122-3")
    assert "article 28 du règlement" in hospital.rebuttal_fr and "{" not in hospital.rebuttal_fr
    assert FR.defences["clinical_trial"].basis == ("CSP L. 5122-3", "DIR 2001/83 art. 3")  # named, then cited
