"""Leads: read the lead files batch triage exports, and tell when two cases are the same.

Formats (:mod:`vigipub.evidence.leads`): ``leads.json`` is a :class:`LeadsFile`; ``leads.csv``
has the columns :data:`LEAD_CSV_COLUMNS` (only ``url`` is required), list fields joined with
``" | "`` and ``quotes`` as JSON text. A plain list of URLs (one per line) is a lead file too.
Every error names the file and the line (or JSON path) at fault, and nothing is imported
from a file with an error.

Two cases are duplicates when their websites share a registrable domain (public suffix + 1,
from tldextract's bundled list: no network) or when their operators, as read from the
legal notice or confirmed, have the same registration number or the same folded name.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from pydantic import ValidationError

from vigipub.evidence import LEAD_CSV_COLUMNS, Lead, LeadQuote, LeadsFile, sites

# what makes two URLs the same site for duplicate detection (the registrable domain, with the
# port when the host is an address): the one definition every stage uses
from vigipub.evidence.sites import site_of as site_key

from .errors import LeadsError

MAX_LEADS = 10_000
MAX_URL_LENGTH = 2_000
_LIST_SEP = " | "


def normalise_url(raw: str, where: str = "") -> str:
    """An absolute http(s) URL, or :class:`LeadsError`. A bare host gets ``https://``."""
    url = raw.strip()
    if not url:
        raise LeadsError("empty URL", where=where or None)
    if len(url) > MAX_URL_LENGTH:
        raise LeadsError(f"URL longer than {MAX_URL_LENGTH} characters", where=where or None)
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise LeadsError(f"not an http(s) URL: {raw.strip()!r}", where=where or None)
    if not parts.hostname or any(c.isspace() for c in url):
        raise LeadsError(f"not a valid URL: {raw.strip()!r}", where=where or None)
    if not parts.path:
        url += "/"
    return url


def registrable_domain(url: str) -> str:
    """``clinic.example.co.uk`` for ``https://www.clinic.example.co.uk/fr/``; the host itself
    for an IP address or a host without a public suffix (``127.0.0.1``, ``localhost``)."""
    return sites.registrable_domain(urlsplit(url if "://" in url else "https://" + url).hostname or "")


_LEGAL_FORMS = re.compile(
    r"\b(sa|sas|sasu|sarl|eurl|sci|ltd|limited|llc|inc|gmbh|ag|bv|nv|srl|spa|sl|sociedad limitada|"
    r"s\.?a\.?r\.?l|s\.?a\.?s|s\.?a|plc|kft|oy|ab|as|doo|d\.o\.o|sp\. z o\.o)\b\.?",
)


def fold_name(name: str | None) -> str:
    """A company name folded for comparison: no accents, no case, no legal form, no punctuation."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(re.findall(r"[0-9a-z]+", text))


def fold_registration(number: str) -> str:
    """« RCS Paris 123 456 789 » and « 123456789 » compare equal: the digits, in order (the
    registry's name and the city around them vary from one page to the next)."""
    return "".join(re.findall(r"[0-9]", number))


@dataclass(frozen=True)
class OperatorKey:
    name: str
    registrations: frozenset[str]

    @classmethod
    def of(cls, name: str | None, registrations: Iterable[str] = ()) -> OperatorKey:
        return cls(fold_name(name), frozenset(r for r in map(fold_registration, registrations) if len(r) >= 6))

    def same_as(self, other: OperatorKey) -> str | None:
        """Why the two operators are the same (a sentence), or None."""
        common = self.registrations & other.registrations
        if common:
            return f"same registration number {sorted(common)[0]}"
        if self.name and len(self.name) >= 4 and self.name == other.name:
            return f"same operator name « {self.name} »"
        return None


# --------------------------------------------------------------------------- reading


def _bool(value: str, where: str) -> bool:
    v = value.strip().lower()
    if v in ("", "0", "false", "no", "non", "n"):
        return False
    if v in ("1", "true", "yes", "oui", "y"):
        return True
    raise LeadsError(f"not a boolean: {value!r} (true/false)", where=where)


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(_LIST_SEP.strip()) if v.strip()]


def _lead_from_row(row: dict[str, str], where: str) -> Lead:
    url = normalise_url(row.get("url") or "", where)
    data: dict[str, object] = {
        "url": url,
        "domain": (row.get("domain") or "").strip() or registrable_domain(url),
        "score": 0.0,
    }
    try:
        if (row.get("score") or "").strip():
            data["score"] = float(row["score"])
        for key in ("pages_flagged", "pages_seen"):
            if (row.get(key) or "").strip():
                data[key] = int(row[key])
    except ValueError as exc:
        raise LeadsError(f"not a number: {exc}", where=where) from exc
    for key in ("therapies", "diseases", "languages", "france_signals"):
        if row.get(key):
            data[key] = _list(row[key])
    if (row.get("verdict") or "").strip():
        data["verdict"] = row["verdict"].strip()
    if (row.get("source") or "").strip():
        data["source"] = row["source"].strip()
    if row.get("france_targeting") is not None:
        data["france_targeting"] = _bool(row["france_targeting"], where)
    for key in ("first_seen", "last_seen"):
        if (row.get(key) or "").strip():
            try:
                data[key] = datetime.fromisoformat(row[key].strip())
            except ValueError as exc:
                raise LeadsError(f"{key}: not an ISO date-time: {row[key]!r}", where=where) from exc
    if (row.get("quotes") or "").strip():
        try:
            quotes = json.loads(row["quotes"])
        except ValueError as exc:
            raise LeadsError(f"quotes: not JSON ({exc.args[0]})", where=where) from exc
        if not isinstance(quotes, list):
            raise LeadsError("quotes: a JSON list of {quote, url, …} is expected", where=where)
        data["quotes"] = quotes
    try:
        return Lead.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise LeadsError(f"{loc}: {err['msg']}", where=where) from exc


def _read_csv(text: str, name: str) -> list[Lead]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if "url" not in header:
        raise LeadsError(f"no 'url' column in the header (expected: {', '.join(LEAD_CSV_COLUMNS)})", where=f"{name}:1")
    unknown = [c for c in header if c not in LEAD_CSV_COLUMNS]
    if unknown:
        raise LeadsError(
            f"unknown column(s) {', '.join(unknown)} (expected: {', '.join(LEAD_CSV_COLUMNS)})", where=f"{name}:1"
        )
    leads = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row:
            raise LeadsError("more fields than columns in the header", where=where)
        if not any((v or "").strip() for v in row.values()):
            continue
        leads.append(_lead_from_row(row, where))
    return leads


def _read_json(text: str, name: str) -> list[Lead]:
    try:
        raw = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        raise LeadsError(f"invalid JSON: {exc.args[0]}", where=f"{name}:{line}") from exc
    if isinstance(raw, list):  # a bare list of leads is accepted too
        raw = {"generated_at": datetime.now().isoformat(), "leads": raw}
    try:
        leads_file = LeadsFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise LeadsError(f"{loc}: {err['msg']}", where=name) from exc
    out = []
    for i, lead in enumerate(leads_file.leads):
        url = normalise_url(lead.url, f"{name}: leads.{i}.url")
        out.append(lead.model_copy(update={"url": url, "domain": lead.domain or registrable_domain(url)}))
    return out


def _read_urls(text: str, name: str) -> list[Lead]:
    leads = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = normalise_url(line, f"{name}:{number}")
        leads.append(Lead(url=url, domain=registrable_domain(url), score=0.0, source="manual"))
    return leads


def read_leads(data: bytes, name: str = "leads") -> list[Lead]:
    """Leads of a file (JSON, CSV or one URL per line, told apart by content and name)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LeadsError(f"not UTF-8 text (byte {exc.start})", where=name) from exc
    stripped = text.lstrip()
    if not stripped:
        raise LeadsError("the file is empty", where=name)
    if name.lower().endswith(".json") or stripped[:1] in "[{":
        leads = _read_json(text, name)
    elif name.lower().endswith(".csv") or stripped.split("\n", 1)[0].strip().lower().startswith("url"):
        leads = _read_csv(text, name)
    else:
        leads = _read_urls(text, name)
    if not leads:
        raise LeadsError("no lead in the file", where=name)
    if len(leads) > MAX_LEADS:
        raise LeadsError(f"{len(leads)} leads: at most {MAX_LEADS} per file", where=name)
    return leads


def leads_from_urls(text: str, name: str = "URL list") -> list[Lead]:
    """Leads typed by hand, one URL per line."""
    leads = _read_urls(text, name)
    if not leads:
        raise LeadsError("no URL given", where=name)
    return leads


def group_by_site(leads: Iterable[Lead]) -> dict[str, list[Lead]]:
    """Leads of the same site (registrable domain) together: one case each."""
    out: dict[str, list[Lead]] = {}
    for lead in leads:
        out.setdefault(site_key(lead.url), []).append(lead)
    return out


def quote_lines(quotes: Iterable[LeadQuote]) -> list[str]:
    return [" ".join(q.quote.split()) for q in quotes]


__all__ = [
    "LeadsError",
    "OperatorKey",
    "fold_name",
    "fold_registration",
    "group_by_site",
    "leads_from_urls",
    "normalise_url",
    "quote_lines",
    "read_leads",
    "registrable_domain",
    "site_key",
]
