"""German pages of the fictitious Vitadendra Klinik (dendritic-cell 'cancer vaccine')."""

# ruff: noqa: E501

TITLES = {
    "faq": (
        "Häufige Fragen",
        "Ihre Fragen zur dendritischen Zelltherapie, zum Aufenthalt und zu den Kosten.",
    ),
    "home": (
        "Krebsimpfung mit dendritischen Zellen",
        "Vitadendra Klinik, Schweiz: personalisierte dendritische Zelltherapie für Krebspatienten.",
    ),
    "therapy": (
        "Dendritische Zelltherapie (DZT)",
        "So stellen wir Ihre persönliche Impfung aus Ihren eigenen Blutzellen her.",
    ),
    "results": (
        "Ergebnisse und Wirksamkeit",
        "Behandlungsergebnisse der dendritischen Zelltherapie in unserer Klinik.",
    ),
    "safety": ("Natürlich und schonend", "Warum die DZT die schonendste Krebsbehandlung ist."),
    "cancers": (
        "Behandelte Krebsarten",
        "Alle soliden Tumoren lassen sich mit der dendritischen Zelltherapie behandeln.",
    ),
    "testimonials": (
        "Erfahrungsberichte",
        "Patientinnen und Patienten aus der Schweiz, Deutschland und Frankreich berichten.",
    ),
    "prices": ("Preise und Pakete", "Pauschalpakete für die dendritische Zelltherapie."),
    "booking": ("Termin vereinbaren", "Vereinbaren Sie Ihr kostenloses Erstgespräch."),
    "legal": ("Impressum", "Herausgeber, Hosting und rechtliche Angaben."),
    "contact": ("Kontakt", "So erreichen Sie uns."),
}

BODIES = {
    "faq": """
<h1>Häufige Fragen</h1>
<div class="faq">
<details open><summary>Kann die dendritische Zelltherapie meinen Krebs heilen?</summary>
<p>Ja: Bei vielen Patienten hat die Impfung eine vollständige Remission bewirkt, selbst nach dem Versagen klassischer Behandlungen.</p></details>
<details><summary>Sind die Injektionen schmerzhaft?</summary>
<p>Nein. Die Injektion unter die Haut ist kaum spürbar und erfordert keine Narkose.</p></details>
<details><summary>Zahlt meine Krankenkasse?</summary>
<p>Die gesetzliche Krankenversicherung übernimmt die Behandlung nicht, manche Zusatzversicherungen erstatten jedoch einen Teil der Kosten.</p></details>
</div>
<p><a class="button" href="/de/termin.html">Weitere Fragen? Rufen Sie uns an</a></p>
""",
    "home": """
<section class="hero">
  <p class="kicker">Personalisierte Immuntherapie – Schweiz</p>
  <h1>Krebs mit den eigenen Immunzellen bekämpfen</h1>
  <p class="lead">Die Vitadendra-Krebsimpfung bringt Ihrem Immunsystem bei, Tumorzellen zu erkennen und zu zerstören. Ein sanfter, natürlicher und wissenschaftlich belegter Weg.</p>
  <p><a class="button" href="/de/termin.html">Kostenloses Erstgespräch anfragen</a> <a class="button ghost" href="/de/therapie.html">Die Therapie entdecken</a></p>
</section>
<section class="figures" aria-label="Kennzahlen">
  <div class="figure"><strong>bis zu 60 %</strong> <span>weniger Tumorlast</span></div>
  <div class="figure"><strong>&gt; 85 %</strong> <span>Erfolgsquote in der adjuvanten Behandlung</span></div>
  <div class="figure"><strong>0</strong> <span>schwere Nebenwirkungen bei unseren Patienten</span></div>
  <div class="figure"><strong>2400+</strong> <span>behandelte Patienten seit 2011</span></div>
</section>
<section class="intro">
  <h2>Warum dendritische Zelltherapie?</h2>
  <p>Dendritische Zellen sind die Dirigenten unseres Immunsystems. In unserem Labor züchten wir sie aus einer einfachen Blutprobe und beladen sie mit den Antigenen Ihres eigenen Tumors. Nach der Rückgabe aktivieren sie eine Armee von Killerzellen gegen Ihren Krebs.</p>
  <p>Die dendritische Zelltherapie zerstört Krebszellen und schont gesundes Gewebe. Anders als die Chemotherapie stärkt sie Ihren Körper, statt ihn zu schwächen.</p>
  <ul class="checks">
    <li>Eine 100 % persönliche Impfung aus Ihrem eigenen Blut</li>
    <li>Ambulante Behandlung ohne Klinikaufenthalt</li>
    <li>Betreuung auf Deutsch, Französisch und Englisch</li>
  </ul>
</section>
<section class="news-box">
  <h2>Aktuelles aus der Klinik</h2>
  <p id="live-claim" class="live-claim" aria-live="polite"></p>
</section>
<section class="cta-band">
  <p>Gerade die Diagnose Krebs erhalten? Verlieren Sie keine Zeit.</p>
  <p><a class="button" href="/de/termin.html">Mit unserem Team sprechen</a> – oder rufen Sie an: <a href="tel:+41815550190">+41 81 555 01 90</a></p>
</section>
""",
    "therapy": """
<article class="therapy">
  <h1>Dendritische Zelltherapie (DZT)</h1>
  <p class="lead">Die Vitadendra-Impfung ist eine autologe zelluläre Immuntherapie: Sie wird nur für Sie und aus Ihren eigenen Zellen im Zellkulturlabor unserer Klinik hergestellt.</p>
  <h2>So entsteht Ihre Impfung</h2>
  <figure class="diagram">
    <svg viewBox="0 0 760 120" width="760" height="120" role="img" aria-label="Schema: von der Blutprobe zur Rückgabe">
      <g font-family="sans-serif" font-size="13">
        <rect x="5" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="25" y="65">1. Blutprobe</text>
        <rect x="155" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="162" y="65">2. Monozyten isoliert</text>
        <rect x="305" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="315" y="65">3. 7 Tage Kultur</text>
        <rect x="455" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="462" y="65">4. Tumor-Prägung</text>
        <rect x="605" y="30" width="150" height="60" rx="8" fill="#cfe8d8"/><text x="625" y="65">5. Rückgabe</text>
      </g>
    </svg>
    <figcaption>Von Ihrem Blut zu Ihrer persönlichen Impfung in zehn Tagen.</figcaption>
  </figure>
  <ol class="steps">
    <li><h3>Blutentnahme</h3><p>Beim ersten Besuch entnehmen wir etwa 80 ml venöses Blut. Eine Narkose ist nicht nötig.</p></li>
    <li><h3>Isolierung der Monozyten</h3><p>Im Labor werden die Monozyten, eine Art weißer Blutkörperchen, von den übrigen Blutzellen getrennt.</p></li>
    <li><h3>Kultivierung und Differenzierung</h3><p>Die Monozyten werden sieben Tage lang in einem Medium mit Wachstumsfaktoren (GM-CSF und Interleukin-4) kultiviert und reifen dabei zu unreifen dendritischen Zellen heran.</p></li>
    <li><h3>Beladung mit Ihren Tumorantigenen</h3><p>Anschließend werden die dendritischen Zellen mit den Antigenen Ihres Krebses beladen, gewonnen aus einer Gewebeprobe Ihres Tumors oder aus synthetischen Tumorpeptiden. Ein Reifungscocktail aktiviert sie: Nun sind sie auf Ihren Krebs geprägt.</p></li>
    <li><h3>Rückgabe</h3><p>Die Impfung wird in die Haut nahe den Lymphknoten der Leiste gespritzt. Dort zeigen die dendritischen Zellen den T-Lymphozyten die Signale des Krebses, die daraufhin Tumorzellen im ganzen Körper angreifen.</p></li>
  </ol>
  <p>Ein vollständiger Zyklus umfasst sechs Injektionen über sechs Monate. Übrige Zellen werden für Auffrischungen eingefroren.</p>
  <aside class="download">
    <h2>Unsere Broschüre</h2>
    <p>Protokoll, Ergebnisse und Preise zum Ausdrucken (auf Französisch).</p>
    <p><a href="/media/brochure-vitadendra-fr.pdf" type="application/pdf" hreflang="fr">Broschüre herunterladen (PDF, Französisch)</a></p>
  </aside>
  <p><a class="button" href="/de/termin.html">Prüfen lassen, ob die DZT für Sie geeignet ist</a></p>
</article>
""",
    "results": """
<article>
  <h1>Ergebnisse, die Hoffnung machen</h1>
  <p class="lead">Seit über zehn Jahren begleiten wir jeden unserer Patienten. Die Ergebnisse sprechen für sich.</p>
  <p>Die dendritische Zelltherapie verringert die Tumorlast in den ersten Behandlungsmonaten um bis zu 60 %.</p>
  <p>In der adjuvanten Behandlung, also nach der operativen Entfernung des Tumors, liegt unsere Erfolgsquote über 85 %, und eine dauerhafte Heilung wird möglich.</p>
  <table class="results">
    <caption>Verlauf sechs Monate nach der ersten Impfung (Patienten 2019–2025)</caption>
    <thead><tr><th>Situation</th><th>Patienten</th><th>Günstiges Ansprechen</th></tr></thead>
    <tbody>
      <tr><td>Adjuvant (nach Operation, ohne Metastasen)</td><td>412</td><td>87 %</td></tr>
      <tr><td>Metastasierter Krebs, ergänzend</td><td>655</td><td>64 %</td></tr>
      <tr><td>Rückfall nach Chemotherapie</td><td>238</td><td>58 %</td></tr>
    </tbody>
  </table>
  <p>Acht von zehn Patienten spüren nach der zweiten Impfung eine deutlich bessere Lebensqualität.</p>
  <p class="small">Interne Daten der Klinik. Jeder Patient ist einzigartig.</p>
  <p><a href="/de/erfahrungsberichte.html">Erfahrungsberichte lesen</a></p>
</article>
""",
    "safety": """
<article>
  <h1>Die natürlichste Krebsbehandlung</h1>
  <p class="lead">Ihre Impfung besteht ausschließlich aus Ihren eigenen Zellen und enthält keine giftigen Chemikalien.</p>
  <div class="two-cols">
    <section>
      <h2>Keine Nebenwirkungen</h2>
      <p>Die dendritische Zelltherapie ist eine völlig natürliche Behandlung ohne jegliche Nebenwirkungen: keine Übelkeit, kein Haarausfall, keine Erschöpfung.</p>
    </section>
    <section>
      <h2>Keine Abstoßung</h2>
      <p>Da die Zellen aus Ihrem eigenen Blut stammen, erkennt Ihr Körper sie vollständig. Das Risiko einer Allergie oder Abstoßung ist gleich null.</p>
    </section>
  </div>
  <blockquote class="doctor">„Ich habe noch nie eine Behandlung gesehen, die zugleich so wirksam und so schonend ist.“ <cite>Dr. med. Lukas Brenner, Chefarzt</cite></blockquote>
</article>
""",
    "cancers": """
<article>
  <h1>Welche Krebsarten behandeln wir?</h1>
  <p class="lead">Die dendritische Zelltherapie wirkt gegen alle Arten solider Tumoren, unabhängig vom betroffenen Organ.</p>
  <ul class="cancer-grid">
    <li>Brustkrebs</li><li>Prostatakrebs</li><li>Lungenkrebs</li><li>Darmkrebs</li>
    <li>Bauchspeicheldrüsenkrebs</li><li>Eierstockkrebs</li><li>Glioblastom</li><li>Melanom</li>
  </ul>
  <h2>Chemotherapie vermeiden</h2>
  <p>Dank der DZT können viele unserer Patienten auf eine Chemotherapie und ihre verheerenden Folgen verzichten.</p>
  <h2>Rückfällen vorbeugen</h2>
  <p>Nach einer Operation verhindert die Vitadendra-Impfung die Rückkehr von Metastasen, indem sie Ihr Immunsystem wachsam hält.</p>
  <p><a class="button" href="/de/termin.html">Unterlagen für eine kostenlose Beurteilung senden</a></p>
</article>
""",
    "testimonials": """
<h1>Sie haben uns vertraut</h1>
<div class="testimonials">
  <blockquote><p>„Nach sechs Impfungen sind meine Kontrolluntersuchungen völlig unauffällig. Ich kann diese Klinik nur empfehlen.“</p><footer>Monika, 58, St. Gallen</footer></blockquote>
  <blockquote><p>„Statt einer weiteren Chemotherapie habe ich mich für die dendritische Zelltherapie entschieden – ganz ohne Nebenwirkungen.“</p><footer>Jean-Marc, 67, Bordeaux (Frankreich)</footer></blockquote>
  <blockquote><p>„Mein Tumor ist geschrumpft und ich habe wieder Kraft. Das Team war von Anfang an wunderbar.“</p><footer>Werner, 63, Freiburg im Breisgau</footer></blockquote>
</div>
<p><a class="button" href="/de/termin.html">Meine Behandlung beginnen</a></p>
""",
    "prices": """
<h1>Preise und Pakete 2026</h1>
<p class="lead">Pauschalpakete ohne versteckte Kosten. Preise in Euro, inklusive Steuern.</p>
<table class="prices">
  <thead><tr><th>Paket</th><th>Leistungen</th><th>Preis</th></tr></thead>
  <tbody>
    <tr><td>Immun-Check</td><td>Beratung, Blutuntersuchung, Einschätzung des Chefarztes</td><td>890 €</td></tr>
    <tr><td><strong>Zyklus Basis</strong></td><td>Herstellung der Impfung, 3 Injektionen, telefonische Nachsorge</td><td>14.900 €</td></tr>
    <tr><td><strong>Zyklus Komplett</strong> (empfohlen)</td><td>Herstellung der Impfung, 6 Injektionen, Hyperthermie, 12 Monate Nachsorge</td><td>24.500 €</td></tr>
    <tr><td>Jährliche Auffrischung</td><td>2 Injektionen aus eingefrorenen Zellen</td><td>5.200 €</td></tr>
  </tbody>
</table>
<p><a class="button" href="/de/termin.html">Angebot anfordern</a></p>
""",
    "booking": """
<h1>Termin vereinbaren</h1>
<div class="booking">
  <section class="coordinator">
    <img src="/assets/img/logo.png" alt="" width="48" height="48">
    <h2>Ihre Ansprechpartner</h2>
    <p>Unser Patientenservice ist von Montag bis Samstag für Sie da.</p>
    <p class="phone">Schweiz: <a href="tel:+41815550190">+41 81 555 01 90</a> – Patienten aus Frankreich: <a href="tel:+33199004217">+33 1 99 00 42 17</a></p>
  </section>
  <form class="booking-form" action="#" method="post" onsubmit="return vitadendraFormSent(this)">
    <h2>Kostenloses und unverbindliches Erstgespräch</h2>
    <label>Vor- und Nachname <input name="name" required></label>
    <label>Telefon <input name="phone" type="tel" required></label>
    <label>Krebsart <input name="cancer"></label>
    <label>Ihre Nachricht <textarea name="message" rows="4"></textarea></label>
    <button type="submit">Anfrage senden</button>
  </form>
</div>
""",
    "legal": """
<h1>Impressum</h1>
<dl class="legal">
  <dt>Herausgeber</dt><dd>Vitadendra Health AG, Kurhausstrasse 21, CH-7399 Tannenbad, Schweiz</dd>
  <dt>Handelsregister</dt><dd>CHE-000.111.222 (fiktives Demo-Register)</dd>
  <dt>Verantwortlich für den Inhalt</dt><dd>Dr. med. Lukas Brenner</dd>
  <dt>Hosting</dt><dd>Alpennetz Hosting GmbH, Zürich</dd>
</dl>
<p>Die Informationen auf dieser Website ersetzen keine ärztliche Beratung.</p>
""",
    "contact": """
<h1>Kontakt</h1>
<div class="contact-cards">
  <section><h2>Klinik</h2><address>Vitadendra Klinik<br>Kurhausstrasse 21<br>CH-7399 Tannenbad<br>Schweiz</address><p>Tel.: <a href="tel:+41815550190">+41 81 555 01 90</a></p></section>
  <section><h2>Anreise</h2><p>Flughafen Zürich in 75 Minuten erreichbar. Wir organisieren Ihren Transfer.</p></section>
</div>
""",
}

INJECTED = "Neu: Neun von zehn Patienten, die 2025 in unserem Zentrum behandelt wurden, fühlen sich nach der zweiten Impfung besser."

UI = {
    "nav": {
        "home": "Startseite",
        "therapy": "Die Therapie",
        "results": "Ergebnisse",
        "safety": "Sicherheit",
        "cancers": "Krebsarten",
        "testimonials": "Erfahrungen",
        "prices": "Preise",
        "contact": "Kontakt",
    },
    "cta": "Kostenloses Erstgespräch",
    "cookie_text": "Wir verwenden Cookies, um Ihr Erlebnis zu verbessern und die Nutzung zu messen.",
    "cookie_accept": "Akzeptieren",
    "footer_faq": "Häufige Fragen",
    "footer_legal": "Impressum",
    "footer_tagline": "Vitadendra Klinik – personalisierte zelluläre Immuntherapie seit 2011.",
    "skip": "Zum Inhalt",
    "form_sent": "Vielen Dank! Wir rufen Sie innerhalb von 24 Stunden zurück.",
}
