"""Architecture rules of DESIGN.md, checked mechanically."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "vigipub"
STAGES = ["capture", "extract", "detect", "registers", "qualify", "documents", "compliance", "law", "evidence"]


def _imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (SRC / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((str(path.relative_to(SRC)), node.module))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    found.add((str(path.relative_to(SRC)), alias.name))
    return found


def test_stages_import_only_evidence():
    allowed_extra = {"qualify": {"law"}, "law": set()}
    for stage in STAGES:
        if not (SRC / stage).exists():
            continue
        for where, module in _imports(stage):
            if not module.startswith("vigipub."):
                continue
            target = module.split(".")[1]
            ok = target in {stage, "evidence"} | allowed_extra.get(stage, set()) or module == "vigipub"
            if stage == "evidence":
                ok = target == "evidence"
            assert ok, f"{where} imports {module}: a stage may import only vigipub.evidence"


def test_no_web_framework_in_the_analysis_core():
    for stage in STAGES:
        if not (SRC / stage).exists():
            continue
        for where, module in _imports(stage):
            assert module.split(".")[0] not in {"django", "flask", "fastapi", "starlette"}, where


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, cwd=SRC.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
