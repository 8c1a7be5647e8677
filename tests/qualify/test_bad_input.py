"""Bad or thin input: the engine says what it could not decide and why; it never invents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vigipub.evidence import Case, SchemaVersionError
from vigipub.qualify import load_authorisations, load_findings, qualify
from vigipub.qualify.errors import QualifyInputError
from vigipub.qualify.lawcases import authorisations_from_spec, pages_from_spec

from .conftest import CaseFixture, findings_dict

ON = date(2024, 11, 5)


def _qualified_unauthorised(pages: list[Any], therapy: str) -> Any:
    """The qualification of ``pages`` when the registers hold no authorisation for ``therapy``."""
    return qualify(pages, authorisations_from_spec([{"therapy": therapy, "status": "not_authorised"}]), date_of_facts=ON)


def outcomes(q) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {t.id: t.outcome for t in q.tests}


def test_incompatible_schema_version(tmp_path: Path, iaso: CaseFixture) -> None:
    data = findings_dict(iaso.raw)
    data["schema_version"] = "2.0"
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaVersionError) as err:
        load_findings(path)
    assert err.value.exit_code == 2 and "findings.json" in str(err.value)


def test_invalid_findings_and_authorisations_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "findings.json"
    bad.write_text('{"schema_version": "1.0", "pages": [{"url": 3}]}', encoding="utf-8")
    with pytest.raises(QualifyInputError) as err:
        load_findings(bad)
    assert "findings.json" in str(err.value)
    auth = tmp_path / "authorisations.json"
    auth.write_text('[{"therapy": "x"}]', encoding="utf-8")
    with pytest.raises(QualifyInputError):
        load_authorisations(auth)
    auth.write_text("not json", encoding="utf-8")
    with pytest.raises(QualifyInputError):
        load_authorisations(auth)


def test_no_french_page(iaso: CaseFixture) -> None:
    pages = [
        p.model_copy(
            update={"language": "de", "findings": [f for f in p.findings if f.kind != "france_targeting"]}
        )
        for p in iaso.findings.pages
    ]
    q = qualify(pages, iaso.authorisations, case=iaso.case, date_of_facts=ON)
    o = outcomes(q)
    assert o["T0.link"] == "undetermined" and o["T7.audience"] == "undetermined"
    assert o["T8.unauthorised_ad"] == "undetermined" and q.conclusion == "undetermined"
    assert q.tests[0].outcome == "undetermined"
    assert any("France" in question for question in q.questions)
    assert q.measure is None


def test_no_therapy_found() -> None:
    pages = pages_from_spec(
        [
            {
                "language": "fr",
                "findings": [
                    {"kind": "claim", "subkind": "cure", "quote": "guérit le cancer"},
                    {"kind": "testimonial", "subkind": "story", "quote": "j'ai guéri"},
                ],
            }
        ]
    )
    q = qualify(
        pages,
        authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}]),
        date_of_facts=ON,
    )
    o = outcomes(q)
    assert o["T3.cells"] == "undetermined" and o["T1.presentation"] == "undetermined"
    assert o["T6.advertising"] == "undetermined"  # the disease-information exception cannot be excluded
    assert "yes" not in {o[r] for r in ("T8.unauthorised_ad", "T8.public_no_visa", "T10.measure")}
    assert any("produit" in question for question in q.questions)


def test_contradictory_manipulations(iaso: CaseFixture) -> None:
    page = iaso.findings.pages[0]
    extra = page.findings[0].model_copy(
        update={
            "id": "f-only",
            "kind": "manipulation",
            "subkind": "centrifugation",
            "quote": "les cellules sont seulement centrifugées, jamais cultivées",
            "attributes": {"substantial": "no", "only": "yes"},
        }
    )
    pages = [page.model_copy(update={"findings": [*page.findings, extra]})]
    q = qualify(pages, iaso.authorisations, case=iaso.case, date_of_facts=ON)
    t3 = next(t for t in q.tests if t.id == "T3.substantial")
    assert t3.outcome == "undetermined" and "f-only" in t3.evidence and t3.questions
    assert outcomes(q)["T3.atmp"] == "undetermined"
    # the advertising violation does not rest on the ATMP question
    assert outcomes(q)["T8.unauthorised_ad"] == "yes"


def test_contradictory_authorisations(iaso: CaseFixture) -> None:
    answers = [*iaso.authorisations, iaso.authorisations[0].model_copy(update={"status": "authorised"})]
    q = qualify(list(iaso.findings.pages), answers, case=iaso.case, date_of_facts=ON)
    o = outcomes(q)
    assert o["T5.unauthorised"] == "undetermined" and o["T8.unauthorised_ad"] == "undetermined"
    assert q.conclusion == "undetermined" and any("contradictoires" in question for question in q.questions)


def test_registers_absent(iaso: CaseFixture) -> None:
    q = qualify(list(iaso.findings.pages), [], case=iaso.case, date_of_facts=ON)
    assert outcomes(q)["T5.unauthorised"] == "undetermined"
    assert not any(c.id == "C11_absence_autorisation" for c in q.considerants)


def test_not_promotion_pages_never_support_anything(iaso: CaseFixture) -> None:
    pages = [p.model_copy(update={"verdict": "not_promotion"}) for p in iaso.findings.pages]
    q = qualify(pages, iaso.authorisations, case=iaso.case, date_of_facts=ON)
    page_ids = {f.id for p in pages for f in p.findings}
    for t in q.tests:
        assert not (set(t.evidence) & page_ids), t.id
    assert outcomes(q)["T6.advertising"] == "no" and q.conclusion == "no_violation"


def test_uncertain_pages_are_weaker(iaso: CaseFixture) -> None:
    pages = [p.model_copy(update={"verdict": "uncertain"}) for p in iaso.findings.pages]
    q = qualify(pages, iaso.authorisations, case=iaso.case, date_of_facts=ON)
    t6 = next(t for t in q.tests if t.id == "T6.advertising")
    assert t6.outcome == "yes" and t6.weak and t6.questions


def test_case_file_alone() -> None:
    case = Case.model_validate(
        {
            "company": {"name": "Clinique Exemple", "country": "TR"},
            "websites": ["https://clinique.example/fr/"],
            "product": "thérapie par cellules souches",
            "claims": ["Une guérison est possible dans 90 % des cas", "Sans aucun effet secondaire"],
        }
    )
    from vigipub.pipeline import read_case

    # the case file's claims are read by the detector, the classifier pages get
    q = qualify(
        [],
        authorisations_from_spec([{"therapy": "stem_cells", "status": "not_authorised"}]),
        case=case,
        date_of_facts=ON,
        case_reading=read_case(case),
    )
    t1 = next(t for t in q.tests if t.id == "T1.presentation")
    assert t1.outcome == "yes" and "case:claim0" in t1.evidence
    # the only link to France is the French path of the address given in the case file
    t0 = next(t for t in q.tests if t.id == "T0.link")
    assert t0.outcome == "yes" and t0.evidence == ["case:website0"]
    case_en = case.model_copy(update={"websites": ["https://clinic.example/en/"]})
    q = qualify([], [], case=case_en, date_of_facts=ON)
    assert outcomes(q)["T0.link"] == "undetermined"


def test_urgency_and_silence() -> None:
    pages = pages_from_spec(
        [
            {
                "language": "fr",
                "findings": [
                    {"kind": "therapy", "subkind": "stem_cells", "attributes": {"family": "stem_cells"}},
                    {"kind": "claim", "subkind": "cure", "quote": "guérit la maladie de Charcot"},
                ],
            }
        ]
    )
    auth = authorisations_from_spec([{"therapy": "stem_cells", "status": "not_authorised"}])
    base = {"company": {"name": "Clinique Exemple"}, "product": "thérapie par cellules souches"}
    silent = Case.model_validate(
        {
            **base,
            "events": [
                {"date": "2024-11-05", "kind": "letter_of_intent"},
                {"date": "2024-12-10", "kind": "decision"},
            ],
        }
    )
    q = qualify(pages, auth, case=silent, date_of_facts=ON)
    assert any(c.id == "C12_absence_observations" for c in q.considerants)
    urgent = Case.model_validate(
        {
            **base,
            "urgency": "des patients atteints de maladies graves renoncent à leurs traitements",
            "events": [{"date": "2024-11-05", "kind": "decision"}],
        }
    )
    q = qualify(pages, auth, case=urgent, date_of_facts=ON)
    c = next(c for c in q.considerants if c.id == "C15_urgence")
    assert "L.\u00a0121-2" in c.text_fr and c.basis[0].code == "CRPA"
    assert q.considerants[-1].id == "C23_mesure"


def _broad_family_only(iaso: CaseFixture, *, match_field: str) -> list[Any]:
    """The Iaso pages as if they named only « thérapie cellulaire », and the registers' answer for
    that family: authorised cell therapies exist, all for other diseases."""
    from vigipub.evidence.registers import RegisterMatch

    pages = []
    for page in iaso.findings.pages:
        findings = [
            f.model_copy(update={"subkind": "cell_therapy_other", "attributes": {**f.attributes, "family": "cell_therapy_other"}})
            if f.kind == "therapy"
            else f
            for f in page.findings
        ]
        pages.append(page.model_copy(update={"findings": findings}))
    match = RegisterMatch(
        registry="EMA", identifier="EMEA/H/C/004662", product="Abecma", substances=["idecabtagene vicleucel"],
        status="Authorised", authorised=True, atmp=True, match_field=match_field, score=1.0,
    )
    answer = iaso.authorisations[0].model_copy(
        update={"therapy": "cell_therapy_other", "status": "authorised_other_indication", "matches": [match]}
    )
    return [pages, [answer]]


def test_a_broad_family_whose_authorised_products_treat_other_diseases_is_unauthorised(iaso: CaseFixture) -> None:
    """« Thérapie cellulaire » for the diseases the site names, no product named: the CAR-T
    authorised for myeloma is not what is promoted, so nothing authorises the product."""
    pages, answers = _broad_family_only(iaso, match_field="family:cell_therapy_other")
    q = qualify(pages, answers, case=iaso.case, date_of_facts=ON)
    t5 = next(t for t in q.tests if t.id == "T5.unauthorised")
    assert t5.outcome == "yes" and "other diseases" in t5.reason
    assert outcomes(q)["T8.unauthorised_ad"] == "yes"


def test_a_named_product_of_a_broad_family_authorised_elsewhere_stays_for_the_inspector(iaso: CaseFixture) -> None:
    """The site names the product the register found (authorised for another disease): off-label
    advertising of an authorised medicine is another question, left to the inspector."""
    pages, answers = _broad_family_only(iaso, match_field="name")
    q = qualify(pages, answers, case=iaso.case, date_of_facts=ON)
    assert outcomes(q)["T5.unauthorised"] == "undetermined"


def test_a_broad_family_answer_does_not_stand_for_a_specific_family_never_asked(iaso: CaseFixture) -> None:
    """The site names dendritic cells; only the broad family was asked: not concluded."""
    _pages, answers = _broad_family_only(iaso, match_field="family:cell_therapy_other")
    q = qualify(list(iaso.findings.pages), answers, case=iaso.case, date_of_facts=ON)
    assert outcomes(q)["T5.unauthorised"] == "undetermined"


def test_an_authorised_advanced_therapy_advertised_to_the_public_is_suspended_under_l5122_6() -> None:
    """The registers found the CAR-T the site names authorised: no « aucune autorisation »; the
    decision says what the registers found, quotes L. 5122-6 and suspends the advertising."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "car_t", "quote": "cellules CAR-T", "attributes": {"family": "car_t"}},
            {"kind": "claim", "subkind": "cure", "quote": "Les cellules CAR-T guérissent le lymphome."},
            {"kind": "call_to_action", "subkind": "price", "quote": "Forfait CAR-T : 350 000 €"},
        ]}]  # fmt: skip
    )
    register = authorisations_from_spec(
        [{"therapy": "car_t", "status": "authorised", "matches": [{"registry": "EMA", "atmp": True, "authorised": True}]}]
    )
    register = [register[0].model_copy(update={"text_fr": "le produit Kymriah bénéficie d'une autorisation de mise sur le marché"})]
    q = qualify(pages, register, date_of_facts=ON)
    assert q.conclusion == "violation" and q.measure is not None
    assert outcomes(q)["T8.public_prescription"] == "yes" and outcomes(q)["T8.unauthorised_ad"] == "no"
    ids = [c.id for c in q.considerants]
    assert "C11_absence_autorisation" not in ids
    assert ids.index("C11_bis_autorisation") < ids.index("C19_bis_article_L5122_6") < ids.index("C19_ter_prescription")
    said = next(c for c in q.considerants if c.id == "C11_bis_autorisation").text_fr
    assert "selon les registres consultés, le produit Kymriah bénéficie" in said
    assert any("L.\u00a05122-6" in b.article for c in q.considerants if c.id == "C19_bis_article_L5122_6" for b in c.basis)


def _gene_therapy_site(extra_therapies: list[dict[str, Any]]) -> list[Any]:
    """A site offering an unnamed gene therapy (a gene on a plasmid, an AAV vector) for age-related
    diseases, and the registers' answer: the family's authorised products treat other diseases."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "gene_therapy", "quote": "thérapie génique", "attributes": {"family": "gene_therapy"}},
            *extra_therapies,
            {"kind": "manipulation", "subkind": "genetic_modification", "quote": "Le protocole utilise un vecteur AAV portant le gène klotho."},
            {"kind": "disease", "subkind": "alzheimer", "quote": "la maladie d'Alzheimer"},
            {"kind": "claim", "subkind": "safety", "quote": "Cette thérapie génique est sûre et sans effets secondaires."},
            {"kind": "call_to_action", "subkind": "price", "quote": "Forfait Klotho : 36 000 USD"},
        ]}]  # fmt: skip
    )
    families = ["gene_therapy", *(t["attributes"]["family"] for t in extra_therapies)]
    register = authorisations_from_spec(
        [
            {"therapy": family, "status": "authorised_other_indication", "matches": [{"registry": "EMA", "match_field": f"family:{family}"}]}
            for family in families
        ]
    )
    return [pages, register]


def test_a_gene_therapy_given_as_such_is_not_called_genetically_modified_cells() -> None:
    """A gene on a plasmid or a vector holds no cells: the decision says what makes it a gene
    therapy (a recombinant nucleic acid) and quotes the site's description of it."""
    pages, register = _gene_therapy_site([])
    q = qualify(pages, register, date_of_facts=ON)
    assert q.conclusion == "violation" and outcomes(q)["T5.unauthorised"] == "yes"
    text = {c.id: c.text_fr for c in q.considerants}
    assert "acide nucléique recombinant" in text["C7_acide_nucleique"]
    assert "C7_manipulation_substantielle" not in text
    assert "vecteur AAV" in text["C8_procede"]
    assert not any("cellules" in t for t in text.values() if "génétiquement" in t)


def test_genetically_modified_cells_stay_cells() -> None:
    """CAR-T cells are cells modified by a gene: the decision keeps « cellules génétiquement
    modifiées » and the substantial manipulation."""
    car_t = {"kind": "therapy", "subkind": "car_t", "quote": "cellules CAR-T", "attributes": {"family": "car_t"}}
    pages, register = _gene_therapy_site([car_t])
    q = qualify(pages, register, date_of_facts=ON)
    text = {c.id: c.text_fr for c in q.considerants}
    assert "génétiquement modifiées" in text["C7_manipulation_substantielle"]
    assert "C7_acide_nucleique" not in text


def test_a_hospital_exemption_the_site_invokes_is_answered_in_the_decision() -> None:
    """« fabriqué au titre de l'exemption hospitalière (§ 4b AMG) » on a site whose patients travel:
    the decision quotes it and answers with the catalogue's rebuttal (art. 28 of Reg. 1394/2007)."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "dendritic_cells", "quote": "cellules dendritiques", "attributes": {"family": "dendritic_cells"}},
            {"kind": "manipulation", "subkind": "culture_expansion", "quote": "Les cellules sont cultivées sept jours."},
            {"kind": "claim", "subkind": "treat", "quote": "Notre vaccin traite le glioblastome."},
            {"kind": "offer", "subkind": "hospital_exemption", "quote": "Le vaccin est fabriqué au titre de l'exemption hospitalière (§ 4b AMG).", "attributes": {"inferred": "yes"}},
            {"kind": "travel", "subkind": "logistics", "quote": "Un interprète vous accueille à l'aéroport de Bâle."},
            {"kind": "call_to_action", "subkind": "price", "quote": "Le protocole complet coûte 38 500 €."},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "dendritic_cells")
    assert outcomes(q)["T4.hospital_exemption"] == "no" and q.conclusion == "violation"
    c = next(c for c in q.considerants if c.id == "C11_ter_exemption_hospitaliere")
    plain = c.text_fr.replace("\u2019", "'").replace("\u202f", " ").replace("\xa0", " ")
    assert "« Le vaccin est fabriqué au titre de l'exemption hospitalière (§ 4b AMG). »" in plain
    assert "même État membre" in plain and "1394/2007" in plain
    assert {b.article for b in c.basis} >= {"L.\u00a05122-3"}, c.basis


def test_the_provider_speaking_of_its_patients_is_no_testimonial_in_the_decision() -> None:
    """A testimonial finding marked ``third_person`` (« 68 % de nos patients … après le
    traitement ») is the clinic's claim: the decision does not say the site relays testimonials."""
    findings = [
        {"kind": "therapy", "subkind": "dendritic_cells", "quote": "cellules dendritiques", "attributes": {"family": "dendritic_cells"}},
        {"kind": "claim", "subkind": "efficacy_figure", "quote": "Chez 68 % de nos patients, la maladie s'est stabilisée après le traitement."},
        {"kind": "call_to_action", "subkind": "price", "quote": "Le protocole complet coûte 38 500 €."},
    ]  # fmt: skip
    told = {"kind": "testimonial", "subkind": "testimonial", "quote": "Chez 68 % de nos patients, la maladie s'est stabilisée après le traitement.",
            "attributes": {"third_person": "yes"}}  # fmt: skip
    register = authorisations_from_spec([{"therapy": "dendritic_cells", "status": "not_authorised"}])
    q = qualify(pages_from_spec([{"language": "fr", "findings": [*findings, told]}]), register, date_of_facts=ON)
    assert not any("témoignages" in c.text_fr for c in q.considerants)
    story = {**told, "quote": "« Après mes six vaccins, mon IRM ne montre plus de progression. »", "attributes": {}}
    q = qualify(pages_from_spec([{"language": "fr", "findings": [*findings, story]}]), register, date_of_facts=ON)
    assert any("relaye des témoignages" in c.text_fr for c in q.considerants)


def test_exosomes_made_by_stem_cells_are_no_cell_therapy_and_an_online_shop_invites_to_order() -> None:
    """The cells that made the exosomes (finding marked ``source``) are not the product: no cells,
    no ATMP; an authorisation is still required (L. 5121-8), and « Ajouter au panier » invites to
    order the product."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "exosomes", "quote": "exosomes", "attributes": {"family": "exosomes"}},
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "exosomes issus de cellules souches mésenchymateuses cultivées",
             "attributes": {"family": "mesenchymal_stem_cells", "source": "yes"}},
            {"kind": "manipulation", "subkind": "culture_expansion", "quote": "exosomes issus de cellules souches mésenchymateuses cultivées"},
            {"kind": "claim", "subkind": "treat", "quote": "Nos exosomes stimulent la repousse des cheveux en cas d'alopécie."},
            {"kind": "call_to_action", "subkind": "purchase", "quote": "Ajouter au panier"},
            {"kind": "call_to_action", "subkind": "price", "quote": "Prix : 349,00 € TTC"},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "exosomes")
    o = outcomes(q)
    assert (o["T3.cells"], o["T3.atmp"], o["T4.amm_required"], o["T5.unauthorised"]) == ("no", "no", "yes", "yes")
    assert q.conclusion == "violation"
    invitation = next(c for c in q.considerants if c.id == "C17_bis_invitation")
    assert "à commander le produit en ligne" in invitation.text_fr


def test_a_site_saying_its_product_is_no_medicine_is_answered() -> None:
    """« Ce traitement n'est pas un médicament : un acte médical avec les propres cellules de
    l'enfant »: the decision quotes it and answers (L. 5111-1, art. 2 of Reg. 1394/2007)."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "cellules souches mésenchymateuses", "attributes": {"family": "mesenchymal_stem_cells"}},
            {"kind": "manipulation", "subkind": "culture_expansion", "quote": "Les cellules sont cultivées trois semaines."},
            {"kind": "claim", "subkind": "efficacy_figure", "quote": "80 % des enfants traités progressent en langage."},
            {"kind": "offer", "subkind": "not_a_medicine", "quote": "Ce traitement n'est pas un médicament : il s'agit d'un acte médical.", "attributes": {"inferred": "yes"}},
            {"kind": "call_to_action", "subkind": "price", "quote": "Prix du protocole : 15 000 €."},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "mesenchymal_stem_cells")
    c = next(c for c in q.considerants if c.id == "C11_quater_pas_un_medicament")
    assert "n'étant pas un médicament" in c.text_fr.replace("\u2019", "'")
    assert {b.article for b in c.basis} >= {"L.\u00a05111-1"}, c.basis
    ids = [c.id for c in q.considerants]
    assert ids.index("C9_medicament_par_fonction") < ids.index("C11_quater_pas_un_medicament")


def test_a_foreign_licence_the_site_invokes_is_answered() -> None:
    """"expanded in our COFEPRIS-licensed laboratory": a foreign licence is none of the
    authorisations of L. 5122-3; the English quote says which version of the site it is from."""
    pages = pages_from_spec(
        [{"language": "en", "findings": [
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "mesenchymal stem cells", "attributes": {"family": "mesenchymal_stem_cells"}},
            {"kind": "claim", "subkind": "safety", "quote": "Stem cells are safe and have no side effects."},
            {"kind": "offer", "subkind": "authorised_abroad", "quote": "Cells expanded in our COFEPRIS-licensed laboratory.", "attributes": {"inferred": "yes"}},
            {"kind": "call_to_action", "subkind": "price", "quote": "MS protocol (5 days): USD 24,500"},
            {"kind": "france_targeting", "subkind": "french_patient", "quote": "– Pierre M., 49, Lyon, France"},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "mesenchymal_stem_cells")
    c = next(c for c in q.considerants if c.id == "C11_quinquies_autorisation_etrangere")
    assert "COFEPRIS-licensed laboratory. » (version anglaise du site)" in c.text_fr.replace("\u202f", " ")
    assert {b.article for b in c.basis} >= {"L.\u00a05122-3", "L.\u00a05121-8"}, c.basis


def test_a_broker_calling_itself_an_intermediary_in_its_legal_notice_is_answered() -> None:
    """« SSF Conseil Ltd est un intermédiaire et ne fournit aucun soin médical », in the legal
    notice of a broker whose other pages advertise: the site's own words (the notice is no
    promotion by itself), answered after the advertising is established (L. 5122-1)."""
    pages = pages_from_spec(
        [{"url": "https://broker.example/", "language": "fr", "findings": [
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "cellules souches mésenchymateuses", "attributes": {"family": "mesenchymal_stem_cells"}},
            {"kind": "claim", "subkind": "efficacy_figure", "quote": "Amélioration chez 8 enfants autistes sur 10."},
            {"kind": "call_to_action", "subkind": "price", "quote": "Autisme (4 injections) : 14 900 €"},
         ]},
         {"url": "https://broker.example/mentions-legales", "language": "fr", "verdict": "not_promotion", "findings": [
            {"kind": "offer", "subkind": "medical_tourism_only", "quote": "SSF Conseil Ltd est un intermédiaire et ne fournit aucun soin médical.", "attributes": {"inferred": "yes"}},
         ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "mesenchymal_stem_cells")
    c = next(c for c in q.considerants if c.id == "C18_bis_intermediaire")
    assert "simple intermédiaire" in c.text_fr and "est un intermédiaire et ne fournit aucun soin" in c.text_fr
    assert {b.article for b in c.basis} >= {"L.\u00a05122-1"}, c.basis
    ids = [c.id for c in q.considerants]
    assert ids.index("C18_publicite") < ids.index("C18_bis_intermediaire")
    # a site that promotes nothing answers nothing
    alone = _qualified_unauthorised(pages[1:], "mesenchymal_stem_cells")
    assert not any(c.id == "C18_bis_intermediaire" for c in alone.considerants)



def test_a_car_t_the_provider_makes_itself_is_none_of_the_authorised_ones() -> None:
    """The registers list authorised CAR-T cells for lymphoma and myeloma; a broker's site names
    no product but says its partner hospitals make their own CAR-T cells: no authorisation covers
    them (T5 « yes »), and the draft says why. Without that statement the registers' answer stays
    for the inspector to check."""
    findings = [
        {"kind": "therapy", "subkind": "car_t", "quote": "cellules CAR-T", "attributes": {"family": "car_t"}},
        {"kind": "disease", "subkind": "lymphoma", "quote": "lymphome B"},
        {"kind": "claim", "subkind": "efficacy_figure", "quote": "Taux de rémission complète : 83 %."},
        {"kind": "call_to_action", "subkind": "price", "quote": "CAR-T anti-CD19 : 65 000 €"},
    ]
    made = {"kind": "offer", "subkind": "in_house", "quote": "Nos hôpitaux utilisent leurs propres cellules CAR-T, fabriquées sur place.", "attributes": {"inferred": "yes"}}
    register = authorisations_from_spec(
        [{"therapy": "car_t", "status": "uncertain", "matches": [{"product": "KYMRIAH", "match_field": "family:car_t", "atmp": True}]}]
    )
    q = qualify(pages_from_spec([{"language": "fr", "findings": [*findings, made]}]), register, date_of_facts=ON)
    assert outcomes(q)["T5.unauthorised"] == "yes"
    c = next(c for c in q.considerants if c.id == "C11_sexies_fabrication_propre")
    assert "fabriquées sur place" in c.text_fr and "aucune de ces autorisations ne couvre ce produit" in c.text_fr
    assert {b.article for b in c.basis} >= {"L.\u00a05121-8"}, c.basis
    unsaid = qualify(pages_from_spec([{"language": "fr", "findings": findings}]), register, date_of_facts=ON)
    assert outcomes(unsaid)["T5.unauthorised"] == "undetermined"
    assert not any(c.id == "C11_sexies_fabrication_propre" for c in unsaid.considerants)


def _exosome_site_stating(defence: str, statement: str):  # type: ignore[no-untyped-def]
    """The qualification of an exosome hair product sold with a cure claim and a price, whose
    site states ``defence`` in the words ``statement``."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "exosomes", "quote": "exosomes", "attributes": {"family": "exosomes"}},
            {"kind": "claim", "subkind": "treat", "quote": "Nos exosomes stoppent la chute de cheveux en cas d'alopécie."},
            {"kind": "offer", "subkind": defence, "quote": statement, "attributes": {"inferred": "yes"}},
            {"kind": "call_to_action", "subkind": "price", "quote": "Sérum d'exosomes : 349 €"},
        ]}]  # fmt: skip
    )
    return _qualified_unauthorised(pages, "exosomes")


def test_a_cell_free_product_said_to_be_no_medicine_is_answered_without_the_cells() -> None:
    """An exosome serum « n'est pas un médicament »: the answer is the definition by
    presentation; the answer about the patient's own cells would not apply to a product without
    cells (defences.yaml, not_a_medicine_cell_free)."""
    q = _exosome_site_stating("not_a_medicine", "Notre sérum d'exosomes n'est pas un médicament.")
    assert outcomes(q)["T3.cells"] == "no"
    c = next(c for c in q.considerants if c.id == "C11_quater_pas_un_medicament")
    assert "n'est pas un médicament" in c.text_fr.replace("\u2019", "'")
    assert "cellules" not in c.text_fr and "L.\u00a05111-1" in c.text_fr


def test_a_story_naming_a_package_is_no_invitation() -> None:
    """« Après le forfait Neuro Plus, elle tient assise toute seule. » is a patient's story (C16
    counts it), not the site's invitation to buy a package: C17_bis quotes the site's own words."""
    story = "Après le forfait Neuro Plus, elle tient assise toute seule."
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "mesenchymal_stem_cells", "quote": "cellules souches mésenchymateuses", "attributes": {"family": "mesenchymal_stem_cells"}},
            {"kind": "claim", "subkind": "efficacy_figure", "quote": "87 % des enfants progressent."},
            {"kind": "testimonial", "subkind": "testimonial", "quote": story},
            {"kind": "call_to_action", "subkind": "package", "quote": story},
            {"kind": "call_to_action", "subkind": "package", "quote": "Forfaits tout compris avec hôtel et transfert."},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "mesenchymal_stem_cells")
    c = next(c for c in q.considerants if c.id == "C17_bis_invitation")
    assert "Forfaits tout compris" in c.text_fr and "Neuro Plus" not in c.text_fr


def test_fresh_cells_of_an_animal_are_an_atmp_whatever_their_preparation() -> None:
    """« Cure de cellules fraîches » (Niehans): cells of sheep foetuses injected into patients.
    No manipulation is described, but animal cells never serve a patient for the function they
    had in their donor: an ATMP (non-homologous use), said with the site's words (C7_bis)."""
    pages = pages_from_spec(
        [{"language": "fr", "findings": [
            {"kind": "therapy", "subkind": "xenogeneic_cells", "quote": "Les cellules sont prélevées sur des fœtus de moutons de notre élevage.", "attributes": {"family": "xenogeneic_cells"}},
            {"kind": "claim", "subkind": "treat", "quote": "La cure soulage l'arthrose et ralentit le vieillissement."},
            {"kind": "disease", "subkind": "osteoarthritis", "quote": "arthrose"},
            {"kind": "call_to_action", "subkind": "price", "quote": "Cure de cellules fraîches (7 jours) : 6 900 €"},
        ]}]  # fmt: skip
    )
    q = _qualified_unauthorised(pages, "xenogeneic_cells")
    o = outcomes(q)
    assert (o["T3.substantial"], o["T3.atmp"], o["T2.function"]) == ("undetermined", "yes", "yes")
    assert q.product == "thérapie par cellules fraîches d'origine animale"
    c = next(c for c in q.considerants if c.id == "C7_bis_cellules_animales")
    assert "fœtus de moutons" in c.text_fr and "animal donneur" in c.text_fr
    assert q.conclusion == "violation"


def test_a_site_calling_its_product_a_cosmetic_is_answered() -> None:
    """« Exo-Hair est un produit cosmétique » of a lotion said to cure alopecia: the decision
    quotes it and answers with the rule for borderline products (L. 5111-1, III)."""
    q = _exosome_site_stating("cosmetic_status", "Exo-Hair est un produit cosmétique : aucune ordonnance n'est nécessaire.")
    c = next(c for c in q.considerants if c.id == "C11_quater_bis_cosmetique")
    text = c.text_fr.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ")
    assert "présente ce produit comme un produit cosmétique" in text and "« Exo-Hair est un produit cosmétique" in text
    assert "en cas de doute, considéré comme un médicament (III du même article)" in text
    assert {b.article for b in c.basis} >= {"L.\u00a05111-1"}, c.basis
    ids = [c.id for c in q.considerants]
    assert ids.index("C5_medicament_par_presentation") < ids.index("C11_quater_bis_cosmetique")
    assert "C11_quater_pas_un_medicament" not in ids


def _cord_site_stating(statements: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """An umbilical-cord cell injection sold for the knee, whose site says its cells are only
    minimally manipulated, in each (language, words) of ``statements``."""
    pages = pages_from_spec(
        [{"language": lang, "findings": [
            {"kind": "therapy", "subkind": "umbilical_cord_cells", "quote": "gelée de Wharton", "attributes": {"family": "umbilical_cord_cells"}},
            {"kind": "claim", "subkind": "treat", "quote": "Nos greffons de cordon régénèrent le cartilage du genou."},
            {"kind": "offer", "subkind": "minimal_manipulation", "quote": said, "attributes": {"inferred": "yes"}},
            {"kind": "call_to_action", "subkind": "price", "quote": "Injection articulaire : 3 500 $"},
        ]} for lang, said in statements]  # fmt: skip
    )
    return _qualified_unauthorised(pages, "umbilical_cord_cells")


def test_cells_said_to_be_minimally_manipulated_are_answered() -> None:
    """"Minimally manipulated … 361 HCT/P" (a US clinic's words): the decision quotes the site,
    in its French version when there is one, and answers with non-homologous use and the
    definition by presentation (defences.yaml, minimal_manipulation)."""
    q = _cord_site_stating(
        [("en", "All our tissue products are minimally manipulated and regulated as 361 HCT/P."),
         ("fr", "Nos greffons de cordon ombilical, minimalement manipulés, régénèrent le cartilage.")]
    )  # fmt: skip
    c = next(c for c in q.considerants if c.id == "C11_quater_ter_peu_manipulees")
    text = c.text_fr.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ")
    assert "« Nos greffons de cordon ombilical, minimalement manipulés" in text
    assert "mêmes fonctions essentielles chez le receveur et chez le donneur" in text and "L. 5111-1" in text
    # a product without cells is not answered about its cells
    q = _exosome_site_stating("minimal_manipulation", "Nos exosomes sont minimalement manipulés.")
    assert "C11_quater_ter_peu_manipulees" not in [c.id for c in q.considerants]
