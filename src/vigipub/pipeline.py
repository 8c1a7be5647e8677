"""The one place that chains the stages.

``capture`` → ``extract`` → ``detect`` → ``registers`` → ``qualify`` → ``documents``.
Entry points (CLI, demo, batch) call these functions; stages never call each other. Each
stage writes its output into the dossier so that any step can be re-run by hand:

    DIR/evidence/            sealed capture (WARC, manifest, screenshots, chain, timestamps)
    DIR/findings.json        detection, one record per analysed document
    DIR/authorisations.json  register answers for each therapy family found
    DIR/qualification.json   legal tests, Vu, Considérants, measure
    DIR/report.html          the inspector's report
    DIR/decision.html        first draft of the decision
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from vigipub.evidence import (
    AuthorisationAnswer,
    CaptureManifest,
    Case,
    Document,
    FindingsFile,
    InputError,
    PageAnalysis,
    Producer,
    Qualification,
    RecordRef,
    sha256_bytes,
    write_json,
)
from vigipub.evidence.core import sha256_file, utc_now
from vigipub.evidence.findings import declared_paid_content
from vigipub.evidence.seal import UNFINISHED_MARKER
from vigipub.evidence.vocabulary import GENERIC_FAMILIES, THERAPY_FAMILIES

if TYPE_CHECKING:
    from vigipub.capture import ProgressCallback
    from vigipub.detect.operator import OperatorExtractor
    from vigipub.documents import RenderedDocument

#: messages saying which step runs (the capture's own progress is a ``ProgressCallback``)
Progress = Callable[[str], None]

FINDINGS = "findings.json"
AUTHORISATIONS = "authorisations.json"
QUALIFICATION = "qualification.json"
REPORT = "report.html"
DECISION = "decision.html"
EVIDENCE = "evidence"

_answers_adapter = TypeAdapter(list[AuthorisationAnswer])


@dataclass
class InvestigateOptions:
    """Options of ``vigipub investigate``.

    ``capture`` holds the fields of :class:`vigipub.capture.CaptureOptions` (max_pages,
    browser, allow_private, proxy, tsa_url…), passed through unchanged.
    """

    capture: dict[str, Any] = field(default_factory=dict)
    date_of_facts: date | None = None
    registers_db: Path | None = None


@dataclass
class SiteSummary:
    """What the demo and ``investigate`` print: one line per site."""

    url: str
    verdict: str
    pages: int
    promotion_pages: int
    claims: int
    france_targeted: str  # yes | no | undetermined
    measure: str
    dossier: Path
    therapies: list[str] = field(default_factory=list)


class Step(str):
    """A step's progress message: English text, which the command line prints as it is, and its
    ``template`` and ``values``, which the case application translates (``vigipub.web.steps``
    marks every template for its catalogue) so that an inspector follows a job in French."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Step:
        step = super().__new__(cls, template.format(**values))
        step.template = template
        step.values = values
        return step


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def prepare_output_dir(out_dir: Path) -> bool:
    """Create ``out_dir``; refuse an existing non-empty folder (never overwrite a dossier).

    Returns True when the folder was created here (so that a failed run can remove it).
    """
    if out_dir.exists():
        if not out_dir.is_dir():
            raise InputError("exists and is not a folder", where=str(out_dir))
        if any(out_dir.iterdir()):
            raise InputError(
                "output folder exists and is not empty; choose a new folder (an earlier dossier is never overwritten)",
                where=str(out_dir),
            )
        return False
    try:
        out_dir.mkdir(parents=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror or exc}", where=str(out_dir)) from exc
    return True


# --------------------------------------------------------------------------- detection


def detection_producer() -> Producer:
    from vigipub.detect import Detector

    return Detector.default().producer


def analyze_paths(paths: Iterable[Path], operator: OperatorExtractor | None = None) -> Iterator[PageAnalysis]:
    """Analyse every document found in ``paths`` (dossier, evidence folder, WARC, HTML, PDF, text).

    With ``operator``, every document is also read for the site operator's identity.
    """
    from vigipub.detect import Detector
    from vigipub.extract import iter_documents

    detector = Detector.default()
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", where=str(path))
        for document in iter_documents(path):
            if operator is not None:
                operator.add(document)
            yield detector.analyze(document)


def judge_in_sites(pages: list[PageAnalysis]) -> list[PageAnalysis]:
    """Pages judged again in the context of their site (pages grouped by host)."""
    from vigipub.detect import Detector

    return Detector.default().judge_in_sites(pages)


def disease_label(key: str) -> str:
    """The French label of a disease key of the lexicon (« sclérose en plaques »); the key when unknown."""
    from vigipub.detect import disease_labels

    return disease_labels().get(key, key)


def analyze_to_file(paths: Iterable[Path], out_file: Path, site_url: str | None = None) -> FindingsFile:
    """Analyse ``paths`` and write ``findings.json``; for a site (``site_url`` given), add the
    site-level verdict and the operator identity read from its legal notice."""
    from vigipub.detect import Detector
    from vigipub.detect.operator import OperatorExtractor

    extractor = OperatorExtractor() if site_url else None
    detector = Detector.default()
    pages = list(analyze_paths(paths, extractor))
    if site_url:
        # site context: each page judged with what the other pages of its site establish
        # (the therapy named on one page, the claims, prices and stories on others)
        pages = detector.judge_in_sites(pages)
    site = detector.analyze_site(pages, url=site_url) if site_url and pages else None
    operator = extractor.result() if extractor is not None else None
    findings = FindingsFile(producer=detection_producer(), pages=pages, site=site, operator=operator)
    write_json(out_file, findings)
    return findings


# --------------------------------------------------------------------------- registers


def therapy_families(pages: Iterable[PageAnalysis]) -> dict[str, dict[str, set[str]]]:
    """Therapy families found on promotion or uncertain pages, with product names and diseases."""
    found: dict[str, dict[str, set[str]]] = {}
    for page in pages:
        if page.verdict == "not_promotion":
            continue
        diseases = {f.attributes.get("icd10", "") for f in page.findings if f.kind == "disease"} - {""}
        for finding in page.findings:
            if not finding.names_a_product:
                continue
            family = finding.attributes.get("family") or finding.subkind
            if family not in THERAPY_FAMILIES:
                family = "cell_therapy_other"
            entry = found.setdefault(family, {"products": set(), "diseases": set()})
            if product := finding.attributes.get("product"):
                entry["products"].add(product)
            entry["diseases"] |= diseases
    return found


def product_label(pages: Iterable[PageAnalysis]) -> str | None:
    """The product a site promotes, as a draft names it (« thérapie par cellules souches et
    exosomes »), from its promotion and uncertain pages: the qualification's own naming."""
    from vigipub.qualify.facts import product_label_of

    return product_label_of(
        (f.attributes.get("family") or f.subkind, f.quote)
        for page in pages
        if page.verdict != "not_promotion"
        for f in page.findings
        if f.names_a_product
    )


def site_sentences(pages: Iterable[PageAnalysis]) -> str:
    """The sentences the detector found on the pages that are not cleared: where the registers
    look for the products a site names (:meth:`vigipub.registers.Registers.products_named_in`)."""
    return " ".join(f.quote for p in pages if p.verdict != "not_promotion" for f in p.findings)


def check_registers(pages: list[PageAnalysis], db_path: Path | None = None, on: date | None = None) -> list[AuthorisationAnswer]:
    from vigipub.registers import Registers

    families = therapy_families(pages)
    if not families:
        return []
    answers: list[AuthorisationAnswer] = []
    said = site_sentences(pages)
    with Registers.open(db_path=db_path) as registers:
        for family, info in sorted(families.items()):
            info["products"] |= registers.products_named_in(said, family)
            answers.append(
                registers.check_therapy(
                    family,
                    product_names=sorted(info["products"]),
                    diseases_icd10=sorted(info["diseases"]),
                    as_of=on,
                )
            )
    return answers


def write_answers(path: Path, answers: list[AuthorisationAnswer]) -> None:
    data = _answers_adapter.dump_json(answers, indent=2) + b"\n"
    path.write_bytes(data)


# --------------------------------------------------------------------------- a case file


CASE_READING_URL = "case-file:"


#: quotes read per document: the detector keeps a bounded number of findings of one kind per
#: page, and a case file holds up to 200 claims; a chunk of quotes stays far below that bound
CASE_READING_CHUNK = 20


def read_case(case: Case) -> PageAnalysis:
    """The detector's reading of a case file's quotes: the very classifier pages get.

    The quotes (the product's name, the claims, what the inspector established) are read in
    chunks, each quote one block of a text document; every finding is tagged ``case_item`` with
    the quote it was read in (``claims[0]``), which :func:`vigipub.qualify.build_facts` maps back
    to the case file. Linear in the number of quotes.
    """
    from vigipub.detect import Detector
    from vigipub.extract import document_from_text
    from vigipub.qualify.facts import case_items

    detector = Detector.default()
    items = case_items(case)
    url = CASE_READING_URL + (case.source_path or "")
    findings = []
    analysis: PageAnalysis | None = None
    for first in range(0, len(items), CASE_READING_CHUNK):
        chunk = items[first : first + CASE_READING_CHUNK]
        document = document_from_text("\n\n".join(t for _, t in chunk), url, source="text")
        analysis = detector.analyze(document)
        # block n is quote n when the text was kept whole (a case file is bounded far below the
        # extraction limit); otherwise no finding is attributed rather than a wrong one
        starts = [b.start for b in document.blocks]
        if document.text != "\n".join(t for _, t in chunk) or len(starts) != len(chunk):
            continue
        for f in analysis.findings:
            key = chunk[bisect_right(starts, f.start) - 1][0]
            findings.append(f.model_copy(update={"id": f"{key}:{f.id}", "attributes": {**f.attributes, "case_item": key}}))
    if analysis is None:
        return PageAnalysis(url=url, source="text", verdict="not_promotion", score=0.0)
    return analysis.model_copy(update={"findings": findings, "source": "text"})


def case_families(case: Case, reading: PageAnalysis, pages: list[PageAnalysis]) -> dict[str, dict[str, set[str]]]:
    """Therapy families to look up for a case: the product's, the quotes', the dossier pages'."""
    from vigipub.qualify.facts import family_of_product

    families = therapy_families(pages)
    for family, info in therapy_families([reading.model_copy(update={"verdict": "promotion"})]).items():
        entry = families.setdefault(family, {"products": set(), "diseases": set()})
        entry["products"] |= info["products"]
        entry["diseases"] |= info["diseases"]
    product_family = family_of_product(case.product)
    if product_family:
        families.setdefault(product_family, {"products": set(), "diseases": set()})
    if len(families) > 1:
        families.pop("cell_therapy_other", None)  # too broad beside a named family
    return families


def case_register_answers(
    case: Case, reading: PageAnalysis, pages: list[PageAnalysis], db_path: Path | None, on: date
) -> list[AuthorisationAnswer]:
    """Ask the registers (the shipped snapshot, or the one ``vigipub registry update`` made)
    about the case's therapies, as of the date of the facts."""
    from vigipub.registers import Registers

    families = case_families(case, reading, pages)
    if not families:
        return []
    # the case file's quotes count as the site's sentences (a product it names is looked up)
    said = site_sentences([*pages, reading.model_copy(update={"verdict": "promotion"})])
    with Registers.open(db_path=db_path) as registers:
        return [
            registers.check_therapy(
                family,
                product_names=sorted(info["products"] | registers.products_named_in(said, family)),
                diseases_icd10=sorted(info["diseases"]),
                as_of=on,
            )
            for family, info in sorted(families.items())
        ]


@dataclass
class CaseQualification:
    """What ``vigipub draft`` and ``vigipub qualify --case`` drafted from."""

    qualification: Qualification
    reading: PageAnalysis
    answers: list[AuthorisationAnswer]
    registers: str  # where the register answers came from (for the user)


def qualify_case(
    case: Case,
    pages: list[PageAnalysis],
    answers: list[AuthorisationAnswer] | None,
    *,
    site_url: str | None = None,
    date_of_facts: date | None = None,
    registers_db: Path | None = None,
    consult_registers: bool = True,
    operator: Any = None,
    jurisdiction: str = "FR",
) -> CaseQualification:
    """Qualify a case: the detector reads its quotes, the registers answer for its therapies
    (unless the dossier holds answers), then the rules run."""
    from vigipub.qualify import qualify
    from vigipub.qualify.api import default_date

    reading = read_case(case)
    on = date_of_facts or default_date(case, pages)
    source = "dossier"
    if answers is None:
        answers, source = [], "none"
        if consult_registers:
            answers = case_register_answers(case, reading, pages, registers_db, on)
            source = "registers"
    qualification = qualify(
        pages,
        answers,
        case=case,
        site_url=site_url or (case.websites[0] if case.websites else None),
        date_of_facts=on,
        jurisdiction=jurisdiction,
        operator=operator,
        case_reading=reading,
    )
    return CaseQualification(qualification, reading, answers, source)


# --------------------------------------------------------------------------- the whole chain


def summarise(url: str, dossier: Path, findings: FindingsFile, qualification: Qualification) -> SiteSummary:
    pages = findings.pages
    promotion = [p for p in pages if p.verdict == "promotion"]
    uncertain = [p for p in pages if p.verdict == "uncertain"]
    if findings.site is not None:
        verdict = findings.site.verdict
    else:
        verdict = "promotion" if promotion else ("uncertain" if uncertain else "not_promotion")
    claims = {
        " ".join(f.quote.split())
        for p in promotion
        for f in p.findings
        if f.kind in ("claim", "testimonial")
    }
    t0 = next((t for t in qualification.tests if t.id.split(".")[0] == "T0"), None)
    france: str = {"yes": "yes", "no": "no"}.get(t0.outcome if t0 is not None else "", "undetermined")
    if verdict == "not_promotion" and france == "undetermined":
        france = "n/a"  # no promotion: the link to France is not examined
    measure = qualification.measure.kind if qualification.measure else "none"
    # the specific families first, the umbrella words (« thérapie cellulaire », « vaccin contre le
    # cancer ») after them
    therapies = sorted(therapy_families(promotion), key=lambda f: (f in GENERIC_FAMILIES, f))
    # by URL: a page captured as served and as rendered by the browser is one page
    n_pages, n_promotion = len({p.url for p in pages}), len({p.url for p in promotion})
    return SiteSummary(url, verdict, n_pages, n_promotion, len(claims), france, measure, dossier, therapies)


def investigate(
    url: str,
    out_dir: Path,
    options: InvestigateOptions,
    progress: Progress | None = None,
    capture_progress: ProgressCallback | None = None,
) -> SiteSummary:
    """Capture ``url`` into ``out_dir`` and run every stage; return the site summary.

    From its first second to its seal the dossier holds ``UNFINISHED.json``, which says what
    the folder is, how far the investigation got and how to finish it
    (:func:`resume_investigation`).
    """
    from vigipub.capture import CaptureOptions, capture_site

    created = prepare_output_dir(out_dir)
    _mark_unfinished(out_dir, url, "capture", options)
    evidence_dir = out_dir / EVIDENCE
    _say(progress, Step("capturing {url}", url=url))
    try:
        manifest: CaptureManifest = capture_site(
            url, evidence_dir, CaptureOptions(**options.capture), progress=capture_progress
        )
    except BaseException:
        _drop_empty_dossier(out_dir, created)
        raise
    return _finish_dossier(out_dir, manifest, options, progress)


def _drop_empty_dossier(out_dir: Path, created: bool) -> None:
    """Nothing was captured or imported (those stages remove their own folder when they fail
    before any evidence): leave no empty dossier behind. A folder with evidence in it is never
    removed, and keeps saying it is unfinished."""
    if not (out_dir / EVIDENCE).exists():
        (out_dir / UNFINISHED_MARKER).unlink(missing_ok=True)
        if created and out_dir.exists() and not any(out_dir.iterdir()):
            out_dir.rmdir()


def check_recording(path: Path) -> None:
    """Refuse (:class:`InputError`) a file that is not a WARC recording (before it is queued)."""
    from vigipub.capture.importer import check_warc

    check_warc(Path(path))


def investigate_recording(
    source: Path,
    out_dir: Path,
    options: InvestigateOptions,
    progress: Progress | None = None,
    url: str | None = None,
) -> SiteSummary:
    """The chain on a WARC recorded outside vigipub, in an inspector's browser (a site whose
    firewall refuses automated captures): its pages become the dossier's evidence
    (:func:`vigipub.capture.importer.import_warc`), then every stage runs as after a capture."""
    from vigipub.capture import CaptureOptions
    from vigipub.capture.importer import import_warc

    created = prepare_output_dir(out_dir)
    _mark_unfinished(out_dir, url or str(source), "capture", options)
    evidence_dir = out_dir / EVIDENCE
    _say(progress, Step("importing the recording {file}", file=Path(source).name))
    try:
        manifest = import_warc(Path(source), evidence_dir, CaptureOptions(**options.capture), seed_url=url)
    except BaseException:
        _drop_empty_dossier(out_dir, created)
        raise
    return _finish_dossier(out_dir, manifest, options, progress)


def _finish_dossier(
    out_dir: Path, manifest: CaptureManifest, options: InvestigateOptions, progress: Progress | None
) -> SiteSummary:
    """Every stage after the capture, from the sealed evidence; then seal the dossier."""
    from vigipub.qualify import qualify

    evidence_dir = out_dir / EVIDENCE
    url = manifest.seed_url
    _mark_unfinished(out_dir, url, "analysis", options)
    _say(progress, Step("analysing {count} captured documents", count=len(manifest.pages)))
    findings = analyze_to_file([evidence_dir], out_dir / FINDINGS, site_url=manifest.seed_url)
    _mark_unfinished(out_dir, url, "registers", options)
    _say(progress, Step("checking the authorisation registers"))
    on = options.date_of_facts or manifest.started_at.date()
    answers = check_registers(findings.pages, options.registers_db, on)
    write_answers(out_dir / AUTHORISATIONS, answers)
    _mark_unfinished(out_dir, url, "qualification", options)
    _say(progress, Step("qualifying the facts"))
    qualification = qualify(
        findings.pages, answers, site_url=manifest.seed_url, date_of_facts=on, operator=findings.operator
    )
    write_json(out_dir / QUALIFICATION, qualification)
    _mark_unfinished(out_dir, url, "documents", options)
    _say(progress, Step("drafting the report and the decision"))
    write_dossier_documents(out_dir, manifest, findings, answers, qualification)
    seal_dossier(out_dir, options.capture.get("key_dir"), options.capture.get("tsa_url"))
    # removed last: a kill between the seal and here leaves a sealed dossier that still says
    # "unfinished", which --resume finishes again at no risk
    (out_dir / UNFINISHED_MARKER).unlink(missing_ok=True)
    return summarise(manifest.seed_url, out_dir, findings, qualification)


#: capture options that are paths, read back from UNFINISHED.json as such
_PATH_OPTIONS = ("tsa_ca_file", "chain_from", "key_dir")


def _mark_unfinished(out_dir: Path, url: str, stage: str, options: InvestigateOptions) -> None:
    """(Re)write ``UNFINISHED.json``: what the folder is, where the investigation stopped."""
    import json

    from vigipub.evidence.core import write_atomic

    record = {
        "what": "vigipub dossier of an investigation that has not finished: evidence/ may be "
        "incomplete, and nothing in this folder is sealed yet",
        "url": url,
        "stage": stage,
        "updated_at": utc_now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resume": f"vigipub investigate --resume --out {out_dir}",
        "capture_options": options.capture,
        "date_of_facts": options.date_of_facts.isoformat() if options.date_of_facts else None,
    }
    data = json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n"
    write_atomic(out_dir / UNFINISHED_MARKER, data.encode("utf-8"))


def read_unfinished(out_dir: Path) -> dict[str, Any] | None:
    """The content of ``UNFINISHED.json``, or None when the dossier has none."""
    import json

    path = out_dir / UNFINISHED_MARKER
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes()[:1_000_000])
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable ({exc})", where=str(path)) from None
    return data if isinstance(data, dict) else {}


def resume_investigation(
    out_dir: Path,
    options: InvestigateOptions,
    progress: Progress | None = None,
    url: str | None = None,
    capture_progress: ProgressCallback | None = None,
) -> SiteSummary:
    """Finish an interrupted investigation from what its dossier holds.

    * evidence sealed: the analysis, registers, qualification and documents are (re)done;
    * evidence interrupted (a checkpoint manifest): the capture is closed as it stood
      (:func:`vigipub.capture.close_interrupted`: sealed, marked ``interrupted``), then the same;
    * no evidence yet (stopped in its first second): the site is captured again, with the
      options recorded in ``UNFINISHED.json``.

    The capture options recorded when the investigation started are used (``options.capture``
    only when none were recorded). A finished dossier is refused: nothing to resume.
    """
    import shutil

    from vigipub.capture import CaptureOptions, capture_site, close_interrupted
    from vigipub.evidence.seal import DOSSIER_SEAL

    if not out_dir.is_dir():
        raise InputError("no such dossier folder", where=str(out_dir))
    marker = read_unfinished(out_dir)
    evidence_dir = out_dir / EVIDENCE
    manifest_path = evidence_dir / "manifest.json"
    if marker is None and (out_dir / DOSSIER_SEAL).is_file():
        raise InputError("the dossier is finished and sealed: nothing to resume", where=str(out_dir))
    if marker is None and not manifest_path.is_file():
        raise InputError("not an interrupted investigation (no UNFINISHED.json, no evidence)", where=str(out_dir))
    recorded = dict((marker or {}).get("capture_options") or {}) or dict(options.capture)
    for key in _PATH_OPTIONS:
        if recorded.get(key):
            recorded[key] = Path(str(recorded[key]))
    if isinstance(recorded.get("allow_endpoints"), list):
        recorded["allow_endpoints"] = tuple(recorded["allow_endpoints"])
    date_of_facts = options.date_of_facts
    if date_of_facts is None and marker and marker.get("date_of_facts"):
        try:
            date_of_facts = date.fromisoformat(str(marker["date_of_facts"]))
        except ValueError:
            raise InputError("date_of_facts is not a date", where=str(out_dir / UNFINISHED_MARKER)) from None
    options = InvestigateOptions(capture=recorded, date_of_facts=date_of_facts, registers_db=options.registers_db)
    target = str((marker or {}).get("url") or url or "")
    if url and target and url.rstrip("/") != target.rstrip("/"):
        raise InputError(f"this dossier investigates {target}, not {url}", where=str(out_dir))
    capture_options = CaptureOptions(**recorded)
    manifest: CaptureManifest | None = None
    if manifest_path.is_file():
        try:
            manifest = CaptureManifest.model_validate_json(manifest_path.read_bytes())
        except ValueError:
            raise InputError("the evidence manifest is unreadable", where=str(manifest_path)) from None
        if not manifest.complete and not manifest.pages:
            manifest = None  # stopped before its first page: nothing captured, capture again
    if manifest is not None:
        if not manifest.complete:
            _say(progress, Step("closing the interrupted capture as it stood"))
            manifest = close_interrupted(evidence_dir, capture_options)
    else:
        if not target:
            raise InputError("nothing to resume from: no evidence and no URL recorded", where=str(out_dir))
        if evidence_dir.exists():
            # stopped before the capture listed any page: nothing there is evidence (at most
            # the WARC's warcinfo record)
            shutil.rmtree(evidence_dir)
        _mark_unfinished(out_dir, target, "capture", options)
        _say(progress, Step("capturing {url} again (the first attempt stopped before any page)", url=target))
        manifest = capture_site(target, evidence_dir, capture_options, progress=capture_progress)
    return _finish_dossier(out_dir, manifest, options, progress)


def seal_dossier(dossier: Path, key_dir: Path | None = None, tsa_url: str | None = None) -> Path:
    """(Re)write ``dossier.sha256`` over the derived files and the evidence manifest, sign it
    with the agency's key (``dossier.sha256.sig``) and, when a time-stamping authority is
    configured (``tsa_url``, else the one the capture used), time-stamp it
    (``dossier.sha256.tsr``): the signature says who sealed the dossier, the token when."""
    from vigipub.capture import tsa
    from vigipub.evidence.core import write_atomic
    from vigipub.evidence.seal import DOSSIER_TIMESTAMP, write_seal
    from vigipub.evidence.signing import load_signing_key, sign_file

    key = load_signing_key(key_dir)  # first: an unusable key leaves the old seal in place
    seal = write_seal(
        dossier, [FINDINGS, AUTHORISATIONS, QUALIFICATION, REPORT, DECISION, f"{EVIDENCE}/manifest.json"]
    )
    sign_file(seal, key)
    token_path = dossier / DOSSIER_TIMESTAMP
    token_path.unlink(missing_ok=True)  # a token of an earlier seal is stale
    tsa_url = tsa_url or _capture_tsa_url(dossier)
    if tsa_url:
        digest = sha256_file(seal).removeprefix("sha256:")
        try:
            token = tsa.request_timestamp(tsa_url, digest)
        except tsa.TimestampError as exc:
            raise tsa.TimestampError(
                f"dossier sealed and signed, but time-stamping failed: {exc.message}", where=exc.where
            ) from None
        write_atomic(token_path, token)
    return seal


def _capture_tsa_url(dossier: Path) -> str | None:
    """The time-stamping authority the dossier's capture used, if any."""
    try:
        manifest = CaptureManifest.model_validate_json((dossier / EVIDENCE / "manifest.json").read_bytes())
    except (OSError, ValueError):
        return None
    url = manifest.options.get("tsa_url")
    return url if isinstance(url, str) and url else None


def write_dossier_documents(
    dossier: Path,
    manifest: CaptureManifest | None,
    findings: FindingsFile,
    answers: list[AuthorisationAnswer],
    qualification: Qualification,
) -> None:
    """Write ``decision.html`` (or the no-decision note) and ``report.html`` from the stage outputs."""
    from vigipub.documents import render_decision_draft
    from vigipub.documents.report import render_no_decision, render_report

    site_url = manifest.seed_url if manifest else (findings.site.url if findings.site else "")
    if qualification.conclusion == "no_violation":
        decision_html = render_no_decision(qualification, site_url=site_url)
    else:
        operator = findings.operator
        if declared_paid_content(p for p in findings.pages if p.verdict == "promotion"):
            operator = None  # an advertorial: the site's publisher is not the advertiser
        # the operator named by the site's own legal notice (the report marks it « à vérifier »)
        decision_html = render_decision_draft(
            qualification,
            site_url=site_url,
            company_name=operator.name if operator else None,
            company_address=operator.address if operator and operator.name else None,
            company_country=operator.country if operator and operator.name else None,
        )
    (dossier / DECISION).write_text(decision_html, encoding="utf-8")
    report_html = render_report(
        manifest=manifest,
        findings=findings,
        authorisations=answers,
        qualification=qualification,
        decision_sha256=sha256_bytes(decision_html.encode("utf-8")),
        decision_html=decision_html,
    )
    (dossier / REPORT).write_text(report_html, encoding="utf-8")


def refresh_dossier_documents(dossier: Path, qualification: Qualification) -> list[Path]:
    """After a new qualification of an investigated dossier, redraw its report and decision.

    Only dossiers written by ``investigate`` (with findings.json and a report) are refreshed,
    so that the dossier never holds a decision drawn from an older qualification.
    """
    from vigipub.qualify import load_authorisations as load_answers
    from vigipub.qualify import load_findings

    if not (dossier / FINDINGS).exists() or not (dossier / REPORT).exists():
        return []
    manifest_path = dossier / EVIDENCE / "manifest.json"
    manifest = CaptureManifest.model_validate_json(manifest_path.read_bytes()) if manifest_path.exists() else None
    answers_path = dossier / AUTHORISATIONS
    answers = load_answers(answers_path) if answers_path.exists() else []
    write_dossier_documents(dossier, manifest, load_findings(dossier / FINDINGS), answers, qualification)
    seal_dossier(dossier)
    return [dossier / DECISION, dossier / REPORT]


# --------------------------------------------------------------------------- the case application


@dataclass
class Requalified:
    """A dossier's facts as a reviewer sees them: only the findings accepted are evidence."""

    findings: FindingsFile
    answers: list[AuthorisationAnswer]
    qualification: Qualification


def extract_documents(evidence_dir: Path) -> Iterator[Document]:
    """The documents of an evidence folder, as the detection reads them (text and offsets)."""
    from vigipub.extract import iter_documents

    yield from iter_documents(evidence_dir)


def reviewed_findings(
    findings: FindingsFile, accepted: Collection[str], text_chars: Mapping[str, int] | None = None
) -> FindingsFile:
    """``findings`` keeping only the findings whose id is in ``accepted``; each page's verdict
    (and the site's) is judged again on what is left, by the same verdict model.

    ``text_chars`` gives each page's text length by URL (a page with too little text and no
    therapy is "uncertain"); unknown pages count as long enough.
    """
    from vigipub.detect import Detector
    from vigipub.detect.verdict import OTHER_LANGUAGE

    detector = Detector.default()
    model = detector.model
    pages: list[PageAnalysis] = []
    for page in findings.pages:
        kept = [f for f in page.findings if f.id in accepted]
        chars = (text_chars or {}).get(page.url, model.min_text_chars)
        j = model.judge(kept, chars, foreign=page.language == OTHER_LANGUAGE, language=page.language)
        pages.append(
            page.model_copy(
                update={
                    "findings": kept,
                    "verdict": j.verdict,
                    "score": round(j.score, 4),
                    "genre": j.genre,
                    "reasons": ["reviewed: only the findings accepted by a reviewer", *j.reasons],
                    "drivers": j.drivers,
                    "features": j.features,
                    "contributions": j.contributions,
                    "page_verdict": None,
                }
            )
        )
    site = None
    if findings.site is not None and pages:
        # as the first analysis did: each page read in the context of its site, then the site
        pages = detector.judge_in_sites(pages)
        site = detector.analyze_site(pages, url=findings.site.url)
    return findings.model_copy(update={"pages": pages, "site": site})


def requalify(
    dossier: Path,
    accepted: Collection[str],
    *,
    case: Case | None = None,
    text_chars: Mapping[str, int] | None = None,
    date_of_facts: date | None = None,
) -> Requalified:
    """Qualify an investigated dossier again from the findings a reviewer accepted.

    Register answers are those of the dossier for the therapy families still supported by
    an accepted finding. Nothing in the dossier is rewritten: its sealed files stay what the
    capture and the first analysis produced.
    """
    from vigipub.qualify import load_authorisations, load_findings, qualify

    findings = reviewed_findings(load_findings(dossier / FINDINGS), accepted, text_chars)
    answers_path = dossier / AUTHORISATIONS
    answers = load_authorisations(answers_path) if answers_path.exists() else []
    families = set(therapy_families(findings.pages))
    answers = [a for a in answers if a.therapy in families]
    manifest_path = dossier / EVIDENCE / "manifest.json"
    on = date_of_facts
    if on is None and manifest_path.exists():
        on = CaptureManifest.model_validate_json(manifest_path.read_bytes()).started_at.date()
    site_url = findings.site.url if findings.site else (case.websites[0] if case and case.websites else None)
    qualification = qualify(
        findings.pages, answers, case=case, site_url=site_url, date_of_facts=on, operator=findings.operator
    )
    return Requalified(findings, answers, qualification)


def render_document(
    kind: str, qualification: Qualification, case: Case, *, fmt: str = "html", on: date | None = None
) -> RenderedDocument:
    """Render a case document (decision, letter, news, alert) in ``fmt`` (html, pdf, docx, md)."""
    from vigipub.documents import render_alert, render_decision, render_letter, render_news

    renderers = {"decision": render_decision, "letter": render_letter, "news": render_news, "alert": render_alert}
    if kind not in renderers:
        raise InputError(f"unknown document kind '{kind}' (known: {', '.join(renderers)})")
    return renderers[kind](qualification, case, fmt=fmt, on=on)


def archived_record(dossier: Path, ref: RecordRef) -> bytes:
    """The bytes of one WARC record of a dossier (a gzip member: a WARC file of one record).

    The reference comes from the dossier's own findings; a path leaving the evidence folder
    is refused.
    """
    evidence = (dossier / EVIDENCE).resolve()
    path = (evidence / ref.warc_file).resolve()
    if not path.is_relative_to(evidence) or not path.is_file():
        raise InputError("no such WARC file in the dossier's evidence", where=ref.warc_file)
    if ref.offset < 0 or ref.length <= 0 or ref.offset + ref.length > path.stat().st_size:
        raise InputError(f"record {ref.record_id} lies outside its WARC file", where=str(path))
    with open(path, "rb") as fh:
        fh.seek(ref.offset)
        return fh.read(ref.length)

# --------------------------------------------------------------------------- batch triage
# ``vigipub.batch`` (an entry point) runs these on each WARC record: the pre-filter's
# vocabulary comes from the detection lexicons, and a record that passes it goes through the
# same extraction and detection as any page.

#: (entry id, kind, term, case-sensitive, prefix) of each lexicon term the pre-filter looks for
VocabularyRow = tuple[str, str, str, bool, bool]


def error_kind(exc: BaseException) -> str:
    """What kind of failure ``exc`` is, as a stable code the entry points word for their users.

    The stages' errors say in English what went wrong and where (for engineers); the web
    application shows an inspector a sentence per kind, in the agency's language, before them.
    The most specific kind wins (an address refused by the SSRF policy is a capture error).
    """
    from vigipub.capture.errors import (
        AntiBotChallengeError,
        CaptureInputError,
        EmptySiteError,
        InvalidUrlError,
        RefusedAddressError,
        SeedNotHtmlError,
        SeedUnreachableError,
    )
    from vigipub.capture.tsa import TimestampError
    from vigipub.cases.errors import CaseFileError, LeadsError, ProcedureError
    from vigipub.evidence.errors import CitationError, InputError, IntegrityError, VigipubError
    from vigipub.extract.errors import ExtractError
    from vigipub.qualify.errors import QualifyInputError
    from vigipub.registers.errors import RegistersError

    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (RefusedAddressError, "refused_address"),
        (InvalidUrlError, "invalid_url"),
        (SeedUnreachableError, "unreachable"),
        (SeedNotHtmlError, "not_html"),
        (AntiBotChallengeError, "anti_bot"),
        (EmptySiteError, "empty_site"),
        (TimestampError, "timestamp"),
        (CaptureInputError, "capture"),
        (LeadsError, "leads"),
        (ProcedureError, "procedure"),
        (CaseFileError, "case_file"),
        (RegistersError, "registers"),
        (QualifyInputError, "qualify"),
        (ExtractError, "extract"),
        (IntegrityError, "integrity"),
        (CitationError, "citation"),
        (InputError, "input"),
        (VigipubError, "failed"),
    )
    return next((kind for cls, kind in kinds if isinstance(exc, cls)), "unknown")


def triage_vocabulary(kinds: Iterable[str] = ("therapy",)) -> list[VocabularyRow]:
    """The terms of the detection lexicons of ``kinds`` (therapy, disease), for the raw-byte
    pre-filter of batch triage: derived, so that the pre-filter follows every lexicon change."""
    from vigipub.detect import Detector

    wanted = set(kinds)
    return [
        (entry.id, entry.kind, term, entry.case_sensitive, entry.prefix)
        for entry in Detector.default().entries
        if entry.kind in wanted
        for term in entry.terms
    ]


def fold_text(text: str) -> str:
    """Detection's accent and case folding (one character for one): what it matches on."""
    from vigipub.detect import fold

    return fold(text)


def analyze_payload(
    payload: bytes, url: str, *, content_type: str | None, record: Any, pdf: bool = False
) -> PageAnalysis:
    """Extract and detect one archived HTTP payload (HTML, or PDF when ``pdf``)."""
    from vigipub.detect import Detector
    from vigipub.extract import document_from_html, document_from_pdf

    if pdf:
        document = document_from_pdf(payload, url, content_type=content_type, record=record)
    else:
        document = document_from_html(payload, url, content_type=content_type, record=record)
    return Detector.default().analyze(document)


def warm_up_detection() -> Producer:
    """Build what detection builds once per process (lexicons, language model) before a
    batch; return its producer (name, version, digest of lexicons and weights)."""
    from vigipub.extract import warm_up

    warm_up()
    return detection_producer()


# --------------------------------------------------------------------------- compliance re-check

RECHECK_SECOND_EXIT = "evidence-second-exit"
RECHECK_MOVED = "evidence-moved-{n}"
#: domains a recheck captures when the site seems to have moved, and their page budget
MAX_MOVE_CAPTURES = 2
MOVE_CAPTURE_PAGES = 10


@dataclass
class RecheckResult:
    """What :func:`recheck` returns (the web application's workers read these fields)."""

    out_dir: Path
    verdict: Any  # vigipub.evidence.compliance.ComplianceVerdict
    compliance_json: Path
    compliance_html: Path
    report: Any = None  # vigipub.evidence.compliance.ComplianceReport


def _chain_last_entry(evidence: Path) -> str | None:
    import json

    try:
        lines = (evidence / "chain.log").read_bytes().splitlines()
        return str(json.loads(lines[-1]).get("entry_sha256")) if lines else None
    except (OSError, ValueError, AttributeError):
        return None


def _capture_link(side: Any, dossier: Path, evidence_name: str, manifest: CaptureManifest) -> Any:
    from vigipub.capture.crawler import redact
    from vigipub.evidence import sha256_file
    from vigipub.evidence.compliance import CaptureLink
    from vigipub.evidence.seal import DOSSIER_SEAL

    evidence = dossier / evidence_name
    seal = dossier / DOSSIER_SEAL
    return CaptureLink(
        side=side,
        dossier=str(dossier),
        evidence=evidence_name,
        seed_url=manifest.seed_url,
        started_at=manifest.started_at,
        scope=manifest.scope,
        proxy=redact(manifest.proxy),
        exit_ip=manifest.exit_ip,
        manifest_sha256=sha256_file(evidence / "manifest.json"),
        seal_sha256=sha256_file(seal) if seal.is_file() else None,
        chain_entry_sha256=_chain_last_entry(evidence),
        pages=len(manifest.pages),
    )


def _view(side: Any, dossier: Path, evidence_name: str, findings: FindingsFile, manifest: CaptureManifest) -> Any:
    from vigipub.compliance import CaptureView
    from vigipub.extract import iter_documents

    evidence = dossier / evidence_name
    return CaptureView(
        side=side,
        link=_capture_link(side, dossier, evidence_name, manifest),
        manifest=manifest,
        findings=findings,
        documents=list(iter_documents(evidence)),
        evidence_dir=evidence,
    )


def _new_recheck_dir(dossier: Path, out: Path | None) -> tuple[Path, int]:
    """Create the recheck dossier and hold an exclusive lock on it: two rechecks never share
    a folder (the default name is unique; an explicit one already in use is refused)."""
    import fcntl
    import os

    from vigipub.evidence import utc_now

    if out is None:
        stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
        base = dossier.parent / f"{dossier.name}-recheck-{stamp}"
        for n in range(1, 1000):
            candidate = base if n == 1 else base.with_name(f"{base.name}-{n}")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            out = candidate
            break
        else:
            raise InputError("cannot find a free recheck folder name", where=str(base))
    else:
        try:
            out.mkdir(parents=True)
        except FileExistsError:
            if not out.is_dir():
                raise InputError("exists and is not a folder", where=str(out)) from None
        except OSError as exc:
            raise InputError(f"cannot create the output folder: {exc.strerror or exc}", where=str(out)) from exc
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError("another recheck is writing into this folder", where=str(out)) from None
    if any(out.iterdir()):
        os.close(fd)
        raise InputError(
            "output folder exists and is not empty; choose a new folder (an earlier dossier is never overwritten)",
            where=str(out),
        )
    return out, fd


def _unreachable_kind(exc: BaseException) -> str:
    from vigipub.capture import RefusedAddressError

    text = str(exc).lower()
    if isinstance(exc, RefusedAddressError):
        return "refused"
    if "timeout" in text or "timed out" in text:
        return "timeout"
    if "robots" in text or "anti-bot" in text or any(f"http {code}" in text for code in (401, 403, 429, 451)):
        return "blocked"
    if "connect_error" in text or "dns" in text or "refused" in text:
        return "down"
    if "http " in text:
        return "http_error"
    return "error"


def _capture_for_recheck(
    seeds: list[str],
    evidence: Path,
    options: dict[str, Any],
    progress: Progress | None,
    capture_progress: ProgressCallback | None = None,
) -> CaptureManifest:
    """Capture from the first seed that gives a page (the old start URL may now be a 404:
    the site's root is tried next, the old URL still being fetched again as a revisit)."""
    from vigipub.capture import CaptureInputError, CaptureOptions, EmptySiteError, capture_site

    last: CaptureInputError | None = None
    for seed in seeds:
        _say(progress, Step("capturing {url}", url=seed))
        try:
            return capture_site(seed, evidence, CaptureOptions(**options), progress=capture_progress)
        except EmptySiteError as exc:
            last = exc
            if not any(f"http {c}" in str(exc).lower() for c in (404, 410)):
                raise
    assert last is not None
    raise last


def _recheck_seeds(manifest: CaptureManifest) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(manifest.seed_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    return [manifest.seed_url] + ([root] if root != manifest.seed_url else [])


def _analyze_capture(evidence: Path, findings_path: Path, manifest: CaptureManifest) -> FindingsFile:
    return analyze_to_file([evidence], findings_path, site_url=manifest.seed_url)


def recheck(
    dossier: Path,
    out: Path | None = None,
    *,
    allow_private: bool = False,
    proxy: str | None = None,
    progress: Progress | None = None,
    capture_progress: ProgressCallback | None = None,
    second_proxy: str | None = None,
    browser: bool | None = None,
    page_timeout: float | None = None,
    max_pages: int | None = None,
    follow_moves: bool = True,
    recording: Path | None = None,
) -> RecheckResult:
    """Capture the site of ``dossier`` again into a new sealed dossier and compare.

    ``recording``: a WARC the inspector recorded in an ordinary browser (a site whose firewall
    refuses automated captures) stands for the new capture; the pages it lacks are « not checked
    again », never « removed ».

    The new dossier holds ``evidence/`` (its chain continues the original's), ``findings.json``,
    ``recheck.json`` (the link to the original, with its digests), ``compliance.json``,
    ``compliance.html`` and a seal; a second proxy adds ``evidence-second-exit/``, a move to
    another domain ``evidence-moved-N/``. The original dossier is only read (and verified
    first: a comparison with evidence that fails verification would prove nothing). A site
    that is down, times out, answers an error or blocks the crawler gives the verdict
    ``unreachable`` with the error, never ``complied``.
    """
    import os

    from vigipub import compliance
    from vigipub.capture import CaptureInputError, verify_evidence
    from vigipub.evidence import IntegrityError
    from vigipub.evidence.compliance import RECHECK_LINK_FILE, Side
    from vigipub.qualify import load_findings

    dossier = Path(dossier)
    manifest_path = dossier / EVIDENCE / "manifest.json"
    if not manifest_path.is_file() or not (dossier / FINDINGS).is_file():
        raise InputError("not an investigated dossier (evidence/manifest.json and findings.json expected)", where=str(dossier))
    try:
        original_manifest = CaptureManifest.model_validate_json(manifest_path.read_bytes())
    except ValueError as exc:
        raise InputError(f"unreadable manifest: {str(exc).splitlines()[0]}", where=str(manifest_path)) from exc
    _say(progress, Step("verifying the original dossier {dossier}", dossier=dossier))
    report = verify_evidence(dossier)
    if not report.ok:
        raise IntegrityError(
            "the original dossier fails verification; a comparison with it would prove nothing: "
            + "; ".join(report.problems[:3]),
            where=str(dossier),
        )
    original_findings = load_findings(dossier / FINDINGS)
    qualification = None
    if (dossier / QUALIFICATION).is_file():
        try:
            qualification = Qualification.model_validate_json((dossier / QUALIFICATION).read_bytes())
        except ValueError as exc:
            raise InputError(f"unreadable qualification: {str(exc).splitlines()[0]}", where=str(dossier / QUALIFICATION)) from exc
    decision_text = (dossier / DECISION).read_text(encoding="utf-8") if (dossier / DECISION).is_file() else ""
    original = _view(Side.ORIGINAL, dossier.resolve(), EVIDENCE, original_findings, original_manifest)

    out_dir, lock_fd = _new_recheck_dir(dossier, Path(out) if out is not None else None)
    try:
        write_json(out_dir / RECHECK_LINK_FILE, original.link)
        opts = original_manifest.options
        seeds = _recheck_seeds(original_manifest)
        # every page of the original capture, and the site's home (where a visitor arrives)
        revisit = tuple(dict.fromkeys([*(p.final_url for p in original_manifest.pages if 200 <= p.status < 400), seeds[-1]]))
        budget = max_pages or int(opts.get("max_pages") or 30)
        capture_options: dict[str, Any] = dict(
            max_pages=budget + len(revisit),
            max_depth=int(opts.get("max_depth") or 3),
            browser=browser,
            allow_private=allow_private,
            proxy=proxy,
            case_ref=original_manifest.case_ref,
            chain_from=dossier / EVIDENCE,
            revisit_urls=revisit,
            page_timeout=page_timeout or float(opts.get("page_timeout") or 30.0),
        )
        try:
            if recording is not None:
                from vigipub.capture import CaptureOptions
                from vigipub.capture.importer import import_warc

                _say(progress, Step("importing the recording {file}", file=Path(recording).name))
                manifest = import_warc(
                    Path(recording),
                    out_dir / EVIDENCE,
                    CaptureOptions(case_ref=original_manifest.case_ref, chain_from=dossier / EVIDENCE),
                    seed_url=original_manifest.seed_url,
                )
            else:
                manifest = _capture_for_recheck(seeds, out_dir / EVIDENCE, capture_options, progress, capture_progress)
        except CaptureInputError as exc:
            _say(progress, Step("site unreachable: {error}", error=exc))
            result = compliance.unreachable(original.link, str(exc), _unreachable_kind(exc))
            written, json_path, html_path = compliance.write_outputs(out_dir, result, original, None)
            _seal_recheck(out_dir)
            return RecheckResult(out_dir, written.verdict, json_path, html_path, written)
        _say(progress, Step("analysing {count} captured documents", count=len(manifest.pages)))
        findings = _analyze_capture(out_dir / EVIDENCE, out_dir / FINDINGS, manifest)
        recheck_view = _view(Side.RECHECK, out_dir.resolve(), EVIDENCE, findings, manifest)

        second = None
        extra_reasons = []
        if second_proxy:
            second_options = {**capture_options, "proxy": second_proxy, "chain_from": None}
            try:
                m2 = _capture_for_recheck(
                    seeds, out_dir / RECHECK_SECOND_EXIT, second_options, progress, capture_progress
                )
                f2 = _analyze_capture(out_dir / RECHECK_SECOND_EXIT, out_dir / "findings-second-exit.json", m2)
                second = _view(Side.SECOND_EXIT, out_dir.resolve(), RECHECK_SECOND_EXIT, f2, m2)
            except CaptureInputError as exc:
                extra_reasons.append(str(exc))

        targets = compliance.move_targets(original, recheck_view) if follow_moves else []
        moved: dict[str, Any] = {}
        move_errors: dict[str, str] = {}
        for n, target in enumerate(targets[:MAX_MOVE_CAPTURES], start=1):
            if target.domain == manifest.scope:
                moved[target.domain] = recheck_view  # the recheck itself followed the move
                continue
            name = RECHECK_MOVED.format(n=n)
            _say(progress, Step("capturing {url} (the site seems to have moved there)", url=target.url))
            move_options = {
                **capture_options, "max_pages": MOVE_CAPTURE_PAGES, "revisit_urls": (), "chain_from": None,
            }
            try:
                mm = capture_site_for(target.url, out_dir / name, move_options)
                fm = _analyze_capture(out_dir / name, out_dir / f"findings-moved-{n}.json", mm)
                moved[target.domain] = _view(Side.MOVED, out_dir.resolve(), name, fm, mm)
            except CaptureInputError as exc:
                move_errors[target.domain] = str(exc)

        _say(progress, Step("comparing with the original capture"))
        result = compliance.compare(
            original, recheck_view,
            qualification=qualification, decision_text=decision_text,
            second=second, targets=targets, moved=moved, move_errors=move_errors,
        )
        if extra_reasons:
            from vigipub.evidence.compliance import Reason

            result = result.model_copy(update={"reasons": [*result.reasons, *[
                Reason(code="second_exit_failed", text_fr=f"La capture par la seconde sortie a échoué : {e}") for e in extra_reasons
            ]]})
        written, json_path, html_path = compliance.write_outputs(out_dir, result, original, recheck_view)
        _seal_recheck(out_dir)
        return RecheckResult(out_dir, written.verdict, json_path, html_path, written)
    finally:
        os.close(lock_fd)


def capture_site_for(url: str, evidence: Path, options: dict[str, Any]) -> CaptureManifest:
    from vigipub.capture import CaptureOptions, capture_site

    return capture_site(url, evidence, CaptureOptions(**options))


def _seal_recheck(out_dir: Path) -> Path:
    """Seal every file the recheck derived, with the manifests of its evidence folders."""
    from vigipub.compliance import copied_files
    from vigipub.evidence.compliance import COMPLIANCE_FILE, COMPLIANCE_HTML, RECHECK_LINK_FILE
    from vigipub.evidence.seal import write_seal
    from vigipub.evidence.signing import load_signing_key, sign_file

    names = [RECHECK_LINK_FILE, COMPLIANCE_FILE, COMPLIANCE_HTML]
    names += sorted(p.name for p in out_dir.glob("findings*.json"))
    names += sorted(f"{p.name}/manifest.json" for p in out_dir.iterdir() if p.is_dir() and (p / "manifest.json").is_file())
    names += copied_files(out_dir)
    key = load_signing_key()  # first: an unusable key leaves no unsigned seal behind
    seal = write_seal(out_dir, names)
    sign_file(seal, key)  # signed like every seal (see vigipub.evidence.signing)
    return seal
