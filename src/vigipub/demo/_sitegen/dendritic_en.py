"""English pages of the fictitious Vitadendra Klinik (dendritic-cell 'cancer vaccine')."""

# ruff: noqa: E501

TITLES = {
    "faq": (
        "Frequently asked questions",
        "Your questions about dendritic cell therapy, your stay in Switzerland and the costs.",
    ),
    "home": (
        "Dendritic cell cancer vaccine",
        "Vitadendra Klinik, Switzerland: personalised dendritic cell immunotherapy for cancer patients from all over Europe.",
    ),
    "therapy": (
        "Dendritic cell therapy (DCT)",
        "How we prepare your personal vaccine from your own blood cells.",
    ),
    "results": ("Results and efficacy", "Outcomes of dendritic cell therapy at our clinic."),
    "safety": ("Natural and gentle", "Why DCT is the gentlest cancer treatment available."),
    "cancers": ("Cancers we treat", "Every solid cancer can be treated with dendritic cell therapy."),
    "testimonials": (
        "Patient stories",
        "Patients from France, Belgium, the UK and Switzerland share their experience.",
    ),
    "prices": ("Prices and packages", "All-inclusive packages for dendritic cell therapy."),
    "booking": ("Book a consultation", "Request your free consultation with our international patient team."),
    "legal": ("Legal notice", "Publisher, hosting and legal information."),
    "contact": ("Contact", "Reach us by phone, e-mail or post."),
}

BODIES = {
    "faq": """
<h1>Frequently asked questions</h1>
<div class="faq">
<details open><summary>Can dendritic cell therapy cure my cancer?</summary>
<p>Yes: in many patients the vaccine has led to complete remission, even after conventional treatments had failed.</p></details>
<details><summary>Are the injections painful?</summary>
<p>No. The injection under the skin is barely noticeable and needs no anaesthesia.</p></details>
<details><summary>Should I stop my current treatment?</summary>
<p>The vaccine can be combined with any treatment. Many of our patients actually decide to give up chemotherapy after their first vaccine cycle.</p></details>
<details><summary>Will my health insurance pay?</summary>
<p>Public health insurance does not cover the treatment, but some private insurers reimburse part of the costs. We provide a detailed invoice.</p></details>
<details><summary>How long do I need to stay in Switzerland?</summary>
<p>Two days for the blood sample and consultation, then one day for each injection.</p></details>
</div>
<p><a class="button" href="/en/booking.html">Another question? Call us</a></p>
""",
    "home": """
<section class="hero">
  <p class="kicker">Personalised immunotherapy – Switzerland</p>
  <h1>Fight cancer with your own immune cells</h1>
  <p class="lead">The Vitadendra cancer vaccine teaches your immune system to recognise and destroy tumour cells. A gentle, natural and scientifically proven approach, a short flight from anywhere in Europe.</p>
  <p><a class="button" href="/en/booking.html">Request a free consultation</a> <a class="button ghost" href="/en/therapy.html">Discover the therapy</a></p>
</section>
<section class="figures" aria-label="Key figures">
  <div class="figure"><strong>up to 60%</strong> <span>reduction of tumour burden</span></div>
  <div class="figure"><strong>&gt; 85%</strong> <span>success rate in adjuvant treatment</span></div>
  <div class="figure"><strong>0</strong> <span>serious side effects in our patients</span></div>
  <div class="figure"><strong>2,400+</strong> <span>patients treated since 2011</span></div>
</section>
<section class="intro">
  <h2>Why dendritic cell therapy?</h2>
  <p>Dendritic cells are the conductors of the immune orchestra. In our laboratory we grow them from a simple blood sample and load them with the antigens of your own tumour. Once re-injected, they mobilise an army of killer lymphocytes against your cancer.</p>
  <p>Dendritic cell therapy destroys cancer cells while sparing healthy tissue. Unlike chemotherapy, it strengthens your body instead of weakening it.</p>
  <ul class="checks">
    <li>A 100% personal vaccine made from your own blood</li>
    <li>Outpatient treatment: no hospital stay</li>
    <li>Coordinators speaking English, French and German</li>
    <li>Zurich airport is just 75 minutes away</li>
  </ul>
</section>
<section class="news-box">
  <h2>Clinic news</h2>
  <p id="live-claim" class="live-claim" aria-live="polite"></p>
</section>
<section class="cta-band">
  <p>Just diagnosed with cancer? Do not lose precious time.</p>
  <p><a class="button" href="/en/booking.html">Talk to our team</a> – or call <a href="tel:+41815550190">+41 81 555 01 90</a></p>
</section>
""",
    "therapy": """
<article class="therapy">
  <h1>Dendritic cell therapy (DCT)</h1>
  <p class="lead">The Vitadendra vaccine is an autologous cellular immunotherapy: it is made for you alone, from your own cells, in the cell culture laboratory inside our clinic.</p>
  <h2>How your vaccine is made</h2>
  <figure class="diagram">
    <svg viewBox="0 0 760 120" width="760" height="120" role="img" aria-label="Diagram: from blood sample to re-injection">
      <g font-family="sans-serif" font-size="13">
        <rect x="5" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="22" y="65">1. Blood sample</text>
        <rect x="155" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="163" y="65">2. Monocytes isolated</text>
        <rect x="305" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="320" y="65">3. 7-day culture</text>
        <rect x="455" y="30" width="130" height="60" rx="8" fill="#e3f1f4"/><text x="465" y="65">4. Tumour priming</text>
        <rect x="605" y="30" width="150" height="60" rx="8" fill="#cfe8d8"/><text x="625" y="65">5. Re-injection</text>
      </g>
    </svg>
    <figcaption>From your blood to your personal vaccine in ten days.</figcaption>
  </figure>
  <ol class="steps">
    <li><h3>Blood sample</h3><p>About 80 ml of venous blood is drawn at your first visit. No anaesthesia is needed.</p></li>
    <li><h3>Isolation of monocytes</h3><p>In the laboratory, monocytes (a type of white blood cell) are separated from the other blood cells.</p></li>
    <li><h3>Culture and differentiation</h3><p>The monocytes are cultured for seven days in a medium enriched with growth factors (GM-CSF and interleukin-4), where they differentiate into immature dendritic cells.</p></li>
    <li><h3>Priming with your tumour antigens</h3><p>The dendritic cells are then loaded with the antigens of your cancer, taken from a sample of your tumour (biopsy or surgical specimen) or from synthetic tumour peptides. A maturation cocktail activates them: they are now primed against your cancer.</p></li>
    <li><h3>Re-injection</h3><p>The vaccine is injected into the skin near the lymph nodes of the groin. There the dendritic cells present the cancer's signals to T lymphocytes, which then attack tumour cells throughout the body.</p></li>
  </ol>
  <p>A full cycle consists of six injections over six months. Remaining cells are frozen for booster doses.</p>
  <aside class="download">
    <h2>Our brochure</h2>
    <p>The protocol, results and prices in a printable document (in French).</p>
    <p><a href="/media/brochure-vitadendra-fr.pdf" type="application/pdf" hreflang="fr">Download the brochure (PDF, French)</a></p>
  </aside>
  <p><a class="button" href="/en/booking.html">Find out whether DCT is right for you</a></p>
</article>
""",
    "results": """
<article>
  <h1>Results that bring hope</h1>
  <p class="lead">For more than ten years we have followed every one of our patients. The results speak for themselves.</p>
  <p>Dendritic cell therapy reduces tumour burden by up to 60% within the first months of treatment.</p>
  <p>In adjuvant treatment, after the tumour has been surgically removed, our success rate is above 85%, and a lasting cure becomes possible.</p>
  <table class="results">
    <caption>Outcome six months after the first vaccine (patients 2019-2025)</caption>
    <thead><tr><th>Situation</th><th>Patients</th><th>Favourable response</th></tr></thead>
    <tbody>
      <tr><td>Adjuvant (after surgery, no metastases)</td><td>412</td><td>87%</td></tr>
      <tr><td>Metastatic cancer, as a complement</td><td>655</td><td>64%</td></tr>
      <tr><td>Relapse after chemotherapy</td><td>238</td><td>58%</td></tr>
    </tbody>
  </table>
  <p>Eight patients out of ten feel a clear improvement in their quality of life after the second vaccine.</p>
  <p>Even at an advanced stage, DCT often stabilises the disease and extends life by several years.</p>
  <p class="small">Internal clinic data. Every patient is unique.</p>
  <p><a href="/en/testimonials.html">Read our patients' stories</a></p>
</article>
""",
    "safety": """
<article>
  <h1>The most natural cancer treatment</h1>
  <p class="lead">Your vaccine consists only of your own cells: it contains no toxic chemicals.</p>
  <div class="two-cols">
    <section>
      <h2>No side effects</h2>
      <p>Dendritic cell therapy is a completely natural treatment with no side effects at all: no nausea, no hair loss, no exhaustion.</p>
      <p>You can resume your normal activities the day after the injection and fly home the same day.</p>
    </section>
    <section>
      <h2>No risk of rejection</h2>
      <p>Because the cells come from your own blood, your body recognises them perfectly. There is zero risk of allergy or rejection.</p>
      <p>DCT can be safely combined with any other treatment, including in elderly or frail patients.</p>
    </section>
  </div>
  <blockquote class="doctor">"I have never seen a treatment that is so effective and so gentle at the same time." <cite>Dr med. Lukas Brenner, medical director</cite></blockquote>
</article>
""",
    "cancers": """
<article>
  <h1>Which cancers do we treat?</h1>
  <p class="lead">Dendritic cell therapy works against all types of solid cancer, whatever the organ affected.</p>
  <ul class="cancer-grid">
    <li>Breast cancer</li><li>Prostate cancer</li><li>Lung cancer</li><li>Colorectal cancer</li>
    <li>Pancreatic cancer</li><li>Ovarian cancer</li><li>Glioblastoma and brain tumours</li><li>Melanoma</li>
    <li>Kidney cancer</li><li>Stomach cancer</li><li>Sarcomas</li><li>Bladder cancer</li>
  </ul>
  <h2>Avoid chemotherapy</h2>
  <p>Thanks to DCT, many of our patients are able to avoid chemotherapy and its devastating effects.</p>
  <p>Where chemotherapy and radiotherapy destroy indiscriminately, the dendritic vaccine targets only diseased cells: a more effective and more humane alternative.</p>
  <h2>Preventing relapse</h2>
  <p>After surgery, the Vitadendra vaccine stops metastases from coming back by keeping your immune system on alert.</p>
  <p><a class="button" href="/en/booking.html">Send your medical file for a free assessment</a></p>
</article>
""",
    "testimonials": """
<h1>They trusted us</h1>
<p class="lead">Hundreds of patients from across Europe have made the journey to Tannenbad. Here are some of their messages.</p>
<div class="testimonials">
  <blockquote><p>"I had breast cancer with affected lymph nodes. After six vaccines at Vitadendra my latest scans are completely clear. I recommend this clinic to every woman."</p><footer>Nathalie, 52, Lyon (France)</footer></blockquote>
  <blockquote><p>"My oncologist wanted another round of chemotherapy. I chose dendritic cell therapy instead: my PSA halved in four months, without a single side effect."</p><footer>Jean-Marc, 67, Bordeaux (France)</footer></blockquote>
  <blockquote><p>"My pancreatic tumour shrank and I have my energy back. The team was wonderful from the first phone call."</p><footer>Graham, 63, Leeds (UK)</footer></blockquote>
  <blockquote><p>"After melanoma surgery I had the vaccine to prevent a relapse. Three years later I am in perfect health."</p><footer>Camille, 41, Strasbourg (France)</footer></blockquote>
</div>
<p><a class="button" href="/en/booking.html">Start my treatment</a></p>
""",
    "prices": """
<h1>Prices and packages 2026</h1>
<p class="lead">All-inclusive packages with no hidden costs. Prices in euros, taxes included.</p>
<table class="prices">
  <thead><tr><th>Package</th><th>Includes</th><th>Price</th></tr></thead>
  <tbody>
    <tr><td>Immune check-up</td><td>Consultation, blood tests, medical director's opinion</td><td>€890</td></tr>
    <tr><td><strong>Essential cycle</strong></td><td>Vaccine production, 3 injections, phone follow-up</td><td>€14,900</td></tr>
    <tr><td><strong>Complete cycle</strong> (recommended)</td><td>Vaccine production, 6 injections, hyperthermia, 12-month follow-up</td><td>€24,500</td></tr>
    <tr><td>Annual booster</td><td>2 injections from frozen cells</td><td>€5,200</td></tr>
  </tbody>
</table>
<ul>
  <li>Interest-free payment in three instalments.</li>
  <li>Transfer from Zurich airport and partner hotel at a preferential rate.</li>
  <li>Personal quote within 48 hours of receiving your file.</li>
</ul>
<p><a class="button" href="/en/booking.html">Request my quote</a></p>
""",
    "booking": """
<h1>Book a consultation</h1>
<div class="booking">
  <section class="coordinator">
    <img src="/assets/img/logo.png" alt="" width="48" height="48">
    <h2>Your international patient team</h2>
    <p>Our coordinators speak English, French and German and answer your questions Monday to Saturday.</p>
    <p class="phone">Switzerland: <a href="tel:+41815550190">+41 81 555 01 90</a> – Patients from France: <a href="tel:+33199004217">+33 1 99 00 42 17</a></p>
    <p>E-mail: <a href="mailto:info@vitadendra-klinik.example">info@vitadendra-klinik.example</a></p>
  </section>
  <form class="booking-form" action="#" method="post" onsubmit="return vitadendraFormSent(this)">
    <h2>Free, no-obligation consultation</h2>
    <label>Full name <input name="name" required></label>
    <label>Phone <input name="phone" type="tel" required></label>
    <label>Type of cancer <input name="cancer"></label>
    <label>Your message <textarea name="message" rows="4"></textarea></label>
    <label class="inline"><input type="checkbox" name="consent" required> I agree to be called back by the clinic</label>
    <button type="submit">Send my request</button>
  </form>
</div>
<p>Your first appointment can take place within ten days. Send us your latest medical reports and our doctor will answer you personally.</p>
""",
    "legal": """
<h1>Legal notice</h1>
<dl class="legal">
  <dt>Publisher</dt><dd>Vitadendra Health AG, Swiss public limited company, Kurhausstrasse 21, CH-7399 Tannenbad, Switzerland</dd>
  <dt>Commercial register</dt><dd>CHE-000.111.222 (fictitious demo register)</dd>
  <dt>Responsible for content</dt><dd>Dr med. Lukas Brenner</dd>
  <dt>Hosting</dt><dd>Alpennetz Hosting GmbH, Zurich</dd>
  <dt>Contact</dt><dd><a href="mailto:info@vitadendra-klinik.example">info@vitadendra-klinik.example</a></dd>
</dl>
<p>The information on this website does not replace a medical consultation.</p>
""",
    "contact": """
<h1>Contact</h1>
<div class="contact-cards">
  <section><h2>Clinic</h2><address>Vitadendra Klinik<br>Kurhausstrasse 21<br>CH-7399 Tannenbad<br>Switzerland</address><p>Phone: <a href="tel:+41815550190">+41 81 555 01 90</a></p></section>
  <section><h2>Patients from France</h2><p>Élodie Marchand<br><a href="tel:+33199004217">+33 1 99 00 42 17</a></p></section>
  <section><h2>Getting here</h2><p>Zurich airport is 75 minutes away, with direct flights from London, Paris, Brussels and Amsterdam. We arrange your transfer.</p></section>
</div>
""",
}

INJECTED = "New: nine out of ten patients treated at our centre in 2025 report feeling better after their second vaccine."

UI = {
    "nav": {
        "home": "Home",
        "therapy": "The therapy",
        "results": "Results",
        "safety": "Safety",
        "cancers": "Cancers treated",
        "testimonials": "Testimonials",
        "prices": "Prices",
        "contact": "Contact",
    },
    "cta": "Free consultation",
    "cookie_text": "We use cookies to improve your experience and measure our audience.",
    "cookie_accept": "Accept",
    "footer_faq": "FAQ",
    "footer_legal": "Legal notice",
    "footer_tagline": "Vitadendra Klinik – personalised cellular immunotherapy since 2011.",
    "skip": "Skip to content",
    "form_sent": "Thank you! We will call you back within 24 hours.",
}
