"""Pages written for the batch tests (our own words; every site, person and number is invented)."""

from __future__ import annotations

CLINIC_FR = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Clinique Espoir Cellulaire – Thérapie par cellules souches pour l'autisme</title>
<meta name="description" content="Injections de cellules souches mésenchymateuses pour enfants autistes.">
<script>var tracker = "stem cells exosomes";</script></head><body>
<h1>Traitement de l'autisme par cellules souches</h1>
<p>Notre clinique propose des injections de cellules souches mésenchymateuses qui réparent les connexions
du cerveau. 87 % des enfants autistes traités montrent une amélioration nette dès le premier mois.</p>
<p>« Mon fils parle enfin, nous avons retrouvé l'espoir » — Claire, maman de Léo.</p>
<p>Le protocole complet coûte 14 500 € et comprend trois injections. Prenez rendez-vous dès aujourd'hui :
appelez le +33 1 23 45 67 89 pour une consultation gratuite.</p>
</body></html>"""

CLINIC_FR_PRICES = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Tarifs – Espoir Cellulaire</title>
</head><body><h1>Nos tarifs</h1>
<p>Cure de cellules souches contre la sclérose en plaques : 9 800 €. Résultats garantis, sans effet secondaire.</p>
<p>Réservez votre séjour médical : nous organisons le voyage depuis Paris, Lyon ou Marseille.</p>
</body></html>"""

EXOSOME_EN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Renewal Exosome Center</title></head>
<body><h1>Exosome therapy for Parkinson's disease</h1>
<p>Our exosome injections regenerate damaged neurons and reverse Parkinson's disease in 9 out of 10 patients.</p>
<p>"After two sessions my tremor stopped completely," says Mark, one of our patients.</p>
<p>Book your consultation now: packages start at $7,900 including hotel and airport transfer.</p>
</body></html>"""

#: accents as entities, a soft hyphen inside a word, tags between words, Latin-1 elsewhere
CLINIC_ENTITIES = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Centre R&eacute;g&eacute;n&eacute;ration</title></head>
<body><p>Nos cel&shy;lules <b>souches</b> m&eacute;senchymateuses gu&eacute;rissent l'arthrose du genou :
98&nbsp;% de nos patients marchent sans douleur. Prenez rendez-vous, tarif 6 900 &euro;.</p></body></html>"""

NEWS_NO_THERAPY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council approves new bus lines</title></head>
<body><article><h1>Council approves new bus lines</h1><p>The city council voted on Tuesday to add three bus
lines serving the northern districts. Work on the new stops will start in spring.</p></article></body></html>"""

NEWS_REPORTING = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Regulator warns about stem cell clinics</title>
<meta property="og:type" content="article"></head><body><article><h1>Regulator warns about stem cell clinics</h1>
<p>The medicines agency warned on Monday that unproven stem cell treatments sold abroad can cause serious harm.
Researchers said no trial has shown that such injections cure autism.</p></article></body></html>"""

#: therapy words only where the extraction reads no text: script, style, attributes, og:image
MARKUP_ONLY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recipes for the weekend</title>
<meta property="og:image" content="https://img.example.org/csm_stem-cells-exosomes.jpg">
<style>.stem-cells{color:red} /* exosomes */</style>
<script>window.tags = ["stem cells", "exosome therapy", "CAR-T"];</script></head>
<body><img src="/stem-cells.png" alt="stem cells"><p>Bake the bread for forty minutes and let it cool.
A good cartoon and a cup of tea make Sunday.</p></body></html>"""

CP1252_FR = (
    "<html><head><title>Cellules souches à Genève</title></head><body><p>Les cellules souches "
    "régénèrent le cartilage : réservez votre séjour, 7 500 €.</p></body></html>"
)

