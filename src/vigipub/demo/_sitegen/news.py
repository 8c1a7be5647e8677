"""Generate the ``news-report`` demo site: a French news site reporting a suspension."""

# ruff: noqa: E501

from __future__ import annotations

import json

from .common import disc_logo, escape, write, write_config

SITE = "news-report"
ARTICLE = "sante/2026/11/14/therapie-dendritique-publicite-suspendue.html"
OTHER = "ville/2026/11/13/mediatheque-horaires-elargis.html"

ARTICLE_BODY = """
<article class="article">
<p class="rubrique"><a href="/">Santé</a></p>
<h1>Cancer : le régulateur suspend la publicité d'une clinique suisse pour une « thérapie dendritique » non autorisée</h1>
<p class="chapo">L'Autorité de sécurité des produits de santé (ASPS) a suspendu la publicité de la clinique Orvalis, qui vantait auprès de patients français un « vaccin » anticancer à base de cellules dendritiques. Aucune autorisation n'a été délivrée pour ce produit.</p>
<p class="signature">Par Claire Vasseur – publié le 14 novembre 2026 à 9 h 30</p>
<p>La décision a été publiée jeudi. L'ASPS estime que le site internet de la clinique Orvalis, établie dans un canton suisse et disposant d'une version en français, fait la promotion d'un médicament qui n'a jamais obtenu d'autorisation de mise sur le marché, ni en France ni dans l'Union européenne.</p>
<h2>Des promesses que rien ne vient étayer</h2>
<p>Selon la clinique, sa thérapie serait efficace contre « la plupart des cancers solides » et permettrait prétendument de réduire la taille des tumeurs de manière spectaculaire. Le site affirme aussi, d'après le régulateur, que le traitement serait dépourvu d'effets secondaires et pourrait dispenser certains malades d'une chimiothérapie.</p>
<p>Ces affirmations ne reposent sur aucune étude publiée permettant d'en juger, souligne l'autorité. « Aucune donnée robuste ne démontre l'efficacité ni la sécurité de ce produit », indique-t-elle dans un communiqué.</p>
<p>Le procédé décrit par la clinique consiste à prélever le sang du patient, à mettre en culture certaines cellules pour les transformer en cellules dendritiques, puis à les exposer à des fragments de la tumeur avant de les réinjecter. Pour le régulateur, cette préparation constitue une manipulation substantielle de cellules : le produit relève donc de la réglementation des médicaments de thérapie innovante, qui impose une évaluation et une autorisation préalables.</p>
<h2>Un risque de perte de chance</h2>
<p>« Le danger principal, c'est que des patients renoncent à un traitement dont l'efficacité est démontrée ou le retardent », explique une oncologue d'un centre de lutte contre le cancer interrogée par notre rédaction. Le coût de ces protocoles, souvent plusieurs dizaines de milliers d'euros, n'est par ailleurs pas pris en charge.</p>
<p>La clinique conteste toute activité en France et affirme ne proposer que des informations. Elle peut former un recours contre la décision.</p>
<h2>Que faire si vous êtes concerné ?</h2>
<ul>
  <li>Ne pas interrompre un traitement en cours sans en parler à son médecin ;</li>
  <li>si vous avez reçu ce type d'injection, en informer votre oncologue et votre médecin traitant, en précisant les produits administrés ;</li>
  <li>déclarer tout effet indésirable sur le portail public de signalement.</li>
</ul>
<p class="encadre">À lire aussi : <a href="/">notre dossier sur les thérapies cellulaires autorisées</a>.</p>
</article>
"""

OTHER_BODY = """
<article class="article">
<p class="rubrique"><a href="/">Ville</a></p>
<h1>La médiathèque centrale ouvrira le dimanche à partir de janvier</h1>
<p class="chapo">Après une consultation des habitants, la municipalité élargit les horaires de la médiathèque, qui accueillera le public le dimanche après-midi.</p>
<p class="signature">Par Mehdi Laroche – publié le 13 novembre 2026 à 17 h 05</p>
<p>À partir du 4 janvier, la médiathèque centrale ouvrira ses portes le dimanche de 14 heures à 18 heures. Près de 2 300 personnes avaient répondu au questionnaire diffusé au printemps ; l'ouverture dominicale arrivait en tête des demandes.</p>
<p>Deux agents supplémentaires seront recrutés. Le coût annuel est estimé à 95 000 euros par la ville, qui compte sur un financement partiel de l'État au titre du plan lecture.</p>
<p>Les horaires de semaine restent inchangés. Un programme d'ateliers pour les familles sera présenté en décembre.</p>
</article>
"""

HOME_BODY = f"""
<section class="une">
  <h1 class="visually-hidden">Le Veilleur santé – l'actualité</h1>
  <article class="teaser main">
    <h2><a href="/{ARTICLE}">Cancer : le régulateur suspend la publicité d'une clinique suisse pour une « thérapie dendritique » non autorisée</a></h2>
    <p>L'autorité rappelle qu'aucune donnée robuste ne démontre l'efficacité de ce prétendu vaccin et met en garde contre une perte de chance.</p>
  </article>
  <article class="teaser">
    <h2><a href="/{OTHER}">La médiathèque centrale ouvrira le dimanche à partir de janvier</a></h2>
    <p>Une ouverture dominicale réclamée par les habitants.</p>
  </article>
</section>
<aside class="breves">
  <h2>En bref</h2>
  <ul><li>Vaccination antigrippale : la campagne se poursuit jusqu'en février.</li><li>Travaux sur la ligne de tramway B pendant les vacances.</li></ul>
</aside>
"""

CSS = """
body { font-family: "PT Serif", Georgia, serif; margin: 0; background: #fff; color: #111; }
.entete { border-bottom: 4px double #111; text-align: center; padding: 1rem; }
.entete .titre { font-size: 2.2rem; font-weight: bold; text-decoration: none; color: #111; }
.rubriques { text-align: center; font-family: Arial, sans-serif; font-size: .9rem; padding: .4rem; border-bottom: 1px solid #ddd; }
.rubriques a { margin: 0 .6rem; color: #a00; text-decoration: none; }
.page { max-width: 760px; margin: 0 auto; padding: 1rem; }
.chapo { font-weight: bold; font-size: 1.1rem; }
.signature { font-family: Arial, sans-serif; font-size: .85rem; color: #555; }
.encadre { background: #f4f4f4; padding: .6rem; }
.teaser.main h2 { font-size: 1.8rem; }
.visually-hidden { position: absolute; left: -999px; }
footer { font-family: Arial, sans-serif; font-size: .8rem; text-align: center; padding: 1rem; color: #666; border-top: 1px solid #ddd; }
""".lstrip()


def _article_meta(headline: str, author: str, published: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "author": {"@type": "Person", "name": author},
        "datePublished": published,
        "publisher": {"@type": "NewsMediaOrganization", "name": "Le Veilleur santé"},
    }
    return (
        f'<meta name="author" content="{escape(author)}">\n'
        f'<meta property="article:published_time" content="{published}">\n'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    )


def render(title: str, body: str, description: str, og_type: str = "website", head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{escape(title)} – Le Veilleur santé</title>
<meta name="description" content="{escape(description)}">
<meta property="og:type" content="{og_type}">
<meta property="og:site_name" content="Le Veilleur santé">
<link rel="stylesheet" href="/static/journal.css">
{head}
</head>
<body>
<header class="entete"><a class="titre" href="/"><img src="/static/logo.png" alt="" width="30" height="30"> Le Veilleur santé</a><p>Quotidien d'information en ligne</p></header>
<nav class="rubriques"><a href="/">À la une</a><a href="/{ARTICLE}">Santé</a><a href="/{OTHER}">Ville</a></nav>
<main class="page">
{body.strip()}
</main>
<footer>© 2026 Le Veilleur santé (journal fictif de démonstration). Tous droits réservés.</footer>
</body>
</html>
"""


def build() -> None:
    write_config(SITE, disallow=["/abonnes/"])
    write(SITE, "index.html", render("À la une", HOME_BODY, "L'actualité de la santé et de la ville."))
    write(
        SITE,
        ARTICLE,
        render(
            "Cancer : la publicité d'une « thérapie dendritique » suspendue",
            ARTICLE_BODY,
            "Le régulateur suspend la publicité d'une clinique pour une thérapie cellulaire non autorisée.",
            "article",
            _article_meta(
                "Cancer : le régulateur suspend la publicité d'une clinique suisse pour une « thérapie dendritique » non autorisée",
                "Claire Vasseur",
                "2026-11-14T09:30:00+01:00",
            ),
        ),
    )
    write(
        SITE,
        OTHER,
        render(
            "La médiathèque ouvrira le dimanche",
            OTHER_BODY,
            "Horaires élargis à la médiathèque centrale.",
            "article",
            _article_meta(
                "Cancer : le régulateur suspend la publicité d'une clinique suisse pour une « thérapie dendritique » non autorisée",
                "Claire Vasseur",
                "2026-11-14T09:30:00+01:00",
            ),
        ),
    )
    write(SITE, "static/journal.css", CSS)
    write(SITE, "static/logo.png", disc_logo((170, 0, 0), (255, 255, 255), 30))
