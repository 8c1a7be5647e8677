"""Allocation fast path for the many small frozen models of a document (blocks, links).

A page has hundreds of blocks and links; pydantic's ``model_construct`` costs ~2 µs each,
which is a tenth of the per-page budget. The values here are built by our own code (ints
and strings), so they are set directly, exactly as ``model_construct`` would set them, and
through the slot descriptors themselves (no attribute lookup per field). A self-check at
import falls back to ``model_construct`` if pydantic's internals change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from vigipub.evidence.document import Block, Link

_new = object.__new__
_set = object.__setattr__

_BLOCK_FIELDS = frozenset(("start", "end", "tag", "language"))
_LINK_FIELDS = frozenset(("url", "text", "hreflang", "rel"))


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


def _raw(cls: type, values: dict[str, Any]) -> Any:
    obj: Any = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _fast_blocks(spans: Iterable[tuple[int, int, str, str | None]]) -> list[Block]:
    set_dict, set_fields, set_extra, set_private = _SETTERS  # type: ignore[misc]
    fields = _BLOCK_FIELDS
    out: list[Block] = []
    append = out.append
    for start, end, tag, language in spans:
        obj = _new(Block)
        set_dict(obj, {"start": start, "end": end, "tag": tag, "language": language})
        set_fields(obj, set(fields))
        set_extra(obj, None)
        set_private(obj, None)
        append(obj)
    return out


def _fast_links(links: Iterable[tuple[str, str, str | None, str | None]]) -> list[Link]:
    set_dict, set_fields, set_extra, set_private = _SETTERS  # type: ignore[misc]
    fields = _LINK_FIELDS
    out: list[Link] = []
    append = out.append
    for url, text, hreflang, rel in links:
        obj = _new(Link)
        set_dict(obj, {"url": url, "text": text, "hreflang": hreflang, "rel": rel})
        set_fields(obj, set(fields))
        set_extra(obj, None)
        set_private(obj, None)
        append(obj)
    return out


def _self_check() -> bool:
    if _SETTERS is None:
        return False
    try:
        probe = _raw(Block, {"start": 0, "end": 1, "tag": "p", "language": None})
        ref = Block(start=0, end=1, tag="p", language=None)
        (fast,) = _fast_blocks([(0, 1, "p", None)])
        (link,) = _fast_links([("https://x.test/", "x", None, "nofollow")])
        link_ref = Link(url="https://x.test/", text="x", hreflang=None, rel="nofollow")
        return bool(
            probe == ref
            and probe.model_dump() == ref.model_dump()
            and fast == ref
            and fast.model_dump() == ref.model_dump()
            and fast.model_fields_set == ref.model_fields_set
            and link == link_ref
            and link.model_dump() == link_ref.model_dump()
        )
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


def make_blocks(spans: Iterable[tuple[int, int, str, str | None]]) -> list[Block]:
    """Blocks from (start, end, tag, language) tuples, in one loop."""
    if _OK:
        return _fast_blocks(spans)
    return [Block.model_construct(start=s, end=e, tag=t, language=lang) for s, e, t, lang in spans]


def make_links(links: Iterable[tuple[str, str, str | None, str | None]]) -> list[Link]:
    """Links from (url, text, hreflang, rel) tuples, in one loop."""
    if _OK:
        return _fast_links(links)
    return [Link.model_construct(url=u, text=t, hreflang=h, rel=r) for u, t, h, r in links]
