"""Generate the ``stemcell-clinic`` demo site (EN/FR, language-choice root page)."""

from __future__ import annotations

import json

from .common import Page, disc_logo, escape, hreflang_links, write, write_config
from .stemcell_content import BODIES, TITLES, UI, WA

SITE = "stemcell-clinic"
BRAND = "CordaVita Regenerative Center"
DEFAULT_LANG = "en"

PAGES = [
    Page("home", {"en": "index.html", "fr": "index.html"}),
    Page("treatment", {"en": "stem-cell-treatment.html", "fr": "traitement-cellules-souches.html"}),
    Page("conditions", {"en": "conditions.html", "fr": "pathologies.html"}),
    Page("packages", {"en": "packages.html", "fr": "forfaits.html"}),
    Page("testimonials", {"en": "testimonials.html", "fr": "temoignages.html"}),
    Page("lab", {"en": "our-lab.html", "fr": "notre-laboratoire.html"}),
    Page("contact", {"en": "contact.html", "fr": "contact.html"}),
]

JSON_LD = (
    '<script type="application/ld+json">'
    + json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "name": BRAND,
            "address": {"@type": "PostalAddress", "addressLocality": "Selvara"},
            "telephone": "+90 555 000 12 34",
            "priceRange": "€€€",
            "medicalSpecialty": ["Neurologic", "Pediatric"],
        },
        ensure_ascii=False,
    )
    + "</script>"
)

CSS = """
body { margin: 0; font-family: "Helvetica Neue", Arial, sans-serif; color: #222; background: #fbfaf7; }
.topbar { background: #2e7d5b; color: #fff; font-size: .85rem; padding: .3rem 1.5rem; display: flex; justify-content: space-between; }
.topbar a { color: #fff; }
.masthead { display: flex; align-items: center; justify-content: space-between; padding: 1rem 1.5rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
.masthead .logo { display: flex; align-items: center; gap: .6rem; font-size: 1.25rem; color: #2e7d5b; font-weight: 700; text-decoration: none; }
.masthead nav a { margin: 0 .5rem; color: #333; text-decoration: none; }
.wrap { max-width: 1000px; margin: 0 auto; padding: 1.5rem; }
.hero { background: linear-gradient(120deg, #e6f4ec, #fdf3e3); padding: 2.5rem; border-radius: 12px; }
.cards, .packages { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 1rem; margin: 1.5rem 0; }
.card, .package { background: #fff; border-radius: 10px; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
.package.featured { border: 2px solid #2e7d5b; }
.price { font-size: 1.8rem; font-weight: 700; color: #2e7d5b; }
.btn { display: inline-block; padding: .6rem 1.1rem; border-radius: 30px; background: #2e7d5b; color: #fff; text-decoration: none; }
.btn.whatsapp { background: #25d366; }
.story blockquote { font-size: 1.1rem; font-style: italic; }
.float-wa { position: fixed; right: 1rem; bottom: 1rem; background: #25d366; color: #fff; border-radius: 30px; padding: .7rem 1rem; text-decoration: none; }
footer { background: #17352a; color: #cfe; padding: 1.5rem; font-size: .85rem; }
footer a { color: #fff; }
""".lstrip()


def render(lang: str, page: Page) -> str:
    title, description = TITLES[lang][page.key]
    ui = UI[lang]
    nav = " ".join(
        f'<a href="{p.url(lang)}"{" class=active" if p.key == page.key else ""}>{escape(ui["nav"][p.key])}</a>'
        for p in PAGES
    )
    other = "fr" if lang == "en" else "en"
    switch = f'<a href="{page.url(other)}" hreflang="{other}">{other.upper()}</a>'
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(title)} – {BRAND}</title>
<meta name="description" content="{escape(description)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
{hreflang_links(page, DEFAULT_LANG)}
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/logo.png">
{JSON_LD if page.key == "home" else ""}
</head>
<body>
<div class="topbar"><span>{escape(ui["topbar"])}</span>{switch}</div>
<header class="masthead">
<a class="logo" href="/{lang}/"><img src="/static/logo.png" width="32" height="32" alt="CordaVita">CordaVita</a>
<nav>{nav}</nav>
</header>
<div class="wrap">
{BODIES[lang][page.key].strip()}
</div>
<a class="float-wa" href="{WA}">{escape(ui["float"])}</a>
<footer>
<p>© 2026 Selvara Regenerative Medicine Ltd. – CordaVita Regenerative Center – <a href="/{lang}/{PAGES[-1].slugs[lang]}">{escape(ui["nav"]["contact"])}</a></p>
</footer>
</body>
</html>
"""


ROOT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CordaVita Regenerative Center – choose your language</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><div class="wrap hero">
<h1>CordaVita Regenerative Center</h1>
<p>Stem cell and exosome therapy – Thérapie par cellules souches et exosomes</p>
<p><a class="btn" href="/en/" hreflang="en" lang="en">English</a> <a class="btn" href="/fr/" hreflang="fr" lang="fr">Français</a></p>
</div></body></html>
"""


def build() -> None:
    write_config(SITE)
    write(SITE, "index.html", ROOT)
    for lang in ("en", "fr"):
        for page in PAGES:
            write(SITE, f"{lang}/{page.slugs[lang]}", render(lang, page))
    write(SITE, "static/style.css", CSS)
    write(SITE, "static/logo.png", disc_logo((46, 125, 91), (251, 250, 247), 32))
