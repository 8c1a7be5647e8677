"""An extracted document: the text of one captured page, and where it came from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from pydantic import Field

from .core import Frozen, RecordRef

DocumentSource = Literal["http", "rendered", "pdf", "file", "text"]


#: the tag of a block that renders what the page's schema.org data says of who runs the site
#: (« SAS Bellecour Esthétique — 14 place Bellecour, 69002 Lyon, FR »): extraction writes it at
#: the end of the text, the operator's reader takes its name and address
STRUCTURED_IDENTITY_TAG = "jsonld"
#: the tags of the blocks inside a page's navigation menu and its footer, however deep their
#: lists: the site's, not the page's own text (extraction sets them; the detector marks a menu's
#: findings as its entries, the verdict's text component reads neither)
MENU_TAG = "nav"
FOOTER_TAG = "footer"
#: how such a line is written, by extraction and read by the operator's reader: the name, this
#: dash (a legal name may hold a comma, « Clínica Regenera, S.L. »), the address; or a registration
#: number after the schema.org property that holds it (« vatID FR12345678901 »)
IDENTITY_SEPARATOR = " — "
IDENTITY_REGISTRATION_KEYS = ("vatID", "taxID")


class Block(NamedTuple):
    """A block of the extracted text (``text[start:end]``): a paragraph, heading, list item.

    A named tuple rather than a model: a page has hundreds of blocks and links, built by
    our own extraction code from values it computed, so per-object validation would only
    cost time (a tenth of the per-page budget). ``Document`` still validates them when it
    is built from outside data (a dict or a list per block).
    """

    start: int
    end: int
    tag: str
    language: str | None = None


def structured_identity_start(blocks: Sequence[Block]) -> int | None:
    """Where the schema.org lines extraction wrote at the end of a text begin (None without)."""
    start = None
    for block in reversed(blocks):
        if block.tag != STRUCTURED_IDENTITY_TAG:
            break
        start = block.start
    return start


class Link(NamedTuple):
    """An outgoing link of the page (used to find language variants and documents)."""

    url: str
    text: str = ""
    hreflang: str | None = None
    rel: str | None = None


class Document(Frozen):
    """Text of one page with its block map; offsets of findings index into ``text``."""

    url: str
    source: DocumentSource = "http"
    record: RecordRef | None = None
    media_type: str | None = None
    charset: str | None = None
    title: str = ""
    text: str
    blocks: list[Block] = Field(default_factory=list)
    language: str | None = None  # ISO 639-1, or "other"
    html_lang: str | None = None
    links: list[Link] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    #: page metadata useful to tell genres apart (og:type, author, published time, JSON-LD
    #: @type values, generator…); keys are lower-case names, values are the raw strings.
    meta: dict[str, str] = Field(default_factory=dict)
