"""Controlled vocabulary shared by detection, registers and qualification.

Detection emits these ids in ``Finding.subkind`` / ``Finding.attributes``; the registers
stage looks therapy families up; the qualification engine reasons on them. Extend here,
never with free strings elsewhere. The French names the documents give the therapy families
are data a lawyer edits (``therapy_names_fr.yaml``).
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Final

#: therapy family id -> (English label, ATMP candidate?); the French names are data (below)
_FAMILIES: Final[dict[str, tuple[str, bool]]] = {
    "dendritic_cells": ("dendritic cell therapy", True),
    "stem_cells": ("stem cell therapy", True),
    "mesenchymal_stem_cells": ("mesenchymal stem cells", True),
    "umbilical_cord_cells": ("umbilical cord cells", True),
    "bone_marrow_cells": ("bone marrow cells", True),
    "adipose_cells": ("adipose-derived cells (SVF)", True),
    "placental_cells": ("placental cells", True),
    "embryonic_stem_cells": ("embryonic stem cells", True),
    # « cure de cellules fraîches », „Frischzellentherapie“ (Niehans): cells of sheep foetuses
    "xenogeneic_cells": ("fresh (animal) cell therapy", True),
    "exosomes": ("exosomes", False),
    "secretome": ("secretome", False),
    "nk_cells": ("NK cells", True),
    "cik_cells": ("CIK cells", True),
    "til": ("tumour-infiltrating lymphocytes", True),
    "car_t": ("CAR-T cells", True),
    "gene_therapy": ("gene therapy", True),
    "prp": ("platelet-rich plasma", False),
    # a hair transplant, a facelift: a surgeon's act, no product (named so that its prices and
    # results are never taken for the site's medicine's)
    "surgery": ("hair transplant or cosmetic surgery", False),
    "cell_therapy_other": ("cell therapy", True),
    # « vaccin contre le cancer » named without its make: dendritic cells (a clinic's usual
    # offer), tumour cells, peptides or messenger RNA; an advanced therapy only for the first,
    # the second and the last, so a candidate until the page says which
    "cancer_vaccine": ("therapeutic cancer vaccine", True),
}

#: the French names of the families, lawyer-editable (therapy_names_fr.yaml)
NAMES_FR_FILE: Final[Path] = Path(__file__).with_name("therapy_names_fr.yaml")


def load_therapy_names_fr(path: Path = NAMES_FR_FILE) -> tuple[dict[str, dict[str, str]], str]:
    """(family id -> {label, article, material?}, the combined name's template) from ``path``;
    raises :class:`~vigipub.evidence.errors.InputError` saying what is wrong and where."""
    import yaml

    from .errors import InputError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"the therapies' French names cannot be read: {exc}", where=str(path)) from exc
    families = data.get("families") if isinstance(data, dict) else None
    combined = data.get("combined") if isinstance(data, dict) else None
    if not isinstance(families, dict) or not isinstance(combined, str):
        raise InputError("expected a mapping with `families` and a `combined` template", where=str(path))
    if set(families) != set(_FAMILIES):
        missing, unknown = sorted(set(_FAMILIES) - set(families)), sorted(set(families) - set(_FAMILIES))
        raise InputError(f"families missing {missing} or unknown {unknown}", where=str(path))
    out: dict[str, dict[str, str]] = {}
    for family, names in families.items():
        if not isinstance(names, dict) or not all(isinstance(names.get(k), str) and names[k].strip() for k in ("label", "article")):
            raise InputError(f"{family}: needs a `label` and an `article`", where=str(path))
        out[family] = {k: " ".join(str(v).split()) for k, v in names.items() if k in ("label", "article", "material")}
    if set(re.findall(r"{(\w+)}", combined)) != {"cells", "vesicles"}:
        raise InputError("`combined` must name {cells} and {vesicles}", where=str(path))
    return out, " ".join(combined.split())


_NAMES_FR, _COMBINED_FR = load_therapy_names_fr()

#: therapy family id -> (French label used in documents, English label, ATMP candidate?)
THERAPY_FAMILIES: Final[dict[str, tuple[str, str, bool]]] = {
    family: (_NAMES_FR[family]["label"], english, atmp) for family, (english, atmp) in _FAMILIES.items()
}

#: the definite article of each family's French label (« la thérapie…», « les exosomes »), so that
#: a document never guesses the gender of a product named by its family
THERAPY_ARTICLES_FR: Final[dict[str, str]] = {family: names["article"] for family, names in _NAMES_FR.items()}

#: what a cell family's product is made of, for a product named with the vesicles its site also
#: sells (« la thérapie par cellules souches et exosomes », as ANSM named Linden Clinics' offer)
THERAPY_MATERIALS_FR: Final[dict[str, str]] = {
    family: names["material"] for family, names in _NAMES_FR.items() if "material" in names
}
#: families whose product holds no cells but comes from cells
VESICLE_FAMILIES: Final[frozenset[str]] = frozenset({"exosomes", "secretome"})
#: the name of a cell product offered together with a vesicle product
COMBINED_THERAPY_FR: Final[str] = _COMBINED_FR


#: families that are no medicinal product by themselves: platelet-rich plasma is a blood
#: preparation, a hair transplant or a facelift a surgeon's act (they never make a page
#: promotion, nor a product a statement calls unauthorised; their prices and results are not the
#: site's medicine's)
NOT_MEDICINES_ALONE: Final[frozenset[str]] = frozenset({"prp", "surgery"})
#: families named by umbrella words (« médecine régénérative », "cell therapy" in general): too
#: broad to decide alone when a specific family is named too (the product, its cells, the registers)
GENERIC_FAMILIES: Final[frozenset[str]] = frozenset({"cell_therapy_other", "cancer_vaccine"})


def family_article(label: str) -> str | None:
    """The article of a product named by a family's French label (« les » for « exosomes »)."""
    for family, (label_fr, _en, _atmp) in THERAPY_FAMILIES.items():
        if label_fr == label.strip():
            return THERAPY_ARTICLES_FR[family]
    return None


#: claim subkinds (Finding.kind == "claim")
CLAIM_SUBKINDS: Final[frozenset[str]] = frozenset({
    "cure",  # cure, remission, healing
    "treat",  # treats / improves a disease
    "prevent",
    "efficacy_figure",  # "65 %", "9 out of 10"
    "safety",  # "no side effects", "natural", "safe"
    "superiority",  # better than / avoid chemotherapy / replaces standard care
    "universality",  # all types of cancer
    "guarantee",
    "innovation",  # innovative / revolutionary / breakthrough
    "non_invasive",
})

#: manipulation subkinds (Finding.kind == "manipulation"); attribute "substantial" = yes|no|to_assess
SUBSTANTIAL_MANIPULATIONS: Final[frozenset[str]] = frozenset({
    "culture_expansion", "differentiation", "activation", "antigen_loading",
    "genetic_modification", "immortalisation",
})
#: manipulations neither listed in Annex I of Reg. 1394/2007 nor a recognised marker of a
#: substantial one: the qualification asks the inspector (enzymatic digestion of fat that
#: releases the stromal vascular fraction is the common case; QUALIFICATION.md T3 marks it « ? »)
MANIPULATIONS_TO_ASSESS: Final[frozenset[str]] = frozenset({"enzymatic_digestion"})
NON_SUBSTANTIAL_MANIPULATIONS: Final[frozenset[str]] = frozenset({
    "cutting", "grinding", "shaping", "centrifugation", "antibiotic_soak", "sterilisation",
    "irradiation", "cell_separation", "concentration", "purification", "filtering",
    "lyophilisation", "freezing", "cryopreservation", "vitrification", "collection", "washing",
})

#: france_targeting subkinds
FRANCE_SIGNALS: Final[frozenset[str]] = frozenset({
    "french_language", "fr_variant", "french_phone", "euro_price", "french_city",
    "french_patient", "from_france_logistics", "fr_domain", "french_speaking_staff",
    "reimbursement_fr",
})

#: page genres (Finding.kind == "genre", PageAnalysis.genre)
#: a cosmetic's page (« produit cosmétique », an INCI list, plants' stem cells or exosomes): its
#: claims are about the skin, and its site never raises it to the promotion of a therapy
COSMETIC_GENRE: Final = "cosmetic"
#: a food supplement's page (« complément alimentaire ») that speaks of the body's own stem cells
#: it « releases »: the capsules hold no cell (detect.detector._drop_stem_cells_of_no_product)
SUPPLEMENT_GENRE: Final = "food_supplement"
#: paid content, as its publisher declares it in the page's title or address (an advertorial,
#: a sponsored article), or a release on a paid press-release wire: told by the detector, never
#: by a lexicon entry
ADVERTORIAL_GENRE: Final = "advertorial"
#: a job advertisement (a careers page, « Stellenangebot », « offre d'emploi »), as its address
#: or title declares it: it addresses candidates, not patients; told by the detector only
JOB_POSTING_GENRE: Final = "job_posting"
GENRES: Final[frozenset[str]] = frozenset({
    "clinic", "broker", "news", "regulator", "science", "clinical_trial", "encyclopedia",
    "authorised_medicine_info", "patient_association", "veterinary", "cosmetic", "food_supplement",
    ADVERTORIAL_GENRE, JOB_POSTING_GENRE, "unknown",
})

#: call_to_action subkinds
CALL_TO_ACTION_SUBKINDS: Final[frozenset[str]] = frozenset({
    "price", "package", "booking", "consultation", "contact", "quote_request", "financing", "purchase",
})
#: calls to action that invite a patient to receive the product: a booking page of a site that
#: promotes it is an incitation (CSP L. 5122-1), whatever the page says alone
INCITATION_SUBKINDS: Final[frozenset[str]] = frozenset({
    "booking", "consultation", "price", "package", "quote_request", "financing", "purchase",
})


def invites_to_treatment(calls: list[tuple[str, str]]) -> bool:
    """Whether a page's calls to action, as ``(subkind, quote)``, invite patients to receive the
    treatment: a booking, a price, a package… or more than one invitation to a consultation
    (one « Free consultation » button in the header of every page is not a booking page)."""
    kinds = {k for k, _ in calls if k in INCITATION_SUBKINDS}
    if kinds - {"consultation"}:
        return True
    return len({" ".join(q.split()).casefold() for k, q in calls if k == "consultation"}) > 1

class OfferSignal(StrEnum):
    """How a page shows that it offers the therapy itself (``Finding.kind == "offer"``).

    A real offer is often implicit: no price or booking button in sight, but the provider
    speaks (« notre clinique », "we offer"), describes its protocol (sessions, infusions,
    doses) or tells who can be treated.
    """

    PROVIDER_VOICE = "provider_voice"  # "our clinic", « nous proposons », „unsere Klinik“
    PROTOCOL = "protocol"  # sessions, infusions, treatment course, what to expect
    ELIGIBILITY = "eligibility"  # who is a candidate, who can benefit
    BENEFITS = "benefits"  # "benefits of", "how does it work", « les avantages »
    SITE_NAME = "site_name"  # the site's address names the therapy (« stemcell-clinic.example »)
    # the legal basis the provider claims for making the product (« exemption hospitalière »,
    # "§ 4b AMG"): evidence for the hospital-exemption test, not weighed by the verdict
    HOSPITAL_EXEMPTION = "hospital_exemption"
    # « ce traitement n'est pas un médicament »: the provider's own defence, answered by the decision
    NOT_A_MEDICINE = "not_a_medicine"
    # « Exo-Hair est un produit cosmétique »: the provider calls its product a cosmetic, a
    # defence the decision answers with the rule for borderline products (CSP L. 5111-1, III)
    COSMETIC_STATUS = "cosmetic_status"
    # "minimally manipulated", "361 HCT/P", « cellules non manipulées »: the provider says its
    # cells are not substantially manipulated, a defence the decision answers (non-homologous use,
    # and the definition by presentation)
    MINIMAL_MANIPULATION = "minimal_manipulation"
    # « licence COFEPRIS », "approved by the Ministry of Health": a foreign authority's licence
    AUTHORISED_ABROAD = "authorised_abroad"
    # « nous sommes un intermédiaire et ne fournissons aucun soin »: a broker's own defence
    MEDICAL_TOURISM_ONLY = "medical_tourism_only"
    # « nos hôpitaux utilisent leurs propres cellules CAR-T, fabriquées sur place »: the provider
    # makes the product itself, so it is none of the authorised products of its family
    IN_HOUSE = "in_house"


#: the offer sub-kinds in which a site states a usual defence itself (each is also the id of the
#: defence in law/france/defences.yaml): read on any page of a promoting site, legal notice included
SITE_DEFENCE_OFFERS: Final[frozenset[str]] = frozenset({
    OfferSignal.HOSPITAL_EXEMPTION, OfferSignal.NOT_A_MEDICINE, OfferSignal.AUTHORISED_ABROAD,
    OfferSignal.MEDICAL_TOURISM_ONLY, OfferSignal.COSMETIC_STATUS, OfferSignal.MINIMAL_MANIPULATION,
})  # fmt: skip
#: what a site says of its provider, read on any page of a promoting site: its defences, and
#: that it makes the product itself
SITE_STATEMENT_OFFERS: Final[frozenset[str]] = SITE_DEFENCE_OFFERS | {OfferSignal.IN_HOUSE}


class ReportingSignal(StrEnum):
    """Reporting cues (``Finding.kind == "reporting_context"``): the page speaks *about* an offer."""

    ATTRIBUTION = "attribution"  # "the clinic claims", « selon la clinique »
    WARNING = "warning"  # "beware", « mise en garde »
    UNAUTHORISED = "unauthorised"  # "unapproved", « sans autorisation »
    REFUTATION = "refutation"  # "no evidence", « aucune preuve »
    REGULATOR = "regulator"  # "the agency", « l'ANSM »
    JOURNALISM = "journalism"  # "told reporters", « a-t-il déclaré »
    NON_COVERAGE = "non_coverage"  # an insurer's refusal to pay
    ABOUT_PROVIDERS = "about_providers"  # clinics spoken of in the third person plural
    RESEARCH = "research"  # the frame of a study: "researchers", « l'étude », „die Studie“
    QUOTATION = "quotation"  # quoted speech: « … », a-t-il dit


#: a title that makes an operator's name a doctor's (« Dr. med. Stefan Vogel », « Pr Anne Morel »):
#: a decision then names « le Dr … », not « la société Dr … »
_DOCTOR_TITLE = re.compile(r"(?:Dr|Dre|Doctor|Docteur|Doktor|Pr|Prof|Professeur|Professor)\.?(?:\s|$)")


def names_a_doctor(name: str) -> bool:
    """Whether an operator's name is a doctor's (it starts with a doctor's or professor's title)."""
    return _DOCTOR_TITLE.match(name.strip()) is not None

