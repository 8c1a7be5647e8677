"""A one-page PDF showing a line of text, for the tests that need a real PDF (a clinic's
brochure in a WARC, a file given to the extraction). pypdf writes it: the page tree, the
cross-reference table and the escaping of the text are the library's, not ours. The content
stream is left uncompressed so that the text also appears in the file's raw bytes."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject, NumberObject, TextStringObject


def one_page_pdf(text: str) -> bytes:
    """A valid PDF (US Letter, Helvetica 14 pt) whose only page shows ``text``."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})}
    )
    content = ContentStream(None, None)
    content.operations = [
        ([], b"BT"),
        ([NameObject("/F1"), NumberObject(14)], b"Tf"),
        ([NumberObject(72), NumberObject(720)], b"Td"),
        ([TextStringObject(text)], b"Tj"),
        ([], b"ET"),
    ]
    page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
