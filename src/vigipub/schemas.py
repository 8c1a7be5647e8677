"""Write the published JSON Schemas of a dossier's files (``python -m vigipub.schemas DIR``).

Other tools read a dossier through these schemas; a test checks that ``docs/schemas/`` is
in step with the models, so a model change without a schema (and version) update fails.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from vigipub.evidence import (
    SCHEMA_VERSION,
    AuthorisationAnswer,
    CaptureManifest,
    Case,
    ComplianceReport,
    FindingsFile,
    LeadsFile,
    Qualification,
)

SCHEMAS: dict[str, Any] = {
    "manifest": CaptureManifest,
    "findings": FindingsFile,
    "authorisations": list[AuthorisationAnswer],
    "qualification": Qualification,
    "case": Case,
    "leads": LeadsFile,
    "compliance": ComplianceReport,
}


def schema_documents() -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = TypeAdapter(model).json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://vigipub.example/schemas/{SCHEMA_VERSION}/{name}.schema.json"
        schema.setdefault("title", name)
        out[f"{name}.schema.json"] = schema
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, schema in schema_documents().items():
        path = folder / filename
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schemas")):
        print(p)
