"""Findings: exact quotes with offsets, and the verdict on each page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from pydantic import Field

from .core import SCHEMA_VERSION, Frozen, Producer, RecordRef
from .vocabulary import ADVERTORIAL_GENRE, NOT_MEDICINES_ALONE, THERAPY_FAMILIES

FindingKind = Literal[
    "therapy",  # a product or technique (stem cells, dendritic cells, exosomes…)
    "manipulation",  # how it is prepared (cultured, expanded… or only centrifuged)
    "disease",  # the condition targeted, with a canonical code
    "claim",  # therapeutic, efficacy, safety, superiority, universality, guarantee…
    "testimonial",
    "call_to_action",  # price, booking, consultation, contact
    "travel",  # medical tourism logistics
    "france_targeting",  # signs that French patients are targeted
    "reporting_context",  # the page reports, warns, refutes (lowers a promotion verdict)
    "genre",  # page genre cues (news, regulator, trial registry, encyclopaedia…)
    "offer",  # the page offers the therapy: provider's voice, protocol, eligibility (OfferSignal)
]

#: French names of the finding sub-kinds, as the report's evidence tables and the case
#: application's review page show them (a code missing here is shown as it is; a demo test
#: checks that every sub-kind the demo sites produce has a name).
SUBKIND_LABELS_FR: dict[str, str] = {
    # claims
    "cure": "guérison", "treat": "traitement", "prevent": "prévention", "efficacy_figure": "chiffre d’efficacité",
    "safety": "sécurité", "superiority": "supériorité", "universality": "tous les cas",
    "guarantee": "garantie", "innovation": "innovation", "non_invasive": "non invasif",
    # calls to action
    "price": "prix", "package": "forfait", "booking": "réservation", "consultation": "consultation",
    "contact": "contact", "quote_request": "devis", "financing": "financement", "purchase": "achat en ligne",
    # manipulations
    "culture_expansion": "culture, expansion", "differentiation": "différenciation", "activation": "activation",
    "antigen_loading": "chargement en antigènes", "genetic_modification": "modification génétique",
    "immortalisation": "immortalisation", "collection": "prélèvement", "centrifugation": "centrifugation",
    "cell_separation": "séparation cellulaire", "concentration": "concentration", "freezing": "congélation",
    "cryopreservation": "cryoconservation", "washing": "lavage", "filtering": "filtration",
    "purification": "purification", "lyophilisation": "lyophilisation", "enzymatic_digestion": "digestion enzymatique",
    # France
    "french_language": "version en français", "fr_variant": "adresse de la version française",
    "french_phone": "téléphone français", "euro_price": "prix en euros", "french_city": "ville française",
    "french_patient": "patients français", "from_france_logistics": "venue depuis la France",
    "fr_domain": "domaine .fr", "french_speaking_staff": "accompagnement en français",
    "reimbursement_fr": "assurance maladie française",
    # reporting context
    "attribution": "propos rapportés", "journalism": "article de presse", "non_coverage": "non-remboursement",
    "refutation": "réfutation", "regulator": "autorité sanitaire", "unauthorised": "illégalité signalée",
    "warning": "mise en garde",
    # testimonial, travel
    "testimonial": "témoignage", "patient_story": "témoignage", "logistics": "logistique du voyage",
    "first_person": "récit à la première personne", "first_person_outcome": "résultat raconté par un patient",
    "quotation": "propos cités", "about_providers": "article sur des prestataires", "research": "recherche",
    # offers
    "protocol": "protocole", "eligibility": "critères d’éligibilité", "benefits": "bienfaits annoncés",
    "site_name": "nom du site", "provider_voice": "le prestataire parle", "hospital_exemption": "exemption hospitalière invoquée",
    "not_a_medicine": "« pas un médicament » selon le site",
    "cosmetic_status": "« produit cosmétique » selon le site",
    "minimal_manipulation": "« cellules peu manipulées » selon le site",
    "authorised_abroad": "autorisation étrangère invoquée",
    "medical_tourism_only": "simple intermédiaire selon le site",
    "in_house": "fabriqué par le prestataire",
    # genres
    "advertorial": "contenu publicitaire déclaré",
    "job_posting": "offre d'emploi",
}  # fmt: skip


def subkind_name_fr(kind: str, subkind: str, attributes: Mapping[str, str]) -> str:
    """The French name of what a finding names, for reports and the review page: a disease by
    the lexicon's label (« sclérose en plaques », copied into its attributes), a therapy by its
    family's name (« cellules souches mésenchymateuses »), another sub-kind by
    :data:`SUBKIND_LABELS_FR`, else its code in words."""
    if kind == "disease" and attributes.get("label_fr"):
        return str(attributes["label_fr"])
    if kind == "therapy" and subkind in THERAPY_FAMILIES:
        return THERAPY_FAMILIES[subkind][0]
    return SUBKIND_LABELS_FR.get(subkind, subkind.replace("_", " "))

Verdict = Literal["promotion", "not_promotion", "uncertain"]


class Finding(Frozen):
    """One detected fact: ``quote == document.text[start:end]`` (the whole sentence)."""

    id: str
    kind: FindingKind
    subkind: str
    quote: str
    start: int
    end: int
    match: str = ""  # the matched term inside the quote
    language: str | None = None
    confidence: float = 1.0
    url: str
    record_id: str | None = None
    payload_digest: str | None = None
    entry_ids: list[str] = Field(default_factory=list)  # lexicon entries that fired
    attributes: dict[str, str] = Field(default_factory=dict)  # e.g. icd10, mesh, label

    @property
    def names_a_product(self) -> bool:
        """A therapy the site offers: not the cells that made its exosomes (« exosomes issus de
        cellules souches », marked ``source``), which are no product of the site."""
        return self.kind == "therapy" and self.attributes.get("source") != "yes"

    @property
    def names_a_medicine(self) -> bool:
        """A product of a therapy family that may be a medicinal product by itself: not PRP
        (:data:`NOT_MEDICINES_ALONE`), nor the cells that made exosomes."""
        return self.names_a_product and self.subkind in THERAPY_FAMILIES and self.subkind not in NOT_MEDICINES_ALONE


class Contribution(Frozen):
    """What one feature of the verdict model added to a page's score, and why.

    ``weight`` is the feature's share of the log-odds of promotion (positive: towards
    promotion); ``label`` says it in words an inspector reads (French, from the model's data
    file); ``findings`` are the ids of the findings (possibly on other pages of the site) the
    feature counted. A term of the page's text (``feature == "term"``) carries the words as
    written, ``quote == document.text[start:end]``, at their first place in the text.
    """

    feature: str
    label: str
    value: float
    weight: float
    findings: list[str] = Field(default_factory=list)
    quote: str | None = None
    start: int | None = None
    end: int | None = None


class PageAnalysis(Frozen):
    """The verdict on one page and the findings that support it."""

    url: str
    title: str = ""
    language: str | None = None
    source: str = "http"
    verdict: Verdict
    score: float
    genre: str = "unknown"
    reasons: list[str] = Field(default_factory=list)  # why: human-readable, cite finding ids
    drivers: list[str] = Field(default_factory=list)  # ids of the findings that drove the verdict
    findings: list[Finding] = Field(default_factory=list)
    record: RecordRef | None = None
    text_sha256: str | None = None
    warnings: list[str] = Field(default_factory=list)
    #: the verdict model's inputs for this page (feature name -> value), kept so that the
    #: site step can judge the page again with what the rest of its site establishes
    features: dict[str, float] = Field(default_factory=dict)
    #: each feature's share of the score, largest first: what drove the verdict
    contributions: list[Contribution] = Field(default_factory=list)
    #: the verdict on the page alone, when the context of its site changed it
    page_verdict: Verdict | None = None


IdentityField = Literal["name", "address", "registration"]


class IdentityClue(Frozen):
    """One clue of the operator's identity: ``quote == document.text[start:end]`` (the line)."""

    field: IdentityField
    value: str
    quote: str
    start: int
    end: int
    url: str
    record_id: str | None = None
    payload_digest: str | None = None
    #: read in the page's schema.org data (its SEO plug-in's « MedicalClinic »), not in its
    #: visible text: the quote is the line extraction wrote of that data
    structured_data: bool = False


class OperatorIdentity(Frozen):
    """Who runs the site, as the site itself says (legal notice, footer): a proposal to verify.

    A case file's ``company`` always takes precedence; documents mark this identity as read
    from the site and to be verified before a letter is sent.
    """

    name: str | None = None
    address: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, from the address or a registration number
    registrations: list[str] = Field(default_factory=list)  # « RCS Paris 123 456 789 », « CHE-123.456.789 »
    confidence: Literal["high", "medium", "low"] = "low"
    #: whether a clue was read on the page the site names its legal notice (« mentions
    #: légales », Impressum…), whatever else is missing
    legal_notice: bool = False
    clues: list[IdentityClue] = Field(default_factory=list)


class FindingsFile(Frozen):
    """``findings.json``."""

    schema_version: str = SCHEMA_VERSION
    producer: Producer
    pages: list[PageAnalysis] = Field(default_factory=list)
    #: one verdict over all pages of a site (``source="site"``): clinics spread promotion
    #: over several pages (claims on one, prices on another, testimonials on a third)
    site: PageAnalysis | None = None
    #: the operator's identity read from the site's legal notice, when one was found
    operator: OperatorIdentity | None = None


def speaks_of_no_medicine(page: PageAnalysis) -> Callable[[Finding], bool]:
    """Whether a finding's sentence speaks of a product that is no medicine alone (PRP, a hair
    transplant) and of nothing else: its sentence names only such products, or its page does, or
    its page's headings (a PRP page of a clinic that also sells exosomes, whose « 85 % de nos
    patients… » are PRP's; a page « La greffe de cheveux FUE » whose « 98 % de nos patients sont
    satisfaits » are the surgery's)."""
    named: dict[tuple[int, int], set[str]] = {}
    headings: set[str] = set()
    for f in page.findings:
        if f.names_a_product and f.subkind in THERAPY_FAMILIES and f.attributes.get("menu") != "yes":
            named.setdefault((f.start, f.end), set()).add(f.subkind)
            if f.attributes.get("heading") == "yes":
                headings.add(f.subkind)
    products = set().union(*named.values()) if named else set()
    if not products & NOT_MEDICINES_ALONE:
        return lambda _f: False
    # what the page is about: the products its headings name (« La greffe de cheveux FUE »), else
    # all it names; a section's entry in the menu (« Exosomes cheveux ») is not what it speaks of
    about_other = (headings or products) <= NOT_MEDICINES_ALONE

    def other(f: Finding) -> bool:
        families = named.get((f.start, f.end))
        if families is None:
            return about_other  # a sentence naming nothing speaks of what the page is about
        return families <= NOT_MEDICINES_ALONE

    return other


def declared_paid_content(promoting: Iterable[PageAnalysis]) -> bool:
    """A promoting page is declared paid content by its publisher (an advertorial in a newspaper,
    a release on a paid press-release wire).

    It is the advertiser's message: the site's operator, the publisher its legal notice names, is
    not the company a draft targets, so the draft leaves the company's field for the inspector to
    fill with the advertiser.
    """
    return any(f.kind == "genre" and f.subkind == ADVERTORIAL_GENRE for p in promoting for f in p.findings)
