"""Allocation fast path for the findings of a page (same idea as ``vigipub.extract._fast``).

A page yields a dozen findings and pydantic's ``model_construct`` costs ~3.5 µs for a model
of 14 fields (it walks the field table, pops each value, fills a ``fields_set``), ~5% of
the detector's time per page. The values here come from our own code with every field
given, in declaration order, so the instance is set directly, exactly as
``model_construct`` sets it. A self-check at import compares the two and falls back to
``model_construct`` if pydantic's internals change.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from vigipub.evidence.findings import Finding

_new = object.__new__

#: Finding's fields in declaration order: ``model_construct`` fills ``__dict__`` in this
#: order, and model_dump (so the JSON files) follows it.
_FIELDS = tuple(Finding.model_fields)
_FIELD_SET = frozenset(_FIELDS)


def _slot_setters() -> tuple[Any, Any, Any, Any] | None:
    try:
        slots = BaseModel.__dict__
        return (
            slots["__dict__"].__set__,
            slots["__pydantic_fields_set__"].__set__,
            slots["__pydantic_extra__"].__set__,
            slots["__pydantic_private__"].__set__,
        )
    except (KeyError, AttributeError):
        return None


_SETTERS = _slot_setters()


def _fast_finding(values: dict[str, Any]) -> Finding:
    set_dict, set_fields, set_extra, set_private = _SETTERS  # type: ignore[misc]
    obj: Finding = _new(Finding)
    set_dict(obj, values)
    set_fields(obj, set(_FIELD_SET))
    set_extra(obj, None)
    set_private(obj, None)
    return obj


def _self_check() -> bool:
    if _SETTERS is None or Finding.__pydantic_post_init__ or Finding.__pydantic_root_model__:
        return False
    try:
        values: dict[str, Any] = {
            "id": "k:claim:0-5:x",
            "kind": "claim",
            "subkind": "cure",
            "quote": "Cured",
            "start": 0,
            "end": 5,
            "match": "Cured",
            "language": "en",
            "confidence": 0.9,
            "url": "https://x.test/",
            "record_id": None,
            "payload_digest": None,
            "entry_ids": ["en.claim.cure"],
            "attributes": {"weight": "1"},
        }
        if tuple(values) != _FIELDS:
            return False  # Finding gained or reordered a field: the caller's dict would be wrong
        ref = Finding.model_construct(**dict(values))
        fast = _fast_finding(dict(values))
        return bool(
            fast == ref
            and fast.model_dump() == ref.model_dump()
            and list(fast.__dict__) == list(ref.__dict__)
            and fast.model_fields_set == ref.model_fields_set
            and fast.__pydantic_extra__ == ref.__pydantic_extra__
            and fast.__pydantic_private__ == ref.__pydantic_private__
            and fast.model_dump_json() == ref.model_dump_json()
        )
    except Exception:  # pydantic internals changed: use the slow, supported path
        return False


_OK = _self_check()


def make_finding(values: dict[str, Any]) -> Finding:
    """A Finding from values built by the detector, every field given in declaration order.

    Not validated, as with ``model_construct``; the detector's tests check the order.
    """
    if _OK:
        return _fast_finding(values)
    return Finding.model_construct(**values)
