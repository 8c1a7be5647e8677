"""JSON-lines files (one JSON object per line): labelled corpora, page-excerpt files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .errors import InputError


def jsonl_objects(
    text: str, where: str, error: type[InputError] = InputError
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of ``text`` with their line numbers (blank lines skipped); a line that
    is not JSON, or not an object, raises ``error`` naming ``where:line`` (the lines before it
    have been yielded)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"invalid JSON: {exc.msg}", where=f"{where}:{number}") from exc
        if not isinstance(item, dict):
            raise error("a line must be a JSON object", where=f"{where}:{number}")
        yield number, item
