"""The shortcuts of the HTML walker must give exactly what the plain code would."""

from __future__ import annotations

import sys

import pytest

from vigipub.extract.html import _collapse, parse_html

#: every character ``str.split()`` treats as whitespace
WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "plain text",
        "  lead",
        "trail  ",
        "\n   Some text\n",
        "a  b",
        "a\tb",
        "a\u00a0b",
        "\u00a0",
        "\u00a0\u2009\u3000",
        "x\u2028y\u2029z",
        "a\x85b",
        "a\x1cb\x1fc",
        "ctrl\x00char",
        "é  à\n\tü",
        WHITESPACE,
        "w" + WHITESPACE + "w",
    ],
)
def test_collapse_is_split_join(text: str) -> None:
    assert _collapse(text) == " ".join(text.split())


def test_collapse_every_whitespace_char() -> None:
    for char in WHITESPACE:
        for text in (char, f"a{char}b", f"{char}a", f"a{char}", f"a {char}b"):
            assert _collapse(text) == " ".join(text.split()), repr(text)


def test_blocks_skip_unicode_space_only_nodes_and_collapse_the_rest() -> None:
    html = "<body><p>\u00a0\u2009</p><p>x\u3000 y</p><p>\n  un  <b>deux</b>\t</p></body>"
    parts = parse_html(html, "https://s.test/", max_chars=10**6)
    assert parts.blocks == [("x y", "p"), ("un deux", "p")]


def test_link_labels_hrefs_and_namespaced_attributes() -> None:
    html = (
        "<head><link rel=alternate hreflang=fr href=/fr><link rel=stylesheet href=s.css>"
        "<link rel=alternate foo:hreflang=de href=/de></head><body>"
        '<a href="#">x</a><a href="#">y</a><a href="javascript:void(0)">j</a>'
        "<a href=/a>\n\t A \u00a0 b </a><a href=/a><span>A</span> <b>c</b></a>"
        "<a xlink:href=/n>n</a><a href=/long>" + "w " * 200 + "</a></body>"
    )
    parts = parse_html(html, "https://s.test/d/p.html", max_chars=10**6)
    assert parts.links == [
        ("https://s.test/fr", "", "fr", "alternate"),
        ("https://s.test/a", "A b", None, None),
        ("https://s.test/a", "A c", None, None),
        ("https://s.test/long", ("w " * 150)[:300], None, None),
    ]


def test_non_links_count_towards_the_cap_every_time() -> None:
    # a repeated "#" is skipped each time (its resolution is cached) but still uses the cap
    html = "<a href='#'>top</a>" * 2999 + "<a href=/1>1</a><a href=/2>2</a>"
    parts = parse_html(html, "https://s.test/", max_chars=10**6)
    assert parts.links == [("https://s.test/1", "1", None, None)]
