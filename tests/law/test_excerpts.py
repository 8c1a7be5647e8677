"""Declared excerpts: the law's words a decision quotes, cut from the article texts, verbatim."""

from __future__ import annotations

from datetime import date

import pytest

from vigipub.law import Excerpt, LawDataError, get_jurisdiction

FR = get_jurisdiction("FR")
ON = date(2024, 11, 5)
TEXT = "I. - Première phrase, à l'exception de ceci.\n\nb) «terme»: une définition:\n\n— un tiret ;\n\nc) autre point."


def test_a_paragraph_without_its_numbering_nor_its_full_stop() -> None:
    assert Excerpt(paragraph=1).cut(TEXT) == "Première phrase, à l'exception de ceci"
    assert Excerpt(paragraph=1, until=", à l'exception").cut(TEXT) == "Première phrase"


def test_a_point_is_its_definition_up_to_the_next_point() -> None:
    assert Excerpt(point="b").cut(TEXT) == "une définition:\n\n— un tiret"


def test_the_whole_text() -> None:
    assert Excerpt().cut(TEXT).endswith("c) autre point")


@pytest.mark.parametrize(
    ("excerpt", "match"),
    [
        (Excerpt(paragraph=9), "no paragraph 9"),
        (Excerpt(point="z"), "no point z"),
        (Excerpt(paragraph=1, until="introuvable"), "not found"),
        (Excerpt(paragraph=1, point="b"), "not both"),
    ],
)
def test_an_excerpt_that_does_not_fit_the_text_is_an_error_naming_the_article(excerpt: Excerpt, match: str) -> None:
    with pytest.raises(LawDataError, match=match) as err:
        excerpt.cut(TEXT, where="CSP L. 0000-0")
    assert "CSP L. 0000-0" in str(err.value)


def test_excerpts_of_the_articles_in_force() -> None:
    article = FR.article("CSP L. 5111-1")
    words = article.excerpt(ON, Excerpt(paragraph=1))
    assert words is not None and words.startswith("On entend par médicament à usage humain")
    assert (article.text_fr(ON) or "").startswith("I.-On entend")  # the numbering is the text's, not quoted
    definition = FR.article("REG 1394/2007 art. 2").excerpt(ON, Excerpt(point="b"))
    assert definition is not None and definition.startswith("un produit:")
    # a version whose wording was not retrieved gives no words (the draft marks a gap)
    assert FR.article("DIR 2001/83 annexe I partie IV").excerpt(date(2009, 1, 1), Excerpt()) is None
