"""The case domain imports no stage: only the shared value types and the law package's API."""

from __future__ import annotations

import ast
from pathlib import Path

import vigipub.cases


def test_cases_imports_only_evidence_and_the_law_api() -> None:
    package = Path(vigipub.cases.__file__).parent
    names = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.append(node.module)
            elif isinstance(node, ast.Import):
                names += [a.name for a in node.names]
    ours = [n for n in names if n.startswith("vigipub")]
    # the law package through its public API (vigipub.law), never its files or submodules
    assert ours and all(n.startswith("vigipub.evidence") or n == "vigipub.law" for n in ours), ours
    assert "vigipub.law" in ours


def test_cases_reads_no_file_of_the_law_package() -> None:
    package = Path(vigipub.cases.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert '"law"' not in text and "parents[1]" not in text, path
