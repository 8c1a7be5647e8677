"""French pages of the fictitious Vitadendra Klinik (dendritic-cell 'cancer vaccine')."""

# ruff: noqa: E501

TITLES = {
    "faq": (
        "Questions fréquentes",
        "Vos questions sur la thérapie cellulaire dendritique, le séjour en Suisse et les frais.",
    ),
    "home": (
        "Vaccin anticancer par cellules dendritiques",
        "Vitadendra Klinik, Suisse : l'immunothérapie cellulaire dendritique personnalisée pour les patients atteints de cancer, avec un accueil en français.",
    ),
    "therapy": (
        "La thérapie cellulaire dendritique (TCD)",
        "Comment nous préparons votre vaccin personnalisé à partir de vos propres cellules sanguines.",
    ),
    "results": (
        "Résultats et efficacité",
        "Les résultats obtenus par la thérapie cellulaire dendritique dans notre clinique.",
    ),
    "safety": (
        "Un traitement naturel et bien toléré",
        "Pourquoi la TCD est le traitement le plus doux contre le cancer.",
    ),
    "cancers": (
        "Cancers traités",
        "Tous les cancers solides peuvent être traités par la thérapie dendritique.",
    ),
    "testimonials": (
        "Témoignages de patients",
        "Ils ont choisi Vitadendra : nos patients de France, de Belgique et de Suisse racontent.",
    ),
    "prices": ("Tarifs et forfaits", "Nos forfaits tout compris pour la thérapie cellulaire dendritique."),
    "booking": (
        "Prendre rendez-vous",
        "Demandez votre consultation gratuite avec notre coordinatrice francophone.",
    ),
    "legal": ("Mentions légales", "Éditeur du site, hébergement et informations légales."),
    "contact": ("Contact", "Nous joindre par téléphone, courriel ou courrier."),
}

BODIES = {
    "faq": """
<h1>Questions fréquentes</h1>
<div class="faq">
<details open><summary>La thérapie dendritique peut-elle guérir mon cancer ?</summary>
<p>Oui : chez de nombreux patients, le vaccin a permis une rémission complète, même après l'échec des traitements classiques.</p></details>
<details><summary>Les injections sont-elles douloureuses ?</summary>
<p>Non. L'injection sous la peau est à peine perceptible et ne nécessite aucune anesthésie.</p></details>
<details><summary>Dois-je arrêter mon traitement en France ?</summary>
<p>Le vaccin s'associe à tous les traitements. Beaucoup de nos patients choisissent d'ailleurs de renoncer à la chimiothérapie après leur premier cycle de vaccins.</p></details>
<details><summary>Les frais sont-ils remboursés par la Sécurité sociale ?</summary>
<p>Le traitement n'est pas pris en charge par l'Assurance maladie, mais certaines mutuelles remboursent une partie des frais. Nous vous remettons une facture détaillée.</p></details>
<details><summary>Combien de temps dois-je rester en Suisse ?</summary>
<p>Deux jours pour la prise de sang et la consultation, puis une journée pour chaque injection.</p></details>
</div>
<p><a class="button" href="/fr/rendez-vous.html">Une autre question ? Appelez Élodie</a></p>
""",
    "home": """
<section class="hero">
  <p class="kicker">Immunothérapie personnalisée – Suisse</p>
  <h1>Combattre le cancer avec vos propres cellules immunitaires</h1>
  <p class="lead">Le vaccin anticancer Vitadendra apprend à votre système immunitaire à reconnaître et à détruire les cellules tumorales. Une approche douce, naturelle et scientifiquement prouvée, accessible en quelques jours depuis la France.</p>
  <p><a class="button" href="/fr/rendez-vous.html">Demander une consultation gratuite</a> <a class="button ghost" href="/fr/therapie.html">Découvrir la thérapie</a></p>
</section>
<section class="figures" aria-label="Chiffres clés">
  <div class="figure"><strong>jusqu'à 60&nbsp;%</strong> <span>de réduction de la charge tumorale</span></div>
  <div class="figure"><strong>&gt; 85&nbsp;%</strong> <span>de réussite en traitement adjuvant</span></div>
  <div class="figure"><strong>0</strong> <span>effet secondaire grave chez nos patients</span></div>
  <div class="figure"><strong>2 400+</strong> <span>patients traités depuis 2011</span></div>
</section>
<section class="intro">
  <h2>Pourquoi choisir la thérapie cellulaire dendritique ?</h2>
  <p>Les cellules dendritiques sont les « chefs d'orchestre » de notre immunité. Dans notre laboratoire, nous les cultivons à partir d'une simple prise de sang, puis nous les chargeons avec les antigènes de votre propre tumeur. Réinjectées, elles activent une armée de lymphocytes tueurs dirigés contre votre cancer.</p>
  <p>La thérapie cellulaire dendritique détruit les cellules cancéreuses sans abîmer les cellules saines. Contrairement à la chimiothérapie, elle renforce votre organisme au lieu de l'affaiblir.</p>
  <ul class="checks">
    <li>Vaccin 100&nbsp;% personnalisé, fabriqué à partir de votre sang</li>
    <li>Traitement ambulatoire : pas d'hospitalisation</li>
    <li>Une coordinatrice francophone vous accompagne du premier appel jusqu'au suivi</li>
    <li>À seulement 1 h 30 de vol de Paris, Lyon ou Bordeaux</li>
  </ul>
</section>
<section class="news-box">
  <h2>Actualité de la clinique</h2>
  <p id="live-claim" class="live-claim" aria-live="polite"></p>
</section>
<section class="cta-band">
  <p>Vous venez de recevoir un diagnostic de cancer ? Ne perdez pas de temps.</p>
  <p><a class="button" href="/fr/rendez-vous.html">Parler à notre équipe francophone</a> – ou appelez le <a href="tel:+33199004217">+33 1 99 00 42 17</a></p>
</section>
""",
    "therapy": """
<article class="therapy">
  <h1>La thérapie cellulaire dendritique (TCD)</h1>
  <p class="lead">Le vaccin Vitadendra est une immunothérapie cellulaire autologue : il est fabriqué pour vous seul, à partir de vos propres cellules, dans notre laboratoire de culture cellulaire situé au sein de la clinique.</p>
  <h2>Les étapes de fabrication de votre vaccin</h2>
  <figure class="diagram">
    <svg viewBox="0 0 760 120" width="760" height="120" role="img" aria-label="Schéma : de la prise de sang à la réinjection">
      <g font-family="sans-serif" font-size="13">
        <rect x="5" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="20" y="65">1. Prise de sang</text>
        <rect x="155" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="166" y="65">2. Monocytes isolés</text>
        <rect x="305" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="313" y="65">3. Culture 7 jours</text>
        <rect x="455" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="462" y="65">4. Amorçage tumeur</text>
        <rect x="605" y="30" width="150" height="60" rx="8" fill="#cfe8d8"/><text x="620" y="65">5. Réinjection</text>
      </g>
    </svg>
    <figcaption>De votre sang à votre vaccin personnalisé en 10 jours.</figcaption>
  </figure>
  <ol class="steps">
    <li><h3>Prélèvement sanguin</h3><p>Nous prélevons environ 80&nbsp;ml de sang veineux lors de votre première visite. Aucune anesthésie n'est nécessaire.</p></li>
    <li><h3>Isolement des monocytes</h3><p>Au laboratoire, les monocytes (une catégorie de globules blancs) sont séparés des autres cellules du sang.</p></li>
    <li><h3>Culture et différenciation</h3><p>Les monocytes sont mis en culture pendant sept jours dans un milieu enrichi en facteurs de croissance (GM-CSF et interleukine-4). Ils se transforment alors en cellules dendritiques immatures.</p></li>
    <li><h3>Amorçage avec les antigènes de votre tumeur</h3><p>Les cellules dendritiques sont ensuite chargées avec les antigènes de votre cancer, obtenus à partir d'un échantillon de votre tumeur (biopsie ou pièce opératoire) ou de peptides tumoraux de synthèse. Un cocktail de maturation les active : elles sont désormais « programmées » contre votre cancer.</p></li>
    <li><h3>Réinjection</h3><p>Le vaccin est réinjecté par voie intradermique, près des ganglions lymphatiques de l'aine. Les cellules dendritiques y présentent les signaux du cancer aux lymphocytes T, qui partent à l'attaque des cellules tumorales dans tout le corps.</p></li>
  </ol>
  <p>Un cycle complet comprend six injections réparties sur six mois. Les cellules restantes sont congelées pour les rappels.</p>
  <aside class="download">
    <h2>Notre brochure</h2>
    <p>Toutes les informations sur le protocole, les résultats et les tarifs dans un document à imprimer.</p>
    <p><a href="/media/brochure-vitadendra-fr.pdf" type="application/pdf">Télécharger la brochure (PDF, français)</a></p>
  </aside>
  <p><a class="button" href="/fr/rendez-vous.html">Vérifier si la TCD est adaptée à votre cas</a></p>
</article>
""",
    "results": """
<article>
  <h1>Des résultats qui donnent de l'espoir</h1>
  <p class="lead">Depuis plus de dix ans, nous mesurons l'évolution de chacun de nos patients. Les résultats parlent d'eux-mêmes.</p>
  <p>La thérapie cellulaire dendritique réduit la charge tumorale jusqu'à 60&nbsp;% dès les premiers mois de traitement.</p>
  <p>En traitement adjuvant, c'est-à-dire après l'ablation chirurgicale de la tumeur, notre taux de réussite est supérieur à 85&nbsp;% : une guérison durable devient alors possible.</p>
  <table class="results">
    <caption>Évolution observée six mois après le premier vaccin (patients 2019-2025)</caption>
    <thead><tr><th>Situation</th><th>Patients</th><th>Réponse favorable</th></tr></thead>
    <tbody>
      <tr><td>Adjuvant (après chirurgie, sans métastase)</td><td>412</td><td>87&nbsp;%</td></tr>
      <tr><td>Cancer métastatique, en complément</td><td>655</td><td>64&nbsp;%</td></tr>
      <tr><td>Récidive après chimiothérapie</td><td>238</td><td>58&nbsp;%</td></tr>
    </tbody>
  </table>
  <p>Huit patients sur dix constatent une nette amélioration de leur qualité de vie dès le deuxième vaccin.</p>
  <p>Même à un stade avancé, la TCD permet souvent de stabiliser la maladie et de prolonger la vie de plusieurs années.</p>
  <p class="small">Données internes de la clinique. Chaque patient est unique.</p>
  <p><a href="/fr/temoignages.html">Lire les témoignages de nos patients</a></p>
</article>
""",
    "safety": """
<article>
  <h1>Le traitement le plus naturel contre le cancer</h1>
  <p class="lead">Votre vaccin est constitué uniquement de vos propres cellules : il ne contient aucune substance chimique toxique.</p>
  <div class="two-cols">
    <section>
      <h2>Aucun effet secondaire</h2>
      <p>La thérapie cellulaire dendritique est un traitement totalement naturel, sans aucun effet secondaire : pas de nausées, pas de chute de cheveux, pas de fatigue.</p>
      <p>Vous pouvez reprendre vos activités dès le lendemain de l'injection et rentrer chez vous en France le jour même.</p>
    </section>
    <section>
      <h2>Aucun risque de rejet</h2>
      <p>Puisque les cellules proviennent de votre propre sang, votre organisme les reconnaît parfaitement. Le risque d'allergie ou de rejet est nul.</p>
      <p>La TCD peut être associée sans danger à tous les autres traitements, y compris chez les personnes âgées ou affaiblies.</p>
    </section>
  </div>
  <blockquote class="doctor">« Je n'ai jamais vu un traitement aussi efficace et aussi doux à la fois. » <cite>Dr&nbsp;med. Lukas Brenner, médecin-chef</cite></blockquote>
</article>
""",
    "cancers": """
<article>
  <h1>Quels cancers traitons-nous ?</h1>
  <p class="lead">La thérapie cellulaire dendritique est efficace contre tous les types de cancers solides, quel que soit l'organe touché.</p>
  <ul class="cancer-grid">
    <li>Cancer du sein</li><li>Cancer de la prostate</li><li>Cancer du poumon</li><li>Cancer colorectal</li>
    <li>Cancer du pancréas</li><li>Cancer de l'ovaire</li><li>Glioblastome et tumeurs cérébrales</li><li>Mélanome</li>
    <li>Cancer du rein</li><li>Cancer de l'estomac</li><li>Sarcomes</li><li>Cancer de la vessie</li>
  </ul>
  <h2>Éviter la chimiothérapie</h2>
  <p>Grâce à la TCD, beaucoup de nos patients peuvent éviter la chimiothérapie et ses effets dévastateurs.</p>
  <p>Là où la chimiothérapie et la radiothérapie détruisent sans distinction, le vaccin dendritique cible uniquement les cellules malades : c'est une alternative plus efficace et plus humaine.</p>
  <h2>Prévenir les récidives</h2>
  <p>Après une opération, le vaccin Vitadendra empêche le retour des métastases en maintenant votre système immunitaire en alerte.</p>
  <p><a class="button" href="/fr/rendez-vous.html">Envoyer mon dossier médical pour une évaluation gratuite</a></p>
</article>
""",
    "testimonials": """
<h1>Ils nous ont fait confiance</h1>
<p class="lead">Des centaines de patients français ont déjà fait le voyage jusqu'à Tannenbad. Voici quelques-uns de leurs messages.</p>
<div class="testimonials">
  <blockquote><p>« On m'avait annoncé un cancer du sein avec des ganglions touchés. Après six vaccins à la clinique Vitadendra, mes derniers examens sont parfaitement normaux. Je recommande cette clinique à toutes les femmes. »</p><footer>Nathalie, 52 ans, Lyon</footer></blockquote>
  <blockquote><p>« Mon oncologue voulait une nouvelle chimiothérapie. J'ai choisi la thérapie dendritique : mon PSA a baissé de moitié en quatre mois et je n'ai eu aucun effet secondaire. »</p><footer>Jean-Marc, 67 ans, Bordeaux</footer></blockquote>
  <blockquote><p>« L'accueil en français par Élodie nous a rassurés dès le premier appel. Mon mari a retrouvé de l'énergie et la tumeur de son pancréas a diminué. »</p><footer>Sylvie, épouse d'un patient, Nantes</footer></blockquote>
  <blockquote><p>« Opérée d'un mélanome, j'ai fait le vaccin pour éviter la récidive. Trois ans plus tard, je suis toujours en parfaite santé. Merci à toute l'équipe ! »</p><footer>Camille, 41 ans, Strasbourg</footer></blockquote>
  <blockquote><p>« Je suis venu de Lille avec un cancer du côlon métastatique. Aujourd'hui, les métastases du foie ont fondu. »</p><footer>Patrick, 59 ans, Lille</footer></blockquote>
</div>
<p><a class="button" href="/fr/rendez-vous.html">Commencer mon traitement</a></p>
""",
    "prices": """
<h1>Tarifs et forfaits 2026</h1>
<p class="lead">Des forfaits tout compris, sans surprise. Les prix sont indiqués en euros, toutes taxes comprises.</p>
<table class="prices">
  <thead><tr><th>Forfait</th><th>Contenu</th><th>Prix</th></tr></thead>
  <tbody>
    <tr><td>Bilan immunologique</td><td>Consultation, analyse de sang, avis du médecin-chef</td><td>890&nbsp;€</td></tr>
    <tr><td><strong>Cycle Essentiel</strong></td><td>Fabrication du vaccin, 3 injections, suivi par téléphone</td><td>14&nbsp;900&nbsp;€</td></tr>
    <tr><td><strong>Cycle Complet</strong> (recommandé)</td><td>Fabrication du vaccin, 6 injections, hyperthermie, suivi 12 mois</td><td>24&nbsp;500&nbsp;€</td></tr>
    <tr><td>Rappel annuel</td><td>2 injections à partir des cellules congelées</td><td>5&nbsp;200&nbsp;€</td></tr>
  </tbody>
</table>
<ul>
  <li>Paiement en trois fois sans frais possible.</li>
  <li>Transfert depuis l'aéroport de Zurich et hôtel partenaire à tarif préférentiel.</li>
  <li>Devis personnalisé sous 48 heures après réception de votre dossier.</li>
</ul>
<p><a class="button" href="/fr/rendez-vous.html">Demander mon devis</a></p>
""",
    "booking": """
<h1>Prendre rendez-vous</h1>
<div class="booking">
  <section class="coordinator">
    <img src="/assets/img/logo.png" alt="" width="48" height="48">
    <h2>Votre interlocutrice en français</h2>
    <p>Élodie Marchand, coordinatrice des patients francophones, répond à toutes vos questions du lundi au samedi.</p>
    <p class="phone">Ligne directe France : <a href="tel:+33199004217">+33 1 99 00 42 17</a> (prix d'un appel local)</p>
    <p>Courriel : <a href="mailto:francais@vitadendra-klinik.example">francais@vitadendra-klinik.example</a></p>
  </section>
  <form class="booking-form" action="#" method="post" onsubmit="return vitadendraFormSent(this)">
    <h2>Consultation gratuite et sans engagement</h2>
    <label>Nom et prénom <input name="name" required></label>
    <label>Téléphone <input name="phone" type="tel" required></label>
    <label>Type de cancer <input name="cancer"></label>
    <label>Votre message <textarea name="message" rows="4"></textarea></label>
    <label class="inline"><input type="checkbox" name="consent" required> J'accepte d'être rappelé(e) par la clinique</label>
    <button type="submit">Envoyer ma demande</button>
  </form>
</div>
<p>Votre premier rendez-vous peut avoir lieu sous 10 jours. Envoyez-nous vos derniers comptes rendus : notre médecin vous répond personnellement.</p>
""",
    "legal": """
<h1>Mentions légales</h1>
<dl class="legal">
  <dt>Éditeur</dt><dd>Vitadendra Health AG, société anonyme de droit suisse, Kurhausstrasse 21, CH-7399 Tannenbad, Suisse</dd>
  <dt>Registre du commerce</dt><dd>CHE-000.111.222 (registre fictif de démonstration)</dd>
  <dt>Directeur de la publication</dt><dd>Dr&nbsp;med. Lukas Brenner</dd>
  <dt>Hébergement</dt><dd>Alpennetz Hosting GmbH, Zurich</dd>
  <dt>Contact</dt><dd><a href="mailto:info@vitadendra-klinik.example">info@vitadendra-klinik.example</a></dd>
</dl>
<p>Les informations publiées sur ce site ne remplacent pas une consultation médicale.</p>
""",
    "contact": """
<h1>Contact</h1>
<div class="contact-cards">
  <section><h2>Clinique</h2><address>Vitadendra Klinik<br>Kurhausstrasse 21<br>CH-7399 Tannenbad<br>Suisse</address><p>Tél. : <a href="tel:+41815550190">+41 81 555 01 90</a></p></section>
  <section><h2>Patients de France</h2><p>Élodie Marchand<br><a href="tel:+33199004217">+33 1 99 00 42 17</a><br><a href="mailto:francais@vitadendra-klinik.example">francais@vitadendra-klinik.example</a></p></section>
  <section><h2>Accès</h2><p>Aéroport de Zurich à 1 h 15. Vols directs depuis Paris, Lyon, Bordeaux, Marseille et Nice. Nous organisons votre transfert.</p></section>
</div>
""",
}

INJECTED = "Nouveau : neuf patients sur dix traités dans notre centre en 2025 déclarent se sentir mieux dès le deuxième vaccin."

UI = {
    "nav": {
        "home": "Accueil",
        "therapy": "La thérapie",
        "results": "Résultats",
        "safety": "Sécurité",
        "cancers": "Cancers traités",
        "testimonials": "Témoignages",
        "prices": "Tarifs",
        "contact": "Contact",
    },
    "cta": "Consultation gratuite",
    "cookie_text": "Nous utilisons des cookies pour améliorer votre expérience et mesurer l'audience du site.",
    "cookie_accept": "Accepter",
    "footer_faq": "Questions fréquentes",
    "footer_legal": "Mentions légales",
    "footer_tagline": "Vitadendra Klinik – immunothérapie cellulaire personnalisée depuis 2011.",
    "skip": "Aller au contenu",
    "form_sent": "Merci ! Élodie vous rappelle sous 24 heures.",
}
