"""WARC records: what triage keeps, their offset and length, damaged files."""

from __future__ import annotations

import pytest

from vigipub.batch.errors import CorruptInput
from vigipub.batch.inputs import read_range
from vigipub.batch.records import RecordStats, iter_records
from vigipub.batch.show import read_record

from .conftest import clinic_responses, other_responses


def _records(path):
    stats = RecordStats()
    with open(path, "rb") as fh:
        return list(iter_records(fh, str(path), stats)), stats


@pytest.mark.parametrize("name", ["clinic", "other"])
def test_html_and_pdf_responses_are_kept_with_their_address(warcs, name) -> None:
    records, stats = _records(warcs[name])
    written = clinic_responses() if name == "clinic" else other_responses()
    kept = [r for r in written if r.status.startswith("200") and not r.content_type.startswith("image/")]
    assert [r.url for r in records] == [r.url for r in kept]
    assert stats.kept == len(kept)
    assert stats.skipped.get("record_request") == len(written)  # every request record
    for record in records:
        again = read_record(str(warcs[name]), record.offset, record.length)
        assert again.record.url == record.url
        assert again.record.payload == record.payload
    # the records tile the file: each ends where the next record (request, response…) starts
    size = warcs[name].stat().st_size
    last = records[-1]
    assert last.offset + last.length == size
    assert {r.kind for r in records} == ({"html"} if name == "clinic" else {"html", "pdf"})


def test_redirects_and_images_are_skipped_with_their_reason(warcs) -> None:
    _records_, stats = _records(warcs["clinic"])
    assert stats.skipped["status_301"] == 1
    assert stats.skipped["media_image/png"] == 1


@pytest.mark.parametrize("name", ["truncated", "corrupt"])
def test_a_damaged_file_keeps_the_records_before_the_damage(warcs, name) -> None:
    good, _ = _records(warcs["clinic"])
    got = []
    with open(warcs[name], "rb") as fh, pytest.raises(CorruptInput) as err:
        for record in iter_records(fh, str(warcs[name])):
            got.append(record)
    assert str(warcs[name]) in str(err.value) and "offset" in str(err.value)
    assert got, "records before the damage are kept"
    assert [(r.url, r.offset, r.length) for r in got] == [
        (r.url, r.offset, r.length) for r in good[: len(got)]
    ]


def test_a_plain_warc_cut_inside_a_record_is_reported(warcs, tmp_path) -> None:
    data = warcs["other"].read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 500])
    with open(cut, "rb") as fh, pytest.raises(CorruptInput, match="declared length|corrupt"):
        list(iter_records(fh, str(cut)))


def test_a_range_past_the_end_is_an_input_error(warcs) -> None:
    size = warcs["clinic"].stat().st_size
    with pytest.raises(CorruptInput.__mro__[1]):  # TriageInputError
        read_range(str(warcs["clinic"]), size - 10, 100)
