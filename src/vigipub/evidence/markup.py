"""Markup that hides its size or depth: what capture (links) and extract (text) both need.

HTML parsers are quadratic in the nesting of block containers, so a page can be made to
cost minutes to parse; and a test of depth on the raw bytes can be fooled (a comment holding
20,001 ``<div>`` once made a promotion page look too deep to read, and its text vanished
from the analysis). :func:`flatten_deep_markup` makes such markup parseable as a browser
shows it: comments out, nesting capped at the depth a browser keeps, every text kept. Pure
functions on bytes, linear in their size.
"""

from __future__ import annotations

import re

#: estimated nesting beyond which a page is flattened before it is parsed: HTML parsers
#: (lexbor included) are quadratic in the nesting of block containers (50,000 nested <div>:
#: 17 s; 10,000: 0.25 s). Over the 1,078 real pages of the benchmark the estimate stays
#: under 1,500 (sloppy unclosed tags included).
MAX_NESTING = 10_000
#: what a browser keeps: Chromium's parser nests at most 512 elements (deeper ones become
#: siblings, their text still shown); the flattening keeps the same depth
BROWSER_MAX_DEPTH = 512
#: the elements HTML parsers take quadratic time to nest (lexbor, measured: 20,000 nested,
#: more than 0.5 s each; every one closes an open <p>, which scans the open elements).
#: Inline elements (<a>, <span>, <b>…) nest at linear cost and are never flattened: links
#: and text stay where they are.
_CONTAINERS = (
    b"div", b"section", b"blockquote", b"ul", b"ol", b"address", b"article", b"aside",
    b"center", b"details", b"dialog", b"dir", b"dl", b"fieldset", b"figcaption", b"figure",
    b"footer", b"header", b"hgroup", b"main", b"menu", b"nav", b"optgroup", b"pre", b"rp",
    b"rt", b"summary",
)  # fmt: skip
_CONTAINER_TAG = re.compile(
    rb"<(/?)(" + b"|".join(_CONTAINERS) + rb")(?=[\s/>])[^>]*>", re.IGNORECASE
)
#: a comment, up to its end or the end of the page (an unclosed comment hides the rest)
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)


def nesting_estimate(data: bytes, chunks: int = 256) -> int:
    """Upper-bound-ish estimate of the maximum element nesting, from C-level byte counts.

    Counts opening minus closing tags of usually-closed container elements, chunk by chunk,
    and returns the highest running total: cheap enough to run on every large page.
    """
    size = max(1, len(data) // chunks)
    depth = best = 0
    for start in range(0, len(data), size):
        body = data[start : start + size]
        for tag in _CONTAINERS:
            depth += body.count(b"<" + tag + b">") + body.count(b"<" + tag + b" ")
            depth -= body.count(b"</" + tag + b">")
        best = max(best, depth)
    return best


def flatten_deep_markup(data: bytes) -> tuple[bytes, list[str]]:
    """Markup whose estimated nesting exceeds :data:`MAX_NESTING`, made parseable as a browser
    shows it; (bytes, warnings).

    Comments go first: they are never shown, and a comment holding 20,001 ``<div>`` must not
    make a page look deep (it once made the page's text disappear from the analysis). When
    the page is still that deep, container tags beyond :data:`BROWSER_MAX_DEPTH` levels become
    line breaks (their text stays, as in a browser). Linear in the size of the page.
    """
    warnings: list[str] = []
    stripped = _COMMENT.sub(b"", data)
    if len(stripped) != len(data):
        warnings.append("deeply nested markup: HTML comments removed before parsing (never displayed)")
    if nesting_estimate(stripped) <= MAX_NESTING:
        return stripped, warnings
    out: list[bytes] = []
    depth = 0
    dropped: dict[bytes, int] = {}
    last = 0
    flattened = 0
    for match in _CONTAINER_TAG.finditer(stripped):
        name = match.group(2).lower()
        if match.group(1):  # a closing tag: drop it when its opening tag was dropped
            if dropped.get(name):
                dropped[name] -= 1
            else:
                depth = max(0, depth - 1)
                continue
        elif match.group(0).endswith(b"/>"):
            continue
        elif depth < BROWSER_MAX_DEPTH:
            depth += 1
            continue
        else:
            dropped[name] = dropped.get(name, 0) + 1
            flattened += 1
        out.append(stripped[last : match.start()])
        out.append(b"<br>")
        last = match.end()
    out.append(stripped[last:])
    warnings.append(
        f"HTML nested deeper than {MAX_NESTING} levels: {flattened} elements beyond "
        f"{BROWSER_MAX_DEPTH} levels flattened into line breaks (their text kept, as a browser shows it)"
    )
    return b"".join(out), warnings
