"""A food supplement that « releases your own stem cells » holds no cell: no therapy of interest.

Capsules of algae sold to « libérer vos cellules souches » (or "support the release of your
own stem cells") are common on the web; their pages name stem cells in every sentence. The
cells are the reader's own; a clinic that injects stem cells and sells a supplement beside them
still offers stem cells.
"""

from vigipub.detect import Detector
from vigipub.extract import document_from_text


def _analyze(text: str, language: str, url: str = "https://boutique.example/") -> tuple[str, str, set[str]]:
    a = Detector.default().analyze(document_from_text(text, url, language_hint=language))
    return a.verdict, a.genre, {f.subkind for f in a.findings if f.kind == "therapy"}


FR = (
    "Libérez le pouvoir de vos propres cellules souches. NovaStem est un complément alimentaire à base "
    "d'algue qui favorise la libération naturelle des cellules souches de votre moelle osseuse. Vos "
    "cellules souches adultes renouvellent votre corps : articulations, énergie, peau. « Mes douleurs "
    "ont disparu » — Jean, 64 ans. Cure de 3 mois : 149 €. Commander maintenant."
)
EN = (
    "Support your body's renewal. CellRise is a dietary supplement that supports the release of your "
    "own stem cells from the bone marrow. More circulating stem cells mean better joints and more "
    "energy. Adult stem cells are your body's repair system. 60 capsules: $59. Order now."
)


def test_a_supplement_releasing_the_body_s_stem_cells_names_no_therapy() -> None:
    for text, language in ((FR, "fr"), (EN, "en")):
        verdict, genre, therapies = _analyze(text, language)
        assert verdict == "not_promotion", (language, verdict)
        assert genre == "food_supplement" and not therapies, (language, genre, therapies)


def test_the_reason_says_the_product_holds_no_cell() -> None:
    a = Detector.default().analyze(document_from_text(FR, "https://boutique.example/", language_hint="fr"))
    assert any("complément alimentaire" in r and "aucune cellule" in r for r in a.reasons), a.reasons


def test_a_clinic_injecting_stem_cells_beside_a_supplement_keeps_its_therapy() -> None:
    text = (
        "Notre clinique propose des injections de cellules souches pour l'arthrose du genou. Le protocole "
        "associe trois perfusions de cellules souches et un complément alimentaire pour stimuler vos "
        "cellules souches. Prix : 4 900 €. Prenez rendez-vous."
    )
    verdict, _genre, therapies = _analyze(text, "fr", "https://clinique.example/")
    assert "stem_cells" in therapies and verdict == "promotion"


def test_a_supplement_page_naming_a_product_s_cells_keeps_them() -> None:
    # cells a product is made of (umbilical cord) are no reader's own, supplement or not
    text = (
        "Notre complément alimentaire favorise la libération de vos cellules souches. Nous proposons aussi "
        "des cellules souches de cordon ombilical pour l'autisme, à la clinique."
    )
    _verdict, _genre, therapies = _analyze(text, "fr")
    assert "umbilical_cord_cells" in therapies


def test_the_stem_cells_of_a_page_naming_plants_stem_cells_are_the_plants() -> None:
    """« des actifs à base de cellules souches végétales » then « les cellules souches ainsi
    diffusées »: the same plants' cells, a cosmetic's ingredient (an aesthetic doctor's hair page)."""
    text = (
        "Le soin associe l'oxygénothérapie et des actifs à base de cellules souches végétales. "
        "Les cellules souches ainsi diffusées revitalisent le cuir chevelu et freinent la chute des cheveux. "
        "Une séance dure vingt minutes."
    )
    verdict, _genre, therapies = _analyze(text, "fr", "https://esthetique.example/cheveux")
    assert not therapies and verdict == "not_promotion", (verdict, therapies)
    # a page that also names human cells of a kind speaks of them: its stem cells stay
    human = (
        "Contrairement aux cellules souches végétales des crèmes, nous utilisons les cellules souches "
        "mésenchymateuses de votre graisse. Les cellules souches sont réinjectées dans le genou."
    )
    _verdict, _genre, therapies = _analyze(human, "fr", "https://clinique.example/genou")
    assert {"mesenchymal_stem_cells", "stem_cells"} <= therapies, therapies
