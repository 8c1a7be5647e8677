"""Leads files (the triage export) and the evidence-review helpers, without a database."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from vigipub.cases.deadlines import observation_deadline, recheck_date, urgency_key
from vigipub.cases.errors import LeadsError
from vigipub.cases.leads import OperatorKey, group_by_site, read_leads, registrable_domain, site_key
from vigipub.cases.review import ReviewedFinding, ReviewedPage, Span, labelled_page, segments
from vigipub.evidence import LEAD_CSV_COLUMNS, Lead, LeadQuote, LeadsFile
from vigipub.evidence.casework import CaseStatus

SHARED = Path(__file__).resolve().parents[3] / "shared"


def leads_file() -> LeadsFile:
    return LeadsFile(
        generated_at=datetime(2026, 2, 1, tzinfo=UTC),
        inputs=["crawl-01.warc.gz"],
        leads=[
            Lead(url="https://www.cellclinic.example.com/fr/traitements", domain="example.com", score=0.91,
                 therapies=["stem_cells"], diseases=["G35"], languages=["fr"], france_targeting=True,
                 quotes=[LeadQuote(quote="Nos cellules souches guérissent la sclérose en plaques.",
                                   url="https://www.cellclinic.example.com/fr/traitements")]),
            Lead(url="https://exo.example.org/", domain="example.org", score=0.42, verdict="uncertain"),
        ],
    )


def test_a_leads_json_file_is_read_as_triage_writes_it():
    leads = read_leads(leads_file().model_dump_json(indent=2).encode(), "leads.json")
    assert [lead.domain for lead in leads] == ["example.com", "example.org"]
    assert leads[0].quotes[0].quote.startswith("Nos cellules")


def test_a_leads_csv_file_with_every_column():
    lead = leads_file().leads[0]
    row = {
        "url": lead.url, "domain": lead.domain, "score": "0.91", "verdict": "promotion", "pages_flagged": "3",
        "pages_seen": "9", "therapies": "stem_cells | exosomes", "diseases": "G35", "languages": "fr",
        "france_targeting": "true", "france_signals": "french_language | euro_price",
        "quotes": json.dumps([q.model_dump() for q in lead.quotes], ensure_ascii=False),
        "first_seen": "2026-01-03T10:00:00+00:00", "last_seen": "", "source": "triage",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=LEAD_CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    leads = read_leads(out.getvalue().encode(), "leads.csv")
    assert leads[0].therapies == ["stem_cells", "exosomes"] and leads[0].france_targeting is True
    assert leads[0].pages_flagged == 3 and leads[0].quotes[0].url == lead.url


@pytest.mark.parametrize(
    ("data", "name", "where"),
    [
        (b"url,score\nhttps://a.example.com/,high\n", "l.csv", "l.csv:2"),
        (b"url,colour\nhttps://a.example.com/,red\n", "l.csv", "l.csv:1"),
        (b"https://ok.example.com/\nftp://files.example.com/\n", "urls.txt", "urls.txt:2"),
        (b'{"generated_at": "2026-01-01T00:00:00Z", "leads": [{"url": "https://a.example.com/", "domain": "example.com", "score": 3}]}',
         "leads.json", "leads.json"),
        (b"", "l.csv", "l.csv"),
        (b"\xff\xfe", "l.csv", "l.csv"),
    ],
)
def test_bad_lead_files_name_the_line(data, name, where):
    with pytest.raises(LeadsError) as err:
        read_leads(data, name)
    assert err.value.where == where


def test_sites_and_operators():
    assert registrable_domain("https://www.clinic.example.co.uk/fr/") == "example.co.uk"
    assert site_key("http://127.0.0.1:8001/fr/") == "127.0.0.1:8001"
    groups = group_by_site(read_leads(b"https://a.example.com/x\nhttps://b.example.com/y\nhttps://c.example.org/\n", "u.txt"))
    assert sorted(len(g) for g in groups.values()) == [1, 2]
    a = OperatorKey.of("Vitadendra Health AG", ["CHE-123.456.789"])
    assert a.same_as(OperatorKey.of("VITADENDRA HEALTH", [])) is not None
    assert "registration" in (a.same_as(OperatorKey.of("Other name SA", ["CHE 123 456 789"])) or "")
    assert a.same_as(OperatorKey.of("Another clinic", [])) is None


def test_segments_cover_the_text_and_nest_findings():
    text = "Intro. Stem cells cure autism. Book now!"
    spans = [Span("1", 7, 30, "claim"), Span("2", 7, 17, "therapy", "accepted"), Span("3", 31, 40, "call_to_action")]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    covered = {s.text: sorted(sp.key for sp in s.spans) for s in segs if s.spans}
    assert covered == {"Stem cells": ["1", "2"], " cure autism.": ["1"], "Book now!": ["3"]}
    assert next(s for s in segs if s.text == "Stem cells").decision == "accepted"


def test_a_reviewed_page_exports_in_the_corpus_format():
    text = "Clinique Exemple. Nos cellules souches guérissent l'autisme. Réservez votre séjour."
    findings = [
        ReviewedFinding("therapy", "stem_cells", "Nos cellules souches guérissent l'autisme.", 18, 60, "accepted",
                        attributes={"family": "stem_cells"}),
        ReviewedFinding("claim", "cure", "Nos cellules souches guérissent l'autisme.", 18, 60, "accepted"),
        ReviewedFinding("call_to_action", "booking", "Réservez votre séjour.", 61, 83, "rejected", comment="navigation"),
        ReviewedFinding("disease", "F84", "Nos cellules souches guérissent l'autisme.", 18, 60, "accepted",
                        attributes={"label": "Autism"}),
    ]
    page = ReviewedPage(id="VP-2026-00001-p1", url="https://x.example/fr/", language="fr", text=text, genre="clinic",
                        verdict="promotion", findings=findings, reviewers=["ines"],
                        reviewed_at=datetime(2026, 2, 1, tzinfo=UTC), case="VP-2026-00001")
    record = labelled_page(page)
    readme = (SHARED / "corpus-real" / "README.md")
    expected_keys = {"id", "url", "lang", "label", "category", "therapy", "diseases", "claims", "targets_france", "text", "note"}
    if readme.exists():  # the corpus's own table of fields
        assert all(f"| `{k}` |" in readme.read_text(encoding="utf-8") for k in expected_keys)
    assert set(record) == expected_keys
    assert record["label"] == "promotion" and record["category"] == "stem_cell_clinic"
    assert record["claims"] == ["Nos cellules souches guérissent l'autisme."]
    assert all(c in record["text"] for c in record["claims"])
    assert record["diseases"] == ["autism"] and record["targets_france"] is True
    assert "1 rejected" in record["note"] or "rejected" in record["note"]
    # nothing reviewed yet: nothing exported
    assert labelled_page(ReviewedPage(id="p", url="u", language="fr", text=text, genre="clinic",
                                      verdict="promotion", findings=[])) is None


def test_deadlines_come_from_the_dated_parameters():
    d = observation_deadline(date(2024, 11, 5))
    assert d.on == date(2024, 11, 20) and d.delay and d.delay.days == 15 and "CRPA" in d.delay.reference
    with pytest.raises(ValueError, match="minimum"):
        observation_deadline(date(2024, 11, 5), days=3)
    assert observation_deadline(date(2024, 11, 5), urgent=True).on == date(2024, 11, 8)
    assert recheck_date(date(2026, 1, 1)).on == date(2026, 1, 16)
    overdue = urgency_key(date(2026, 1, 1), CaseStatus.OBSERVATIONS)
    later = urgency_key(date(2026, 2, 1), CaseStatus.OBSERVATIONS)
    undated = urgency_key(None, CaseStatus.DECISION)
    assert overdue < later < undated
