"""The inspector's report (``report.html``): one screen that says what was found, then the proof.

The first screen answers the inspector's questions in French: the verdict and why, in one
sentence; who runs the site (to be verified); the three strongest French claims, each with the
screenshot of its page, the capture time and a link to the *archived* record (never the live
site); what still blocks a decision. The evidence follows, grouped by nature and de-duplicated
(one row per sentence, with the number of pages it was read on), then the legal analysis, the
registers and the pages, each page saying why it was or was not judged promotional. Record ids,
digests and the detector's internals are kept for the technical annex at the end.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from vigipub import __version__
from vigipub.evidence import (
    AuthorisationAnswer,
    CaptureManifest,
    Finding,
    FindingsFile,
    PageAnalysis,
    Qualification,
    RecordRef,
    utc_now,
)
from vigipub.evidence.findings import SUBKIND_LABELS_FR, declared_paid_content, subkind_name_fr
from vigipub.evidence.french import PLACEHOLDER_OPEN, compare_key, unwrap_quote, with_article
from vigipub.evidence.french import join as french_join
from vigipub.evidence.french import long_date as fr_date
from vigipub.evidence.vocabulary import (
    INCITATION_SUBKINDS,
    NOT_MEDICINES_ALONE,
    SITE_STATEMENT_OFFERS,
    THERAPY_ARTICLES_FR,
    THERAPY_FAMILIES,
    family_article,
    invites_to_treatment,
)

from .context import authorised_product

_TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

KIND_ORDER = ["claim", "testimonial", "call_to_action", "therapy", "manipulation", "disease", "travel",
              "france_targeting", "offer", "reporting_context"]  # fmt: skip
#: distinct sentences shown per kind of evidence (the rest is counted)
ROWS_PER_KIND = 12

#: French labels of the report (the inspector's working language); the keys are the model's ids.
LABELS_FR: dict[str, dict[str, str]] = {
    "verdict_fr": {"promotion": "promotion", "uncertain": "incertain", "not_promotion": "pas de promotion",
                   "incitation": "incitation"},
    "conclusion_fr": {"violation": "manquement", "no_violation": "pas de manquement",
                      "undetermined": "indéterminée"},
    "outcome_fr": {"yes": "oui", "no": "non", "not_applicable": "sans objet", "undetermined": "à établir"},
    "status_fr": {"authorised": "autorisé", "authorised_other_indication": "autorisé pour une autre indication",
                  "withdrawn": "autorisation retirée", "not_authorised": "non autorisé", "uncertain": "à vérifier"},
    "measure_fr": {"suspension_of_advertising": "suspension de la publicité",
                   "suspension_of_all_activities": "suspension de toutes les activités", "none": "aucune"},
    "kind_fr": {"claim": "allégations", "testimonial": "témoignages", "therapy": "produits et techniques",
                "manipulation": "préparation du produit", "disease": "maladies visées",
                "call_to_action": "incitations (prix, réservation, consultation)", "travel": "tourisme médical",
                "france_targeting": "ciblage du public français",
                "offer": "ce que le site dit de son exploitant et du produit (arguments à anticiper)",
                "reporting_context": "indices d’un article ou d’une mise en garde"},
    "subkind_fr": SUBKIND_LABELS_FR,
    "therapy_fr": {family: names[0] for family, names in THERAPY_FAMILIES.items()},
    # the technical annex: why the crawler left a URL out (SkipReason), what each file is
    "skip_fr": {"robots": "interdit par robots.txt", "ssrf": "adresse interne refusée",
                "off_site": "hors du site capturé", "max_pages": "limite de pages atteinte",
                "max_depth": "profondeur maximale atteinte", "not_a_page": "fichier qui n’est pas une page",
                "scheme": "lien qui n’est pas http(s)", "credentials": "adresse avec identifiants",
                "invalid_url": "adresse invalide", "dns": "nom de domaine introuvable",
                "connect_error": "connexion impossible", "timeout": "délai dépassé", "tls_error": "erreur TLS",
                "too_large": "taille maximale dépassée", "disconnected": "connexion coupée par le serveur",
                "redirect_loop": "boucle de redirections", "duplicate": "doublon d’une page capturée",
                "browser_channel": "canal du navigateur refusé (WebSocket, WebRTC)",
                "browser_egress": "connexion du navigateur hors du chemin enregistré",
                "http_error": "erreur HTTP", "not_a_sitemap": "plan de site invalide",
                "sitemap_limit": "limite des plans de site atteinte", "error": "erreur"},
    "artefact_fr": {"warc": "archive WARC", "screenshot": "capture d’écran", "rendered_dom": "page rendue (DOM)",
                    "document": "document", "log": "journal", "timestamp": "horodatage",
                    "certificate": "certificat", "other": "autre"},
    # which version of a page was read (vigipub.evidence.document.DocumentSource)
    "source_fr": {"http": "réponse HTTP", "rendered": "rendue par le navigateur", "pdf": "PDF", "file": "fichier",
                  "text": "texte"},
    "genre_fr": {"clinic": "site de clinique", "broker": "intermédiaire de tourisme médical",
                 "news": "site de presse", "regulator": "site d’autorité sanitaire",
                 "science": "publication scientifique", "clinical_trial": "registre d’essais cliniques",
                 "encyclopedia": "encyclopédie", "authorised_medicine_info": "information sur un médicament autorisé",
                 "patient_association": "association de patients", "veterinary": "site vétérinaire",
                 "food_supplement": "complément alimentaire", "advertorial": "contenu publicitaire déclaré (publireportage, communiqué diffusé contre paiement)",
                 "job_posting": "offre d'emploi",
                 "cosmetic": "produit cosmétique", "unknown": "genre indéterminé"},
}  # fmt: skip

INCITATIONS = INCITATION_SUBKINDS  # a booking page of a promoting site is an incitation
PROMOTIONAL = ("claim", "testimonial", "call_to_action", "travel")
#: the claims an inspector reads first
CLAIM_RANK = ("cure", "efficacy_figure", "safety", "superiority", "universality", "treat", "prevent", "guarantee")


def _site_verdict(pages: list[PageAnalysis]) -> str:
    verdicts = {p.verdict for p in pages}
    if "promotion" in verdicts:
        return "promotion"
    return "uncertain" if "uncertain" in verdicts else "not_promotion"


_norm = compare_key


@dataclass
class Archived:
    """Where a page lives in the evidence: its screenshot and its WARC record (never the site)."""

    screenshot: str | None = None  # relative link from report.html
    captured_at: str = ""  # « 5 novembre 2024 à 14 h 02 UTC »
    record: str = ""  # « capture.warc.gz, octet 12 345 »
    record_id: str = ""
    digest: str = ""


@dataclass
class EvidenceRow:
    quote: str
    subkinds: list[str]
    url: str
    pages: int
    archived: Archived
    extra: str = ""  # a disease label, a therapy family…
    ids: list[str] = field(default_factory=list)
    #: the French names of ``subkinds`` (« sclérose en plaques », « prix »), as the tables show them
    names: list[str] = field(default_factory=list)
    #: every finding of the row was inferred from a description (a mechanism or administration
    #: sentence beside the therapy): evidence to read, which the verdict does not weigh and the
    #: decision never quotes
    inferred: bool = True
    #: a short line without a sentence's end repeated on several pages: the site's menu or footer
    #: (« Accueil Témoignages Tarifs »), which names a section, not evidence of its own
    template: bool = False


#: a line on at least this many pages, short and without a sentence's end, is the site's menu
TEMPLATE_MIN_PAGES = 3
TEMPLATE_MAX_WORDS = 8


def _shown(quote: str) -> str:
    """A quote as the report shows it between « »: one line, without the quotation marks or the
    title separator around it (« « Notre fille dort… », « GMP Laboratuvarımız | »)."""
    text = " ".join(quote.split())
    return unwrap_quote(text) or text


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{fr_date(value.date())} à {value:%H} h {value:%M} UTC"


def _archives(manifest: CaptureManifest | None, pages: list[PageAnalysis]) -> dict[str, Archived]:
    out: dict[str, Archived] = {}
    shots: dict[str, str] = {}
    if manifest is not None:
        for captured in manifest.pages:
            if captured.screenshot:
                shots[captured.url] = shots[captured.final_url] = "evidence/" + captured.screenshot
    for page in pages:
        ref: RecordRef | None = page.record
        out[page.url] = Archived(
            screenshot=shots.get(page.url),
            captured_at=_when(ref.captured_at) if ref else "",
            record=f"{Path(ref.warc_file).name}, octet {ref.offset:,}".replace(",", "\u202f").replace("\u202f", ",", 1)
            if ref
            else "",
            record_id=ref.record_id if ref else "",
            digest=ref.payload_digest if ref else (page.text_sha256 or ""),
        )
    return out


def _incitation_pages(pages: list[PageAnalysis]) -> set[str]:
    """Pages judged not promotional alone that invite patients to book or buy, on a site that
    promotes: in the context of the site they are incitations (CSP L. 5122-1)."""
    if not any(p.verdict == "promotion" for p in pages):
        return set()
    return {
        p.url
        for p in pages
        if p.verdict == "not_promotion"
        and invites_to_treatment([(f.subkind, f.quote) for f in p.findings if f.kind == "call_to_action"])
    }


_COUNTED = (("claim", "allégation(s)"), ("testimonial", "témoignage(s)"), ("call_to_action", "incitation(s)"))


def _why_page(page: PageAnalysis, incitation: bool) -> str:
    """Why a page got its verdict, in French, from its findings (never the detector's internals)."""
    kinds: dict[str, int] = defaultdict(int)
    for f in page.findings:
        kinds[f.kind] += 1
    genre = LABELS_FR["genre_fr"].get(page.genre, page.genre)
    subkind = LABELS_FR["subkind_fr"]
    if incitation:
        calls = sorted({subkind.get(f.subkind, f.subkind) for f in page.findings if f.subkind in INCITATIONS})
        return f"invite à {', '.join(calls)} sur un site qui fait la promotion du produit : une incitation"
    if page.verdict == "not_promotion":
        cues = sorted({subkind.get(f.subkind, f.subkind) for f in page.findings if f.kind == "reporting_context"})
        parts = [genre] if page.genre != "unknown" else []
        if cues:
            parts.append("indices d’article ou de mise en garde : " + ", ".join(cues))
        found = [f"{kinds[k]} {label}" for k, label in _COUNTED if kinds[k]]
        if not found:
            parts.append("ni allégation, ni témoignage, ni incitation")
        elif cues:
            parts.append("les allégations relevées y sont rapportées, non reprises à son compte")
        else:
            parts.append("éléments isolés (" + ", ".join(found) + "), insuffisants seuls à faire une publicité")
        return " ; ".join(parts)
    counts = [f"{kinds[k]} {label}" for k, label in _COUNTED if kinds[k]]
    head = "éléments promotionnels : " + ", ".join(counts) if counts else "éléments promotionnels"
    if page.verdict == "uncertain":
        head = "éléments promotionnels isolés ou faibles : " + (", ".join(counts) or "—")
    return head + (f" ; {genre}" if page.genre != "unknown" else "")


#: rows of a page's "what weighed" table, per direction
WEIGHED_ROWS = 3
#: characters of a quote shown in that table
WEIGHED_QUOTE_CHARS = 140


def _weighed(page: PageAnalysis, quotes: dict[str, str]) -> list[dict[str, str]]:
    """What weighed most for and against a page's verdict: the detector's own contributions
    (a feature with the first sentence it counted, or a term of the text as written), at most
    ``WEIGHED_ROWS`` each way, largest first. ``quotes`` maps finding ids to their sentences
    (those of the whole site: a page may be judged with its site's therapy)."""
    if page.verdict == "not_promotion":
        return []
    rows = []
    for sign in (1, -1):
        chosen = [c for c in page.contributions if c.weight * sign > 0 and c.feature != "terms_other"]
        for c in sorted(chosen, key=lambda c: -abs(c.weight))[:WEIGHED_ROWS]:
            quote = c.quote if c.quote is not None else next((quotes[i] for i in c.findings if i in quotes), "")
            quote = " ".join(quote.split())
            if len(quote) > WEIGHED_QUOTE_CHARS:
                quote = quote[: WEIGHED_QUOTE_CHARS - 1].rstrip() + "…"
            rows.append(
                {
                    "label": c.label,
                    "weight": ("+" if c.weight > 0 else "−") + f"{abs(c.weight):.2f}".replace(".", ","),
                    "quote": quote if c.feature != "term" else "",
                    "direction": "pour" if c.weight > 0 else "contre",
                }
            )
    return rows


def _rows(findings: list[tuple[PageAnalysis, Finding]], archives: dict[str, Archived]) -> tuple[list[EvidenceRow], int]:
    """One row per sentence (same words on several pages, in the raw and the rendered page:
    once), the strongest first; and how many distinct sentences were left out."""
    by_text: dict[str, EvidenceRow] = {}
    urls: dict[str, set[str]] = defaultdict(set)
    for page, f in findings:
        key = _norm(f.quote)
        if not key:
            continue
        urls[key].add(page.url)
        row = by_text.get(key)
        label = f.attributes.get("label_fr") or THERAPY_FAMILIES.get(f.attributes.get("family", ""), ("",))[0]
        if row is None:
            by_text[key] = EvidenceRow(
                quote=_shown(f.quote),
                subkinds=[f.subkind],
                names=[subkind_name_fr(f.kind, f.subkind, f.attributes)],
                url=page.url,
                pages=0,
                archived=archives.get(page.url, Archived()),
                extra=label,
                ids=[f.id],
                inferred=f.attributes.get("inferred") == "yes",
            )
        else:
            if f.subkind not in row.subkinds:
                row.subkinds.append(f.subkind)
                row.names.append(subkind_name_fr(f.kind, f.subkind, f.attributes))
            row.ids.append(f.id)
            row.inferred = row.inferred and f.attributes.get("inferred") == "yes"
    rows = list(by_text.values())
    for key, row in by_text.items():
        row.pages = len(urls[key])
        row.template = (
            row.pages >= TEMPLATE_MIN_PAGES
            and len(row.quote.split()) <= TEMPLATE_MAX_WORDS
            and row.quote.rstrip()[-1:] not in ".!?…»”\""
        )
    rows.sort(key=lambda r: (r.template, r.inferred, -len(r.subkinds), -r.pages, len(r.quote) > 400))
    return rows[:ROWS_PER_KIND], max(0, len(rows) - ROWS_PER_KIND)


def _strongest_claims(
    qualification: Qualification | None, pages: list[PageAnalysis], archives: dict[str, Archived], limit: int = 3
) -> list[EvidenceRow]:
    """The three strongest claims: those the decision quotes first as benefit/risk allegations, then
    the presentation test's (French, declarative, strongest kind first: the qualification's
    choice), each with its page and archived record."""
    by_quote: dict[str, tuple[PageAnalysis, Finding]] = {}
    for page in pages:
        if page.verdict == "not_promotion":
            continue
        for f in page.findings:
            if f.kind == "claim" and f.attributes.get("menu") != "yes":
                by_quote.setdefault(_norm(f.quote), (page, f))
    ordered: list[str] = []
    if qualification is not None:
        # the decision's own list first: the benefit/risk Considérant quotes the strongest
        # efficacy, safety, superiority and cure claims, French first; then the presentation test's
        c15 = next((c for c in qualification.considerants if c.id.startswith("C15_")), None)
        quoted = re.findall(r"«\s*(.*?)\s*»", c15.text_fr) if c15 else []
        t1 = next((t for t in qualification.tests if t.id.startswith("T1")), None)
        ordered = [q for q in [*quoted, *(t1.quotes if t1 else [])] if _norm(q) in by_quote]
    # then the other claims, French first and strongest kind first (safety and superiority are no
    # presentation claims, but the decision quotes them)
    rank = {k: n for n, k in enumerate(CLAIM_RANK)}
    rest = sorted(
        by_quote,
        key=lambda k: (
            (by_quote[k][1].language or by_quote[k][0].language) != "fr",
            by_quote[k][0].verdict != "promotion",
            rank.get(by_quote[k][1].subkind, len(rank)),
        ),
    )
    ordered = ordered + [k for k in rest if k not in {_norm(q) for q in ordered}]
    out = []
    for quote in dict.fromkeys(_norm(q) for q in ordered):
        page, f = by_quote[quote]
        out.append(
            EvidenceRow(
                quote=_shown(f.quote),
                subkinds=[f.subkind],
                names=[subkind_name_fr(f.kind, f.subkind, f.attributes)],
                url=page.url,
                pages=1,
                archived=archives.get(page.url, Archived()),
                ids=[f.id],
            )
        )
        if len(out) == limit:
            break
    return out


def _blocking(qualification: Qualification | None, findings: FindingsFile, decision_html: str | None) -> list[str]:
    """What still stands between the facts and a signed decision, in French."""
    if qualification is None or qualification.conclusion == "no_violation":
        return []  # nothing is proposed: no irrelevant question
    out: list[str] = []
    if qualification.conclusion == "undetermined":
        out.extend(qualification.questions[:6])
    operator = findings.operator
    paid = [p.url for p in findings.pages if p.verdict == "promotion" and declared_paid_content([p])]
    if paid:
        # an advertorial: the company to write to is the advertiser, whom the site's legal
        # notice does not name (the draft leaves the company's field to fill)
        out.append(
            "Identifier l’annonceur : la page "
            + paid[0]
            + " est un contenu publicitaire déclaré (publireportage, ou communiqué diffusé contre paiement) ;"
            + " l’éditeur du site n’est pas la société visée."
        )
    elif operator is None or not operator.name:
        out.append("Identifier l’éditeur du site (aucune mention légale lisible) avant d’adresser un courrier.")
    else:
        out.append(f"Vérifier l’identité de l’éditeur relevée sur le site ({operator.name}) avant tout courrier.")
    out.append(
        "Adresser le courrier d’intention et recueillir les observations de la société (CRPA, art. L. 121-1 et "
        "L. 122-1) : un dossier de cas (case.yaml) donne ensuite la décision (vigipub draft)."
    )
    if decision_html and PLACEHOLDER_OPEN in decision_html:
        out.append("Compléter les champs surlignés du projet de décision.")
    return out


def _verdict_sentence(
    qualification: Qualification | None, site: str, verdict: str, pages: list[PageAnalysis], therapies: list[str]
) -> str:
    """Verdict and why, in one French sentence."""
    if qualification is not None and qualification.conclusion == "violation" and qualification.product:
        # the product the decision names: « les exosomes » (derived from mesenchymal cells), not
        # every family the site names; never a blood preparation named beside it (PRP)
        therapies = [with_article(qualification.product, family_article(qualification.product))]
    what = french_join(therapies) if therapies else "un produit de santé"
    several = len(therapies) > 1 or (therapies and therapies[0].startswith("les "))
    if qualification is not None and qualification.conclusion == "violation":
        t0 = next((t for t in qualification.tests if t.id.startswith("T0")), None)
        audience = " au public français" if t0 is not None and t0.outcome == "yes" else ""
        articles = sorted(
            {
                b.article
                for t in qualification.tests
                if t.id.startswith("T8") and t.outcome == "yes"
                for b in t.basis
                if b.code == "CSP"
            }
        )
        measure = LABELS_FR["measure_fr"].get(qualification.measure.kind, "") if qualification.measure else ""
        if authorised_product(qualification):
            # an authorised medicine advertised to the public (L. 5122-6): never « dépourvu de
            # toute autorisation »
            status = "médicaments autorisés mais soumis à prescription" if several else "médicament autorisé mais soumis à prescription"
        else:
            status = ("médicaments dépourvus" if several else "médicament dépourvu") + " de toute autorisation"
        return (
            f"Le site {site} présente{audience} {what}, {status}, comme "
            + ("des traitements efficaces et sûrs" if several else "un traitement efficace et sûr")
            + f" : publicité illicite (CSP, art. {', '.join(articles)})"
            + (f" ; mesure proposée : {measure}." if measure else ".")
        )
    if verdict == "not_promotion":
        genres = sorted({LABELS_FR["genre_fr"].get(p.genre, p.genre) for p in pages if p.genre != "unknown"})
        cues = sorted(
            {LABELS_FR["subkind_fr"].get(f.subkind, f.subkind) for p in pages for f in p.findings if f.kind == "reporting_context"}
        )
        why = []
        if genres:
            why.append(", ".join(genres))
        if cues:
            why.append("qui rapporte ou met en garde (" + ", ".join(cues) + ")")
        if not any(f.kind in PROMOTIONAL for p in pages for f in p.findings):
            why.append("sans allégation, témoignage ni incitation")
        return f"Le site {site} ne fait pas la promotion d’un médicament : " + (", ".join(why) or "aucun élément promotionnel") + "."
    if qualification is not None and qualification.conclusion == "no_violation":
        return f"Le site {site} contient des éléments promotionnels, mais la qualification ne retient pas de manquement."
    n = len(qualification.questions) if qualification is not None else 0
    return (
        f"Le site {site} présente {what} de façon promotionnelle ; la qualification reste à compléter "
        f"({n} point{'s' if n > 1 else ''} à établir, ci-dessous)."
    )


def render_report(
    *,
    manifest: CaptureManifest | None,
    findings: FindingsFile,
    authorisations: list[AuthorisationAnswer],
    qualification: Qualification | None,
    decision_sha256: str | None = None,
    decision_html: str | None = None,
) -> str:
    """Render ``report.html`` as a self-contained HTML string (links point into the dossier)."""
    pages = findings.pages
    archives = _archives(manifest, pages)
    incitation = _incitation_pages(pages)
    by_kind: dict[str, list[tuple[PageAnalysis, Finding]]] = defaultdict(list)
    for page in pages:
        if page.verdict == "not_promotion" and page.url not in incitation:
            continue
        # a page's stories stand for themselves: its title or a section's (« Témoignages –
        # Clinique X », « Ils ont choisi la clinique ») only labels them
        stories = any(
            f.kind == "testimonial" and "yes" not in (f.attributes.get("heading"), f.attributes.get("third_person"))
            for f in page.findings
        )
        for finding in page.findings:
            if page.url in incitation and finding.kind != "call_to_action":
                continue
            if finding.attributes.get("menu") == "yes" or (
                finding.kind == "testimonial"
                and (
                    len(finding.quote.split()) <= 2
                    or (stories and finding.attributes.get("heading") == "yes")
                    or finding.attributes.get("third_person") == "yes"  # the provider on its patients
                )
            ):
                continue  # the site's menu, a label « Témoignages »: in findings.json, not a quote to read
            by_kind[finding.kind].append((page, finding))
    # what the site says of its provider (a foreign licence, « simple intermédiaire », « pas un
    # médicament », its own manufacture), on any page, its legal notice included: the arguments
    # the company will make, which the draft answers
    by_kind["offer"] = [
        (p, f) for p in pages for f in p.findings if f.kind == "offer" and f.subkind in SITE_STATEMENT_OFFERS
    ]
    sections = []
    for kind in KIND_ORDER:
        if by_kind.get(kind):
            rows, more = _rows(by_kind[kind], archives)
            sections.append((kind, rows, more))
    site_verdict = findings.site.verdict if findings.site is not None else _site_verdict(pages)
    families = sorted(
        {
            f.attributes.get("family", "")
            for p in pages
            if p.verdict != "not_promotion"
            for f in p.findings
            if f.names_a_product
        }
        - {""}
    )
    therapies = [
        with_article(THERAPY_FAMILIES[f][0], THERAPY_ARTICLES_FR[f])
        for f in families
        if f in THERAPY_FAMILIES
        and f not in NOT_MEDICINES_ALONE
        and (f != "cell_therapy_other" or len(families) == 1)
    ][:3]
    site = manifest.seed_url if manifest else (findings.site.url if findings.site else "")
    # one row per address: the page as served and as the browser drew it are one page
    strength = {"promotion": 0, "uncertain": 1, "not_promotion": 2}
    by_url: dict[str, PageAnalysis] = {}
    for p in pages:
        if p.url not in by_url or strength[p.verdict] < strength[by_url[p.url].verdict]:
            by_url[p.url] = p
    quotes = {f.id: f.quote for p in pages for f in p.findings}
    page_rows = [
        {
            "page": p,
            "verdict": "incitation" if p.url in incitation and p.verdict == "not_promotion" else p.verdict,
            "why": _why_page(p, p.url in incitation and p.verdict == "not_promotion"),
            "score": p.reasons[0] if p.reasons and p.verdict != "not_promotion" else "",
            "weighed": _weighed(p, quotes),
            "archived": archives.get(p.url, Archived()),
            "genre": LABELS_FR["genre_fr"].get(p.genre, p.genre),
        }
        for p in by_url.values()
    ]
    records = [{"page": p, "archived": archives.get(p.url, Archived())} for p in pages]
    template = _env.get_template("report.html.j2")
    return template.render(
        **LABELS_FR,
        version=__version__,
        generated_at=_when(utc_now()),
        manifest=manifest,
        started=_when(manifest.started_at) if manifest else "",
        site=site,
        findings=findings,
        pages=page_rows,
        records=records,
        site_verdict=site_verdict,
        sentence=_verdict_sentence(qualification, site or "analysé", site_verdict, pages, therapies),
        strongest=_strongest_claims(qualification, pages, archives),
        blocking=_blocking(qualification, findings, decision_html),
        sections=sections,
        authorisations=authorisations,
        qualification=qualification,
        legal=_legal_rows(qualification),
        decision_sha256=decision_sha256,
        counts={
            "pages": len(pages),
            "promotion": sum(p.verdict == "promotion" for p in pages),
            "uncertain": sum(p.verdict == "uncertain" for p in pages),
            "claims": sum(len(rows) + more for kind, rows, more in sections if kind in ("claim", "testimonial")),
        },
    )


def _legal_rows(qualification: Qualification | None) -> list[dict[str, Any]]:
    """The legal analysis in French, one row per question (no test ids, no quotes repeated)."""
    if qualification is None:
        return []
    order = {"yes": 0, "undetermined": 1, "no": 2, "not_applicable": 3}
    rows = []
    for t in sorted(qualification.tests, key=lambda t: (_test_number(t.id), order[t.outcome])):
        if t.outcome == "not_applicable":
            continue
        if qualification.conclusion == "no_violation" and t.outcome == "undetermined":
            continue  # nothing is proposed: the questions that would lead to a measure do not arise
        rows.append(
            {
                "question": t.question,
                "outcome": t.outcome,
                "basis": "; ".join(
                    f"{b.code} {'art. ' if b.article[:1].isdigit() else ''}{b.article}" for b in t.basis[:4]
                ),
                "evidence": len(t.evidence),
                "rule": t.id,
            }
        )
    return rows


def _test_number(test_id: str) -> tuple[int, str]:
    head = test_id.split(".")[0].lstrip("T")
    return (int(head) if head.isdigit() else 99, test_id)


def render_no_decision(qualification: Qualification, *, site_url: str) -> str:
    """``decision.html`` when the qualification finds no violation: say so, and why, in French.

    A suspension draft with empty Considérants would invite a signature on nothing; the
    inspector gets instead the tests that failed or stayed open.
    """
    template = _env.get_template("no_decision.html.j2")
    return template.render(qualification=qualification, site_url=site_url, version=__version__,
                           date_fr=fr_date(qualification.date_of_facts))
