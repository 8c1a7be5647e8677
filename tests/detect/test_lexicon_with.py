"""Lexicon entries with `with` groups: words that must share the sentence (separable verbs)."""

from pathlib import Path

import pytest
import yaml

from vigipub.detect import Detector
from vigipub.detect.errors import LexiconError
from vigipub.detect.lexicon import lexicon_dir, load_lexicon
from vigipub.extract import document_from_html


def _folder_with(tmp_path: Path, entry: dict) -> Path:  # type: ignore[type-arg]
    """A copy of the packaged lexicons with ``entry`` added to the German file."""
    folder = tmp_path / "lexicons"
    folder.mkdir(parents=True)
    for src in lexicon_dir().glob("*.yaml"):
        (folder / src.name).write_bytes(src.read_bytes())
    de = yaml.safe_load((folder / "de.yaml").read_text(encoding="utf-8"))
    de["entries"].append(entry)
    (folder / "de.yaml").write_text(yaml.safe_dump(de, allow_unicode=True), encoding="utf-8")
    return folder


ENTRY = {
    "id": "de.claim.test.liessen_nach",
    "kind": "claim",
    "subkind": "treat",
    "terms": ["ließen", "lassen", "lässt"],
    "with": [["nach"], ["*schmerzen", "Beschwerden", "Anfälle"]],
}


def _claims(detector: Detector, sentence: str) -> set[str]:
    html = f"<html lang='de'><body><p>Unsere Stammzelltherapie in der Klinik. {sentence}</p></body></html>"
    doc = document_from_html(html.encode("utf-8"), "https://klinik.example/")
    return {e for f in detector.analyze(doc).findings if f.kind == "claim" for e in f.entry_ids}


def test_the_entry_fires_only_when_every_group_is_in_the_sentence(tmp_path: Path) -> None:
    det = Detector.from_folder(_folder_with(tmp_path, ENTRY))
    assert ENTRY["id"] in _claims(det, "Nach drei Wochen ließen die Rückenschmerzen deutlich nach.")
    assert ENTRY["id"] in _claims(det, "Die Anfälle ließen schon nach der ersten Infusion nach.")
    # a group missing: no claim from this entry
    assert ENTRY["id"] not in _claims(det, "Wir ließen die Rückenschmerzen untersuchen.")
    assert ENTRY["id"] not in _claims(det, "Die Ärzte ließen nach der Visite alle gehen.")


def test_with_must_be_a_list_of_word_groups(tmp_path: Path) -> None:
    bad = {**ENTRY, "id": "de.claim.test.bad", "with": "nach"}
    with pytest.raises(LexiconError, match="with must be a list of groups"):
        load_lexicon(_folder_with(tmp_path, bad))


def test_an_unknown_key_is_refused_not_ignored(tmp_path: Path) -> None:
    typo = {**ENTRY, "id": "de.claim.test.typo", "whith": [["nach"]]}
    typo.pop("with")
    with pytest.raises(LexiconError, match=r"unknown key\(s\) \['whith'\]"):
        load_lexicon(_folder_with(tmp_path, typo))


def test_a_failing_with_term_does_not_hide_a_shorter_entry_inside_it(tmp_path: Path) -> None:
    # « ließen die Schmerzen » contains the existing entry's shorter term: when the `with`
    # group fails, the shorter entry must still fire (the nesting rule applies after `with`)
    longer = {
        "id": "de.claim.test.long_with",
        "kind": "claim",
        "subkind": "treat",
        "terms": ["Schmerzen verschwanden vollständig"],
        "with": [["Wunderwort"]],
    }
    shorter = {
        "id": "de.claim.test.short",
        "kind": "claim",
        "subkind": "treat",
        "terms": ["Schmerzen verschwanden"],
    }
    folder = _folder_with(tmp_path, longer)
    de = yaml.safe_load((folder / "de.yaml").read_text(encoding="utf-8"))
    de["entries"].append(shorter)
    (folder / "de.yaml").write_text(yaml.safe_dump(de, allow_unicode=True), encoding="utf-8")
    det = Detector.from_folder(folder)
    found = _claims(det, "Nach der Behandlung die Schmerzen verschwanden vollständig.")
    assert "de.claim.test.short" in found and "de.claim.test.long_with" not in found
    found = _claims(det, "Wunderwort: die Schmerzen verschwanden vollständig.")
    assert "de.claim.test.long_with" in found


# --- with_kind: the sentence must also hold a finding of another kind ---------------------


def _findings(sentence: str, lang: str = "fr") -> list:  # type: ignore[type-arg]
    html = f"<html lang='{lang}'><body><h1>Notre clinique</h1><p>{sentence}</p></body></html>"
    doc = document_from_html(html.encode("utf-8"), "https://clinique.example/")
    return Detector.default().analyze(doc).findings


def _mechanism(findings: list) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.kind == "claim" and any(e.endswith("r4_mechanism") for e in f.entry_ids)]


def test_an_effect_verb_is_a_claim_only_in_a_sentence_naming_the_therapy() -> None:
    found = _mechanism(_findings("Les cellules souches mésenchymateuses régulent la réponse immunitaire des patients."))
    assert found and found[0].attributes.get("inferred") == "yes"
    assert "régulent" in found[0].quote
    assert not _mechanism(_findings("La mairie régule la circulation des voitures en centre-ville."))
    found = _mechanism(_findings("Exosomes break down fibrosis in damaged tissue.", "en"))
    assert found
    assert not _mechanism(_findings("The new bridge will break down barriers between towns.", "en"))


def test_an_inferred_entry_does_not_hide_a_claim_the_lexicon_reads_outright() -> None:
    # « régulent » (mechanism, inferred) and « réparent » (a claim by itself) in one sentence:
    # one claim finding, counted by the verdict (not inferred)
    claims = [f for f in _findings("Les exosomes régulent l'inflammation et réparent le cartilage.") if f.kind == "claim"]
    treat = [f for f in claims if f.subkind == "treat"]
    assert treat and all(f.attributes.get("inferred") != "yes" for f in treat)


def test_with_kind_must_name_another_kind_of_finding(tmp_path: Path) -> None:
    bad = {**ENTRY, "id": "de.claim.test.bad_kind", "with_kind": "therapies"}
    bad.pop("with")
    with pytest.raises(LexiconError, match="with_kind 'therapies'"):
        load_lexicon(_folder_with(tmp_path / "a", bad))
    same = {**bad, "id": "de.claim.test.same_kind", "with_kind": "claim"}
    with pytest.raises(LexiconError, match="must be another kind"):
        load_lexicon(_folder_with(tmp_path / "b", same))
