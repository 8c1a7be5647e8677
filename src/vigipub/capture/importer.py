"""An evidence folder from a WARC recorded outside vigipub, in an inspector's own browser.

Some sites cannot be captured by an automated client: a firewall answers it with an anti-bot
challenge (:mod:`.challenge`). An inspector can still record the site in an ordinary browser
with a standard web-archiving tool (ArchiveWeb.page, Webrecorder, ``wget --warc-file``) and
give vigipub the WARC it wrote. This module turns that WARC into an evidence folder like a
capture's, so that the rest of the chain (analysis, registers, qualification, drafts,
verification) runs on it unchanged:

- the recorded file is kept as it was given (``source/``, with its SHA-256 in the manifest): a
  court can compare it with the inspector's copy;
- each HTML or PDF response of the site is written again, decoded (as a capture stores
  bodies), into ``capture.warc.gz`` with the recorder's date and headers and a link to the
  original record (``Vigipub-Imported-From``); the manifest lists it as a page;
- the folder is then chained, time-stamped and signed like a capture (:func:`.sealing.seal_evidence`).

What vigipub did not see is said in the manifest's notes: the records are the recorder's,
sealed by vigipub when imported, not fetched by it.
"""

from __future__ import annotations

import gzip
import shutil
import zlib
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from vigipub import __version__
from vigipub.evidence import (
    Artefact,
    CapturedPage,
    CaptureManifest,
    Producer,
    RecordRef,
    sha256_file,
    utc_now,
    write_json,
)
from vigipub.evidence.errors import InputError
from vigipub.evidence.signing import SigningKey, load_signing_key
from vigipub.evidence.sites import site_of

from .challenge import anti_bot_challenge, challenge_note
from .errors import EmptySiteError, OutputNotEmptyError
from .manifest import MANIFEST_NAME, WARC_NAME
from .options import CaptureOptions
from .sealing import seal_evidence
from .warc import WarcWriter

#: where the recorded WARC is kept, as given
SOURCE_DIR = "source"
#: header of each rewritten record: the record id in the recorded WARC
IMPORTED_FROM_HEADER = "Vigipub-Imported-From"
#: the media types kept as pages (the analysis reads HTML and PDF)
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/pdf")
#: headers that describe the transfer, not the body stored decoded
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _when(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return utc_now()


def _block(status_line: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
    originals = [(f"X-Vigipub-Original-{k}", v) for k, v in headers if k.lower() in _TRANSFER_HEADERS]
    lines = [status_line, *(f"{k}: {' '.join(v.split())}" for k, v in kept + originals)]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body


def check_warc(source: Path) -> None:
    """A WARC file starts with a « WARC/1.x » record (in its first gzip member if compressed)."""
    try:
        with open(source, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            start = gzip.GzipFile(fileobj=fh).read(8) if head == b"\x1f\x8b" else fh.read(8)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"not a readable WARC file: {exc}", where=str(source)) from exc
    if not start.startswith(b"WARC/1."):
        raise InputError("not a readable WARC file: it does not start with a WARC/1.x record", where=str(source))


def import_warc(
    source: Path,
    out_dir: Path,
    options: CaptureOptions | None = None,
    *,
    seed_url: str | None = None,
    max_record_bytes: int = 50 << 20,
) -> CaptureManifest:
    """Make the evidence folder ``out_dir`` from the recorded WARC ``source`` (see the module).

    ``seed_url``: the site's start page (default: the first HTML page recorded); only pages of
    its site (registrable domain) are kept. Raises :class:`InputError` for a file that is not a
    WARC, :class:`EmptySiteError` when it holds no page of the site.
    """
    options = options or CaptureOptions()
    source = Path(source)
    if not source.is_file():
        raise InputError("no such file", where=str(source))
    check_warc(source)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise OutputNotEmptyError("output folder exists and is not empty", where=str(out_dir))
    signing_key = load_signing_key(options.key_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _import(source, out_dir, options, seed_url, max_record_bytes, signing_key)
    except BaseException:
        shutil.rmtree(out_dir, ignore_errors=True)  # nothing half-made is left behind
        raise


def _import(
    source: Path,
    out_dir: Path,
    options: CaptureOptions,
    seed_url: str | None,
    max_record_bytes: int,
    signing_key: SigningKey,
) -> CaptureManifest:
    started = utc_now()
    (out_dir / SOURCE_DIR).mkdir()
    kept_source = out_dir / SOURCE_DIR / source.name
    shutil.copyfile(source, kept_source)
    source_sha = sha256_file(kept_source)
    writer = WarcWriter(out_dir / WARC_NAME, WARC_NAME)
    info = {
        "software": f"vigipub/{__version__} (import)",
        "format": "WARC File Format 1.1",
        "isPartOf": options.case_ref or "",
        "operator": options.operator or "",
        "description": f"Records of {source.name} ({source_sha}), recorded outside vigipub, decoded and sealed on import",
    }
    warcinfo = writer.write(
        "warcinfo",
        "".join(f"{k}: {' '.join(str(v).split())}\r\n" for k, v in info.items()).encode("utf-8"),
        content_type="application/warc-fields",
        target_uri=None,
        when=started,
        payload_digest=False,
        headers={"WARC-Filename": WARC_NAME},
    )
    pages: list[CapturedPage] = []
    seen: set[str] = set()
    recorder = ""
    user_agent = ""
    dates: list[datetime] = []
    other = off_site = 0
    scope = site_of(seed_url) if seed_url else None
    records = 0
    try:
        with open(kept_source, "rb") as fh:
            for record in ArchiveIterator(fh):
                records += 1
                kind = record.rec_type
                if kind == "warcinfo" and not recorder:
                    fields = record.content_stream().read(64_000).decode("utf-8", "replace")
                    recorder = next((ln.split(":", 1)[1].strip() for ln in fields.splitlines() if ln.lower().startswith("software:")), "")
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if kind == "request" and not user_agent and record.http_headers is not None:
                    user_agent = record.http_headers.get_header("User-Agent") or ""
                if kind != "response" or not url.startswith(("http://", "https://")) or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if not ctype.lower().startswith(_PAGE_TYPES):
                    other += 1
                    continue
                if scope is None:
                    seed_url, scope = url, site_of(url)
                if site_of(url) != scope:
                    off_site += 1
                    continue
                if url in seen:
                    continue  # a page recorded twice (a reload): the first answer is kept
                seen.add(url)
                body = record.content_stream().read(max_record_bytes + 1)
                truncated = len(body) > max_record_bytes
                body = body[:max_record_bytes]
                status = int(record.http_headers.get_statuscode() or 0)
                headers = list(record.http_headers.headers)
                header_map = dict(headers)
                when = _when(record.rec_headers.get_header("WARC-Date"))
                dates.append(when)
                original_id = record.rec_headers.get_header("WARC-Record-ID") or ""
                ref: RecordRef = writer.write(
                    "response",
                    _block(f"HTTP/1.1 {record.http_headers.statusline or status}", headers, body),
                    content_type="application/http; msgtype=response",
                    target_uri=url,
                    when=when,
                    payload_digest=True,
                    http_block=True,
                    headers={IMPORTED_FROM_HEADER: original_id, **({"WARC-Truncated": "length"} if truncated else {})},
                )
                notes = [f"recorded outside vigipub ({recorder or 'unknown recorder'}), record {original_id}"]
                blocked = anti_bot_challenge(status, header_map, body)
                if blocked is not None:
                    notes.append(challenge_note(blocked))
                pages.append(
                    CapturedPage(
                        url=url,
                        final_url=url,
                        status=status,
                        content_type=ctype,
                        via="seed" if url == seed_url else "import",
                        record=ref,
                        truncated=truncated,
                        headers=header_map,
                        notes=notes,
                    )
                )
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        writer.close()
        raise InputError(f"not a readable WARC file: {exc}", where=str(source)) from exc
    writer.close()
    if not records:
        raise InputError("not a readable WARC file: no WARC record in it", where=str(source))
    if not pages or seed_url is None:
        raise EmptySiteError(
            "the WARC holds no HTML or PDF page" + (f" of the site of {seed_url}" if seed_url else ""),
            where=str(source),
        )
    now = utc_now()
    manifest = CaptureManifest(
        case_ref=options.case_ref,
        seed_url=seed_url,
        started_at=min(dates) if dates else started,
        finished_at=max(dates) if dates else now,
        tool=Producer(name="vigipub.capture.import", version=__version__),
        operator=options.operator,
        user_agent=user_agent or "recorded outside vigipub",
        pages=pages,
        artefacts=[
            Artefact(
                path=WARC_NAME, kind="warc", sha256=writer.digest(), size=writer.size, url=seed_url,
                captured_at=now, media_type="application/warc",
            ),
            Artefact(
                path=f"{SOURCE_DIR}/{kept_source.name}", kind="other", sha256=source_sha,
                size=kept_source.stat().st_size, url=seed_url, captured_at=now, media_type="application/warc",
            ),
        ],
        complete=True,
        warc_file=WARC_NAME,
        warcinfo=warcinfo,
        scope=scope,
        notes=[
            f"imported from {source.name} ({source_sha}), recorded outside vigipub by "
            f"{recorder or 'an unnamed recorder'}: the pages, their dates and headers are the recorder's; "
            f"vigipub decoded the bodies and sealed them on {now.isoformat(timespec='seconds')}",
            f"{len(pages)} page(s) of {scope} kept; {other} other response(s) (images, styles, scripts) "
            f"and {off_site} page(s) of other sites left in the source file only",
        ],
    )
    manifest_sha = write_json(out_dir / MANIFEST_NAME, manifest)
    seal_evidence(
        out_dir,
        manifest_sha,
        seed_url=seed_url,
        key=signing_key,
        case_ref=options.case_ref,
        chain_from=options.chain_from,
        tsa_url=options.tsa_url,
    )
    return CaptureManifest.model_validate_json((out_dir / MANIFEST_NAME).read_bytes())
