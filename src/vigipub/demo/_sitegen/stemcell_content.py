"""Page texts of the fictitious CordaVita Regenerative Center (stem cells + exosomes)."""

# ruff: noqa: E501

from typing import TypedDict


class Labels(TypedDict):
    """The page furniture of one language: menu, top bar, floating button."""

    nav: dict[str, str]
    topbar: str
    float: str


WA = "https://wa.me/905550001234"

TITLES = {
    "en": {
        "home": (
            "Stem cell and exosome therapy in Selvara",
            "CordaVita Regenerative Center: umbilical cord stem cells and exosomes for autism, cerebral palsy, ALS, MS and diabetes.",
        ),
        "treatment": (
            "Our stem cell treatment",
            "Umbilical cord mesenchymal stem cells expanded in our own laboratory, combined with exosomes.",
        ),
        "conditions": (
            "Conditions we treat",
            "Autism, cerebral palsy, ALS, multiple sclerosis, diabetes and more.",
        ),
        "packages": ("Treatment packages", "All-inclusive packages with hotel and VIP airport transfer."),
        "testimonials": ("Families' stories", "Parents tell how stem cells changed their child's life."),
        "lab": ("Our laboratory", "A modern cell laboratory producing fresh cells for every patient."),
        "contact": ("Contact and booking", "Book your treatment on WhatsApp."),
    },
    "fr": {
        "home": (
            "Thérapie par cellules souches et exosomes à Selvara",
            "CordaVita Regenerative Center : cellules souches de cordon ombilical et exosomes contre l'autisme, la paralysie cérébrale, la SLA, la sclérose en plaques et le diabète.",
        ),
        "treatment": (
            "Notre traitement par cellules souches",
            "Cellules souches mésenchymateuses de cordon ombilical multipliées dans notre laboratoire, associées aux exosomes.",
        ),
        "conditions": (
            "Pathologies traitées",
            "Autisme, paralysie cérébrale, SLA, sclérose en plaques, diabète et bien d'autres.",
        ),
        "packages": ("Nos forfaits", "Forfaits tout compris avec hôtel et transfert VIP depuis l'aéroport."),
        "testimonials": (
            "Témoignages de familles",
            "Des parents racontent comment les cellules souches ont changé la vie de leur enfant.",
        ),
        "lab": (
            "Notre laboratoire",
            "Un laboratoire cellulaire moderne qui prépare des cellules fraîches pour chaque patient.",
        ),
        "contact": ("Contact et réservation", "Réservez votre traitement sur WhatsApp."),
    },
}

BODIES = {
    "en": {
        "home": f"""
<section class="hero">
  <h1>Give your child a new chance with stem cells</h1>
  <p>At CordaVita, umbilical cord stem cells and exosomes repair damaged tissue and awaken the body's own healing power.</p>
  <p><a class="btn whatsapp" href="{WA}">Book on WhatsApp</a></p>
</section>
<section class="cards">
  <div class="card"><h2>Autism</h2><p>87% of children with autism show visible progress in speech and eye contact after a single treatment.</p><a href="/en/conditions.html#autism">Learn more</a></div>
  <div class="card"><h2>Cerebral palsy</h2><p>Better muscle tone, first steps, clearer speech.</p><a href="/en/conditions.html#cerebral-palsy">Learn more</a></div>
  <div class="card"><h2>ALS and MS</h2><p>Slow down or even stop the progression of the disease.</p><a href="/en/conditions.html#neuro">Learn more</a></div>
  <div class="card"><h2>Diabetes</h2><p>Less insulin, better blood sugar.</p><a href="/en/conditions.html#diabetes">Learn more</a></div>
</section>
<section class="why">
  <h2>Why families choose CordaVita</h2>
  <ul>
    <li>More than 3,000 patients from 40 countries</li>
    <li>Fresh cells grown in our own laboratory, never frozen</li>
    <li>Safe and natural: no rejection and no side effects</li>
    <li>All-inclusive packages: hotel, airport transfer, interpreter</li>
  </ul>
  <p><a class="btn" href="/en/packages.html">See our packages</a></p>
</section>
""",
        "treatment": """
<article>
  <h1>Our stem cell and exosome treatment</h1>
  <p>We use mesenchymal stem cells (MSC) from donated umbilical cord tissue (Wharton's jelly), collected after healthy caesarean births.</p>
  <h2>From the cord to the patient</h2>
  <ol>
    <li>The cord tissue is cut into fragments and the stem cells are isolated in our clean-room laboratory.</li>
    <li>The cells are cultured and expanded over three to four passages until each dose contains 100 to 150 million cells.</li>
    <li>Exosomes are harvested from the culture medium of the expanded cells and purified.</li>
    <li>Cells and exosomes are administered by intravenous infusion and, for neurological conditions, by intrathecal injection (lumbar puncture).</li>
  </ol>
  <p>Stem cells travel to the injured areas of the body, where they repair damaged nerve tissue and restore lost functions.</p>
  <p>Exosomes carry growth signals that regenerate brain cells and calm inflammation.</p>
  <p><a class="btn whatsapp" href="https://wa.me/905550001234">Ask our doctor on WhatsApp</a></p>
</article>
""",
        "conditions": """
<h1>Conditions we treat</h1>
<section id="autism"><h2>Autism spectrum disorder</h2><p>Stem cell therapy treats the root cause of autism by reducing inflammation in the brain. Most children speak more, sleep better and make more eye contact within three months.</p></section>
<section id="cerebral-palsy"><h2>Cerebral palsy</h2><p>The cells rebuild damaged brain connections: children gain head control, sit, stand and sometimes walk.</p></section>
<section id="neuro"><h2>ALS, MS and neurodegenerative diseases</h2><p>Our protocol stops the progression of amyotrophic lateral sclerosis and multiple sclerosis in most patients.</p></section>
<section id="diabetes"><h2>Type 1 and type 2 diabetes</h2><p>Many diabetic patients reduce or even stop their insulin after treatment.</p></section>
<section><h2>Also treated</h2><ul><li>Developmental delay</li><li>Spinal cord injury</li><li>Heart failure</li><li>Parkinson's disease</li></ul></section>
""",
        "packages": """
<h1>Treatment packages</h1>
<div class="packages">
  <div class="package"><h2>Basic</h2><p class="price">€8,900</p><ul><li>1 IV infusion of 100 million cells</li><li>3 nights, 4-star hotel</li><li>Airport transfer</li></ul></div>
  <div class="package featured"><h2>Neuro Plus</h2><p class="price">€14,500</p><ul><li>2 infusions + 1 intrathecal injection</li><li>Exosome nebulisation</li><li>5 nights, 5-star hotel</li><li>VIP airport transfer and interpreter</li></ul></div>
  <div class="package"><h2>Family</h2><p class="price">€19,900</p><ul><li>Neuro Plus for the child</li><li>Hotel for two parents</li><li>Six-month video follow-up</li></ul></div>
</div>
<p>Pay a deposit of €1,000 to book your dates. <a class="btn whatsapp" href="https://wa.me/905550001234">Book now on WhatsApp</a></p>
""",
        "testimonials": """
<h1>Families' stories</h1>
<figure class="story"><blockquote>"Our son Leo is autistic and did not speak. Two months after the stem cells he said 'mama' for the first time. Thank you, CordaVita!"</blockquote><figcaption>Anna, mother of Leo (5), Munich</figcaption></figure>
<figure class="story"><blockquote>"Our daughter has cerebral palsy. After the Neuro Plus package she can sit on her own."</blockquote><figcaption>Karim and Inès, parents of Lina (4), Marseille</figcaption></figure>
<figure class="story"><blockquote>"I have multiple sclerosis. Since my treatment I walk without a stick."</blockquote><figcaption>Thomas, 44, Antwerp</figcaption></figure>
""",
        "lab": """
<h1>Our laboratory</h1>
<p>Our GMP-style laboratory expands fresh umbilical cord stem cells for every patient. Each batch is tested for viability and sterility.</p>
<p>Stem cell therapy is completely safe and natural: the cells are not rejected and cause no side effects.</p>
<table><tr><th>Cells per dose</th><td>100–150 million</td></tr><tr><th>Viability</th><td>&gt; 95%</td></tr><tr><th>Passages</th><td>3–4</td></tr></table>
""",
        "contact": """
<h1>Contact and booking</h1>
<p>CordaVita Regenerative Center, 12 Liman Boulevard, Selvara (fictitious city)</p>
<p>WhatsApp and phone: <a href="https://wa.me/905550001234">+90 555 000 12 34</a> (24/7)</p>
<p>E-mail: <a href="mailto:care@cordavita.example">care@cordavita.example</a></p>
<p>Send us your child's medical reports on WhatsApp and receive a free treatment plan within 24 hours.</p>
""",
    },
    "fr": {
        "home": f"""
<section class="hero">
  <h1>Offrez une nouvelle chance à votre enfant grâce aux cellules souches</h1>
  <p>Chez CordaVita, les cellules souches de cordon ombilical et les exosomes réparent les tissus abîmés et réveillent le pouvoir de guérison de l'organisme.</p>
  <p><a class="btn whatsapp" href="{WA}">Réserver sur WhatsApp</a></p>
</section>
<section class="cards">
  <div class="card"><h2>Autisme</h2><p>87&nbsp;% des enfants autistes font des progrès visibles de langage et de contact visuel après un seul traitement.</p><a href="/fr/pathologies.html#autisme">En savoir plus</a></div>
  <div class="card"><h2>Paralysie cérébrale</h2><p>Meilleur tonus, premiers pas, langage plus clair.</p><a href="/fr/pathologies.html#paralysie-cerebrale">En savoir plus</a></div>
  <div class="card"><h2>SLA et sclérose en plaques</h2><p>Ralentir, voire stopper l'évolution de la maladie.</p><a href="/fr/pathologies.html#neuro">En savoir plus</a></div>
  <div class="card"><h2>Diabète</h2><p>Moins d'insuline, une meilleure glycémie.</p><a href="/fr/pathologies.html#diabete">En savoir plus</a></div>
</section>
<section class="why">
  <h2>Pourquoi les familles françaises choisissent CordaVita</h2>
  <ul>
    <li>Plus de 3&nbsp;000 patients venus de 40 pays, dont plus de 600 de France</li>
    <li>Des cellules fraîches cultivées dans notre propre laboratoire, jamais congelées</li>
    <li>Un traitement sûr et naturel : aucun rejet, aucun effet secondaire</li>
    <li>Une interprète française vous accompagne pendant tout le séjour</li>
    <li>Vols directs depuis Paris, Lyon et Marseille</li>
  </ul>
  <p><a class="btn" href="/fr/forfaits.html">Voir nos forfaits</a></p>
</section>
""",
        "treatment": """
<article>
  <h1>Notre traitement par cellules souches et exosomes</h1>
  <p>Nous utilisons des cellules souches mésenchymateuses (CSM) issues du tissu de cordon ombilical (gelée de Wharton), donné après des naissances par césarienne.</p>
  <h2>Du cordon au patient</h2>
  <ol>
    <li>Le tissu du cordon est découpé en fragments et les cellules souches sont isolées dans notre laboratoire en salle blanche.</li>
    <li>Les cellules sont mises en culture et multipliées sur trois à quatre passages, jusqu'à obtenir 100 à 150 millions de cellules par dose.</li>
    <li>Les exosomes sont récoltés dans le milieu de culture des cellules expansées, puis purifiés.</li>
    <li>Cellules et exosomes sont administrés par perfusion intraveineuse et, pour les maladies neurologiques, par injection intrathécale (ponction lombaire).</li>
  </ol>
  <p>Les cellules souches se dirigent vers les zones lésées de l'organisme, où elles réparent les tissus nerveux endommagés et restaurent les fonctions perdues.</p>
  <p>Les exosomes transportent des signaux de croissance qui régénèrent les cellules du cerveau et apaisent l'inflammation.</p>
  <p><a class="btn whatsapp" href="https://wa.me/905550001234">Poser votre question à notre médecin sur WhatsApp</a></p>
</article>
""",
        "conditions": """
<h1>Pathologies traitées</h1>
<section id="autisme"><h2>Troubles du spectre de l'autisme</h2><p>La thérapie par cellules souches traite la cause de l'autisme en réduisant l'inflammation du cerveau. La plupart des enfants parlent davantage, dorment mieux et regardent plus dans les yeux en moins de trois mois.</p></section>
<section id="paralysie-cerebrale"><h2>Paralysie cérébrale (IMC)</h2><p>Les cellules reconstruisent les connexions abîmées du cerveau : les enfants tiennent leur tête, s'assoient, se mettent debout et parfois marchent.</p></section>
<section id="neuro"><h2>SLA, sclérose en plaques et maladies neurodégénératives</h2><p>Notre protocole stoppe l'évolution de la sclérose latérale amyotrophique et de la sclérose en plaques chez la majorité des patients.</p></section>
<section id="diabete"><h2>Diabète de type 1 et de type 2</h2><p>De nombreux patients diabétiques diminuent, voire arrêtent leur insuline après le traitement.</p></section>
<section><h2>Également traités</h2><ul><li>Retards de développement</li><li>Lésions de la moelle épinière</li><li>Insuffisance cardiaque</li><li>Maladie de Parkinson</li></ul></section>
""",
        "packages": """
<h1>Nos forfaits</h1>
<div class="packages">
  <div class="package"><h2>Essentiel</h2><p class="price">8&nbsp;900&nbsp;€</p><ul><li>1 perfusion de 100 millions de cellules</li><li>3 nuits en hôtel 4 étoiles</li><li>Transfert aéroport</li></ul></div>
  <div class="package featured"><h2>Neuro Plus</h2><p class="price">14&nbsp;500&nbsp;€</p><ul><li>2 perfusions + 1 injection intrathécale</li><li>Nébulisation d'exosomes</li><li>5 nuits en hôtel 5 étoiles</li><li>Transfert VIP et interprète française</li></ul></div>
  <div class="package"><h2>Famille</h2><p class="price">19&nbsp;900&nbsp;€</p><ul><li>Neuro Plus pour l'enfant</li><li>Hôtel pour les deux parents</li><li>Suivi en visio pendant six mois</li></ul></div>
</div>
<p>Un acompte de 1&nbsp;000&nbsp;€ suffit pour réserver vos dates. <a class="btn whatsapp" href="https://wa.me/905550001234">Réserver maintenant sur WhatsApp</a></p>
<p>Coordinatrice pour la France : Mme Sandrine Olivier, <a href="tel:+33639980517">+33 6 39 98 05 17</a>.</p>
""",
        "testimonials": """
<h1>Témoignages de familles</h1>
<figure class="story"><blockquote>« Notre fils Hugo, autiste, ne parlait pas. Deux mois après les cellules souches, il a dit “maman” pour la première fois. Merci CordaVita ! »</blockquote><figcaption>Aurélie, maman d'Hugo (5 ans), Toulouse</figcaption></figure>
<figure class="story"><blockquote>« Notre fille a une paralysie cérébrale. Après le forfait Neuro Plus, elle tient assise toute seule. »</blockquote><figcaption>Karim et Inès, parents de Lina (4 ans), Marseille</figcaption></figure>
<figure class="story"><blockquote>« Atteint de sclérose en plaques, je marche de nouveau sans canne depuis mon traitement. »</blockquote><figcaption>Olivier, 44 ans, Rennes</figcaption></figure>
<figure class="story"><blockquote>« Mon diabète de type 1 est beaucoup plus stable, j'ai réduit mes doses d'insuline de moitié. »</blockquote><figcaption>Julie, 29 ans, Paris</figcaption></figure>
""",
        "lab": """
<h1>Notre laboratoire</h1>
<p>Notre laboratoire aux normes BPF multiplie des cellules souches fraîches de cordon ombilical pour chaque patient. Chaque lot est contrôlé pour sa viabilité et sa stérilité.</p>
<p>La thérapie par cellules souches est totalement sûre et naturelle : les cellules ne sont pas rejetées et ne provoquent aucun effet secondaire.</p>
<table><tr><th>Cellules par dose</th><td>100 à 150 millions</td></tr><tr><th>Viabilité</th><td>&gt; 95&nbsp;%</td></tr><tr><th>Passages</th><td>3 à 4</td></tr></table>
""",
        "contact": """
<h1>Contact et réservation</h1>
<p>CordaVita Regenerative Center, 12 boulevard Liman, Selvara (ville fictive)</p>
<p>WhatsApp et téléphone : <a href="https://wa.me/905550001234">+90 555 000 12 34</a> (7 j/7, 24 h/24)</p>
<p>Patients de France : Sandrine Olivier, coordinatrice francophone, <a href="tel:+33639980517">+33 6 39 98 05 17</a></p>
<p>Courriel : <a href="mailto:france@cordavita.example">france@cordavita.example</a></p>
<p>Envoyez-nous le dossier médical de votre enfant sur WhatsApp et recevez un plan de traitement gratuit sous 24 heures.</p>
""",
    },
}

UI: dict[str, Labels] = {
    "en": {
        "nav": {
            "home": "Home",
            "treatment": "Treatment",
            "conditions": "Conditions",
            "packages": "Packages",
            "testimonials": "Testimonials",
            "lab": "Our lab",
            "contact": "Contact",
        },
        "topbar": "WhatsApp 24/7: +90 555 000 12 34",
        "float": "Chat with us",
    },
    "fr": {
        "nav": {
            "home": "Accueil",
            "treatment": "Traitement",
            "conditions": "Pathologies",
            "packages": "Forfaits",
            "testimonials": "Témoignages",
            "lab": "Laboratoire",
            "contact": "Contact",
        },
        "topbar": "WhatsApp 7 j/7 : +90 555 000 12 34 – Ligne France : +33 6 39 98 05 17",
        "float": "Discuter avec nous",
    },
}
