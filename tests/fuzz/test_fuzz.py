"""Fuzzing pass (hypothesis) over what hostile sites and careless operators feed vigipub:
HTML, WARC files, URLs and host spellings, and case files.

Each property states what must hold for *any* input: extraction and detection never raise
and every quote is the text at its offsets; a damaged WARC is an error naming the file
(never a traceback), and ``verify`` reports it; a URL is refused with a typed reason or
normalised to a form whose host is no disguised address; a bad case file is an InputError.

The pass is deterministic (``derandomize``: the same examples every run, so CI never flakes)
and bounded: ``max_examples`` per property, set so that the whole file stays within its
budget (about 10 s on the 2-core CI machine). ``FUZZ_EXAMPLES=2000`` runs a longer pass by
hand with fresh random examples.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigipub.capture.net import NumericHostError, UrlRefused, check_url, numeric_ipv4, parse_ip
from vigipub.capture.scope import extract_links
from vigipub.capture.warc import WarcReadError, WarcWriter, iter_records
from vigipub.detect import Detector
from vigipub.evidence import VigipubError, utc_now
from vigipub.evidence.markup import flatten_deep_markup
from vigipub.extract import document_from_html, iter_documents

LONG = int(os.environ.get("FUZZ_EXAMPLES", "0"))


def budget(examples: int) -> settings:
    """``examples`` per property in CI (deterministic), or FUZZ_EXAMPLES random ones."""
    return settings(
        max_examples=LONG or examples,
        derandomize=not LONG,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ----------------------------------------------------------------------------- HTML
TAGS = [
    "div", "p", "span", "a", "b", "em", "br", "li", "ul", "table", "td", "tr", "script", "style",
    "noscript", "template", "svg", "iframe", "title", "head", "body", "html", "h1", "button",
    "select", "option", "textarea", "details", "summary", "q", "sub", "wbr", "img", "link", "meta",
]  # fmt: skip
WORDS = [
    "cellules", "souches", "guérissent", "l'autisme", "Stammzellen", "heilen", "stem", "cells", "cure",
    "cancer", "dendritiques", "100 %", "€", "prix", "\u200b", "\u00ad", "&amp;", "&#8203;", "&nbsp;",
    "\u202e", "日本", "عربى", "\ufffd", "\x00", "<", ">", "]]>", "[/vc_row]", "<!--", "-->", "\r\n",
]  # fmt: skip


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6 if depth < 4 else 2))):
        kind = draw(st.integers(0, 9))
        if kind < 4:
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=8))))
        elif kind < 8 and depth < 8:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(
                st.sampled_from(
                    ["", " lang=fr", " href='/x'", " hreflang=fr href='http://2130706433/'", " hidden",
                     " class='swiper-slide-duplicate'", " type=application/ld+json", " href='javascript:x'",
                     " href='http://[::1]/'", " style='display:none'", " href"]
                )
            )  # fmt: skip
            inner = draw(markup(depth + 1))
            close = draw(st.booleans())
            parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if close else ""))
        elif kind == 8:
            parts.append("<!--" + draw(st.text(max_size=20)) + draw(st.sampled_from(["-->", "", "--!>"])))
        else:
            tag = draw(st.sampled_from(["div", "b", "ul", "details"]))
            n = draw(st.integers(1, 300))
            parts.append(f"<{tag}>" * n + draw(st.sampled_from(WORDS)) + f"</{tag}>" * draw(st.integers(0, n)))
    return "".join(parts)


def _check_document(html: bytes) -> None:
    doc = document_from_html(html, "https://fuzz.example/page")
    assert isinstance(doc.text, str)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
    analysis = Detector.default().analyze(doc)
    for finding in analysis.findings:
        assert doc.text[finding.start : finding.end] == finding.quote
    extract_links(html, "https://fuzz.example/page")


@budget(50)
@given(markup())
def test_html_from_a_grammar_never_breaks_extraction_or_detection(html: str) -> None:
    _check_document(html.encode("utf-8", "surrogatepass"))


@budget(60)
@given(st.binary(max_size=4000))
def test_any_bytes_as_html(data: bytes) -> None:
    _check_document(data)


@budget(40)
@given(markup())
def test_flattening_keeps_every_word(html: str) -> None:
    data = html.encode("utf-8", "surrogatepass")
    flat, _ = flatten_deep_markup(data)
    words = {w for w in document_from_html(data, "u:").text.split() if w.isalpha()}
    flat_words = set(document_from_html(flat, "u:").text.split())
    # comments go (never shown); every other word stays, as a browser shows it
    assert words <= flat_words or "<!--" in html


# ----------------------------------------------------------------------------- WARC
def _sample_warc(path: Path) -> bytes:
    writer = WarcWriter(path, path.name)
    when = utc_now()
    writer.write("warcinfo", b"software: fuzz\r\n", content_type="application/warc-fields", target_uri=None,
                 when=when, payload_digest=False)  # fmt: skip
    for n in range(3):
        body = f"<html lang=fr><body><p>Nos cellules souches guérissent l'autisme ({n}).</p></body></html>".encode()
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        writer.write("response", block, content_type="application/http; msgtype=response",
                     target_uri=f"https://clinic.example/{n}", when=when, payload_digest=True, http_block=True)  # fmt: skip
    writer.close()
    return path.read_bytes()


SAMPLE = _sample_warc(Path(tempfile.mkdtemp(prefix="vigipub-fuzz-")) / "sample.warc.gz")


@st.composite
def damaged_warc(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=50))
        else:
            data[at : at + 64] = bytes(min(64, len(data) - at))
    return bytes(data)


@budget(100)
@given(st.one_of(damaged_warc(), st.binary(max_size=2000)))
def test_a_damaged_warc_is_an_error_naming_the_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "capture.warc.gz"
        path.write_bytes(data)
        try:
            for doc in iter_documents(path):
                assert isinstance(doc.text, str)
        except VigipubError as exc:
            assert exc.where == str(path) and len(str(exc)) < 1000
        try:
            for record in iter_records(path):
                assert record.offset >= 0
        except WarcReadError:
            pass


# ----------------------------------------------------------------------------- URLs and hosts
@st.composite
def ipv4_spelling(draw: st.DrawFn) -> tuple[int, str]:
    value = draw(st.integers(0, 2**32 - 1))
    parts = draw(st.integers(1, 4))
    octets = list(value.to_bytes(4, "big"))
    numbers = [*octets[: parts - 1], int.from_bytes(bytes(octets[parts - 1 :]), "big")]
    spelled = []
    for number in numbers:
        style = draw(st.sampled_from(["dec", "hex", "HEX", "oct"]))
        if style == "dec":
            spelled.append(str(number))
        elif style == "oct":
            spelled.append("0" + format(number, "o"))
        else:
            spelled.append(("0x" if style == "hex" else "0X") + format(number, "x" if style == "hex" else "X"))
    trailing = "." if draw(st.booleans()) else ""
    return value, ".".join(spelled) + trailing


@budget(300)
@given(ipv4_spelling())
def test_every_numeric_spelling_is_its_address(case: tuple[int, str]) -> None:
    value, host = case
    address = ipaddress.IPv4Address(value)
    assert numeric_ipv4(host) == address
    assert parse_ip(host) == address
    assert check_url(f"http://{host}:8080/x") == f"http://{address}:8080/x"


@budget(300)
@given(st.text(max_size=60))
def test_any_url_is_refused_with_a_reason_or_normalised(text: str) -> None:
    for url in (text, "http://" + text, "http://" + text + "/"):
        try:
            out = check_url(url)
        except UrlRefused as exc:
            assert exc.reason in ("scheme", "credentials", "invalid_url")
            continue
        host = out.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0] if "]" not in out else ""
        try:
            numeric = numeric_ipv4(host)
        except NumericHostError:
            pytest.fail(f"{url!r} normalised to {out!r}, whose host is no valid address")
        # a host that reads as an address is written as the address itself
        assert numeric is None or str(numeric) == host, (url, out)


# ----------------------------------------------------------------------------- case files
#: a valid case file (the Iaso case, typed by an inspector) that the fuzzer damages
VALID_CASE = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "documents" / "cases" / "iaso_case_file_alone.yaml").read_text(encoding="utf-8")
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates().map(str),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)  # fmt: skip


@st.composite
def case_file(draw: st.DrawFn) -> str:
    data = dict(VALID_CASE)
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from([*VALID_CASE, "dossier", "observation_days", "x"]))
        if draw(st.booleans()):
            data[key] = draw(VALUES)
        else:
            data.pop(key, None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 4)) == 0:  # a damaged file
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\t", ": :", "- [", "&a *a", "\x00", "{", "'"])) + text[at:]
    return text


#: defects this pass found in cases/casefile.py, which belongs to issue 13 (reported there,
#: not fixed here): (exception type, module it escapes from) -> what triggers it. Any other
#: escape fails the test; delete an entry once its defect is fixed.
KNOWN_CASEFILE_DEFECTS: dict[tuple[str, str], str] = {}  # none known: any escape fails the test


def _origin(exc: BaseException) -> str:
    """File name of the innermost vigipub frame the exception went through."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "vigipub" in f.filename]
    return Path(frames[-1].filename).name if frames else "?"


@budget(80)
@given(case_file())
def test_a_bad_case_file_is_an_input_error(text: str) -> None:
    from vigipub.cases.casefile import load_case_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_case_file(path)
        except VigipubError as exc:
            assert exc.exit_code == 2
        except Exception as exc:  # noqa: BLE001 - the property: nothing but a VigipubError
            if (type(exc).__name__, _origin(exc)) not in KNOWN_CASEFILE_DEFECTS:
                raise
