"""Generate the ``dendritic-clinic`` demo site: FR/EN/DE, hreflang, JS-injected claim, PDF."""

from __future__ import annotations

import json

from . import dendritic_de, dendritic_en, dendritic_fr
from .common import Page, disc_logo, escape, hreflang_links, write, write_config

SITE = "dendritic-clinic"
BRAND = "Vitadendra Klinik"
DEFAULT_LANG = "en"
CONTENT = {"fr": dendritic_fr, "en": dendritic_en, "de": dendritic_de}
LANG_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch"}

JSON_LD = (
    '<script type="application/ld+json">'
    + json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "name": BRAND,
            "medicalSpecialty": "Oncologic",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Kurhausstrasse 21",
                "postalCode": "7399",
                "addressLocality": "Tannenbad",
                "addressCountry": "CH",
            },
            "telephone": "+41 81 555 01 90",
            "availableService": {"@type": "MedicalTherapy", "name": "Dendritic cell therapy"},
        },
        ensure_ascii=False,
    )
    + "</script>"
)

PAGES = [
    Page("home", {"fr": "index.html", "en": "index.html", "de": "index.html"}),
    Page("therapy", {"fr": "therapie.html", "en": "therapy.html", "de": "therapie.html"}),
    Page("results", {"fr": "resultats.html", "en": "results.html", "de": "ergebnisse.html"}),
    Page("safety", {"fr": "securite.html", "en": "safety.html", "de": "sicherheit.html"}),
    Page("cancers", {"fr": "cancers-traites.html", "en": "cancers-treated.html", "de": "krebsarten.html"}),
    Page(
        "testimonials", {"fr": "temoignages.html", "en": "testimonials.html", "de": "erfahrungsberichte.html"}
    ),
    Page("prices", {"fr": "tarifs.html", "en": "prices.html", "de": "preise.html"}),
    Page("booking", {"fr": "rendez-vous.html", "en": "booking.html", "de": "termin.html"}),
    Page("faq", {"fr": "questions-frequentes.html", "en": "faq.html", "de": "haeufige-fragen.html"}),
    Page("legal", {"fr": "mentions-legales.html", "en": "legal-notice.html", "de": "impressum.html"}),
    Page("contact", {"fr": "contact.html", "en": "contact.html", "de": "kontakt.html"}),
]
BY_KEY = {p.key: p for p in PAGES}
NAV = ["home", "therapy", "results", "safety", "cancers", "testimonials", "prices", "contact"]

CSS = """
:root { --ink: #1d2b36; --accent: #0b7a8a; --soft: #e3f1f4; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: var(--ink); line-height: 1.55; }
.skip { position: absolute; left: -999px; }
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .8rem 2rem; background: #fff; border-bottom: 3px solid var(--accent); }
.brand { display: flex; align-items: center; gap: .5rem; font-weight: bold; color: var(--accent); text-decoration: none; font-size: 1.3rem; }
.main-nav ul { display: flex; gap: .9rem; list-style: none; margin: 0; padding: 0; }
.main-nav a { color: var(--ink); text-decoration: none; font-family: Arial, sans-serif; font-size: .95rem; }
.main-nav a[aria-current] { border-bottom: 2px solid var(--accent); }
.lang-switch { margin-left: auto; font-family: Arial, sans-serif; font-size: .85rem; }
.lang-switch a { padding: 0 .25rem; color: var(--ink); }
.lang-switch a[aria-current] { font-weight: bold; text-decoration: none; }
.header-cta, .button { display: inline-block; background: var(--accent); color: #fff; padding: .55rem 1rem; border-radius: 4px; text-decoration: none; font-family: Arial, sans-serif; }
.button.ghost { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
main { max-width: 960px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
.hero { background: var(--soft); padding: 2rem; border-radius: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: var(--accent); }
.lead { font-size: 1.15rem; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; margin: 2rem 0; }
.figure { background: #fff; border: 1px solid #cfe1e5; padding: 1rem; text-align: center; }
.figure strong { display: block; font-size: 1.6rem; color: var(--accent); }
.live-claim { font-style: italic; border-left: 4px solid var(--accent); padding-left: .8rem; }
.cta-band { background: var(--ink); color: #fff; padding: 1.2rem 2rem; border-radius: 8px; }
.cta-band a { color: #bfe9ef; }
.steps li { margin-bottom: .8rem; }
.download { border: 1px dashed var(--accent); padding: 1rem; margin: 1.5rem 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #cfe1e5; padding: .5rem; text-align: left; }
.two-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.cancer-grid { columns: 3; }
.testimonials blockquote { background: var(--soft); margin: 1rem 0; padding: 1rem 1.5rem; border-radius: 8px; }
.testimonials footer { font-weight: bold; font-family: Arial, sans-serif; }
.booking { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.booking-form label { display: block; margin-bottom: .6rem; }
.booking-form input, .booking-form textarea { width: 100%; }
.contact-cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.faq details { border-bottom: 1px solid #cfe1e5; padding: .6rem 0; }
.faq summary { font-weight: bold; cursor: pointer; }
.small { font-size: .8rem; color: #556; }
.site-footer { background: #f3f6f7; padding: 1.5rem 2rem; font-family: Arial, sans-serif; font-size: .85rem; }
.cookie-banner { position: fixed; bottom: 0; left: 0; right: 0; background: #1d2b36; color: #fff; padding: .8rem 2rem; display: flex; gap: 1rem; align-items: center; z-index: 10; font-family: Arial, sans-serif; }
.cookie-banner[hidden] { display: none; }
""".lstrip()

SITE_JS = """
// Cookie banner and booking-form acknowledgement (no tracking is actually performed).
(function () {
  var banner = document.getElementById("cookie-banner");
  if (banner) {
    try {
      if (window.localStorage.getItem("vd-cookies") === "ok") { banner.hidden = true; }
    } catch (e) { /* storage may be disabled */ }
    var accept = document.getElementById("cookie-accept");
    if (accept) {
      accept.addEventListener("click", function () {
        banner.hidden = true;
        try { window.localStorage.setItem("vd-cookies", "ok"); } catch (e) { /* ignore */ }
      });
    }
  }
})();

function vitadendraFormSent(form) {
  var note = document.createElement("p");
  note.className = "form-sent";
  note.textContent = form.getAttribute("data-sent") || "OK";
  form.appendChild(note);
  return false;
}
""".lstrip()


def _nav(lang: str, current: str) -> str:
    items = []
    for key in NAV:
        page = BY_KEY[key]
        label = escape(CONTENT[lang].UI["nav"][key])
        cur = ' aria-current="page"' if key == current else ""
        items.append(f'<li><a href="{page.url(lang)}"{cur}>{label}</a></li>')
    return '<nav class="main-nav" aria-label="Navigation"><ul>\n' + "\n".join(items) + "\n</ul></nav>"


def _lang_switch(page: Page, lang: str) -> str:
    links = []
    for other in page.slugs:
        cur = ' aria-current="true"' if other == lang else ""
        links.append(
            f'<a href="{page.url(other)}" hreflang="{other}" lang="{other}" title="{LANG_NAMES[other]}"{cur}>{other.upper()}</a>'
        )
    return '<div class="lang-switch">' + " | ".join(links) + "</div>"


def _injection_script(text: str) -> str:
    # The claim exists only in this script: a capture that does not execute JavaScript
    # misses it, which is what the demo wants to show about rendered captures.
    return (
        "<script>\n"
        'document.addEventListener("DOMContentLoaded", function () {\n'
        '  var slot = document.getElementById("live-claim");\n'
        f"  if (slot) {{ slot.textContent = {json.dumps(text, ensure_ascii=False)}; }}\n"
        "});\n"
        "</script>\n"
    )


def render(lang: str, page: Page) -> str:
    mod = CONTENT[lang]
    ui = mod.UI
    title, description = mod.TITLES[page.key]
    body = mod.BODIES[page.key].strip("\n")
    if page.key == "booking":
        body = body.replace(
            'class="booking-form"', f'class="booking-form" data-sent="{escape(ui["form_sent"])}"'
        )
    extra = _injection_script(mod.INJECTED) if page.key == "home" else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {BRAND}</title>
<meta name="description" content="{escape(description)}">
<link rel="canonical" href="{page.url(lang)}">
{hreflang_links(page, DEFAULT_LANG)}
<link rel="icon" type="image/png" href="/assets/img/logo.png">
{JSON_LD}
<link rel="stylesheet" href="/assets/css/vitadendra.css">
<script src="/assets/js/site.js" defer></script>
</head>
<body class="page-{page.key}">
<a class="skip" href="#content">{escape(ui["skip"])}</a>
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies">
<p>{escape(ui["cookie_text"])}</p>
<button type="button" id="cookie-accept">{escape(ui["cookie_accept"])}</button>
</div>
<header class="site-header">
<a class="brand" href="/{lang}/"><img src="/assets/img/logo.png" alt="" width="36" height="36">{BRAND}</a>
{_nav(lang, page.key)}
{_lang_switch(page, lang)}
<a class="header-cta" href="{BY_KEY["booking"].url(lang)}">{escape(ui["cta"])}</a>
</header>
<main id="content">
{body}
</main>
<footer class="site-footer">
<p>{escape(ui["footer_tagline"])}</p>
<p>Vitadendra Health AG · Kurhausstrasse 21 · CH-7399 Tannenbad · <a href="tel:+41815550190">+41 81 555 01 90</a></p>
<p><a href="{BY_KEY["faq"].url(lang)}">{escape(ui["footer_faq"])}</a> · <a href="{BY_KEY["legal"].url(lang)}">{escape(ui["footer_legal"])}</a> · <a href="{BY_KEY["contact"].url(lang)}">{escape(ui["nav"]["contact"])}</a> · © 2026 Vitadendra Health AG</p>
</footer>
{extra}</body>
</html>
"""


BROCHURE_HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Vitadendra Klinik – Brochure patients</title>
<style>
@page { size: A4; margin: 18mm; }
body { font-family: sans-serif; font-size: 10.5pt; color: #1d2b36; }
h1 { color: #0b7a8a; font-size: 20pt; margin-bottom: 2mm; }
h2 { color: #0b7a8a; font-size: 13pt; margin-top: 6mm; }
.box { background: #e3f1f4; padding: 3mm 5mm; }
td, th { border: 0.3pt solid #999; padding: 1.5mm 3mm; }
table { border-collapse: collapse; }
</style></head><body>
<h1>Vitadendra Klinik</h1>
<p><strong>Le vaccin anticancer personnalisé par cellules dendritiques</strong></p>
<div class="box"><p>Votre système immunitaire est votre meilleure arme contre le cancer. Notre vaccin lui apprend à reconnaître et à éliminer les cellules tumorales, sans aucun effet secondaire.</p></div>
<h2>Comment est fabriqué votre vaccin ?</h2>
<ol>
<li>Une prise de sang de 80 ml est réalisée à la clinique.</li>
<li>Les monocytes sont isolés puis mis en culture pendant sept jours avec des facteurs de croissance : ils se différencient en cellules dendritiques.</li>
<li>Les cellules dendritiques sont chargées avec les antigènes de votre tumeur, puis activées.</li>
<li>Le vaccin est réinjecté sous la peau, près des ganglions lymphatiques.</li>
</ol>
<h2>Des résultats prouvés</h2>
<p>La thérapie cellulaire dendritique réduit la charge tumorale jusqu'à 60 %. Après une opération, le taux de réussite est supérieur à 85 %. Elle est efficace contre tous les cancers solides et permet souvent d'éviter la chimiothérapie.</p>
<h2>Tarifs 2026</h2>
<table>
<tr><th>Cycle Essentiel (3 injections)</th><td>14 900 €</td></tr>
<tr><th>Cycle Complet (6 injections)</th><td>24 500 €</td></tr>
</table>
<h2>Votre contact en France</h2>
<p>Élodie Marchand, coordinatrice francophone – +33 1 99 00 42 17 – francais@vitadendra-klinik.example</p>
<p style="font-size:8pt;color:#667">Vitadendra Health AG, Kurhausstrasse 21, CH-7399 Tannenbad, Suisse. Document fictif de démonstration (vigipub).</p>
</body></html>
"""


def build_brochure() -> None:
    """Render the brochure with WeasyPrint (run once; the PDF is committed)."""
    from weasyprint import HTML  # imported lazily: only the generator needs it

    pdf = HTML(string=BROCHURE_HTML).write_pdf()
    assert pdf is not None
    write(SITE, "media/brochure-vitadendra-fr.pdf", pdf)


def build(with_pdf: bool = False) -> None:
    write_config(SITE, redirects={"/": "/en/"}, disallow=["/intern/"])
    for lang in CONTENT:
        for page in PAGES:
            write(SITE, f"{lang}/{page.slugs[lang]}", render(lang, page))
    write(SITE, "assets/css/vitadendra.css", CSS)
    write(SITE, "assets/js/site.js", SITE_JS)
    write(SITE, "assets/img/logo.png", disc_logo((11, 122, 138), (255, 255, 255)))
    if with_pdf:
        build_brochure()
