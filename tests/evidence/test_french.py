"""The one French text module: typography (idempotent, URL-safe), dates, lists, articles, folds."""

from __future__ import annotations

from datetime import date

import pytest

from vigipub.evidence.french import (
    NBSP,
    NNBSP,
    compare_key,
    de,
    fold_accents,
    placeholder,
    que,
    render,
    search_key,
    typeset_spacing,
    with_article,
)
from vigipub.evidence.french import article_number as fr_article
from vigipub.evidence.french import date_list as fr_date_list
from vigipub.evidence.french import join as fr_join
from vigipub.evidence.french import long_date as fr_date
from vigipub.evidence.french import quote as fr_quote
from vigipub.evidence.french import typeset as fr_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Décide :", f"Décide{NNBSP}:"),
        ("Décide:", f"Décide{NNBSP}:"),
        ("le CSP ; que", f"le CSP{NNBSP}; que"),
        ("Vraiment ?", f"Vraiment{NNBSP}?"),
        ("Attention!", f"Attention{NNBSP}!"),
        ("« Vaincre le cancer »", f"«{NNBSP}Vaincre le cancer{NNBSP}»"),
        ("«Vaincre»", f"«{NNBSP}Vaincre{NNBSP}»"),
        ("l'article", "l’article"),
        ("L.5122-1", f"L.{NBSP}5122-1"),
        ("L. 5122-1", f"L.{NBSP}5122-1"),
        ("L 5122-1", f"L.{NBSP}5122-1"),
        ("R.5122-4", f"R.{NBSP}5122-4"),
        ("n°1394/2007", f"n°{NBSP}1394/2007"),
        ("vitamine D 1000", "vitamine D 1000"),  # not an article reference
        ("10:30", "10:30"),  # a colon inside a token is not punctuation
    ],
)
def test_fr_text_rules(raw: str, expected: str) -> None:
    assert fr_text(raw) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://iaso-cancer.com",
        "https://x.example/fr/page?id=3&a=b",
        "www.example.fr/l'offre",
        "contact@iaso.ch",
    ],
)
def test_urls_are_never_touched(url: str) -> None:
    assert fr_text(f"Vu le site internet {url} ;") == f"Vu le site internet {url}{NNBSP};"


def test_url_followed_by_punctuation_keeps_its_colon() -> None:
    assert fr_text("voir https://a.fr: ici") == f"voir https://a.fr{NNBSP}: ici"


def test_idempotent_on_a_whole_considerant() -> None:
    text = (
        "Considérant qu'aux termes de l'article L.5111-1 du CSP, « on entend par médicament … » ; "
        "que le site https://iaso-cancer.com/fr/?p=1 ; Décide : n° 1394/2007 !"
    )
    once = fr_text(text)
    assert fr_text(once) == once
    assert " ;" not in once and " :" not in once and "« " not in once


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 11, 28), f"28{NBSP}novembre{NBSP}2024"),
        (date(2024, 11, 1), f"1er{NBSP}novembre{NBSP}2024"),
        (date(2025, 2, 11), f"11{NBSP}février{NBSP}2025"),
        (date(2025, 8, 2), f"2{NBSP}août{NBSP}2025"),
    ],
)
def test_fr_date(d: date, expected: str) -> None:
    assert fr_date(d) == expected


def test_date_list_groups_the_year_as_the_agency_does() -> None:
    dates = [date(2024, 11, 27), date(2024, 11, 7), date(2024, 11, 19), date(2024, 11, 7)]
    assert fr_date_list(dates).replace(NBSP, " ") == "7 novembre, 19 novembre et 27 novembre 2024"


def test_date_list_across_years() -> None:
    got = fr_date_list([date(2025, 1, 3), date(2024, 12, 28)]).replace(NBSP, " ")
    assert got == "28 décembre 2024 et 3 janvier 2025"


def test_date_list_single() -> None:
    assert fr_date_list([date(2024, 11, 1)]).replace(NBSP, " ") == "1er novembre 2024"


def test_join_and_quote_and_article() -> None:
    assert fr_join(["a"]) == "a"
    assert fr_join(["a", "b"]) == "a et b"
    assert fr_join(["a", "b", "c"]) == "a, b et c"
    assert fr_quote(" Vaincre le cancer ") == f"«{NNBSP}Vaincre le cancer{NNBSP}»"
    assert fr_article("L.5312-4") == f"L.{NBSP}5312-4"
    assert fr_article("Annexe I") == "Annexe I"


def test_quotations_stay_verbatim() -> None:
    """A quote is evidence (or law text): apostrophes and spacing inside « » are not touched."""
    claim = "« La TCD offre parfois la possibilité d'éviter la chimiothérapie: vraiment? (L.5111-1) »"
    got = fr_text(f"telles que {claim} ; l'article")
    assert (
        f"«{NNBSP}La TCD offre parfois la possibilité d'éviter la chimiothérapie: vraiment? (L.5111-1){NNBSP}»"
        in got
    )
    assert got.endswith(f"»{NNBSP}; l’article")
    nested = fr_text("« il écrit « l'offre » puis s'arrête » ;")
    assert "l'offre" in nested and "s'arrête" in nested and nested.endswith(f"»{NNBSP};")
    unbalanced = fr_text("« ouvert sans fin l'article")
    assert "l'article" in unbalanced


def test_dates_in_running_text_do_not_break() -> None:
    """QA: the Vu « en dates des 7 novembre, 19 novembre et 27 novembre 2024 » came from the
    qualification with ordinary spaces and the PDF broke the line between « 7 » and « novembre »."""
    raw = "par transmissions en dates des 7 novembre, 19 novembre et 27 novembre 2024 ; le 1er mars 2025"
    out = fr_text(raw)
    assert f"7{NBSP}novembre," in out and f"27{NBSP}novembre{NBSP}2024" in out
    assert f"1er{NBSP}mars{NBSP}2025" in out
    assert fr_text(out) == out
    # quotations stay verbatim, numbers that are not dates are left alone
    assert fr_text("« le 7 novembre »") == f"«{NNBSP}le 7 novembre{NNBSP}»"
    assert fr_text("7 patients en 2024") == "7 patients en 2024"


def test_quote_keeps_no_break_spaces_and_collapses_line_breaks() -> None:
    assert fr_quote("a\n  b\u00a0c") == f"«{NNBSP}a b{NBSP}c{NNBSP}»"


def test_render_typesets_the_template_never_the_values() -> None:
    got = render("Considérant qu'aux termes de l'article {art} du CSP, {q} ; {url}", {
        "art": f"L.{NBSP}5122-1", "q": "« l'offre: ici »", "url": "https://a.fr/?x=1;y"
    })
    assert got == f"Considérant qu’aux termes de l’article L.{NBSP}5122-1 du CSP, « l'offre: ici »{NNBSP}; https://a.fr/?x=1;y"
    # a field name may hold spaces and dots (an article key), and is never typeset
    assert render("voir {CSP L. 5122-1}", {"CSP L. 5122-1": "X"}) == "voir X"
    with pytest.raises(KeyError):
        render("{missing}", {})


def test_spacing_only_for_the_law_s_words() -> None:
    law = "mentionnée à l'article L. 5121-8 ; le règlement (CE) n° 1394/2007 : fin"
    assert typeset_spacing(law) == (
        f"mentionnée à l'article L.{NBSP}5121-8{NNBSP}; le règlement (CE) n°{NBSP}1394/2007{NNBSP}: fin"
    )


@pytest.mark.parametrize(
    ("noun", "article", "expected"),
    [
        ("thérapie cellulaire dendritique", None, "la thérapie cellulaire dendritique"),
        ("molécule autologue", None, "la molécule autologue"),  # the guessers said « le » in a title
        ("vaccin dendritique", None, "le vaccin dendritique"),
        ("immunothérapie", None, "l'immunothérapie"),
        ("cellules souches", None, "les cellules souches"),
        ("DCVax-L", None, f"le produit «{NNBSP}DCVax-L{NNBSP}»"),  # never a guessed gender
        ("DCVax-L", "le", "le DCVax-L"),
        ("immunothérapie X", "l'", "l'immunothérapie X"),
        ("la thérapie X", "le", "la thérapie X"),  # its own article first
        (placeholder("produit"), None, "le ⟦produit⟧"),
    ],
)
def test_with_article_from_the_case_or_a_table(noun: str, article: str | None, expected: str) -> None:
    assert with_article(noun, article) == expected


def test_de_and_que() -> None:
    assert de("le vaccin") == "du vaccin" and de("les cellules") == "des cellules"
    assert de("la thérapie") == "de la thérapie" and de("l'immunothérapie") == "de l'immunothérapie"
    assert que("elle n'exerce") == "qu'elle n'exerce" and que("la société") == "que la société"
    assert que("à ce titre") == "qu'à ce titre"


def test_the_three_folds_say_what_they_do() -> None:
    assert search_key("AXICABTAGÈNE  Ciloleucel (Yescarta®)") == "axicabtagene ciloleucel yescarta"
    assert search_key("Cœur") == "coeur"
    assert compare_key("« Traité », l’offre !") == "traité l offre"
    assert compare_key("traité") != compare_key("traite")  # accents kept
    assert fold_accents("Thérapie-Cellulaire") == "therapie-cellulaire"


@pytest.mark.parametrize(
    ("phrase", "gender_and_number", "to", "proposed"),
    [
        ("la thérapie cellulaire dendritique", ("feminine", "singular"), "à la thérapie cellulaire dendritique", "proposée"),
        ("le vaccin dendritique", ("masculine", "singular"), "au vaccin dendritique", "proposé"),
        ("les exosomes", ("masculine", "plural"), "aux exosomes", "proposés"),
        ("les cellules souches mésenchymateuses", ("feminine", "plural"), "aux cellules souches mésenchymateuses", "proposées"),
        ("l'immunothérapie cellulaire", ("feminine", "singular"), "à l'immunothérapie cellulaire", "proposée"),
        ("le produit « VitaCell »", ("masculine", "singular"), "au produit « VitaCell »", "proposé"),
    ],
)
def test_a_product_s_contraction_and_agreement(
    phrase: str, gender_and_number: tuple[str, str], to: str, proposed: str
) -> None:
    from vigipub.evidence.french import a, agree, gender_number

    assert gender_number(phrase) == gender_and_number
    assert a(phrase) == to
    assert agree(phrase, "proposé", "proposée", "proposés", "proposées") == proposed
