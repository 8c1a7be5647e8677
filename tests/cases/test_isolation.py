"""The case domain reads the law's data files by path but imports no stage."""

from __future__ import annotations

import ast
from pathlib import Path

import vigipub.cases


def test_cases_imports_only_evidence() -> None:
    package = Path(vigipub.cases.__file__).parent
    names = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.append(node.module)
            elif isinstance(node, ast.Import):
                names += [a.name for a in node.names]
    ours = [n for n in names if n.startswith("vigipub")]
    assert ours and all(n.startswith("vigipub.evidence") for n in ours), ours
