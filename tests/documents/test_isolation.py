"""Stage isolation: documents imports only vigipub.evidence (never qualify, law or cases)."""

from __future__ import annotations

import ast
from pathlib import Path

import vigipub.documents

# the package's own modules are not a sibling stage (report.py imports .typography absolutely)
ALLOWED = ("vigipub.evidence", "vigipub.documents")


def vigipub_imports(package: Path) -> list[tuple[str, str]]:
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found += [(path.name, n) for n in names if n.startswith("vigipub")]
    return found


def test_documents_imports_only_evidence() -> None:
    package = Path(vigipub.documents.__file__).parent
    imports = vigipub_imports(package)
    assert imports, "the scan found no import at all"
    bad = [(f, n) for f, n in imports if n != "vigipub" and not n.startswith(ALLOWED)]
    assert bad == []
