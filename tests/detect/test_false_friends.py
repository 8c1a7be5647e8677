"""Words that a lexicon term matches by accident: another language's spelling, a longer word,
another sense (a cell suspension, cells recruiting cells, a clinic's « FASE 1 »), an acronym.

Each case here was a cue firing on pages it says nothing about, found reading the real excerpts
and the bench WARC: the Portuguese « IPSS » (a charity's legal status) matched "iPS" cells through
the German ß spelling of its « ss », the Turkish « bağış » (a donation) matched every
« bağışıklık » (the immune system) as its prefix, « MSC » in a newspaper is a shipping company.
"""

from vigipub.detect import Detector
from vigipub.detect.fold import term_variants
from vigipub.extract import document_from_text


def _cues(text: str, url: str, language: str, kind: str) -> set[str]:
    """The subkinds of the findings of ``kind`` on a page of ``text``."""
    analysis = Detector.default().analyze(document_from_text(text, url, language_hint=language))
    return {f.subkind for f in analysis.findings if f.kind == kind}


def _genres(text: str, url: str, language: str) -> set[str]:
    return _cues(text, url, language, "genre")


def _therapies(text: str, url: str, language: str) -> set[str]:
    return _cues(text, url, language, "therapy")


def test_the_german_sharp_s_spelling_is_a_variant_of_german_terms_only() -> None:
    # « Strasse » and « Straße » are one German word; fold keeps the length, so ß is one « s »
    assert term_variants("Strasse", "de") == {"strasse", "strase"}
    assert term_variants("IPSS", "pt") == {"ipss"}
    assert term_variants("associados", "pt") == {"associados"}
    # ligatures of other languages are kept for every language (« cœur », « Cæsar »)
    assert term_variants("coeur", "fr") == {"coeur", "cour"}
    # no language given: every variant (the former behaviour, for callers outside a lexicon)
    assert "ips" in term_variants("IPSS")


def test_induced_pluripotent_cells_are_not_a_portuguese_charity() -> None:
    text = (
        "Células iPS: as células-tronco pluripotentes induzidas são reprogramadas em laboratório. "
        "A nossa clínica oferece terapia com células-tronco para o autismo."
    )
    assert "patient_association" not in _genres(text, "https://clinica.example/ips", "pt")
    # the charity's status itself still reads as an association
    charity = "Somos uma IPSS que apoia as famílias. A terapia com células-tronco ainda é experimental."
    assert "patient_association" in _genres(charity, "https://apoio.example/", "pt")


def test_the_immune_system_is_not_a_donation_in_turkish() -> None:
    text = (
        "Kök hücre tedavisi bağışıklık sistemini düzenler. "
        "Kliniğimizde kök hücre tedavisi uyguluyoruz ve bağışıklık sistemini güçlendiriyoruz."
    )
    assert "patient_association" not in _genres(text, "https://klinik.example/", "tr")
    appeal = "Kök hücre araştırmaları için bağışlarınızla destek olun. Bağış yapmak için tıklayın."
    assert "patient_association" in _genres(appeal, "https://vakif.example/", "tr")


def test_an_acronym_alone_names_no_therapy() -> None:
    """« MSC » in a political story is the shipping company (a news page of the bench WARC);
    beside the cells it abbreviates, it stays."""
    news = (
        "Le secrétaire général a été directeur financier de l'armateur italo-suisse MSC. "
        "Il a conclu des contrats entre MSC et le port du Havre."
    )
    assert _therapies(news, "https://journal.example/politique", "fr") == set()
    clinic = "Les cellules souches mésenchymateuses (MSC) sont injectées dans le genou. Les MSC réparent le cartilage."
    assert "mesenchymal_stem_cells" in _therapies(clinic, "https://clinique.example/", "fr")


def test_the_umbilical_cord_alone_is_a_birth_story() -> None:
    birth = "Le papa a coupé le cordon ombilical. Notre fille pesait 3,2 kg à la naissance."
    assert _therapies(birth, "https://parents.example/naissance", "fr") == set()
    bank = (
        "Les cellules souches issues du cordon ombilical de votre bébé peuvent être conservées. "
        "Nous injectons ces cellules souches aux enfants autistes."
    )
    assert "umbilical_cord_cells" in _therapies(bank, "https://banque.example/", "fr")
    assert _therapies("The midwife clamped the umbilical cord.", "https://birth.example/", "en") == set()
    assert _therapies("Die Hebamme hat die Nabelschnur durchtrennt.", "https://geburt.example/", "de") == set()


def test_forms_no_shipping_company_takes_name_the_cells_alone() -> None:
    """« hUC-MSC », "MSCs", « DC-CIK »: no company nor degree is written so; a cord bank's « conservazione
    del cordone ombelicale » is cord banking, no birth story."""
    text = "El instituto recomienda el uso de hUC-MSC para el tratamiento de la esclerosis múltiple."
    assert _therapies(text, "https://instituto.example/em", "es") == {"mesenchymal_stem_cells"}
    assert _therapies("Our MSCs are expanded in the lab.", "https://lab.example/", "en") == {"mesenchymal_stem_cells"}
    bank = "Sanzioni contro le banche private per la conservazione del cordone ombelicale."
    assert _therapies(bank, "https://agcm.example/", "it") == {"umbilical_cord_cells"}


def test_a_cell_suspension_is_no_authority_s_suspension() -> None:
    """« Suspensão de células expandidas por cultivo celular » is a product's form (a Brazilian
    clinic's list of procedures), "cell suspension" too; an authority's suspension is still one."""
    clinic = "Terapia com células-tronco: suspensão de células expandidas por cultivo celular."
    assert "unauthorised" not in _cues(clinic, "https://clinica.example/", "pt", "reporting_context")
    en = "The stromal vascular fraction cell suspension is injected into the knee with stem cells."
    assert "unauthorised" not in _cues(en, "https://clinic.example/", "en", "reporting_context")
    measure = "A Anvisa determinou a suspensão das atividades da clínica de células-tronco."
    assert "unauthorised" in _cues(measure, "https://noticias.example/", "pt", "reporting_context")


def test_associated_findings_are_no_association() -> None:
    text = "Dois achados estão associados ao autismo. A terapia com células-tronco melhora a comunicação."
    assert "patient_association" not in _cues(text, "https://clinica.example/", "pt", "genre")


def test_biology_s_words_are_no_trial_nor_closure() -> None:
    """Cells « recruit » other cells (a clinic's mechanism), "interventional orthopedics" is a
    specialty, "the body begins to shut down" is a disease's course: none is a trial registry's
    or an authority's word. A trial recruiting patients, a clinic shut down, still are."""
    recruit = "Las células madre emiten señales que provocan el reclutamiento de otras células en el área dañada."
    assert "clinical_trial" not in _cues(recruit, "https://clinica.example/", "es", "genre")
    ortho = "Our interventional orthopedics team injects stem cells into the knee."
    assert "clinical_trial" not in _cues(ortho, "https://clinic.example/", "en", "genre")
    course = "In late Alzheimer's disease the body begins to shut down; stem cell therapy may help."
    assert "unauthorised" not in _cues(course, "https://clinic.example/", "en", "reporting_context")
    trial = "L'essai de thérapie cellulaire par cellules souches est en cours de recrutement des patients."
    assert "clinical_trial" in _cues(trial, "https://essai.example/", "fr", "genre")
    closed = "The stem cell clinic was shut down by the state health department."
    assert "unauthorised" in _cues(closed, "https://news.example/", "en", "reporting_context")


def test_a_numbered_phase_is_a_trial_s_only_beside_a_trial_or_a_study() -> None:
    step = "FASE 1: il prelievo delle cellule staminali mesenchimali è una procedura semplice e indolore."
    assert "clinical_trial" not in _cues(step, "https://clinica.example/", "it", "genre")
    trial = "ELIANA was a global phase 2 pivotal trial of CAR-T cells in 79 patients."
    assert "clinical_trial" in _cues(trial, "https://hcp.example/", "en", "genre")


def test_turkish_what_we_call_is_no_reported_speech() -> None:
    """« snovya dediğimiz zar » is "the membrane we call synovium"; « dedim » is the writer's own
    « I said »; « dedi » is someone's speech."""
    text = "Kök hücre tedavisi: snovya dediğimiz eklem zarı iltihaplanır. Denenmektedir dedim."
    assert "journalism" not in _cues(text, "https://klinik.example/", "tr", "reporting_context")
    news = "Kök hücre tedavisi hakkında konuşan doktor, tedavinin deneysel olduğunu söyledi ve 'dikkatli olun' dedi."
    assert "journalism" in _cues(news, "https://haber.example/", "tr", "reporting_context")


def test_a_double_layer_is_no_effect() -> None:
    """"a double-layered sheet", "double-blind": no claim; "doubles the number of" still is."""
    text = "Exosomes have a phospholipid membrane, a double-layered sheet of fat. The trial of stem cells was double-blind."
    assert "treat" not in _cues(text, "https://skincare.example/", "en", "claim")
    claim = "Our stem cell therapy doubles the number of new hair follicles."
    assert "treat" in _cues(claim, "https://clinic.example/", "en", "claim")


def test_a_patient_s_quoted_story_is_no_report() -> None:
    """On a clinic's testimonials page, « "Our son … he said 'mama' for the first time" » is a
    testimonial: neither a quotation cue nor "said" frames a report there. In a newspaper the
    verb that introduces the story (« raconte sa mère ») still does."""
    page = (
        'Stem cell therapy for autism at our clinic. "Our son Leo is autistic and did not speak. Two months '
        "after the stem cells he said 'mama' for the first time. Thank you!\" Book your consultation."
    )
    cues = _cues(page, "https://clinic.example/testimonials", "en", "reporting_context")
    assert not cues & {"quotation", "journalism"}, cues
    news = (
        "Thérapie par cellules souches : « Mon fils ne parlait pas, après les cellules souches il a dit "
        "maman », raconte sa mère au journal."
    )
    assert "journalism" in _cues(news, "https://journal.example/", "fr", "reporting_context")


def test_a_disease_s_figures_from_an_authority_are_no_report() -> None:
    """« selon les données de la Commission européenne » backs a disease's figures on a
    clinic's page as in a newspaper: no reporting cue there. A source's words about the therapy
    itself are reported (in any of the languages that have such an entry)."""
    page = (
        "Traitement de la lombalgie par cellules souches. La lombalgie touche 67 millions de personnes "
        "dans l'Union européenne, selon les données de la Commission européenne."
    )
    assert "journalism" not in _cues(page, "https://clinique.example/lombalgie", "fr", "reporting_context")
    english = "Stem cell therapy for COPD. According to the World Health Organization, COPD is a leading cause of death."
    assert "journalism" not in _cues(english, "https://clinic.example/copd", "en", "reporting_context")
    news = "Stem cells may cure thalassaemia, according to the agency's chief at a press conference."
    assert "journalism" in _cues(news, "https://news.example/", "en", "reporting_context")
    spanish = "Según un estudio, las células madre no curan el autismo."
    assert "journalism" in _cues(spanish, "https://diario.example/", "es", "reporting_context")


def test_minimal_risks_are_a_safety_claim_not_a_caveat() -> None:
    """« con riesgos y complicaciones mínimas » says the therapy is safe: a claim, and its
    « riesgos » no caveat; the risks a regulator warns of still are one."""
    page = "La terapia con células madre regenera los tejidos, con riesgos y complicaciones mínimas."
    assert "safety" in _cues(page, "https://clinica.example/", "es", "claim")
    assert "refutation" not in _cues(page, "https://clinica.example/", "es", "reporting_context")
    warning = "La agencia advierte de los riesgos de las terapias con células madre no autorizadas."
    assert "refutation" in _cues(warning, "https://agencia.example/", "es", "reporting_context")


def test_a_cord_donation_is_no_charity() -> None:
    """"umbilical cord donation" is a cord bank's or a clinic's source, not a gift to a charity."""
    page = "Our stem cell therapy uses cells from umbilical cord donation, with consent of each family."
    assert "patient_association" not in _genres(page, "https://clinic.example/", "en")
    charity = "Stem cell research needs you: make a donation to our association today."
    assert "patient_association" in _genres(charity, "https://charity.example/", "en")


def test_a_patient_s_medical_history_is_no_encyclopedia() -> None:
    """"your medical history", "a family history of autism": a clinic's and a trial's words, no
    encyclopedia's section; an encyclopedia still reads as one."""
    page = "Stem cell therapy for autism: send us your medical history and tell us of any family history of autism."
    assert "encyclopedia" not in _genres(page, "https://clinic.example/", "en")
    article = "Stem cell therapy. From Wikipedia, the free encyclopedia. See also: regenerative medicine."
    assert "encyclopedia" in _genres(article, "https://wiki.example/", "en")


def test_an_encyclopedia_s_section_titles_count_only_as_titles() -> None:
    """« Note legali » in an Italian clinic's footer, « La nostra storia » in its menu, a patient's
    « mi historia », a clinic's "References available on request": ordinary words, no
    encyclopedia. The same words standing alone as a section's title (« Storia[modifica] »,
    « 2. Geschichte », "References") are an encyclopedia's sections."""
    from vigipub.extract import document_from_html

    detector = Detector.default()
    clinic = (
        '<html lang="it"><body><nav><a href="/s">La nostra storia</a></nav>'
        "<p>Le nostre cellule staminali curano l'artrosi.</p>"
        '<footer><a href="/n">Note legali</a> <a href="/p">Privacy</a></footer></body></html>'
    )
    analysis = detector.analyze(document_from_html(clinic.encode(), "https://clinica.example/"))
    assert "encyclopedia" not in {f.subkind for f in analysis.findings if f.kind == "genre"}
    assert "encyclopedia" not in _genres("Esta es mi historia con las células madre.", "https://blog.example/", "es")
    assert "encyclopedia" not in _genres(
        "Stem cell therapy for knee pain. References available on request.", "https://clinic.example/", "en"
    )
    article = (
        '<html lang="it"><body><p>Le cellule staminali sono cellule non specializzate.</p>'
        "<h2>Storia[modifica | modifica wikitesto]</h2><p>Le prime ricerche.</p><h2>Note</h2><ol><li>Rossi</li></ol>"
        "</body></html>"
    )
    analysis = detector.analyze(document_from_html(article.encode(), "https://enciclopedia.example/"))
    assert [f.quote for f in analysis.findings if f.subkind == "encyclopedia"] == ["Storia[modifica", "Note"]
    assert "encyclopedia" in _genres("Stammzellen\n\n2. Geschichte\n\nDie ersten Versuche.", "https://lexikon.example/", "de")
    assert "encyclopedia" in _genres("Stem cells.\n\nReferences", "https://wiki.example/", "en")


def test_a_phrase_written_with_hyphens_is_the_same_phrase() -> None:
    """« Aloe-vera-Exosomen », "cord-blood": a name in the lexicon (a therapy, a plant, a disease)
    matches its hyphenated spelling."""
    assert term_variants("Aloe vera", "de", hyphenated=True) >= {"aloe vera", "aloe-vera"}
    assert "aloe-vera" not in term_variants("Aloe vera", "de")
    assert term_variants("stem-cell", "en", hyphenated=True) == {"stem-cell"}
    assert "mesenchymal_stem_cells" in _therapies(
        "Our clinic offers mesenchymal-stem-cells injections for knee pain.", "https://clinic.example/", "en"
    )


def test_a_paper_s_methods_section_not_the_word_methods() -> None:
    """"Unlike traditional methods" (a clinic), « ces méthodes » (a newspaper): no science genre;
    a paper's "Materials and methods" is one."""
    page = "Unlike traditional methods that only manage symptoms, our stem cell therapy repairs the tissue."
    assert "science" not in _genres(page, "https://clinic.example/", "en")
    paper = "Stem cells in cerebral palsy. Materials and methods: 21 children received stem cells."
    assert "science" in _genres(paper, "https://journal.example/", "en")


def test_french_cells_given_and_effects_in_the_infinitive() -> None:
    """A clinic's French page that names no « cellules souches »: « trois administrations de
    cellules » names a cell therapy, « vise à diminuer la spasticité et à améliorer la
    motricité fine » claims its effect (written for this test, after a probe site)."""
    page = (
        "Paralysie cérébrale. Chez l'enfant atteint de paralysie cérébrale, notre programme vise à diminuer la "
        "spasticité et à améliorer la motricité fine. Le protocole associe trois administrations de cellules "
        "à une rééducation intensive."
    )
    assert "cell_therapy_other" in _therapies(page, "https://clinique.example/paralysie", "fr")
    assert "treat" in _cues(page, "https://clinique.example/paralysie", "fr", "claim")


def test_blindness_as_a_symptom_is_no_warning() -> None:
    """« ceguera en un ojo » among the symptoms of multiple sclerosis describes the disease; the
    blindness that followed an injection is the harm a warning reports."""
    page = "Células madre para la esclerosis múltiple. Los síntomas pueden incluir visión doble y ceguera en un ojo."
    assert "warning" not in _cues(page, "https://clinica.example/em", "es", "reporting_context")
    harm = "Tres pacientes sufrieron ceguera tras inyecciones de células madre en una clínica."
    assert "warning" in _cues(harm, "https://diario.example/", "es", "reporting_context")


def test_fat_or_cord_blood_given_is_no_gift_to_a_charity() -> None:
    """„vielleicht spenden bald junge Frauen Fett“, « donación de sangre de cordón »: tissue given,
    not a gift to an association; « Donar ahora » on a fundraiser still is one."""
    page = "Stammzellen aus Fett: vielleicht spenden bald junge Frauen Fett für ihre Familie."
    assert "patient_association" not in _genres(page, "https://blog.example/", "de")
    cord = "Células madre de cordón umbilical: la donación de sangre de cordón es altruista."
    assert "patient_association" not in _genres(cord, "https://banco.example/", "es")
    appeal = "Ayuda a Martina a viajar para su tratamiento con células madre. Donar ahora."
    assert "patient_association" in _genres(appeal, "https://campana.example/", "es")


def test_some_specialists_say_is_a_report() -> None:
    """« Selon certains spécialistes, les cellules souches permettent déjà de guérir… »: a
    newspaper attributing a claim to unnamed experts; the claim is reported."""
    news = "Selon certains spécialistes, les cellules souches permettent déjà de guérir de nombreuses maladies."
    analysis = Detector.default().analyze(document_from_text(news, "https://journal.example/", language_hint="fr"))
    assert "attribution" in {f.subkind for f in analysis.findings if f.kind == "reporting_context"}
    assert all(f.attributes.get("reported") == "yes" for f in analysis.findings if f.kind == "claim")


def test_hair_follicle_stem_cells_grafted_are_the_patient_s_own_tissue() -> None:
    """« la greffe de cellules souches pileuses » moves the patient's own follicles (a hair
    clinic's micrograft), as "hair follicle stem cells" do in English: no cell product."""
    page = "Après le PRP, la greffe de cellules souches pileuses est la solution contre la calvitie."
    assert "stem_cells" not in _therapies(page, "https://cheveux.example/", "fr")


def test_a_paywall_is_no_protective_effect() -> None:
    """Accents fold: « protège » matched « l'accès à l'article est protégé »; the effect names
    what it protects (« protège les neurones »)."""
    page = "Cellules souches et cartilage. L'accès à la totalité de l'article est protégé."
    assert "treat" not in _cues(page, "https://revue.example/", "fr", "claim")
    claim = "Nos cellules souches protège les neurones de la dégénérescence."
    assert "treat" in _cues(claim, "https://clinique.example/", "fr", "claim")


def test_the_writer_s_own_words_and_a_conformity_report_nobody() -> None:
    """"as I said" is the doctor's own voice, "processed according to standards" a conformity,
    « de acordo com as necessidades do organismo » a need: none reports someone's words."""
    own = "Those mesenchymal stem cells, as I said, we concentrate minimally before the injection."
    assert "journalism" not in _cues(own, "https://clinic.example/", "en", "reporting_context")
    conformity = "We use exosomes processed in the United States according to standards of the AATB."
    assert "journalism" not in _cues(conformity, "https://clinic.example/", "en", "reporting_context")
    need = "As células estaminais transformam-se em células de cada tecido, de acordo com as necessidades do organismo."
    assert "journalism" not in _cues(need, "https://clinica.example/", "pt", "reporting_context")
    news = "Stem cells may cure thalassaemia, according to the agency's chief."
    assert "journalism" in _cues(news, "https://news.example/", "en", "reporting_context")


def test_a_disease_that_advances_is_no_breakthrough() -> None:
    """« que esta enfermedad neurodegenerativa avance », « el avance de la enfermedad »: the
    disease progresses; « un gran avance » is a breakthrough."""
    page = "Células madre para la ELA: es probable que esta enfermedad neurodegenerativa avance con el tiempo."
    assert "innovation" not in _cues(page, "https://clinica.example/", "es", "claim")
    claim = "Nuestra terapia con células madre es un gran avance contra la ELA."
    assert "innovation" in _cues(claim, "https://clinica.example/", "es", "claim")


def test_a_field_s_progress_or_an_organ_s_development_is_no_improvement_in_turkish() -> None:
    """« bilim alanındaki ilerlemeler », « organların gelişmesini sağlayan »: a field's progress,
    an organ's development; « belirgin gelişme görüldü » is a patient's improvement, and
    « hastalığın ilerlemesi durduruluyor » a claim to stop the disease."""
    page = "Kök hücreler bütün organların gelişmesini sağlayan hücrelerdir. Bilim alanındaki ilerlemeler sürüyor."
    assert "treat" not in _cues(page, "https://klinik.example/", "tr", "claim")
    claim = "Kök hücre tedavisinden sonra hastada belirgin gelişme görüldü."
    assert "treat" in _cues(claim, "https://klinik.example/", "tr", "claim")
