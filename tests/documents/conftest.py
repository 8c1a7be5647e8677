"""Fixtures: the Iaso Health case file and a qualification shaped like the engine's output.

The qualification below is hand-written test data (our own wording, following the Vu
builder and Considérant templates of QUALIFICATION.md §T12); it stands in for the engine so
that the documents stage can be tested on its own. The fidelity test uses the real engine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import pytest

from vigipub.evidence import (
    ArticleRef,
    Considerant,
    Escalation,
    LegalTest,
    Measure,
    Producer,
    Qualification,
    Vu,
)

HERE = Path(__file__).resolve().parent
IASO_CASE = HERE / "cases" / "iaso_health.yaml"
REFERENCE_DIR = HERE.parents[1] / ".." / "shared" / "reference"
REFERENCE_DECISION = REFERENCE_DIR / "ansm-decision-2024-11-28-iaso-health.txt"


def csp(article: str) -> ArticleRef:
    return ArticleRef(
        code="CSP", article=article, label_fr=f"l'article {article} du code de la santé publique"
    )


REG_1394 = ArticleRef(
    code="Règlement (CE) n° 1394/2007", article="2", label_fr="l'article 2 du règlement (CE) n° 1394/2007"
)
CSP_VU = [
    "L. 5111-1",
    "L. 5121-8",
    "L. 5122-1",
    "L. 5122-3",
    "L. 5122-8",
    "L. 5122-9",
    "L. 5311-1",
    "L. 5312-2",
    "L. 5312-4",
]

CLAIMS = [
    "Vaincre le cancer sans effets secondaires",
    "La thérapie par cellules dendritiques est efficace pour tous les types de cancer, à l'exception du cancer du sang",
]


#: the procedural Vu the engine phrases for the Iaso case file (site, letter, observations)
CASE_VU = [
    Vu(id="VU_SITE_2", text_fr="Vu le site internet https://iaso-cancer.com ;"),
    Vu(
        id="VU_COURRIER_3",
        text_fr=(
            "Vu le courrier en date du 5 novembre 2024 adressé à la société Iaso Health GmbH (située "
            "Grossfeldstrasse 8 CH-7310 Bad Ragaz, Suisse) par lequel l'ANSM l'a informée de son intention de "
            "suspendre, jusqu'à mise en conformité du produit à la réglementation qui lui est applicable, "
            "l'ensemble des activités opérées en France et portant sur la thérapie cellulaire dendritique (TCD) ;"
        ),
    ),
    Vu(
        id="VU_OBSERVATIONS_ECRITES",
        text_fr=(
            "Vu les observations écrites formulées par la société Iaso Health GmbH par transmissions en dates "
            "des 7 novembre, 19 novembre et 27 novembre 2024 ;"
        ),
    ),
    Vu(
        id="VU_OBSERVATIONS_ORALES_5",
        text_fr="Vu les observations orales présentées le 26 novembre 2024 par la société Iaso Health GmbH ;",
    ),
]
#: the same for a draft made without a case file (``vigipub investigate``): gaps to complete
DRAFT_VU = [
    Vu(id="VU_SITE_2", text_fr="Vu le site internet https://clinic.example ;"),
    Vu(
        id="VU_COURRIER",
        text_fr=(
            "Vu le courrier en date du ⟦date du courrier⟧ adressé à la société ⟦nom de la société⟧ (située "
            "⟦adresse de la société⟧) par lequel l'ANSM l'a informée de son intention de suspendre, jusqu'à mise "
            "en conformité du produit à la réglementation qui lui est applicable, la publicité en France portant "
            "sur la thérapie cellulaire dendritique ;"
        ),
    ),
    Vu(
        id="VU_OBSERVATIONS_ECRITES",
        text_fr=(
            "Vu les observations écrites formulées par la société ⟦nom de la société⟧ par transmissions en "
            "dates des ⟦dates des observations écrites⟧ ;"
        ),
    ),
    Vu(
        id="VU_OBSERVATIONS_ORALES",
        text_fr=(
            "Vu les observations orales présentées le ⟦date des observations orales, le cas échéant⟧ par la "
            "société ⟦nom de la société⟧ ;"
        ),
    ),
]
ARTICLE_1 = {
    "case": (
        "La publicité en faveur de la thérapie cellulaire dendritique (TCD) effectuée par la société Iaso Health "
        "GmbH, notamment sur le site internet https://iaso-cancer.com, est suspendue jusqu'à sa mise en conformité "
        "avec la réglementation qui lui est applicable."
    ),
    "draft": (
        "La publicité en faveur de la thérapie cellulaire dendritique effectuée par la société ⟦nom de la "
        "société⟧, notamment sur le site internet https://clinic.example, est suspendue jusqu'à sa mise en "
        "conformité avec la réglementation qui lui est applicable."
    ),
}


def iaso_qualification(
    *, procedure: Literal["case", "draft", "none"] = "case", conclusion: str = "violation"
) -> Qualification:
    """A qualification as the engine would produce it for Iaso: the legal Vu, and the procedural
    ones of the case file (``case``), of a draft without a case file (``draft``) or none."""
    vu = [
        Vu(
            id="VU_REG_ATMP",
            basis=[REG_1394],
            text_fr=(
                "Vu le règlement (CE) n° 1394/2007 du Parlement européen et du Conseil du 13 novembre 2007 "
                "concernant les médicaments de thérapie innovante et modifiant la directive 2001/83/CE ainsi que "
                "le règlement (CE) n° 726/2004 ;"
            ),
        ),
        Vu(
            id="VU_CSP",
            basis=[csp(a) for a in CSP_VU],
            text_fr=(
                "Vu le code de la santé publique (CSP), et notamment ses articles "
                + ", ".join(CSP_VU[:-1])
                + " et "
                + CSP_VU[-1]
                + " ;"
            ),
        ),
    ]
    vu += {"case": CASE_VU, "draft": DRAFT_VU, "none": []}[procedure]
    quoted = ", ".join(f"« {c} »" for c in CLAIMS)
    considerants = [
        Considerant(
            id="C1",
            basis=[csp("L. 5111-1")],
            tests=["T1.presentation"],
            text_fr=(
                "Considérant qu'aux termes de l'article L.5111-1 du CSP, on entend par médicament toute substance "
                "ou composition présentée comme possédant des propriétés curatives ou préventives à l'égard des "
                "maladies humaines ;"
            ),
        ),
        Considerant(
            id="C2",
            tests=["T0.link"],
            evidence=["f1"],
            text_fr=(
                "Considérant que la société Iaso Health GmbH présente sur son site internet https://iaso-cancer.com, "
                "qui dispose d'une version en français, la thérapie cellulaire dendritique (TCD) ;"
            ),
        ),
        Considerant(
            id="C3",
            tests=["T1.presentation"],
            evidence=["f2", "f3"],
            text_fr=(
                f"Considérant que ce produit est présenté avec des allégations thérapeutiques : {quoted} ; "
                "qu'il répond ainsi à la définition du médicament par présentation ;"
            ),
        ),
        Considerant(
            id="C8_medical_tourism_only",
            tests=["T9.defences"],
            basis=[csp("L. 5122-1")],
            text_fr=(
                "Considérant que la société soutient n'exercer qu'une activité de tourisme médical ; que toutefois "
                "l'article L. 5122-1 du CSP vise toute forme d'information qui tend à promouvoir la consommation "
                "d'un médicament, quel qu'en soit l'auteur ;"
            ),
        ),
        Considerant(
            id="C11",
            tests=["T8.unauthorised_ad"],
            basis=[csp("L. 5122-3")],
            text_fr=(
                "Considérant que ce médicament ne dispose d'aucune des autorisations mentionnées à l'article "
                "L. 5122-3 du CSP et ne peut dès lors faire l'objet d'une publicité ;"
            ),
        ),
        Considerant(
            id="C16",
            tests=["T10.measure"],
            basis=[csp("L. 5312-2")],
            text_fr=(
                "Considérant qu'il y a lieu de suspendre la publicité en faveur de ce produit jusqu'à sa mise en "
                "conformité ;"
            ),
        ),
    ]
    return Qualification(
        date_of_facts=date(2024, 10, 15),
        producer=Producer(name="tests.fixture", version="0"),
        conclusion=conclusion,  # type: ignore[arg-type]
        summary="fixture",
        tests=[
            LegalTest(
                id="T1.presentation",
                rule="law.france.csp.l5111_1.dendritic_cells",
                question="presentation?",
                outcome="yes",
                quotes=CLAIMS,
                evidence=["f2", "f3"],
            )
        ],
        questions=["Is the French version aimed at French patients?"] if conclusion != "violation" else [],
        vu=vu,
        considerants=considerants,
        measure=Measure(
            kind="suspension_of_advertising",
            text_fr=ARTICLE_1["draft" if procedure == "draft" else "case"],
            basis=[csp("L. 5312-2")],
        ),
        escalations=[Escalation(kind="pharos_report", text_fr="signalement Pharos", trigger="continued")],
    )


@pytest.fixture
def qualification() -> Qualification:
    return iaso_qualification()


@pytest.fixture
def iaso_case():
    from vigipub.cases import load_case

    return load_case(IASO_CASE)


@pytest.fixture(scope="session")
def registers_db() -> Path:
    """The register database `vigipub draft` consults by default: the one `vigipub registry` and
    the demo use, built from the snapshot vigipub ships on first use (once per machine, as the
    end-to-end tests do), so that the suite does not build it twice."""
    from vigipub.registers import Registers, default_db_path

    path = default_db_path()
    Registers.open(path).close()
    return path
