"""The labelled corpus is consistent: every label is valid and every quote is on its page."""

import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_every_label_is_valid_and_every_quote_is_on_its_page():
    result = subprocess.run([sys.executable, str(CORPUS / "check_labels.py")], capture_output=True, text=True,
                            cwd=CORPUS.parent, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


def test_corpus_size_languages_and_balance():
    import json

    labels = [json.loads(line) for f in (CORPUS / "labels").glob("*.jsonl") for line in f.read_text().splitlines()
              if line.strip()]
    assert len(labels) >= 300
    assert len({item["lang"] for item in labels}) >= 5
    promotion = sum(item["verdict"] == "promotion" for item in labels)
    assert 0.4 <= promotion / len(labels) <= 0.6
    hard_negatives = {"news_report", "regulator_warning", "authorised_atmp", "clinical_trial", "encyclopedia",
                      "patient_association"}
    assert hard_negatives <= {item["category"] for item in labels if item["verdict"] == "not_promotion"}
