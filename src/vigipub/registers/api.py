"""The :class:`Registers` facade: open (building if needed), look up, check a therapy."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from vigipub.evidence.french import search_key
from vigipub.evidence.registers import AuthorisationAnswer, RegisterMatch, RegisterSource

from .config import Config, load_config
from .errors import EmptyQueryError, QueryTooLongError, RegisterDatabaseError
from .fuzzy import edit_distance
from .store import read_only_uri

log = logging.getLogger(__name__)

#: Longest query accepted: product names and INNs are short; a page of text is not a query.
MAX_QUERY_CHARS = 200
#: A token present in more than this share of entries is too common to identify a product
#: alone (``chlorhydrate``, ``sodium``…); it only refines a query that has a rarer token.
COMMON_TOKEN_SHARE = 0.02
_WEIGHT_EXACT, _WEIGHT_PREFIX, _WEIGHT_EDIT1, _WEIGHT_EDIT2 = 1.0, 0.9, 0.85, 0.75
#: A CIS code, an EMA product number or an EU authorisation number.
_IDENTIFIER_RE = re.compile(r"\d{8}|EMEA/[HV]/C/\S+|EU/\d/\d{2}/\d+(/\d+)?", re.IGNORECASE)


def default_db_path() -> Path:
    """``$VIGIPUB_DATA_DIR/registers.sqlite``, else ``$XDG_DATA_HOME`` or ``~/.local/share``."""
    if os.environ.get("VIGIPUB_DATA_DIR"):
        return Path(os.environ["VIGIPUB_DATA_DIR"]) / "registers.sqlite"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "vigipub" / "registers.sqlite"


_build_lock = threading.Lock()


def ensure_database(db_path: Path, config: Config | None = None) -> None:
    """Build ``db_path`` from the shipped snapshot when missing, or re-index it when the
    schema or the families/ICD data changed (from the files stored inside it)."""
    from . import snapshot, store

    config = config or load_config()
    with _build_lock:
        state = _db_state(db_path)
        if state == "ok":
            return
        if state == "missing":
            log.info("building the register database %s from the shipped snapshot", db_path)
            store.build_database(
                db_path, store.parse_snapshot(snapshot.shipped_files()), origin="shipped", config=config
            )
            return
        # Stale index: rebuild from the files kept in the database (keeps a user's update).
        conn = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            files = store.stored_files(conn)
            origin = dict(conn.execute("SELECT key, value FROM meta")).get("origin", "unknown")
        finally:
            conn.close()
        store.build_database(db_path, store.parse_snapshot(files), origin=origin, config=config)


def _db_state(db_path: Path) -> str:
    if not db_path.exists():
        return "missing"
    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise RegisterDatabaseError(
            f"not a vigipub register database ({exc}); delete it or run `vigipub registry update --db {db_path}`",
            where=str(db_path),
        ) from None
    from .store import SCHEMA_VERSION

    if meta.get("schema_version") != SCHEMA_VERSION or meta.get("config_digest") != load_config().digest:
        return "stale"
    return "ok"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Registers:
    """Read-only access to one register database. Use :meth:`open`; a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, config: Config) -> None:
        self._conn = conn
        self.path = path
        self.config = config
        self._n_entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        self._sources: list[RegisterSource] | None = None
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self._raw_columns = {r: json.loads(meta[f"raw_columns:{r}"]) for r in ("BDPM", "EMA")}

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, db_path: Path | str | None = None, *, build: bool = True) -> Registers:
        """Open the database at ``db_path`` (default :func:`default_db_path`), building it
        from the shipped snapshot on first use."""
        path = Path(db_path) if db_path else default_db_path()
        config = load_config()
        if build:
            ensure_database(path, config)
        elif not path.exists():
            raise RegisterDatabaseError("register database not found", where=str(path))
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            return cls(conn, path, config)
        except sqlite3.Error as exc:
            raise RegisterDatabaseError(f"cannot open ({exc})", where=str(path)) from None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Registers:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ metadata
    def sources(self) -> list[RegisterSource]:
        """The registers in this database, with snapshot dates, URLs and file digests."""
        if self._sources is None:
            files: dict[str, dict[str, Any]] = {}
            for row in self._conn.execute("SELECT * FROM files ORDER BY name"):
                files.setdefault(row["registry"], {})[row["name"]] = dict(row)
            out = []
            for row in self._conn.execute("SELECT * FROM sources ORDER BY registry"):
                reg_files = files.get(row["registry"], {})
                out.append(
                    RegisterSource(
                        registry=row["registry"],
                        publisher=row["publisher"],
                        snapshot_date=_date(row["snapshot_date"]),
                        source_url=row["source_url"],
                        files_sha256={n: f["sha256"] for n, f in reg_files.items()},
                        files_snapshot_dates={n: _date(f["snapshot_date"]) for n, f in reg_files.items()},
                        licence=row["licence"],
                        attribution=row["attribution"],
                    )
                )
            self._sources = out
        return list(self._sources)

    def status(self) -> dict[str, Any]:
        """Everything ``vigipub registry status`` prints."""
        meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        files = [
            {k: row[k] for k in row.keys() if k != "gz"}  # noqa: SIM118 (sqlite3.Row iterates values)
            for row in self._conn.execute("SELECT * FROM files ORDER BY registry, name")
        ]
        counts = json.loads(meta.get("counts", "{}"))
        return {
            "database": str(self.path),
            "origin": meta.get("origin"),
            "built_at": meta.get("built_at"),
            "entries": counts,
            "warnings": json.loads(meta.get("warnings", "[]")),
            "files": files,
            "sources": [s.model_dump(mode="json") for s in self.sources()],
        }

    # ------------------------------------------------------------------ lookup
    def _match(self, row: sqlite3.Row, match_field: str, score: float) -> RegisterMatch:
        raw = dict(zip(self._raw_columns[row["registry"]], json.loads(row["raw_json"]), strict=True))
        return RegisterMatch(
            registry=row["registry"],
            identifier=row["identifier"],
            product=row["product"],
            substances=json.loads(row["substances_json"]),
            holder=row["holder"],
            status=row["status"],
            authorised=bool(row["authorised"]),
            atmp=None if row["atmp"] is None else bool(row["atmp"]),
            procedure=row["procedure"],
            authorisation_date=_date(row["authorisation_date"]),
            end_date=_date(row["end_date"]),
            indication=row["indication"],
            match_field=match_field,
            score=round(score, 3),
            raw={k: str(v) for k, v in raw.items()},
            category=row["category"],
            atmp_category=row["atmp_category"],
            therapeutic_area=row["therapeutic_area"],
            eu_number=row["eu_number"],
            linked_identifier=row["linked_identifier"],
        )

    def _rows(self, ids: Iterable[int]) -> dict[int, sqlite3.Row]:
        ids = list(ids)
        out: dict[int, sqlite3.Row] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT * FROM entries WHERE id IN ({marks})", chunk):
                out[row["id"]] = row
        return out

    def lookup_identifier(self, identifier: str) -> list[RegisterMatch]:
        """Entries with this CIS code / EMA product number / EU number (exact)."""
        ident = identifier.strip().upper()
        rows = self._conn.execute(
            "SELECT * FROM entries WHERE identifier = ? OR eu_number = ? OR linked_identifier = ? "
            "ORDER BY registry DESC, identifier",
            (ident, ident, ident),
        ).fetchall()
        return [self._match(r, "identifier", 1.0) for r in rows]

    def family_entry_ids(self, family: str) -> list[int]:
        return [
            r[0]
            for r in self._conn.execute("SELECT entry_id FROM family_members WHERE family = ?", (family,))
        ]

    @staticmethod
    def _validate_query(query: str) -> str:
        if not isinstance(query, str) or not query.strip():
            raise EmptyQueryError("empty query", where="lookup")
        if len(query) > MAX_QUERY_CHARS:
            raise QueryTooLongError(
                f"query of {len(query)} characters; the limit is {MAX_QUERY_CHARS}", where="lookup"
            )
        folded = search_key(query)
        if not folded:
            raise EmptyQueryError(f"query {query!r} holds no letter or digit", where="lookup")
        return folded

    def _expand(self, token: str) -> dict[str, float]:
        """Index tokens that ``token`` may stand for, with a weight (exact > prefix > typo)."""
        generic = self.config.generic_words
        found: dict[str, float] = {}
        if self._conn.execute("SELECT 1 FROM vocab WHERE token = ?", (token,)).fetchone():
            found[token] = _WEIGHT_EXACT
        if len(token) >= 4:
            for (other,) in self._conn.execute(
                "SELECT token FROM vocab WHERE token > ? AND token < ? LIMIT 200", (token, token + "\uffff")
            ):
                if other not in generic:
                    found.setdefault(other, _WEIGHT_PREFIX)
        if len(token) >= 5 and token not in found:
            limit = 1 if len(token) <= 7 else 2
            grams = {token[i : i + 3] for i in range(len(token) - 2)}
            expr = " OR ".join(f'"{g}"' for g in sorted(grams))
            for (other,) in self._conn.execute(
                "SELECT token FROM vocab_tri WHERE vocab_tri MATCH ? ORDER BY rank LIMIT 300", (expr,)
            ):
                if other in found or other in generic:
                    continue
                distance = edit_distance(token, other, limit)
                if distance <= limit:
                    found[other] = _WEIGHT_EDIT1 if distance == 1 else _WEIGHT_EDIT2
        return found

    def _token_search(self, tokens: list[str]) -> dict[int, tuple[float, str]]:
        expansions = {t: self._expand(t) for t in dict.fromkeys(tokens)}
        common = int(COMMON_TOKEN_SHARE * self._n_entries)
        dfs = {
            t: max((self._conn.execute("SELECT df FROM vocab WHERE token = ?", (o,)).fetchone() or [0])[0] for o in exp)
            if exp else 0
            for t, exp in expansions.items()
        }  # fmt: skip
        required = [t for t in expansions if dfs[t] <= common] or list(expansions)
        per_token: dict[str, dict[int, tuple[float, str]]] = {}
        for t, exp in expansions.items():
            hits: dict[int, tuple[float, str]] = {}
            if exp:
                marks = ",".join("?" * len(exp))
                for other, entry_id, fld in self._conn.execute(
                    f"SELECT token, entry_id, field FROM postings WHERE token IN ({marks})", list(exp)
                ):
                    weight = exp[other]
                    if weight > hits.get(entry_id, (0.0, ""))[0]:
                        hits[entry_id] = (weight, fld)
            per_token[t] = hits
        candidates = set.intersection(*(set(per_token[t]) for t in required)) if required else set()
        results: dict[int, tuple[float, str]] = {}
        for entry_id in candidates:
            weights = [per_token[t][entry_id][0] for t in required]
            optional = [
                per_token[t][entry_id][0]
                for t in expansions
                if t not in required and entry_id in per_token[t]
            ]
            score = sum(weights) / len(weights) + 0.02 * len(optional)
            fields = {per_token[t][entry_id][1] for t in required}
            results[entry_id] = (min(score, 1.0), "name" if "name" in fields else "substance")
        return results

    def _phrase_hits(self, folded: str) -> tuple[dict[int, tuple[float, str]], set[str]]:
        """Families and ATMP categories named by the query (``cellules dendritiques``, ``CAR-T``),
        and the query words those names cover (they are not searched again as words).

        The longest name wins: « cellules souches mésenchymateuses » names the mesenchymal
        family, not also the « cellules souches » family it contains.
        """
        padded = f" {folded} "
        named: list[tuple[str, str, str]] = []  # (kind, id, term)
        for fid, family in self.config.families.items():
            named += [("family", fid, t) for t in family.terms if f" {t} " in padded]
        for cid, category in self.config.categories.items():
            named += [("atmp_category", cid, t) for t in category.terms if f" {t} " in padded]
        named += [("atmp", "", t) for t in self.config.atmp_terms if f" {t} " in padded]
        named = [
            n for n in named if not any(len(o[2]) > len(n[2]) and f" {n[2]} " in f" {o[2]} " for o in named)
        ]
        hits: dict[int, tuple[float, str]] = {}
        covered: set[str] = set()
        for kind, ident, term in named:
            covered.update(term.split())
            score = 1.0 if term == folded else 0.95
            if kind == "family":
                ids = self.family_entry_ids(ident)
            elif kind == "atmp_category":
                ids = [r[0] for r in self._conn.execute(
                    "SELECT id FROM entries WHERE atmp_category = ? AND atmp IS NOT 0 AND category = 'Human'", (ident,)
                )]  # fmt: skip
            else:
                ids = [r[0] for r in self._conn.execute("SELECT id FROM entries WHERE atmp = 1")]
            label = f"{kind}:{ident}" if ident else kind
            for entry_id in ids:
                if score > hits.get(entry_id, (0.0, ""))[0]:
                    hits[entry_id] = (score, label)
        return hits, covered

    def lookup(self, query: str, limit: int = 20) -> list[RegisterMatch]:
        """Entries matching a brand, substance (INN/DCI), family or ATMP category.

        Generic words (``cellules``, ``plasma``, ``vaccin``, ``stem cells``…) never match
        by themselves, and indication text is never searched: a hit always rests on a
        product name, a substance, or a family rule over substances (families.yaml).
        """
        folded = self._validate_query(query)
        if _IDENTIFIER_RE.fullmatch(query.strip()):
            return self.lookup_identifier(query)[: max(0, limit)]
        hits, covered = self._phrase_hits(folded)
        words = [t for t in folded.split() if not t.isdigit() and len(t) >= 2 and t not in covered]
        meaningful = [t for t in words if t not in self.config.generic_words]
        if meaningful:
            for entry_id, (score, fld) in self._token_search(meaningful).items():
                if score > hits.get(entry_id, (0.0, ""))[0]:
                    hits[entry_id] = (score, fld)
        if not hits:
            return []
        rows = self._rows(hits)

        def order(entry_id: int) -> tuple[float, int, int, str]:
            row = rows[entry_id]
            score = hits[entry_id][0]
            # Brand starts with the query: ranks the product itself before its namesakes.
            if search_key(row["product"]).startswith(folded):
                score += 0.05
            return (-score, -int(row["authorised"]), 0 if row["registry"] == "EMA" else 1, row["product"])

        ranked = sorted(hits, key=order)[: max(0, limit)]
        return [self._match(rows[i], hits[i][1], min(1.0, hits[i][0])) for i in ranked]

    def products_named_in(self, text: str, family: str) -> set[str]:
        """The family's registered products that ``text`` (a site's sentences) names: a clinic
        that writes « Kymriah (tisagenlecleucel) » beside « CAR-T » promotes that product, and
        :meth:`check_therapy` can then say whether it is authorised for the disease, not only
        that some CAR-T is. Brands, and substances of one or two words none of which is a
        generic word (families.yaml: « autologous cultured chondrocytes » describes cells a
        clinic may have of its own), of five letters or more, as whole words, case ignored;
        each as the text writes it (the registers write « KYMRIAH »)."""
        if not text:
            return set()
        found: set[str] = set()
        for match in self.family_matches(family):
            brand = re.match(r"[^\W\d_][\w-]*", match.product)
            names = {brand.group(0) if brand else "", *(n for n in match.substances if self._names_a_substance(n))}
            for name in names:
                said = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) if len(name) >= 5 else None
                if said is not None:
                    found.add(said.group(0))
        return found

    def _names_a_substance(self, name: str) -> bool:
        """An international non-proprietary name (« tisagenlecleucel », « axicabtagene
        ciloleucel »), not a description of cells."""
        words = search_key(name).split()
        return 1 <= len(words) <= 2 and not any(w in self.config.generic_words for w in words)

    def family_matches(self, family: str) -> list[RegisterMatch]:
        """Register entries that could correspond to a therapy family (families.yaml)."""
        from .check import require_family

        require_family(family)
        ids = self.family_entry_ids(family)
        rows = self._rows(ids)
        return [
            self._match(rows[i], f"family:{family}", 1.0)
            for i in sorted(ids, key=lambda i: rows[i]["product"])
        ]

    # ------------------------------------------------------------------ qualification
    def check_therapy(
        self,
        family: str,
        *,
        product_names: list[str] | None = None,
        diseases_icd10: list[str] | None = None,
        as_of: date | None = None,
    ) -> AuthorisationAnswer:
        """Does a marketing authorisation cover this therapy? See :mod:`.check`."""
        from .check import check_therapy

        return check_therapy(
            self,
            family,
            product_names=list(product_names or []),
            diseases_icd10=list(diseases_icd10 or []),
            as_of=as_of,
        )
