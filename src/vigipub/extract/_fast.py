"""Allocation fast path for the many small records of a document (blocks, links).

A page has hundreds of blocks and links. They are named tuples (see
``vigipub.evidence.document``), built here straight from the tuples the extraction code
already holds: ``tuple.__new__`` skips the generated ``__new__`` and its argument parsing,
for the same object as ``Block(*values)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from vigipub.evidence.document import Block, Link

_new_block = partial(tuple.__new__, Block)
_new_link = partial(tuple.__new__, Link)


def make_blocks(spans: Iterable[tuple[int, int, str, str | None]]) -> list[Block]:
    """Blocks from (start, end, tag, language) tuples (each exactly four values)."""
    return list(map(_new_block, spans))


def make_links(links: Iterable[tuple[str, str, str | None, str | None]]) -> list[Link]:
    """Links from (url, text, hreflang, rel) tuples (each exactly four values)."""
    return list(map(_new_link, links))
