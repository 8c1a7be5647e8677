"""Allocation fast path for the many small frozen models of a document (blocks, links).

A page has hundreds of blocks; pydantic's ``model_construct`` costs ~2 µs each, which is
a tenth of the per-page budget. The values here are built by our own code (ints and
strings), so they are set directly, exactly as ``model_construct`` would set them. A
self-check at import falls back to ``model_construct`` if pydantic's internals change.
"""

from __future__ import annotations

from typing import Any

from vigipub.evidence.document import Block, Link

_new = object.__new__
_set = object.__setattr__


def _raw(cls: type, values: dict[str, Any]) -> Any:
    obj: Any = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _self_check() -> bool:
    try:
        probe = _raw(Block, {"start": 0, "end": 1, "tag": "p", "language": None})
        ref = Block(start=0, end=1, tag="p", language=None)
        return bool(probe == ref and probe.model_dump() == ref.model_dump())
    except Exception:  # pydantic internals changed: use the slow, supported path
        return False


_OK = _self_check()


def make_block(start: int, end: int, tag: str, language: str | None) -> Block:
    if _OK:
        return _raw(Block, {"start": start, "end": end, "tag": tag, "language": language})  # type: ignore[no-any-return]
    return Block.model_construct(start=start, end=end, tag=tag, language=language)


def make_link(url: str, text: str, hreflang: str | None, rel: str | None) -> Link:
    if _OK:
        return _raw(Link, {"url": url, "text": text, "hreflang": hreflang, "rel": rel})  # type: ignore[no-any-return]
    return Link.model_construct(url=url, text=text, hreflang=hreflang, rel=rel)
