"""The published JSON Schemas in docs/schemas are in step with the models."""

import json
from pathlib import Path

from vigipub.schemas import schema_documents

DOCS = Path(__file__).resolve().parents[1] / "docs" / "schemas"


def test_published_schemas_match_models():
    for filename, schema in schema_documents().items():
        published = json.loads((DOCS / filename).read_text(encoding="utf-8"))
        assert published == json.loads(json.dumps(schema)), (
            f"docs/schemas/{filename} is stale: run `python -m vigipub.schemas docs/schemas` "
            "and bump SCHEMA_VERSION if the change is incompatible"
        )


def test_findings_schema_traces_every_finding_to_its_bytes():
    findings = schema_documents()["findings.schema.json"]
    finding = findings["$defs"]["Finding"]["properties"]
    for key in ("quote", "start", "end", "url", "record_id", "payload_digest", "language", "kind"):
        assert key in finding
