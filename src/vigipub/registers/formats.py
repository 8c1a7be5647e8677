"""Readers and validators for the official register files (BDPM text files, EMA xlsx).

Every reader takes the file's raw bytes and either returns parsed rows or raises a
:class:`RegisterFileError` naming the file, and the line and column concerned. The rules
follow /work/shared/data/registries/README.md:

- BDPM: tab-separated, no header, no quoting (a literal ``"`` may occur); strict UTF-8 first,
  then cp1252 (never ISO-8859-1); ``\\r`` stripped and one empty trailing field ignored;
  leading spaces stripped after splitting; isolated date typos (``29/11/2924``) tolerated.
- EMA: header in row 9 with named columns (``Generic`` or ``Generic or hybrid``), dates as
  ``dd/mm/yyyy`` text, data from row 10; only the named header cells are read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import RegisterEncodingError, RegisterFileError, RegisterLayoutError

_DATE_RE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
#: C1 control characters never occur in real register text; they betray bytes decoded with
#: the wrong code page (cp1252 read as ISO-8859-1) and then re-encoded.
_C1_RE = re.compile("[\x80-\x9f]")
_HTML_RE = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.IGNORECASE)
#: UTF-8 read as cp1252/latin-1 and re-encoded ("é" → "Ã©"): a double-encoding signature.
_MOJIBAKE_RE = re.compile(
    "[ÃÂ][\u00a0-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
)


def parse_date(text: str | None) -> date | None:
    """``dd/mm/yyyy`` → date; ``None`` for empty or impossible values (typos are kept raw)."""
    if not text:
        return None
    m = _DATE_RE.match(text.strip())
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    # Years outside this window are typos in the source (README: 29/11/2924).
    if not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------- BDPM


@dataclass(frozen=True)
class Column:
    """One BDPM column: its name, and a check of its values (None = anything)."""

    name: str
    check: Callable[[str], bool] | None = None
    #: ``strict`` columns reject the file on the first bad value (they carry the join key
    #: or reveal a re-ordered layout); others tolerate a few isolated typos.
    strict: bool = False


def _regex(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def _is_date(value: str) -> bool:
    return parse_date(value) is not None


@dataclass(frozen=True)
class BdpmSpec:
    """Layout of one BDPM file."""

    name: str
    columns: tuple[Column, ...]
    min_rows: int
    description: str = ""

    @property
    def width(self) -> int:
        return len(self.columns)


BDPM_SPECS: dict[str, BdpmSpec] = {
    "CIS_bdpm.txt": BdpmSpec(
        "CIS_bdpm.txt",
        (
            Column("Code CIS", _regex(r"\d{8}"), strict=True),
            Column("Dénomination du médicament", _regex(r".*\S.*"), strict=True),
            Column("Forme pharmaceutique"),
            Column("Voies d'administration"),
            Column("Statut administratif de l'AMM", _regex(r"Autorisation .+"), strict=True),
            Column("Type de procédure d'AMM", _regex(r"(Proc[ée]dure|Enreg|Autorisation) .+"), strict=True),
            Column("État de commercialisation", _regex(r"(Non c|C)ommercialis[ée]e"), strict=True),
            Column("Date d'AMM", _is_date),
            Column("Statut BdM"),
            Column("Numéro d'autorisation européenne", _regex(r"(EU/\d/\d{2}/\d+.*)?"), strict=True),
            Column("Titulaire(s)"),
            Column("Surveillance renforcée (triangle noir)", _regex(r"Oui|Non"), strict=True),
        ),
        min_rows=5000,
        description="medicines (one row per CIS code)",
    ),
    "CIS_COMPO_bdpm.txt": BdpmSpec(
        "CIS_COMPO_bdpm.txt",
        (
            Column("Code CIS", _regex(r"\d{8}"), strict=True),
            Column("Désignation de l'élément pharmaceutique"),
            Column("Code de la substance", _regex(r"\d{1,6}"), strict=True),
            Column("Dénomination de la substance", _regex(r".*\S.*"), strict=True),
            Column("Dosage de la substance"),
            Column("Référence de ce dosage"),
            Column("Nature du composant", _regex(r"SA|FT"), strict=True),
            Column("Numéro de liaison SA/FT", _regex(r"\d+"), strict=True),
        ),
        min_rows=5000,
        description="composition (active substances)",
    ),
}

#: Up to this share of rows may hold an unparsable value in a tolerant column.
TYPO_TOLERANCE = 0.01


@dataclass
class BdpmFile:
    """A decoded, validated BDPM file."""

    name: str
    encoding: str
    rows: list[list[str]]
    warnings: list[str] = field(default_factory=list)


def decode_register_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a BDPM file: strict UTF-8, else cp1252; reject UTF-16/32 and re-encoded text."""
    if not data:
        raise RegisterLayoutError("file is empty", where=name)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        raise RegisterEncodingError(
            "file starts with a UTF-16/UTF-32 byte-order mark; expected UTF-8 or Windows-1252", where=name
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise RegisterEncodingError(
            f"NUL byte at line {line} (byte {nul}): looks like UTF-16 or a binary file; expected UTF-8 or Windows-1252",
            where=name,
        )
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise RegisterEncodingError(
                f"line {line}, byte column {column}: byte 0x{data[exc.start]:02X} is valid neither in "
                "UTF-8 nor in Windows-1252 (corrupted or wrongly converted file)",
                where=name,
            ) from None
    for regex, what in ((_C1_RE, "a C1 control character"), (_MOJIBAKE_RE, "double-encoded text")):
        m = regex.search(text)
        if m:
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise RegisterEncodingError(
                f"line {line}, column {column}: {what} ({m.group()!r}) shows the file was converted "
                "with the wrong code page (e.g. Windows-1252 read as ISO-8859-1)",
                where=name,
            )
    return text, encoding


def read_bdpm(data: bytes, name: str) -> BdpmFile:
    """Decode and validate one BDPM file whose layout is in :data:`BDPM_SPECS`."""
    spec = BDPM_SPECS.get(name)
    if spec is None:
        raise RegisterFileError(f"unknown BDPM file (known: {', '.join(BDPM_SPECS)})", where=name)
    text, encoding = decode_register_text(data, name)
    if _HTML_RE.match(text):
        # a maintenance or error page served with status 200 instead of the file: say so, rather
        # than "truncated download" or "1 columns, expected 12"
        raise RegisterLayoutError(
            "file is an HTML page, not a tab-separated BDPM file (error or maintenance page?)", where=name
        )
    if not text.endswith("\n"):
        last = text.count("\n") + 1
        raise RegisterLayoutError(
            f"line {last}: file does not end with a newline (truncated download?)", where=name
        )
    rows: list[list[str]] = []
    tolerant_failures: dict[int, list[int]] = {}
    lines = text.split("\n")
    lines.pop()  # the empty string after the final newline
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line:
            raise RegisterLayoutError(f"line {lineno}: empty line", where=name)
        fields = line.split("\t")
        if len(fields) == spec.width + 1 and fields[-1] == "":
            fields.pop()  # one empty trailing field (older copies end lines with a tab)
        if len(fields) != spec.width:
            raise RegisterLayoutError(
                f"line {lineno}: {len(fields)} columns, expected {spec.width}", where=name
            )
        fields = [f.strip() for f in fields]
        for index, column in enumerate(spec.columns):
            if column.check is None or column.check(fields[index]):
                continue
            if column.strict:
                raise RegisterLayoutError(
                    f"line {lineno}, column {index + 1} ({column.name}): unexpected value {fields[index][:60]!r} "
                    "(re-ordered or corrupted columns?)",
                    where=name,
                )
            if fields[index]:
                tolerant_failures.setdefault(index, []).append(lineno)
        rows.append(fields)
    if len(rows) < spec.min_rows:
        raise RegisterLayoutError(
            f"only {len(rows)} rows, expected at least {spec.min_rows} (truncated file?)", where=name
        )
    warnings: list[str] = []
    for index, failing in tolerant_failures.items():
        column = spec.columns[index]
        if len(failing) > max(5, TYPO_TOLERANCE * len(rows)):
            raise RegisterLayoutError(
                f"line {failing[0]}, column {index + 1} ({column.name}): {len(failing)} unparsable values "
                "(re-ordered or corrupted columns?)",
                where=name,
            )
        warnings.append(
            f"{name}: column {index + 1} ({column.name}): {len(failing)} unparsable value(s) kept raw, "
            f"lines {', '.join(map(str, failing[:5]))}"
        )
    return BdpmFile(name=name, encoding=encoding, rows=rows, warnings=warnings)


# ----------------------------------------------------------------------------------- EMA

EMA_FILE = "medicines-output-medicines-report_en.xlsx"
EMA_HEADER_ROW = 9
#: Columns the loader needs, by header text (newlines inside header cells become spaces).
EMA_REQUIRED = (
    "Category",
    "Name of medicine",
    "EMA product number",
    "Medicine status",
    "Opinion status",
    "International non-proprietary name (INN) / common name",
    "Active substance",
    "Therapeutic area (MeSH)",
    "ATC code (human)",
    "Therapeutic indication",
    "Additional monitoring",
    "Advanced therapy",
    "Biosimilar",
    "Conditional approval",
    "Orphan medicine",
    "Marketing authorisation developer / applicant / holder",
    "European Commission decision date",
    "Withdrawal of application date",
    "Marketing authorisation date",
    "Refusal of marketing authorisation date",
    "Withdrawal / expiry / revocation / lapse of marketing authorisation date",
    "Suspension of marketing authorisation date",
    "Last updated date",
    "Medicine URL",
)
#: Header variants seen across vintages: canonical name -> accepted spellings.
EMA_VARIANTS = {"Generic": ("Generic", "Generic or hybrid")}
EMA_DATE_COLUMNS = tuple(c for c in EMA_REQUIRED if c.endswith(" date"))
_EMA_TIMESTAMP_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})\s*-\s*(\d{2}):(\d{2})")
_PRODUCT_NUMBER_RE = re.compile(r"EMEA/\S+")  # the file has typos such as EMEA/H/C005201
EMA_MIN_ROWS = 1000


@dataclass
class EmaFile:
    """A validated EMA medicines report."""

    name: str
    generated: datetime | None
    header: list[str]
    rows: list[dict[str, str]]
    warnings: list[str] = field(default_factory=list)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_ema(data: bytes, name: str = EMA_FILE) -> EmaFile:
    """Open and validate EMA's medicines report (xlsx bytes)."""
    import openpyxl  # type: ignore[import-untyped]  # only updates and first builds need it
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    if not data.startswith(b"PK"):
        raise RegisterLayoutError(
            "not an xlsx workbook (no ZIP signature; HTML error page or truncated download?)", where=name
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, EOFError) as exc:
        raise RegisterLayoutError(
            f"not a readable xlsx workbook ({type(exc).__name__}: {exc})", where=name
        ) from None
    try:
        if not workbook.sheetnames:
            raise RegisterLayoutError("workbook has no sheet", where=name)
        sheet = workbook[workbook.sheetnames[0]]
        try:
            raw_rows = list(sheet.iter_rows(min_row=1, max_col=60, values_only=True))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
            raise RegisterLayoutError(
                f"sheet {sheet.title!r} unreadable ({type(exc).__name__}: {exc})", where=name
            ) from None
    finally:
        workbook.close()
    if len(raw_rows) < EMA_HEADER_ROW:
        raise RegisterLayoutError(
            f"only {len(raw_rows)} rows; header expected in row {EMA_HEADER_ROW}", where=name
        )
    header = [" ".join(_cell_text(v).split()) for v in raw_rows[EMA_HEADER_ROW - 1]]
    while header and not header[-1]:
        header.pop()
    positions = {h: i for i, h in enumerate(header) if h}
    for canonical, variants in EMA_VARIANTS.items():
        for variant in variants:
            if variant in positions:
                positions.setdefault(canonical, positions[variant])
                break
    missing = [c for c in (*EMA_REQUIRED, *EMA_VARIANTS) if c not in positions]
    if missing:
        found = ", ".join(repr(h) for h in header[:6]) or "nothing"
        raise RegisterLayoutError(
            f"row {EMA_HEADER_ROW} (header): missing column(s) {', '.join(repr(m) for m in missing)}; found {found}…",
            where=name,
        )
    generated = None
    for cell in raw_rows[0][:6]:
        m = _EMA_TIMESTAMP_RE.search(_cell_text(cell))
        if m:
            d, mo, y, hh, mm = (int(g) for g in m.groups())
            try:
                generated = datetime(y, mo, d, hh, mm)
            except ValueError:
                generated = None
            break
    rows: list[dict[str, str]] = []
    date_failures: dict[str, list[int]] = {}
    number_col = positions["EMA product number"]
    for excel_row, values in enumerate(raw_rows[EMA_HEADER_ROW:], EMA_HEADER_ROW + 1):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        record = {h: cells[i] for h, i in positions.items()}
        if record["Category"] not in ("Human", "Veterinary"):
            raise RegisterLayoutError(
                f"row {excel_row}, column {_col_letter(positions['Category'])} (Category): unexpected value "
                f"{record['Category'][:40]!r} (re-ordered columns?)",
                where=name,
            )
        if not _PRODUCT_NUMBER_RE.fullmatch(cells[number_col]):
            raise RegisterLayoutError(
                f"row {excel_row}, column {_col_letter(number_col)} (EMA product number): unexpected value "
                f"{cells[number_col][:40]!r}",
                where=name,
            )
        for column in EMA_DATE_COLUMNS:
            value = record[column]
            if value and parse_date(value) is None:
                date_failures.setdefault(column, []).append(excel_row)
        rows.append(record)
    if len(rows) < EMA_MIN_ROWS:
        raise RegisterLayoutError(
            f"only {len(rows)} medicines, expected at least {EMA_MIN_ROWS} (truncated file?)", where=name
        )
    warnings: list[str] = []
    for column, failing in date_failures.items():
        if len(failing) > max(5, TYPO_TOLERANCE * len(rows)):
            raise RegisterLayoutError(
                f"row {failing[0]}, column {_col_letter(positions[column])} ({column}): {len(failing)} values "
                "are not dd/mm/yyyy dates",
                where=name,
            )
        warnings.append(
            f"{name}: column {column!r}: {len(failing)} unparsable date(s) kept raw, rows {failing[:5]}"
        )
    return EmaFile(name=name, generated=generated, header=header, rows=rows, warnings=warnings)
