"""Load and validate a case file (``case.yaml``) into a :class:`~vigipub.evidence.Case`.

Every error names the file and the LINE of the offending key: the YAML document is first
*composed* (nodes keep their source marks), a ``path → line`` index is built from the node
tree, and pydantic's error locations are looked up in it.

Accepted keys (see ``docs/case-file.md`` for a full example)::

    authority, authority_head, reference, company{name, trading_names, addresses, country},
    websites, product, product_article, events[{date, kind, note, arguments[{defence, summary,
    quote, answer, basis}]}], claims, defences,
    letter_of_intent{date, received, scope, addresses, observation_days, observation_deadline,
    signatory}, decision{date, measure, signatory{name, title}, place, executors}, urgency,
    established{french_version, french_testimonials, euro_prices, french_phones,
    travel_from_france, testimonials, preparation, calls_to_action, pages[{url, verdict, reason}]},
    captures[{date, sha256, url, description}], dossier

Sizes are bounded (:data:`LIMITS`): a case file is written by a person, and a hostile or
broken one (20 MB, a 20 MB company name, 10,000 claims, 5,000 nested brackets) is refused
with the limit in the message instead of hanging ``vigipub draft``.

Events may come in any order; they are sorted by date. The observation deadline is
computed from the dated delays of the law package (see :mod:`vigipub.cases.procedure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from vigipub.evidence.case import Case

from .defences import known_defences
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
        "product_article",
        "established",
        "captures",
    }
)

#: the bounds of a case file (stated in the errors that enforce them)
LIMITS: dict[str, int] = {
    "file_bytes": 1_000_000,  # a real case file is a few kilobytes
    "depth": 8,  # nesting levels (events[i].arguments[j].basis[k] is 6)
    "list_items": 200,  # claims, events, websites, each list of `established`
    "text_chars": 5_000,  # a quote, a summary, an answer, a note
    "name_chars": 300,  # names, titles, addresses, the product, places
    "url_chars": 2_000,
    "observation_days": 365,
}
#: keys whose value is a name, not a text (a stricter length)
_NAME_KEYS = frozenset(
    {"name", "title", "trading_names", "addresses", "product", "place", "executors", "authority",
     "reference", "country", "product_article", "defence", "kind", "verdict", "scope", "measure"}
)  # fmt: skip
_URL_KEYS = frozenset({"websites", "url", "french_version", "dossier"})

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
    raw: Case | None = None  # as written: the observation deadline not computed yet

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


class _CaseLoader(yaml.SafeLoader):
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


def _read_bounded(path: Path) -> str:
    """The file's text, refused beyond :data:`LIMITS` (a FIFO or /dev/zero never hangs us)."""
    limit = LIMITS["file_bytes"]
    try:
        if path.exists() and not path.is_file():
            raise CaseFileError("not a regular file", where=str(path))
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise CaseFileError("case file not found", where=str(path)) from exc
    except OSError as exc:
        raise CaseFileError(f"cannot read the case file ({exc.__class__.__name__}: {exc})", where=str(path)) from exc
    if len(raw) > limit:
        size = path.stat().st_size
        shown = f"{size / 1e6:.1f} MB" if size > limit else f"over {limit // 1_000_000} MB"
        raise CaseFileError(
            f"the case file is {shown}; a case file is limited to {limit // 1_000_000} MB "
            "(quote the site's sentences, not its pages)",
            where=str(path),
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(f"the case file is not UTF-8 (byte {exc.start})", where=str(path)) from exc


def _check_depth(text: str, path: Path) -> None:
    """Refuse nesting deeper than :data:`LIMITS` before composing (PyYAML composes recursively:
    5,000 nested brackets ended in a RecursionError traceback). The event parser is iterative."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > LIMITS["depth"]:
                    raise CaseFileError(
                        f"nested more than {LIMITS['depth']} levels deep; a case file is a flat list of keys",
                        where=f"{path}:{event.start_mark.line + 1 if event.start_mark else 1}",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError:
        return  # reported with its line by the composer below


def read_yaml_with_lines(path: Path) -> tuple[Any, LineIndex]:
    """Parse ``path`` and return ``(data, index)``; invalid YAML raises with its line."""
    text = _read_bounded(path)
    try:
        _check_depth(text, path)
        loader = _CaseLoader(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character up front
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise CaseFileError(
            f"character U+{exc.character:04X} is not allowed in a case file (YAML forbids control characters)"
            if isinstance(exc.character, int)
            else "a character YAML forbids (a control character) is in the case file",
            where=f"{path}:{line}",
        ) from exc
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
    except RecursionError as exc:  # defence in depth: _check_depth refuses this first
        raise CaseFileError("nested too deeply", where=f"{path}:1") from exc
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


# C0/C1 controls (tab and newline excepted) break the DOCX/PDF writers, and bidirectional
# controls (overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E, U+200F, U+061C)
# can make a quotation or a name display other than it reads
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _name(where: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")


def _limit_errors(value: Any, where: Path_, path: Path, index: LineIndex) -> Iterator[CaseFileError]:
    """Every list and every string within :data:`LIMITS` (named in the message)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _limit_errors(item, (*where, str(key)), path, index)
    elif isinstance(value, list):
        if len(value) > LIMITS["list_items"]:
            yield CaseFileError(
                f"{_name(where)} has {len(value)} items; the limit is {LIMITS['list_items']}",
                where=f"{path}:{index.line_of(where)}",
            )
            return
        for i, item in enumerate(value):
            yield from _limit_errors(item, (*where, i), path, index)
    elif isinstance(value, str):
        key = next((p for p in reversed(where) if isinstance(p, str)), "")
        kind = "url" if key in _URL_KEYS else "name" if key in _NAME_KEYS else "text"
        limit = LIMITS[f"{kind}_chars"]
        if len(value) > limit:
            yield CaseFileError(
                f"{_name(where)} is {len(value):,} characters long; the limit for a {kind} is {limit:,}",
                where=f"{path}:{index.line_of(where)}",
            )


def _list_of_strings(data: dict[str, Any], key: str, where: Path_, path: Path, index: LineIndex) -> list[tuple[int, str]]:
    """The string items of ``data[key]`` (errors for the others are reported by :func:`_shape_errors`)."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def _shape_errors(data: dict[str, Any], where: Path_, keys: tuple[str, ...], path: Path, index: LineIndex) -> Iterator[CaseFileError]:
    for key in keys:
        value = data.get(key)
        if value is None:
            continue
        here = (*where, key)
        if not isinstance(value, list):
            yield CaseFileError(
                f"'{_name(here)}' must be a list of texts, not {type(value).__name__} {str(value)[:40]!r}",
                where=f"{path}:{index.line_of(here)}",
            )
            continue
        for i, item in enumerate(value):
            if not isinstance(item, str):
                yield CaseFileError(f"{_name((*here, i))} must be a text", where=f"{path}:{index.line_of((*here, i))}")


_QUOTE_LISTS = (
    "french_testimonials", "euro_prices", "french_phones", "travel_from_france", "testimonials",
    "preparation", "calls_to_action",
)  # fmt: skip


def _precheck(data: dict[str, Any], path: Path, index: LineIndex) -> list[CaseFileError]:
    """Checks pydantic cannot phrase well: limits, unknown keys, claims, defences, URLs."""
    errors: list[CaseFileError] = list(_limit_errors(data, (), path, index))
    if errors:
        return errors  # nothing else is looked at in a file that big
    for where, text in _strings(data, ()):
        if m := _CONTROL_RE.search(text):
            errors.append(
                CaseFileError(
                    f"{_name(where)}: control or bidirectional character U+{ord(m.group()):04X} is not allowed",
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
    elif (
        isinstance(product, str)
        and not re.match(r"(?i)^(le|la|les|l['’])\b", product.strip())
        and data.get("product_article") is None
    ):
        # « la thérapie », « le vaccin », « les exosomes »: the decision never guesses a gender
        errors.append(
            CaseFileError(
                f"product_article is missing: the article the decision writes before « {product.strip()[:60]} » "
                "(product_article: le, la, les or l')",
                where=f"{path}:{index.line_of(('product',))}",
            )
        )
    errors.extend(_shape_errors(data, (), ("claims", "defences", "websites"), path, index))
    for i, claim in _list_of_strings(data, "claims", (), path, index):
        if problem := claim_problem(claim):
            errors.append(
                CaseFileError(f"claims[{i}]: {problem}", where=f"{path}:{index.line_of(('claims', i))}")
            )
    for i, defence in _list_of_strings(data, "defences", (), path, index):
        if defence not in known_defences():
            errors.append(
                CaseFileError(
                    f"unknown defence id '{defence}' (known: {', '.join(sorted(known_defences()))})",
                    where=f"{path}:{index.line_of(('defences', i))}",
                )
            )
    for i, url in _list_of_strings(data, "websites", (), path, index):
        if not _URL_RE.match(url.strip()):
            errors.append(
                CaseFileError(
                    f"websites[{i}] is not an http(s) URL: {url!r}",
                    where=f"{path}:{index.line_of(('websites', i))}",
                )
            )
    errors.extend(_procedure_prechecks(data, path, index))
    errors.extend(_established_prechecks(data, path, index))
    return errors


def _procedure_prechecks(data: dict[str, Any], path: Path, index: LineIndex) -> Iterator[CaseFileError]:
    letter = data.get("letter_of_intent")
    if isinstance(letter, dict):
        days = letter.get("observation_days")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= LIMITS["observation_days"]):
            yield CaseFileError(
                f"letter_of_intent.observation_days must be a whole number of days from 1 to "
                f"{LIMITS['observation_days']} (got {str(days)[:30]!r})",
                where=f"{path}:{index.line_of(('letter_of_intent', 'observation_days'))}",
            )
    events = data.get("events")
    if not isinstance(events, list):
        return
    for i, event in enumerate(events):
        if isinstance(event, dict) and (problem := _fact_in_a_note(event)):
            yield CaseFileError(f"events[{i}]: {problem}", where=f"{path}:{index.line_of(('events', i, 'note'))}")
        arguments = event.get("arguments") if isinstance(event, dict) else None
        if not isinstance(arguments, list):
            continue
        for j, argument in enumerate(arguments):
            here = ("events", i, "arguments", j)
            if isinstance(argument, str):
                argument = {"defence": argument}
            if not isinstance(argument, dict):
                continue  # pydantic names the type error
            defence = argument.get("defence")
            if isinstance(defence, str) and defence not in known_defences():
                yield CaseFileError(
                    f"{_name(here)}.defence: unknown defence id '{defence}' (known: {', '.join(sorted(known_defences()))}; "
                    "an argument outside the catalogue has no 'defence' but a 'summary')",
                    where=f"{path}:{index.line_of((*here, 'defence'))}",
                )
            elif defence is None and not str(argument.get("summary") or "").strip():
                yield CaseFileError(
                    f"{_name(here)}: an argument outside the catalogue needs a 'summary' (what the company "
                    "argued, completing « la société fait valoir que … »)",
                    where=f"{path}:{index.line_of(here)}",
                )
            quote = argument.get("quote")
            if isinstance(quote, str) and quote and (problem := claim_problem(quote)):
                yield CaseFileError(f"{_name(here)}.quote: {problem}", where=f"{path}:{index.line_of((*here, 'quote'))}")


#: what the notes of earlier case files said, now typed fields (a note is never read as a fact)
_NOTE_FACTS = (
    ("compliance_check", "verdict", re.compile(r"^\s*(non_compliant|not_complied|compliant|complied)\b"),
     "write verdict: not_complied (the advertising continued), complied, partially_complied or unreachable"),
    ("letter_of_intent", "scope", re.compile(r"^\s*scope\s*:\s*(all_activities|advertising)\b"),
     "write scope: all_activities or scope: advertising (what the letter announced)"),
)  # fmt: skip


def _fact_in_a_note(event: dict[str, Any]) -> str | None:
    """A fact written in a note where a typed field holds it now: refused, with the fix."""
    note = event.get("note")
    for kind, key, pattern, fix in _NOTE_FACTS:
        if event.get("kind") == kind and key not in event and isinstance(note, str) and pattern.match(note):
            return f"the note {note[:40]!r} states the {key} of the {kind}, which a note cannot: {fix}"
    return None


def _established_prechecks(data: dict[str, Any], path: Path, index: LineIndex) -> Iterator[CaseFileError]:
    established = data.get("established")
    if established is None:
        return
    if not isinstance(established, dict):
        yield CaseFileError(
            "'established' must be a mapping (french_version, euro_prices, preparation…)",
            where=f"{path}:{index.line_of(('established',))}",
        )
        return
    where: Path_ = ("established",)
    yield from _shape_errors(established, where, _QUOTE_LISTS, path, index)
    for key in _QUOTE_LISTS:
        for i, text in _list_of_strings(established, key, where, path, index):
            if problem := claim_problem(text):
                yield CaseFileError(
                    f"established.{key}[{i}]: {problem}", where=f"{path}:{index.line_of((*where, key, i))}"
                )
    version = established.get("french_version")
    if isinstance(version, str) and not _URL_RE.match(version.strip()):
        yield CaseFileError(
            f"established.french_version is the address of the French version (http…) or true, not {version!r}",
            where=f"{path}:{index.line_of((*where, 'french_version'))}",
        )
    pages = established.get("pages")
    for i, page in enumerate(pages if isinstance(pages, list) else []):
        url = page.get("url") if isinstance(page, dict) else None
        if isinstance(url, str) and not _URL_RE.match(url.strip()):
            yield CaseFileError(
                f"established.pages[{i}].url is not an http(s) URL: {url!r}",
                where=f"{path}:{index.line_of((*where, 'pages', i, 'url'))}",
            )


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


def _normalise_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """``arguments: [medical_tourism_only]`` is short for ``[{defence: medical_tourism_only}]``."""
    events = data.get("events")
    if not isinstance(events, list):
        return data
    out = []
    for event in events:
        if isinstance(event, dict) and isinstance(event.get("arguments"), list):
            event = {
                **event,
                "arguments": [{"defence": a} if isinstance(a, str) else a for a in event["arguments"]],
            }
        out.append(event)
    return {**data, "events": out}


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
        try:
            if not dossier.is_absolute():
                dossier = (path.parent / dossier).resolve()
            found = dossier.exists()
        except OSError as exc:  # a name too long for the file system, a loop of links…
            raise CaseFileError(
                f"dossier path cannot be read ({exc.strerror or exc.__class__.__name__})",
                where=f"{path}:{index.line_of(('dossier',))}",
            ) from exc
        if not found:
            raise CaseFileError(
                f"dossier not found: {dossier}", where=f"{path}:{index.line_of(('dossier',))}"
            )
        data["dossier"] = str(dossier)
    data["source_path"] = str(path)
    data = _normalise_arguments(data)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        _raise_first(_validation_errors(exc, path, index))
        raise  # unreachable: _raise_first raised
    # events come in any order in the file; sorted (stable) by date for everything downstream
    case = case.model_copy(update={"events": sorted(case.events, key=lambda e: e.date)})
    loaded = LoadedCase(case=case, path=path, index=index, raw=case)
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
    letter = case.letter_of_intent
    if letter is not None and letter.received is not None and letter.received > on:
        letter = letter.model_copy(update={"received": None})
    return case.model_copy(
        update={
            "events": events,
            "defences": case.defences if keep_defences else [],
            "decision": case.decision if case.decision and case.decision.date <= on else None,
            "letter_of_intent": letter,
            "captures": [c for c in case.captures if _day(c.date) <= on],
        }
    )


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


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
