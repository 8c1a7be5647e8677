"""The French names of the therapy families are data a lawyer edits (therapy_names_fr.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vigipub.evidence.errors import InputError
from vigipub.evidence.vocabulary import (
    COMBINED_THERAPY_FR,
    NAMES_FR_FILE,
    THERAPY_ARTICLES_FR,
    THERAPY_FAMILIES,
    load_therapy_names_fr,
)


def test_the_shipped_names_are_the_vocabulary_s() -> None:
    names, combined = load_therapy_names_fr()
    assert {f: n["label"] for f, n in names.items()} == {f: v[0] for f, v in THERAPY_FAMILIES.items()}
    assert {f: n["article"] for f, n in names.items()} == THERAPY_ARTICLES_FR
    assert combined == COMBINED_THERAPY_FR == "thérapie par {cells} et {vesicles}"


def test_a_lawyer_s_wording_is_read(tmp_path: Path) -> None:
    data = yaml.safe_load(NAMES_FR_FILE.read_text(encoding="utf-8"))
    data["families"]["stem_cells"]["label"] = "traitement par cellules souches"
    data["combined"] = "traitement associant {cells} et {vesicles}"
    edited = tmp_path / "names.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    names, combined = load_therapy_names_fr(edited)
    assert names["stem_cells"]["label"] == "traitement par cellules souches"
    assert combined.format(cells="cellules souches", vesicles="exosomes") == "traitement associant cellules souches et exosomes"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["families"].pop("car_t"), "families missing ['car_t']"),
        (lambda d: d["families"]["prp"].pop("article"), "prp: needs a `label` and an `article`"),
        (lambda d: d.__setitem__("combined", "thérapie par {cells}"), "`combined` must name {cells} and {vesicles}"),
    ],
)
def test_a_broken_file_says_what_is_wrong_and_where(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(NAMES_FR_FILE.read_text(encoding="utf-8"))
    edit(data)
    broken = tmp_path / "names.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_therapy_names_fr(broken)
    assert message in str(caught.value) and "names.yaml" in str(caught.value)
