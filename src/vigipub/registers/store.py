"""Build the SQLite register database from validated files, atomically.

One database file holds everything a decision needs to cite: one row per register entry
with its raw source row (``raw_json``), the search index, the family memberships, and the
source files themselves (gzip blobs, with their sha256, size, snapshot date and URL). The
database is written to a temporary file next to its destination and swapped in with
``os.replace``: readers see either the old snapshot or the new one, never a mix.

Schema (version :data:`SCHEMA_VERSION`)::

    meta(key, value)                          schema_version, config_digest, built_at, origin,
                                              raw_columns:<registry> (names of raw_json values)
    files(name, registry, sha256, bytes, snapshot_date, approximate, source_url, retrieved_at,
          encoding, rows, note, gz)
    sources(registry, publisher, snapshot_date, source_url, licence, attribution)
    entries(id, registry, identifier, product, substances_json, holder, status, authorised,
            atmp, atmp_category, category, procedure, authorisation_date, end_date, indication,
            therapeutic_area, atc, eu_number, linked_identifier, search_text, raw_json)
    postings(token, entry_id, field)          inverted index over names and substances
    vocab(token, df) + vocab_tri (FTS5 trigram over vocab tokens, for typo-tolerant lookup)
    family_members(family, entry_id, rule)
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from vigipub.evidence.french import search_key

from .config import Config, load_config
from .errors import RegisterDatabaseError, RegisterLayoutError
from .formats import BDPM_SPECS, EMA_FILE, BdpmFile, EmaFile, parse_date, read_bdpm, read_ema

SCHEMA_VERSION = "2"
REQUIRED_FILES = ("CIS_bdpm.txt", "CIS_COMPO_bdpm.txt", EMA_FILE)
REGISTRY_OF = {"CIS_bdpm.txt": "BDPM", "CIS_COMPO_bdpm.txt": "BDPM", EMA_FILE: "EMA"}
#: The file whose snapshot date is the register's date in decisions.
PRIMARY_FILE = {"BDPM": "CIS_bdpm.txt", "EMA": EMA_FILE}
PUBLISHERS = {
    "BDPM": "Agence nationale de sécurité du médicament et des produits de santé (ANSM)",
    "EMA": "European Medicines Agency (EMA)",
}
LICENCES = {
    "BDPM": "Licence Ouverte / Open Licence (Etalab)",
    "EMA": "EMA website content, reuse with acknowledgement of the source (EMA legal notice)",
}
SOURCE_PAGES = {
    "BDPM": "https://base-donnees-publique.medicaments.gouv.fr/",
    "EMA": "https://www.ema.europa.eu/en/medicines/download-medicine-data",
}
#: A new snapshot with fewer rows than this share of the previous one is refused.
MIN_ROW_RATIO = 0.5

#: EMA status -> in force? Anything not listed is "not in force".
EMA_IN_FORCE = {"Authorised"}
BDPM_IN_FORCE = {"Autorisation active"}
_EMA_END_COLUMN = {
    "Withdrawn": "Withdrawal / expiry / revocation / lapse of marketing authorisation date",
    "Expired": "Withdrawal / expiry / revocation / lapse of marketing authorisation date",
    "Lapsed": "Withdrawal / expiry / revocation / lapse of marketing authorisation date",
    "Revoked": "Withdrawal / expiry / revocation / lapse of marketing authorisation date",
    "Refused": "Refusal of marketing authorisation date",
    "Application withdrawn": "Withdrawal of application date",
    "Withdrawn from rolling review": "Withdrawal of application date",
    "Suspended": "Suspension of marketing authorisation date",
}
_BRAND_STOP_RE = re.compile(r"[\d,]|\(")


@dataclass
class SourceFile:
    """Raw bytes of one register file and where/when they come from."""

    name: str
    data: bytes
    snapshot_date: date | None
    source_url: str | None
    retrieved_at: str | None = None
    approximate: bool = False
    note: str = ""

    @property
    def registry(self) -> str:
        return REGISTRY_OF[self.name]


@dataclass
class ParsedSnapshot:
    cis: BdpmFile
    compo: BdpmFile
    ema: EmaFile
    files: dict[str, SourceFile]
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    path: Path
    entries: dict[str, int]
    seconds_parse: float
    seconds_build: float
    warnings: list[str]


def parse_snapshot(files: dict[str, SourceFile]) -> ParsedSnapshot:
    """Validate every required file; raise on the first invalid one (naming it)."""
    missing = [n for n in REQUIRED_FILES if n not in files]
    if missing:
        raise RegisterLayoutError(f"missing register file(s): {', '.join(missing)}", where=", ".join(missing))
    cis = read_bdpm(files["CIS_bdpm.txt"].data, "CIS_bdpm.txt")
    compo = read_bdpm(files["CIS_COMPO_bdpm.txt"].data, "CIS_COMPO_bdpm.txt")
    ema = read_ema(files[EMA_FILE].data, EMA_FILE)
    return ParsedSnapshot(cis, compo, ema, files, [*cis.warnings, *compo.warnings, *ema.warnings])


def _clean_html(text: str) -> str:
    return " ".join(html.unescape(text.replace("&nbsp;", " ")).split())


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _split_substances(*values: str) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        for part in value.split(";"):
            part = " ".join(part.split())
            if part and search_key(part) not in seen:
                seen[search_key(part)] = part
    return list(seen.values())


def _atmp_category(config: Config, text: str) -> str | None:
    for cid, category in config.categories.items():
        if category.pattern.search(text):
            return cid
    return None


def _ema_entries(ema: EmaFile, config: Config) -> list[dict[str, Any]]:
    out = []
    for row in ema.rows:
        status = row["Medicine status"]
        substances = _split_substances(
            row["Active substance"], row["International non-proprietary name (INN) / common name"]
        )
        search_text = search_key(" ; ".join([*substances, row["Name of medicine"]]))
        human = row["Category"] == "Human"
        if row["Advanced therapy"] == "Yes":
            atmp: bool | None = True
        elif human and config.atmp_suspect.search(search_text):
            atmp = None  # the flag is incomplete for old applications (README: Heparesc, Cerepro)
        else:
            atmp = False
        end_column = _EMA_END_COLUMN.get(status)
        out.append(
            {
                "registry": "EMA",
                "identifier": row["EMA product number"],
                "product": row["Name of medicine"],
                "substances": substances,
                "holder": row["Marketing authorisation developer / applicant / holder"] or None,
                "status": status,
                "authorised": status in EMA_IN_FORCE,
                "atmp": atmp,
                "atmp_category": _atmp_category(config, search_text) if atmp is not False else None,
                "category": row["Category"],
                "procedure": "Procédure centralisée (UE)",
                "authorisation_date": parse_date(row["Marketing authorisation date"]),
                "end_date": parse_date(row[end_column]) if end_column else None,
                "indication": _clean_html(row["Therapeutic indication"]) or None,
                "therapeutic_area": row["Therapeutic area (MeSH)"] or None,
                "atc": row["ATC code (human)"] or None,
                "eu_number": None,
                "linked_identifier": None,
                "search_text": search_text,
                "raw": row,
            }
        )
    return out


def _brand_keys(name: str) -> list[str]:
    """Folded word prefixes of a BDPM denomination, longest first, up to the dose/form."""
    cut = _BRAND_STOP_RE.search(name)
    words = search_key(name[: cut.start()] if cut else name).split()[:6]
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _bdpm_entries(
    cis: BdpmFile, compo: BdpmFile, ema_entries: list[dict[str, Any]], config: Config
) -> list[dict[str, Any]]:
    cis_cols = [c.name for c in BDPM_SPECS["CIS_bdpm.txt"].columns]
    composition: dict[str, list[list[str]]] = defaultdict(list)
    for row in compo.rows:
        composition[row[0]].append(row)
    # Brand -> EMA human entry, for centralised products (README: link the registers by name).
    ema_by_brand: dict[str, dict[str, Any]] = {}
    for entry in ema_entries:
        if entry["category"] != "Human":
            continue
        brand = search_key(re.sub(r"\(.*?\)", " ", entry["product"]))
        current = ema_by_brand.get(brand)
        # Prefer the authorised entry when a brand appears twice (Roctavian was refiled).
        if current is None or (entry["authorised"] and not current["authorised"]):
            ema_by_brand[brand] = entry
    atmp_substances = {search_key(s) for e in ema_entries if e["atmp"] for s in e["substances"]}
    out = []
    for row in cis.rows:
        cis_code = row[0]
        parts = composition.get(cis_code, [])
        substances = _split_substances(
            *(p[3] for p in parts if p[6] == "SA"), *(p[3] for p in parts if p[6] == "FT")
        )
        search_text = search_key(" ; ".join([*substances, row[1]]))
        linked = None
        if row[9]:  # EU number: centralised product
            linked = next((ema_by_brand[k] for k in _brand_keys(row[1]) if k in ema_by_brand), None)
        if linked is not None and linked["atmp"]:
            atmp: bool | None = True
        elif any(search_key(s) in atmp_substances for s in substances):
            atmp = True
        elif linked is not None:
            atmp = linked["atmp"]
        elif row[9]:
            # Centralised but not found in the EMA file by brand: judge by the substance.
            atmp = None if config.atmp_suspect.search(search_text) else False
        else:
            atmp = False  # ATMPs need a centralised authorisation (Reg. (EC) 1394/2007, art. 8)
        raw = dict(zip(cis_cols, row, strict=True))
        # The composition rows as they are in CIS_COMPO_bdpm.txt (tab-separated, one per line):
        # compact for homeopathic products listing hundreds of components.
        raw["CIS_COMPO_bdpm.txt"] = "\n".join("\t".join(p) for p in parts)
        out.append(
            {
                "registry": "BDPM",
                "identifier": cis_code,
                "product": row[1],
                "substances": substances,
                "holder": row[10] or None,
                "status": row[4],
                "authorised": row[4] in BDPM_IN_FORCE,
                "atmp": atmp,
                "atmp_category": (linked or {}).get("atmp_category")
                or (_atmp_category(config, search_text) if atmp else None),
                "category": "Human",
                "procedure": row[5],
                "authorisation_date": parse_date(row[7]),
                "end_date": None,  # the BDPM gives no withdrawal date
                "indication": None,  # the BDPM CIS file gives no indication
                "therapeutic_area": None,
                "atc": None,
                "eu_number": row[9] or None,
                "linked_identifier": linked["identifier"] if linked else None,
                "search_text": search_text,
                "raw": raw,
            }
        )
    return out


def _family_members(entries: list[dict[str, Any]], config: Config) -> list[tuple[str, int, int]]:
    members: list[tuple[str, int, int]] = []
    by_ema_id = {e["identifier"]: i for i, e in enumerate(entries, 1) if e["registry"] == "EMA"}
    for fid, family in config.families.items():
        matched: dict[int, int] = {}
        for entry_id, entry in enumerate(entries, 1):
            if entry["category"] != "Human":
                continue  # Regulation 1394/2007 covers human medicines only
            if entry["registry"] == "BDPM" and entry["procedure"].startswith("Enreg"):
                continue  # homeopathic / herbal registrations are not candidate therapies
            for rule_index, rule in enumerate(family.rules):
                if rule.atmp_only and entry["atmp"] is False:
                    continue
                if rule.atc and not (entry["atc"] or "").startswith(rule.atc):
                    continue
                if rule.pattern.search(entry["search_text"]):
                    matched.setdefault(entry_id, rule_index)
                    break
        # BDPM entries linked to a matched EMA entry, and EMA entries linked from matched BDPM ones.
        for entry_id, entry in enumerate(entries, 1):
            link = entry["linked_identifier"]
            if link and link in by_ema_id:
                if by_ema_id[link] in matched:
                    matched.setdefault(entry_id, -1)
                elif entry_id in matched:
                    matched.setdefault(by_ema_id[link], -1)
        members += [(fid, entry_id, rule) for entry_id, rule in matched.items()]
    return members


def _create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE files(name TEXT PRIMARY KEY, registry TEXT, sha256 TEXT, bytes INTEGER,
            snapshot_date TEXT, approximate INTEGER, source_url TEXT, retrieved_at TEXT,
            encoding TEXT, rows INTEGER, note TEXT, gz BLOB);
        CREATE TABLE sources(registry TEXT PRIMARY KEY, publisher TEXT, snapshot_date TEXT,
            source_url TEXT, licence TEXT, attribution TEXT);
        CREATE TABLE entries(id INTEGER PRIMARY KEY, registry TEXT, identifier TEXT, product TEXT,
            substances_json TEXT, holder TEXT, status TEXT, authorised INTEGER, atmp INTEGER,
            atmp_category TEXT, category TEXT, procedure TEXT, authorisation_date TEXT,
            end_date TEXT, indication TEXT, therapeutic_area TEXT, atc TEXT, eu_number TEXT,
            linked_identifier TEXT, search_text TEXT, raw_json TEXT);
        CREATE INDEX entries_identifier ON entries(identifier);
        CREATE INDEX entries_linked ON entries(linked_identifier);
        CREATE TABLE postings(token TEXT, entry_id INTEGER, field TEXT,
            PRIMARY KEY(token, entry_id, field)) WITHOUT ROWID;
        CREATE TABLE vocab(token TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID;
        CREATE VIRTUAL TABLE vocab_tri USING fts5(token, tokenize='trigram');
        CREATE TABLE family_members(family TEXT, entry_id INTEGER, rule INTEGER,
            PRIMARY KEY(family, entry_id)) WITHOUT ROWID;
        """
    )


def _attribution(registry: str, snapshot: date | None) -> str:
    when = snapshot.strftime("%d/%m/%Y") if snapshot else "date inconnue"
    if registry == "BDPM":
        return f"Source : ANSM, Base de données publique des médicaments, état au {when}"
    return f"Source: European Medicines Agency, medicines report, generated {when}"


def check_replaceable(path: Path) -> None:
    """``--db`` names the register database: never replace a folder or an unrelated file
    (`registry update --db notes.txt` used to turn the notes into a SQLite database)."""
    if path.is_dir():
        raise RegisterDatabaseError("is a folder, not a register database file", where=str(path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing to protect; creating it reports its own error
    except OSError as exc:
        raise RegisterDatabaseError(
            f"cannot read the database ({exc.strerror or exc})", where=str(path)
        ) from None
    if head and head != b"SQLite format 3\x00":
        raise RegisterDatabaseError(
            "exists and is not a SQLite database: refusing to replace it (delete it first if it is a "
            "damaged register database)",
            where=str(path),
        )


def build_database(
    path: Path,
    snapshot: ParsedSnapshot,
    *,
    origin: str,
    previous_counts: dict[str, int] | None = None,
    config: Config | None = None,
) -> BuildReport:
    """Write the database for ``snapshot`` to ``path`` (temp file + atomic rename)."""
    check_replaceable(path)
    config = config or load_config()
    t0 = time.perf_counter()
    ema_entries = _ema_entries(snapshot.ema, config)
    entries = ema_entries + _bdpm_entries(snapshot.cis, snapshot.compo, ema_entries, config)
    counts = {"BDPM": sum(e["registry"] == "BDPM" for e in entries), "EMA": len(ema_entries)}
    for registry, previous in (previous_counts or {}).items():
        if registry in counts and counts[registry] < MIN_ROW_RATIO * previous:
            name = PRIMARY_FILE[registry]
            raise RegisterLayoutError(
                f"{counts[registry]} entries against {previous} in the current snapshot (truncated file?)",
                where=name,
            )
    members = _family_members(entries, config)
    t1 = time.perf_counter()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise RegisterDatabaseError(
            f"cannot create the database ({exc.strerror or exc})", where=str(path)
        ) from None
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            _create_schema(conn)
            postings: set[tuple[str, int, str]] = set()
            rows = []
            for entry_id, e in enumerate(entries, 1):
                rows.append(
                    (
                        entry_id, e["registry"], e["identifier"], e["product"],
                        json.dumps(e["substances"], ensure_ascii=False), e["holder"], e["status"],
                        int(e["authorised"]), None if e["atmp"] is None else int(e["atmp"]),
                        e["atmp_category"], e["category"], e["procedure"], _iso(e["authorisation_date"]),
                        _iso(e["end_date"]), e["indication"], e["therapeutic_area"], e["atc"],
                        e["eu_number"], e["linked_identifier"], e["search_text"],
                        # Values only: the column names are stored once per registry in meta.
                        json.dumps(list(e["raw"].values()), ensure_ascii=False),
                    )
                )  # fmt: skip
                for token in search_key(e["product"]).split():
                    postings.add((token, entry_id, "name"))
                for substance in e["substances"]:
                    for token in search_key(substance).split():
                        postings.add((token, entry_id, "substance"))
            conn.executemany(f"INSERT INTO entries VALUES ({','.join('?' * 21)})", rows)
            conn.executemany("INSERT INTO postings VALUES (?,?,?)", sorted(postings))
            df: dict[str, set[int]] = defaultdict(set)
            for token, entry_id, _ in postings:
                df[token].add(entry_id)
            conn.executemany("INSERT INTO vocab VALUES (?,?)", ((t, len(ids)) for t, ids in df.items()))
            conn.executemany("INSERT INTO vocab_tri(token) VALUES (?)", ((t,) for t in df if len(t) >= 3))
            conn.executemany("INSERT INTO family_members VALUES (?,?,?)", members)
            encodings = {
                snapshot.cis.name: snapshot.cis.encoding,
                snapshot.compo.name: snapshot.compo.encoding,
            }
            row_counts = {snapshot.cis.name: len(snapshot.cis.rows), snapshot.compo.name: len(snapshot.compo.rows),
                          EMA_FILE: len(snapshot.ema.rows)}  # fmt: skip
            import hashlib

            for name, source in snapshot.files.items():
                conn.execute(
                    "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        name, source.registry, hashlib.sha256(source.data).hexdigest(), len(source.data),
                        _iso(source.snapshot_date), int(source.approximate), source.source_url,
                        source.retrieved_at, encodings.get(name, "xlsx" if name == EMA_FILE else None),
                        row_counts.get(name), source.note, gzip.compress(source.data, compresslevel=6, mtime=0),
                    ),
                )  # fmt: skip
            for registry, primary in PRIMARY_FILE.items():
                source = snapshot.files[primary]
                conn.execute(
                    "INSERT INTO sources VALUES (?,?,?,?,?,?)",
                    (
                        registry, PUBLISHERS[registry], _iso(source.snapshot_date), source.source_url,
                        LICENCES[registry], _attribution(registry, source.snapshot_date),
                    ),
                )  # fmt: skip
            meta = {
                "schema_version": SCHEMA_VERSION,
                "config_digest": config.digest,
                "built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "origin": origin,
                "counts": json.dumps(counts),
                "warnings": json.dumps(snapshot.warnings, ensure_ascii=False),
                **{
                    f"raw_columns:{registry}": json.dumps(
                        list(next(e["raw"] for e in entries if e["registry"] == registry)), ensure_ascii=False
                    )
                    for registry in ("BDPM", "EMA")
                },
            }
            conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise RegisterDatabaseError(f"cannot write the register database ({exc})", where=str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    t2 = time.perf_counter()
    return BuildReport(path, counts, t1 - t0, t2 - t1, snapshot.warnings)


def read_only_uri(path: Path) -> str:
    """SQLite URI opening ``path`` read-only (``as_uri`` escapes ``?``, ``#`` and spaces)."""
    return path.resolve().as_uri() + "?mode=ro"


def stored_files(conn: sqlite3.Connection) -> dict[str, SourceFile]:
    """The source files kept inside a database, to rebuild its index after an upgrade."""
    out = {}
    for name, data, snap, approx, url, retrieved, note in conn.execute(
        "SELECT name, gz, snapshot_date, approximate, source_url, retrieved_at, note FROM files"
    ):
        out[name] = SourceFile(
            name,
            gzip.decompress(data),
            date.fromisoformat(snap) if snap else None,
            url,
            retrieved,
            bool(approx),
            note or "",
        )
    return out
