"""The operator reader's vocabulary is data (lexicons/operator.yaml), checked when loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from vigipub.detect import LexiconError
from vigipub.detect.operator import (
    VOCABULARY_KEYS,
    OperatorExtractor,
    default_vocabulary,
    find_operator,
    load_operator_vocabulary,
)
from vigipub.evidence.document import Document
from vigipub.extract import document_from_html

PACKAGED = Path(default_vocabulary().source)


def _doc(url: str, body: str) -> Document:
    return document_from_html(f"<html><body>{body}</body></html>".encode(), url)


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "operator.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _packaged() -> dict[str, Any]:
    data = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_packaged_file_has_every_part_and_only_those() -> None:
    assert set(_packaged()) == VOCABULARY_KEYS
    vocab = default_vocabulary()
    assert vocab.country_of("Talstrasse 12, 7310 Bad Ragaz, Schweiz") == "CH"
    assert [r.name for r in vocab.registrations][:2] == ["RCS", "SIREN/SIRET"]


def test_a_copy_with_one_more_legal_form_and_label_reads_them(tmp_path: Path) -> None:
    """What the reader recognises comes from the file: a form and a label added there are read."""
    page = "<h1>Legal</h1><p>Eigenaar: Zonnebloem Kliniek Coöp</p><p>© 2026 Zonnebloem Kliniek Coöp</p>"
    docs = [_doc("https://zonnebloem.example/legal-notice", page)]
    assert find_operator(docs) is None  # « Coöp » and « eigenaar » are not in the packaged file
    data = _packaged()
    data["legal_forms"].append("Coöp")
    data["name_labels"].append("eigenaar")
    vocab = load_operator_vocabulary(_write(tmp_path, data))
    found = find_operator(docs, vocab)
    assert found is not None and found.name == "Zonnebloem Kliniek Coöp"
    assert OperatorExtractor(vocabulary=vocab).vocabulary is vocab


def test_a_register_added_by_an_agency_is_read_with_its_country(tmp_path: Path) -> None:
    data = _packaged()
    data["registrations"].append({"name": "ORN", "pattern": r"\bORN\s*\d{6}\b", "country": "IE"})
    vocab = load_operator_vocabulary(_write(tmp_path, data))
    page = "<h1>Legal notice</h1><p>Company: Shamrock Cells Ltd</p><p>ORN 123456</p>"
    found = find_operator([_doc("https://shamrock.example/legal-notice", page)], vocab)
    assert found is not None and found.registrations == ["ORN 123456"]
    assert found.country == "IE"


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[key] = value

    return change


def _append(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[key].append(value)

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del data[key]

    return change


def _registration(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["registrations"][2].update(fields)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("legal_formz", ["SA"]), r"unknown key\(s\) \['legal_formz'\]"),
        (_drop("countries"), r"missing key\(s\) \['countries'\]"),
        (_set("legal_forms", []), r"legal_forms: must be a non-empty list"),
        (_append("legal_forms", "GmbH (Co"), r"legal_forms\[\d+\]: pattern does not compile"),
        (_append("name_labels", "Société"), r"name_labels\[\d+\]: 'Société' is matched against folded text.*'societe'"),
        (_append("generic_names", "The Firm"), r"generic_names\[\d+\]: 'The Firm' must be written in lower case"),
        (_append("street_words", 12), r"street_words\[\d+\]: must be a non-empty string"),
        (_registration(country="France"), r"registrations\[2\] \('Handelsregister'\): country 'France' is not"),
        (_registration(flags="i"), r"registrations\[2\] \('Handelsregister'\): unknown key\(s\) \['flags'\]"),
        (_registration(pattern="HR[AB"), r"registrations\[2\] \('Handelsregister'\): pattern does not compile"),
        (_registration(ignore_case="yes please"), r"ignore_case must be true or false"),
        (_set("countries", {"schweiz": "CHE"}), r"countries: 'schweiz': 'CHE' is not an ISO 3166-1 alpha-2 code"),
        (_set("countries", {"Österreich": "AT"}), r"countries: 'Österreich' is matched against folded text"),
        (_set("postal_prefixes", {"CH-": "CH"}), r"postal_prefixes: key 'CH-' is not allowed here"),
        (_set("country_domains", {"ch": None}), r"country_domains: 'ch': None is not an ISO 3166-1"),
    ],
)
def test_a_damaged_vocabulary_is_refused_with_the_file_and_the_entry_named(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = _packaged()
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(LexiconError, match=message) as caught:
        load_operator_vocabulary(path)
    assert caught.value.where == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("legal_forms: [SA\n", "cannot load"),  # YAML syntax
        ("- just\n- a list\n", "must be a mapping"),
        ("", "must be a mapping"),
    ],
)
def test_an_unreadable_vocabulary_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "operator.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_operator_vocabulary(path)
    with pytest.raises(LexiconError, match="cannot load"):
        load_operator_vocabulary(tmp_path / "missing.yaml")
