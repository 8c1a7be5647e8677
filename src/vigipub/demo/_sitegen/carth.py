"""Generate the ``carth-hospital`` demo site: neutral information on authorised CAR-T cells.

Yescarta (axicabtagene ciloleucel) and Kymriah (tisagenlecleucel) are real medicines with an
EU marketing authorisation; they are described here only within their authorised
indications, without price, cure claim or comparison, as a hospital information page would.
"""

# ruff: noqa: E501

from __future__ import annotations

from .common import disc_logo, escape, write, write_config

SITE = "carth-hospital"

PAGES: dict[str, tuple[str, str]] = {
    "index.html": (
        "Thérapies cellulaires CAR-T",
        "Service d'hématologie clinique du CHU de Rivebelle : informations pour les patients et leurs proches.",
    ),
    "cellules-car-t.html": (
        "Les médicaments CAR-T",
        "Ce que sont les cellules CAR-T et les médicaments disponibles dans le service.",
    ),
    "parcours-patient.html": (
        "Le parcours du patient",
        "Qui peut recevoir un traitement par cellules CAR-T et comment se déroule la prise en charge.",
    ),
    "effets-indesirables.html": (
        "Effets indésirables et surveillance",
        "Les risques connus des traitements par cellules CAR-T et leur surveillance.",
    ),
}

BODIES = {
    "index.html": """
<p class="breadcrumb"><a href="/">Accueil</a> › Hématologie clinique › Thérapies CAR-T</p>
<h1>Thérapies cellulaires CAR-T au CHU de Rivebelle</h1>
<p>Le service d'hématologie clinique du CHU de Rivebelle est un centre qualifié pour l'administration des médicaments de thérapie cellulaire CAR-T disposant d'une autorisation de mise sur le marché européenne. Cette page s'adresse aux patients et à leurs proches qui souhaitent comprendre ce traitement après en avoir parlé avec leur hématologue.</p>
<div class="notice"><p><strong>Important :</strong> l'accès à un traitement CAR-T ne se fait pas par une demande directe du patient. La décision est prise par une réunion de concertation pluridisciplinaire, sur proposition de l'hématologue qui vous suit.</p></div>
<h2>Sur ce site</h2>
<ul>
  <li><a href="/cellules-car-t.html">Les médicaments CAR-T : de quoi s'agit-il ?</a></li>
  <li><a href="/parcours-patient.html">Le parcours du patient, de l'orientation au suivi</a></li>
  <li><a href="/effets-indesirables.html">Les effets indésirables et la surveillance</a></li>
</ul>
<h2>L'équipe</h2>
<p>La prise en charge associe les hématologues du service, l'unité de thérapie cellulaire, l'équipe de réanimation, les neurologues, les pharmaciens de la pharmacie à usage intérieur, les infirmières de coordination, une psychologue et une assistante sociale. Les décisions sont prises collectivement.</p>
""",
    "cellules-car-t.html": """
<p class="breadcrumb"><a href="/">Accueil</a> › Les médicaments CAR-T</p>
<h1>Les médicaments CAR-T : de quoi s'agit-il ?</h1>
<p>Un médicament CAR-T est préparé à partir des propres lymphocytes T du patient. Ces cellules sont prélevées par aphérèse, puis modifiées génétiquement par le fabricant, dans un établissement pharmaceutique autorisé, pour exprimer un récepteur antigénique chimérique (CAR) qui reconnaît la protéine CD19 présente à la surface de certains lymphocytes B. Elles sont ensuite multipliées, contrôlées et renvoyées à l'hôpital pour être perfusées au patient.</p>
<p>Il s'agit de médicaments de thérapie innovante, évalués par l'Agence européenne des médicaments et autorisés par la Commission européenne. Leur utilisation est réservée à des centres qualifiés.</p>
<h2>Médicaments utilisés dans le service</h2>
<table class="products">
  <thead><tr><th>Médicament</th><th>Substance active</th><th>Exemples d'indications autorisées chez l'adulte</th></tr></thead>
  <tbody>
    <tr><td>Yescarta</td><td>axicabtagène ciloleucel</td><td>Lymphome diffus à grandes cellules B (LDGCB) et lymphome médiastinal primitif à grandes cellules B, réfractaires ou en rechute après au moins deux lignes de traitement systémique ; certains LDGCB en rechute précoce après une première ligne, selon les termes de l'autorisation.</td></tr>
    <tr><td>Kymriah</td><td>tisagenlecleucel</td><td>Lymphome diffus à grandes cellules B réfractaire ou en rechute après au moins deux lignes de traitement systémique ; d'autres indications existent, notamment chez l'enfant et le jeune adulte atteints de leucémie aiguë lymphoblastique B.</td></tr>
  </tbody>
</table>
<p>Les indications exactes figurent dans le résumé des caractéristiques du produit de chaque médicament. Votre hématologue vérifie, avec la réunion de concertation pluridisciplinaire, si votre situation correspond à l'une d'elles.</p>
<h2>Ce que l'on peut en attendre</h2>
<p>Chez une partie des patients, le lymphome régresse et la réponse se maintient dans le temps ; chez d'autres, la maladie ne répond pas ou réapparaît. Il n'est pas possible de prévoir à l'avance la réponse d'un patient donné. Votre médecin vous présentera les bénéfices attendus et les risques dans votre situation.</p>
""",
    "parcours-patient.html": """
<p class="breadcrumb"><a href="/">Accueil</a> › Le parcours du patient</p>
<h1>Le parcours du patient</h1>
<h2>Qui peut être concerné ?</h2>
<p>Un traitement par cellules CAR-T peut être envisagé lorsque la maladie correspond à une indication autorisée, par exemple un lymphome diffus à grandes cellules B en rechute ou réfractaire après deux lignes de traitement, et lorsque l'état général du patient, le bilan des organes (cœur, reins, poumons, système nerveux) et l'absence d'infection active le permettent.</p>
<h2>Les étapes</h2>
<ol>
  <li><strong>Orientation par l'hématologue référent.</strong> Votre hématologue adresse votre dossier au centre. Le patient ne peut pas s'inscrire lui-même.</li>
  <li><strong>Réunion de concertation pluridisciplinaire.</strong> Les médecins examinent l'indication et la faisabilité.</li>
  <li><strong>Consultation d'information</strong> avec un hématologue du centre et l'infirmière de coordination ; remise d'un livret et recueil de votre consentement.</li>
  <li><strong>Aphérèse</strong> : prélèvement des lymphocytes, envoyés au site de fabrication. La fabrication prend plusieurs semaines ; un traitement d'attente peut être nécessaire.</li>
  <li><strong>Chimiothérapie de lymphodéplétion</strong> durant quelques jours avant la perfusion.</li>
  <li><strong>Perfusion</strong> des cellules CAR-T, en hospitalisation.</li>
  <li><strong>Surveillance rapprochée</strong> : le patient doit rester à proximité du centre pendant au moins quatre semaines et ne pas conduire pendant au moins huit semaines.</li>
</ol>
<h2>Informations officielles</h2>
<p>Ces médicaments font l'objet d'une surveillance supplémentaire. La notice destinée au patient et le résumé des caractéristiques du produit, publiés par l'Agence européenne des médicaments, font foi ; la carte patient remise à la sortie doit être présentée à tout professionnel de santé consulté.</p>
<h2>Pour les médecins</h2>
<p>Les hématologues souhaitant présenter un dossier peuvent joindre le secrétariat de la réunion de concertation par la messagerie sécurisée de santé. Les patients et leurs proches s'adressent à leur médecin traitant ou à leur hématologue.</p>
""",
    "effets-indesirables.html": """
<p class="breadcrumb"><a href="/">Accueil</a> › Effets indésirables et surveillance</p>
<h1>Effets indésirables et surveillance</h1>
<p>Les traitements par cellules CAR-T peuvent provoquer des effets indésirables graves, parfois mortels. C'est pourquoi ils ne sont administrés que dans des centres disposant d'une équipe formée et d'un accès immédiat à la réanimation.</p>
<h2>Syndrome de relargage des cytokines</h2>
<p>Le syndrome de relargage des cytokines est fréquent dans les jours qui suivent la perfusion : fièvre, baisse de la tension artérielle, difficultés respiratoires. Il est surveillé plusieurs fois par jour et traité selon des protocoles établis, notamment par le tocilizumab et les corticoïdes.</p>
<h2>Effets neurologiques</h2>
<p>Des troubles neurologiques (confusion, difficultés à parler ou à écrire, somnolence, plus rarement convulsions) peuvent survenir. Une évaluation neurologique simple est réalisée régulièrement, y compris par vos proches après la sortie.</p>
<h2>Autres risques</h2>
<ul>
  <li>Baisse prolongée des globules (cytopénies) et risque d'infections ;</li>
  <li>diminution des anticorps (hypogammaglobulinémie), pouvant nécessiter des perfusions d'immunoglobulines ;</li>
  <li>cancers secondaires, dont de rares lymphomes T, justifiant un suivi à long terme.</li>
</ul>
<p>Tout effet indésirable peut être déclaré par le patient ou par un professionnel de santé sur le portail officiel de signalement des effets indésirables.</p>
""",
}

CSS = """
body { font-family: Marianne, Arial, sans-serif; margin: 0; color: #161616; }
.bandeau { background: #000091; color: #fff; padding: .8rem 2rem; }
.bandeau a { color: #fff; text-decoration: none; font-weight: bold; }
.menu { background: #f5f5fe; padding: .5rem 2rem; }
.menu a { margin-right: 1.2rem; color: #000091; }
.contenu { max-width: 820px; margin: 0 auto; padding: 1rem 2rem 3rem; }
.notice { background: #e8edff; border-left: 4px solid #000091; padding: .5rem 1rem; }
.products td, .products th { border: 1px solid #ccc; padding: .4rem; vertical-align: top; }
.products { border-collapse: collapse; }
.breadcrumb { font-size: .85rem; color: #666; }
.pied { border-top: 1px solid #ddd; padding: 1rem 2rem; font-size: .85rem; color: #555; }
""".lstrip()


def render(slug: str) -> str:
    title, description = PAGES[slug]
    menu = " ".join(
        f'<a href="/{"" if s == "index.html" else s}">{escape(t)}</a>' for s, (t, _) in PAGES.items()
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{escape(title)} – CHU de Rivebelle</title>
<meta name="description" content="{escape(description)}">
<link rel="stylesheet" href="/css/chu.css">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Hospital", "name": "CHU de Rivebelle", "department": {{"@type": "MedicalOrganization", "name": "Hématologie clinique"}}}}</script>
</head>
<body>
<div class="bandeau"><a href="/"><img src="/img/chu-logo.png" alt="" width="28" height="28"> CHU de Rivebelle – Hématologie clinique</a></div>
<nav class="menu">{menu}</nav>
<main class="contenu">
{BODIES[slug].strip()}
<p class="maj">Page mise à jour le 3 septembre 2026 par l'équipe de thérapie cellulaire.</p>
</main>
<footer class="pied">
<p>Centre hospitalier universitaire de Rivebelle (établissement fictif de démonstration) – 1 place de l'Hôpital – Rivebelle.</p>
<p>Ces informations ne remplacent pas l'avis de votre médecin. En cas d'urgence, appelez le 15.</p>
</footer>
</body>
</html>
"""


def build() -> None:
    write_config(SITE, disallow=["/intranet/"])
    for slug in PAGES:
        write(SITE, slug, render(slug))
    write(SITE, "css/chu.css", CSS)
    write(SITE, "img/chu-logo.png", disc_logo((0, 0, 145), (255, 255, 255), 28))
