"""Load and validate a case file (``case.yaml``) into a :class:`~vigipub.evidence.Case`.

Every error names the file and the LINE of the offending key: the YAML document is first
*composed* (nodes keep their source marks), a ``path → line`` index is built from the node
tree, and pydantic's error locations are looked up in it.

Accepted keys (see ``docs/templates.md`` for a full example)::

    authority, authority_head, reference, company{name, trading_names, addresses, country},
    websites, product, events[{date, kind, note}], claims, defences,
    letter_of_intent{date, scope, addresses, observation_days, observation_deadline, signatory},
    decision{date, measure, signatory{name, title}, place, executors}, urgency, dossier

Events may come in any order; they are sorted by date. The observation deadline is
computed from the dated delays of ``data/delays.yaml`` (see :mod:`vigipub.cases.procedure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from vigipub.evidence.case import Case

from .defences import DEFENCES
from .errors import CaseFileError

Path_ = tuple[str | int, ...]

TOP_LEVEL_KEYS: frozenset[str] = frozenset(
    {
        "authority",
        "authority_head",
        "reference",
        "company",
        "websites",
        "product",
        "events",
        "claims",
        "defences",
        "letter_of_intent",
        "decision",
        "urgency",
        "dossier",
    }
)

_TAG_RE = re.compile(r"</?[A-Za-z!][^>]*>")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@dataclass
class LineIndex:
    """Line (1-based) of every key and list item of a YAML document."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """Line of ``path``, or of its closest existing parent (1 for the document)."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


@dataclass
class LoadedCase:
    """A validated case with the line index of its file (for procedure messages)."""

    case: Case
    path: Path
    index: LineIndex

    def where(self, *path: str | int) -> str:
        return f"{self.path}:{self.index.line_of(path)}"


def _index(
    node: yaml.Node, path: Path_, index: LineIndex, source: Path, seen_nodes: set[int] | None = None
) -> None:
    index.lines.setdefault(path, node.start_mark.line + 1)
    if seen_nodes is None:
        seen_nodes = set()
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # an alias (*name) makes the composer reuse a node: nine nested aliases of nine items
        # ("billion laughs") hung `vigipub draft` for minutes. A case file never needs them.
        if id(node) in seen_nodes:
            raise CaseFileError(
                "YAML aliases (*name) are not allowed in a case file; write the value out",
                where=f"{source}:{node.start_mark.line + 1}",
            )
        seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                raise CaseFileError(
                    f"duplicate key '{key}'", where=f"{source}:{key_node.start_mark.line + 1}"
                )
            seen.add(key)
            index.lines[(*path, key)] = key_node.start_mark.line + 1
            _index(value_node, (*path, key), index, source, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index.lines[(*path, i)] = item.start_mark.line + 1
            _index(item, (*path, i), index, source, seen_nodes)


class _CaseLoader(yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader whose scalar constructors fail with the node's line, never a bare ValueError."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # PyYAML's resolver turns anything shaped like a date (``2024-13-07``) into a timestamp and
    # then lets ``datetime.date`` raise a bare ValueError without the line: report it here.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"invalid date {node.value!r} ({exc}; write YYYY-MM-DD)", node.start_mark
        ) from exc


_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_yaml_with_lines(path: Path) -> tuple[Any, LineIndex]:
    """Parse ``path`` and return ``(data, index)``; invalid YAML raises with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CaseFileError("case file not found", where=str(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(
            f"cannot read the case file ({exc.__class__.__name__}: {exc})", where=str(path)
        ) from exc
    loader = _CaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CaseFileError("the case file is empty", where=f"{path}:1")
        index = LineIndex()
        _index(node, (), index, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise CaseFileError(f"invalid YAML: {problem}", where=f"{path}:{line}") from exc
    except yaml.YAMLError as exc:
        raise CaseFileError(f"invalid YAML: {exc}", where=f"{path}:1") from exc
    finally:
        loader.dispose()
    return data, index


def claim_problem(text: str) -> str | None:
    """Why a quoted claim cannot go into a legal document as is, or ``None``.

    Claims are quoted verbatim in « » in the decision: markup or an unbalanced quotation
    mark would corrupt the quotation, so we refuse them rather than guess.
    """
    if not text.strip():
        return "empty claim"
    if m := _TAG_RE.search(text):
        return f"markup is not allowed in a claim ({m.group(0)!r}); quote the visible text only"
    if m := _ENTITY_RE.search(text):
        return f"HTML entity {m.group(0)!r} in a claim; write the character itself"
    depth = 0
    for ch in text:
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth -= 1
            if depth < 0:
                return "unbalanced guillemets: « » closes before it opens"
    if depth:
        return "unbalanced guillemets: « without its closing »"
    if text.count('"') % 2:
        return 'unbalanced double quote (")'
    if text.count("“") != text.count("”"):
        return "unbalanced quotation marks “ ”"
    return None


def _check_strings(data: dict[str, Any], key: str, path: Path, index: LineIndex) -> Iterator[CaseFileError]:
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        yield CaseFileError(f"'{key}' must be a list", where=f"{path}:{index.line_of((key,))}")
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            yield CaseFileError(f"{key}[{i}] must be a string", where=f"{path}:{index.line_of((key, i))}")


# C0/C1 controls (tab and newline excepted) break the DOCX/PDF writers, and bidirectional
# overrides (U+202A–U+202E, U+2066–U+2069) can make a quotation display other than it reads
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _precheck(data: dict[str, Any], path: Path, index: LineIndex) -> list[CaseFileError]:
    """Checks pydantic cannot phrase well: unknown keys, claims, defences, URLs."""
    errors: list[CaseFileError] = []
    for where, text in _strings(data, ()):
        if m := _CONTROL_RE.search(text):
            name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
            errors.append(
                CaseFileError(
                    f"{name}: control or bidirectional character U+{ord(m.group()):04X} is not allowed",
                    where=f"{path}:{index.line_of(where)}",
                )
            )
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            errors.append(
                CaseFileError(
                    f"unknown key '{key}' (accepted: {', '.join(sorted(TOP_LEVEL_KEYS))})",
                    where=f"{path}:{index.line_of((key,))}",
                )
            )
    if "company" not in data or data["company"] in (None, "", {}):
        errors.append(
            CaseFileError("missing company (company: {name: …, addresses: […]})", where=f"{path}:1")
        )
    elif not isinstance(data["company"], dict):
        errors.append(
            CaseFileError(
                "'company' must be a mapping with at least 'name'",
                where=f"{path}:{index.line_of(('company',))}",
            )
        )
    elif isinstance(data["company"].get("name"), str) and not data["company"]["name"].strip():
        # an empty name drafted « la société  (située …) » in the decision
        errors.append(
            CaseFileError("company.name is empty", where=f"{path}:{index.line_of(('company', 'name'))}")
        )
    product = data.get("product")
    if not product:
        errors.append(CaseFileError("missing product (the therapy as the site names it)", where=f"{path}:1"))
    elif isinstance(product, str) and not product.strip():
        errors.append(
            CaseFileError(
                "product is empty (the therapy as the site names it)",
                where=f"{path}:{index.line_of(('product',))}",
            )
        )
    for key in ("claims", "defences", "websites"):
        errors.extend(_check_strings(data, key, path, index))
    for i, claim in enumerate(data.get("claims") or []):
        if isinstance(claim, str) and (problem := claim_problem(claim)):
            errors.append(
                CaseFileError(f"claims[{i}]: {problem}", where=f"{path}:{index.line_of(('claims', i))}")
            )
    for i, defence in enumerate(data.get("defences") or []):
        if isinstance(defence, str) and defence not in DEFENCES:
            errors.append(
                CaseFileError(
                    f"unknown defence id '{defence}' (known: {', '.join(sorted(DEFENCES))})",
                    where=f"{path}:{index.line_of(('defences', i))}",
                )
            )
    for i, url in enumerate(data.get("websites") or []):
        if isinstance(url, str) and not _URL_RE.match(url.strip()):
            errors.append(
                CaseFileError(
                    f"websites[{i}] is not an http(s) URL: {url!r}",
                    where=f"{path}:{index.line_of(('websites', i))}",
                )
            )
    return errors


def _describe(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "missing":
        return f"missing key '{err['loc'][-1]}'" + (
            f" in {'.'.join(str(p) for p in err['loc'][:-1])}" if len(err["loc"]) > 1 else ""
        )
    if kind == "extra_forbidden":
        return f"unknown key '{loc}'"
    if kind.startswith("date"):
        return f"{loc}: not a date (write YYYY-MM-DD): {err.get('input')!r}"
    if kind == "literal_error":
        return f"{loc}: {err['msg'].replace('Input should be', 'must be')} (got {err.get('input')!r})"
    return f"{loc}: {err['msg']}"


def _validation_errors(exc: ValidationError, path: Path, index: LineIndex) -> list[CaseFileError]:
    out = []
    # unknown keys first: a misspelt key usually also explains the "missing" error that follows
    for err in sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden"):
        loc = tuple(err["loc"])
        # a missing key is reported at its parent's line; others at the key itself
        line = index.line_of(loc[:-1] if err["type"] == "missing" else loc)
        out.append(CaseFileError(_describe(err), where=f"{path}:{line}"))
    return out


def _raise_first(errors: list[CaseFileError]) -> None:
    if not errors:
        return
    first = errors[0]
    if len(errors) > 1:
        more = "; ".join(str(e) for e in errors[1:4])
        first = CaseFileError(f"{first.message} (and {len(errors) - 1} more: {more})", where=first.where)
    raise first


def _event_index(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, e) for i, e in enumerate(data.get("events") or []) if isinstance(e, dict)]


def load_case_file(path: str | Path) -> LoadedCase:
    """Read, validate and complete a case file; raise :class:`CaseFileError` on bad input."""
    from .procedure import complete_letter, order_errors  # local: procedure imports this module

    path = Path(path)
    data, index = read_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise CaseFileError("a case file is a mapping of keys (authority, company, …)", where=f"{path}:1")
    _raise_first(_precheck(data, path, index))

    data = dict(data)
    if data.get("dossier") is not None:
        dossier = Path(str(data["dossier"]))
        if not dossier.is_absolute():
            dossier = (path.parent / dossier).resolve()
        if not dossier.exists():
            raise CaseFileError(
                f"dossier not found: {dossier}", where=f"{path}:{index.line_of(('dossier',))}"
            )
        data["dossier"] = str(dossier)
    data["source_path"] = str(path)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        _raise_first(_validation_errors(exc, path, index))
        raise  # unreachable: _raise_first raised
    # events come in any order in the file; sorted (stable) by date for everything downstream
    case = case.model_copy(update={"events": sorted(case.events, key=lambda e: e.date)})
    loaded = LoadedCase(case=case, path=path, index=index)
    _raise_first(order_errors(loaded, _event_index(data)))
    loaded.case = complete_letter(loaded)
    return loaded


def load_case(path: str | Path) -> Case:
    """Load a case file into a validated :class:`Case` (see :func:`load_case_file`)."""
    return load_case_file(path).case


def case_as_of(case: Case, on: date) -> Case:
    """The case as it stood on ``on``: later events, observations and decision removed.

    Used to draft the letter of intent, which must not mention what came after it.
    """
    events = [e for e in case.events if e.date <= on]
    keep_defences = any(e.kind == "written_observations" or e.kind == "oral_observations" for e in events)
    return case.model_copy(
        update={
            "events": events,
            "defences": case.defences if keep_defences else [],
            "decision": case.decision if case.decision and case.decision.date <= on else None,
        }
    )


__all__ = [
    "LineIndex",
    "LoadedCase",
    "TOP_LEVEL_KEYS",
    "case_as_of",
    "claim_problem",
    "load_case",
    "load_case_file",
    "read_yaml_with_lines",
]
