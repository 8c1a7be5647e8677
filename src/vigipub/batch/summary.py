"""From the rows of a triage to what an inspector reads: domains ranked, leads, a report.

Written into the result folder (both engines)::

    domains.parquet   one row per registrable domain with a flagged page (promotion or uncertain)
    leads.json        the same domains as a LeadsFile (vigipub.evidence.leads), most urgent first
    leads.csv         the same, columns LEAD_CSV_COLUMNS (what the case application imports)
    report.html       the report (French), with charts

Ranking: a domain's rank score is its strongest page score, weighted by breadth and by
France-targeting: ``best × (0.8 + 0.1 × breadth + 0.1 × france)`` where breadth grows from 0
(one flagged page) to 1 (ten or more) and france is 1 when a flagged page targets France.
Domains with a promotion page come before those with uncertain pages only.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.dataset as ds  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from vigipub.evidence import LEAD_CSV_COLUMNS, Lead, LeadQuote, LeadsFile, utc_now, write_json
from vigipub.evidence.core import write_atomic

from .errors import TriageInputError
from .local import INPUTS, PAGES, read_marker_files
from .rows import FLAGGED, PAGES_SCHEMA
from .sites import add_reports, address_keys, merge_site_rows, read_site_markers, site_rows

DOMAINS = "domains.parquet"
LEADS_JSON = "leads.json"
LEADS_CSV = "leads.csv"
REPORT = "report.html"
#: quotes kept per domain
DOMAIN_QUOTES = 5

DOMAINS_SCHEMA = pa.schema(
    [
        ("rank", pa.int32()),
        ("domain", pa.string()),
        ("score", pa.float64()),
        ("verdict", pa.string()),
        ("best_url", pa.string()),
        ("best_score", pa.float64()),
        ("pages_flagged", pa.int64()),
        ("pages_promotion", pa.int64()),
        ("pages_seen", pa.int64()),
        ("therapies", pa.list_(pa.string())),
        ("diseases", pa.list_(pa.string())),
        ("languages", pa.list_(pa.string())),
        ("france_targeting", pa.bool_()),
        ("france_signals", pa.list_(pa.string())),
        ("first_seen", pa.timestamp("us", tz="UTC")),
        ("last_seen", pa.timestamp("us", tz="UTC")),
        ("quotes", pa.string()),  # JSON list of LeadQuote
    ]
)


def record_pass_dataset(result: Path) -> ds.Dataset:
    """The record pass's rows (``pages/``), as both engines write them."""
    folder = result / PAGES
    if not folder.is_dir():
        raise TriageInputError("not a triage result (no pages/ folder)", where=str(result))
    return ds.dataset(folder, format="parquet")


pages_dataset = record_pass_dataset


def read_pages(result: Path, flagged_only: bool = False, *, site_pass: bool = True) -> pa.Table:
    """The rows of a result (both engines' Parquet): the record pass's, with the site pass's
    rows in place of theirs (``site_pass``); PAGES_SCHEMA plus ``page_verdict`` (the page's own
    verdict when its site's context changed it; null otherwise, and in results written before
    the site pass existed)."""
    dataset = record_pass_dataset(result)
    condition = pc.field("verdict").isin(list(FLAGGED)) if flagged_only else None
    # Spark names list items "element", pyarrow "item": one schema for both
    table = dataset.to_table(filter=condition).select(PAGES_SCHEMA.names).cast(PAGES_SCHEMA)
    return merge_site_rows(table, site_rows(result) if site_pass else None, flagged_only)


def read_markers(result: Path) -> list[dict[str, Any]]:
    return read_marker_files(result / INPUTS)


def _rank_score(best: float, flagged: int, france: bool) -> float:
    breadth = min(1.0, max(0, flagged - 1) / 9)
    return round(best * (0.8 + 0.1 * breadth + 0.1 * (1.0 if france else 0.0)), 4)


def _ordered(counter: Counter[str]) -> list[str]:
    return [key for key, _n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def summarize(result: Path) -> list[dict[str, Any]]:
    """One dict per domain with a flagged page, ranked (see the module docstring)."""
    flagged = read_pages(result, flagged_only=True).to_pylist()
    by_domain: dict[str, list[dict[str, Any]]] = {}
    for row in flagged:
        by_domain.setdefault(row["domain"] or row["host"] or row["url"], []).append(row)
    if not by_domain:
        return []
    seen_counts = _pages_seen(result, set(by_domain))
    domains: list[dict[str, Any]] = []
    for domain, rows in by_domain.items():
        rows.sort(key=lambda r: (r["verdict"] != "promotion", -(r["score"] or 0.0), r["url"]))
        best = rows[0]
        therapies: Counter[str] = Counter(t for r in rows for t in r["therapies"])
        diseases: Counter[str] = Counter(d for r in rows for d in r["diseases"])
        languages: Counter[str] = Counter(r["language"] for r in rows if r["language"])
        signals: Counter[str] = Counter(s for r in rows for s in r["france_signals"])
        dates = [r["capture_date"] for r in rows if r["capture_date"] is not None]
        france = any(r["france_targeting"] for r in rows)
        quotes: list[dict[str, Any]] = []
        for r in rows:
            for claim in r["claims"]:
                if len(quotes) >= DOMAIN_QUOTES:
                    break
                quotes.append(
                    LeadQuote(
                        quote=claim["quote"],
                        url=r["url"],
                        kind=claim["kind"],
                        warc_file=r["warc_file"],
                        offset=r["offset"],
                        length=r["length"],
                    ).model_dump()
                )
        promotion = sum(1 for r in rows if r["verdict"] == "promotion")
        domains.append(
            {
                "domain": domain,
                "score": _rank_score(float(best["score"] or 0.0), len(rows), france),
                "verdict": "promotion" if promotion else "uncertain",
                "best_url": best["url"],
                "best_score": float(best["score"] or 0.0),
                "pages_flagged": len(rows),
                "pages_promotion": promotion,
                "pages_seen": seen_counts.get(domain, len(rows)),
                "therapies": _ordered(therapies),
                "diseases": _ordered(diseases),
                "languages": _ordered(languages),
                "france_targeting": france,
                "france_signals": _ordered(signals),
                "first_seen": min(dates) if dates else None,
                "last_seen": max(dates) if dates else None,
                "quotes": quotes,
            }
        )
    domains.sort(key=lambda d: (d["verdict"] != "promotion", -d["score"], -d["pages_flagged"], d["domain"]))
    for rank, entry in enumerate(domains, 1):
        entry["rank"] = rank
    return domains


def _pages_seen(result: Path, domains: set[str]) -> dict[str, int]:
    """Rows per domain (every HTML/PDF page of the inputs), for the flagged domains only."""
    table = pages_dataset(result).to_table(
        columns=["domain"], filter=pc.field("domain").isin(sorted(domains))
    )
    counts = table.group_by("domain").aggregate([("domain", "count")])
    return dict(zip(counts["domain"].to_pylist(), counts["domain_count"].to_pylist(), strict=True))


def to_leads(domains: Iterable[dict[str, Any]], inputs: list[str]) -> LeadsFile:
    leads = [
        Lead(
            url=d["best_url"],
            domain=d["domain"],
            score=min(1.0, max(0.0, d["score"])),
            verdict=d["verdict"],
            pages_flagged=d["pages_flagged"],
            pages_seen=d["pages_seen"],
            therapies=d["therapies"],
            diseases=d["diseases"],
            languages=d["languages"],
            france_targeting=d["france_targeting"],
            france_signals=d["france_signals"],
            quotes=[LeadQuote(**q) for q in d["quotes"]],
            first_seen=d["first_seen"],
            last_seen=d["last_seen"],
            source="triage",
        )
        for d in domains
    ]
    return LeadsFile(generated_at=utc_now(), inputs=inputs, leads=leads)


def leads_csv(leads: LeadsFile) -> str:
    """``leads.csv``: LEAD_CSV_COLUMNS, lists joined with `` | ``, quotes as JSON text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEAD_CSV_COLUMNS)
    for lead in leads.leads:
        data = lead.model_dump(mode="json")
        row = []
        for column in LEAD_CSV_COLUMNS:
            value = data[column]
            if column == "quotes":
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(value, list):
                value = " | ".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            row.append(value)
        writer.writerow(row)
    return out.getvalue()


def run_totals(markers: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over the inputs' markers: what the report and the command print."""
    totals: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    for m in markers:
        totals["inputs"] += 1
        totals["failed"] += m.get("state") != "done"
        for key in ("records", "kept", "rows", "bytes_read", "payload_bytes"):
            totals[key] += int(m.get(key) or 0)
        verdicts.update(m.get("verdicts") or {})
        tiers.update(m.get("tiers") or {})
    return {
        **dict(totals),
        "verdicts": dict(verdicts),
        "analysed": tiers.get("detection", 0),
        "discarded_by_prefilter": tiers.get("prefilter", 0),
        "flagged": sum(verdicts.get(v, 0) for v in FLAGGED),
    }


def with_site_pass(result: Path, totals: dict[str, Any], inputs: list[str]) -> dict[str, Any]:
    """The totals once the site pass's rows replace the record pass's (verdicts, tiers), and
    what the site pass did (``site_pass``: sites, pages re-read, raised by their site…)."""
    sites = site_rows(result)
    if sites is None:
        return totals
    sites = sites.filter(pc.is_in(sites["warc_file"], value_set=pa.array(inputs, pa.string())))
    keys = address_keys(sites)
    earlier = record_pass_dataset(result).to_table(
        columns=["warc_file", "offset", "tier", "verdict"],
        filter=pc.field("warc_file").isin(inputs) & pc.field("offset").isin(sites["offset"].unique()),
    )
    earlier = earlier.filter(pc.is_in(address_keys(earlier), value_set=keys))
    verdicts: Counter[str] = Counter(totals.get("verdicts") or {})
    tiers: Counter[str] = Counter(
        detection=totals.get("analysed", 0), prefilter=totals.get("discarded_by_prefilter", 0)
    )
    for sign, table in ((-1, earlier), (1, sites)):
        for tier, verdict in zip(table["tier"].to_pylist(), table["verdict"].to_pylist(), strict=True):
            tiers[tier] += sign
            if verdict:
                verdicts[verdict] += sign
    verdict_counts = {k: v for k, v in sorted(verdicts.items()) if v}
    return {
        **totals,
        "verdicts": verdict_counts,
        "analysed": tiers["detection"] + tiers["site"],
        "analysed_by_site_pass": tiers["site"],
        "discarded_by_prefilter": tiers["prefilter"],
        "flagged": sum(verdict_counts.get(v, 0) for v in FLAGGED),
        "site_pass": add_reports(read_site_markers(result)),
    }


def write_summary(result: Path, inputs: list[str]) -> dict[str, Any]:
    """Write domains.parquet, leads.json, leads.csv and report.html; return the totals."""
    from .report import render_report

    domains = summarize(result)
    rows = [{**d, "quotes": json.dumps(d["quotes"], ensure_ascii=False, default=str)} for d in domains]
    table = pa.Table.from_pylist(rows, schema=DOMAINS_SCHEMA)
    tmp = result / (DOMAINS + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(result / DOMAINS)
    leads = to_leads(domains, inputs)
    write_json(result / LEADS_JSON, leads)
    write_atomic(result / LEADS_CSV, leads_csv(leads).encode("utf-8"))
    markers = read_markers(result)
    totals = with_site_pass(
        result, run_totals([m for m in markers if m.get("location") in set(inputs)]), inputs
    )
    html = render_report(domains, totals, [m for m in markers if m.get("location") in set(inputs)], result)
    write_atomic(result / REPORT, html.encode("utf-8"))
    return {
        **totals,
        "domains": len(domains),
        "leads": len(leads.leads),
        "generated_at": _iso(leads.generated_at),
    }


def _iso(value: datetime) -> str:
    return value.isoformat()
