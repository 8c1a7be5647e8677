"""The word lists of ``common.yaml`` that the detector reads in an address, a title or a host.

A lawyer or an analyst edits them by hand: a single string or a mapping where a list is expected
would be read letter by letter (« job_posting_segments: careers » would make every one-letter
segment a careers page). It is refused, with the key and the file named.
"""

from pathlib import Path

import pytest
import yaml

from vigipub.detect.errors import LexiconError
from vigipub.detect.lexicon import lexicon_dir, load_lexicon

KEYS = [
    "advertorial_markers",
    "job_posting_segments",
    "job_posting_titles",
    "paid_release_hosts",
    "charity_host_words",
    "address_therapy_terms",
]


def _folder(tmp_path: Path, key: str, value: object) -> Path:
    folder = tmp_path / "lexicons"
    folder.mkdir(parents=True)
    for src in lexicon_dir().glob("*.yaml"):
        (folder / src.name).write_bytes(src.read_bytes())
    common = yaml.safe_load((folder / "common.yaml").read_text(encoding="utf-8"))
    common[key] = value
    (folder / "common.yaml").write_text(yaml.safe_dump(common, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("value", ["careers", {"careers": "jobs"}, ["careers", 3], ["careers", "  "]])
def test_a_list_that_is_not_a_list_of_words_is_refused(tmp_path: Path, key: str, value: object) -> None:
    with pytest.raises(LexiconError, match=f"{key} must be a list of words") as caught:
        load_lexicon(_folder(tmp_path, key, value))
    assert "common.yaml" in str(caught.value)


def test_the_shipped_lists_are_read(tmp_path: Path) -> None:
    lexicon = load_lexicon(_folder(tmp_path, "job_posting_segments", ["Karriere", "Offres d'emploi"]))
    assert lexicon.job_posting_segments == {"karriere", "offres d emploi"}
    shipped = load_lexicon()
    assert "prweb.com" in shipped.paid_release_hosts and "fondation" in shipped.charity_host_words
