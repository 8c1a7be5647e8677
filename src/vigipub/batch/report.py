"""The triage report (French, as the inspector's interface): charts, then the ranked sites.

Charts are drawn with matplotlib as SVG and embedded, so the report is one self-contained
file that opens in any browser.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from vigipub.evidence.vocabulary import THERAPY_FAMILIES
from vigipub.pipeline import disease_label

#: sites listed in the report (all are in domains.parquet and the leads)
REPORT_DOMAINS = 300

FRANCE_LABELS = {
    "french_language": "page en français",
    "fr_variant": "variante fr-FR (lang, hreflang, og:locale)",
    "french_phone": "numéro de téléphone français",
    "euro_price": "prix en euros",
    "french_city": "ville française citée",
    "french_patient": "patients français",
    "from_france_logistics": "organisation du voyage depuis la France",
    "fr_domain": "domaine en .fr",
    "french_speaking_staff": "personnel francophone",
    "reimbursement_fr": "remboursement en France",
}


#: the languages a page can be read in (the lexicons'), and « other » for the rest
LANGUAGE_LABELS = {
    "fr": "français", "en": "anglais", "de": "allemand", "es": "espagnol", "it": "italien",
    "pt": "portugais", "nl": "néerlandais", "tr": "turc", "other": "autre langue (sans lexique)",
}  # fmt: skip


def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code, code)


def therapy_label(family: str) -> str:
    return THERAPY_FAMILIES.get(family, (family, family, False))[0]


def _bar_chart(title: str, counts: Sequence[tuple[str, float]], xlabel: str, color: str = "#000091") -> str:
    """A horizontal bar chart as an inline SVG string (empty when there is nothing to draw)."""
    if not counts:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = list(counts)[:15]
    labels = [label for label, _n in counts][::-1]
    values = [n for _label, n in counts][::-1]
    height = 1.0 + 0.35 * len(counts)
    fig, ax = plt.subplots(figsize=(7.5, height))
    try:
        bars = ax.barh(labels, values, color=color)
        ax.bar_label(bars, fmt="%g", padding=3, fontsize=8)
        ax.set_title(title, fontsize=11, loc="left")
        ax.set_xlabel(xlabel, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(0, max(values) * 1.15 or 1)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg")
    finally:
        plt.close(fig)
    svg = out.getvalue()
    return svg[svg.find("<svg") :]


def charts(domains: list[dict[str, Any]], totals: dict[str, Any]) -> list[str]:
    therapies: Counter[str] = Counter(t for d in domains for t in d["therapies"])
    diseases: Counter[str] = Counter(x for d in domains for x in d["diseases"])
    languages: Counter[str] = Counter(x for d in domains for x in d["languages"])
    funnel = [
        ("pages HTML et PDF lues", totals.get("rows", 0)),
        ("analysées (après le pré-filtre)", totals.get("analysed", 0)),
        ("signalées (promotion ou incertain)", totals.get("flagged", 0)),
        ("dont promotion", totals.get("verdicts", {}).get("promotion", 0)),
    ]
    return [
        svg
        for svg in (
            _bar_chart("Du fichier à l'inspecteur : pages à chaque étape", funnel, "pages", "#18753c"),
            _bar_chart(
                "Thérapies : nombre de sites signalés",
                [(therapy_label(k), n) for k, n in therapies.most_common()],
                "sites",
            ),
            _bar_chart(
                "Maladies visées : nombre de sites signalés",
                [(disease_label(k), n) for k, n in diseases.most_common()],
                "sites",
                "#ce0500",
            ),
            _bar_chart(
                "Langues des pages signalées : nombre de sites",
                [(language_label(k), n) for k, n in languages.most_common()],
                "sites",
                "#b34000",
            ),
        )
        if svg
    ]


_TEMPLATE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Tri de collections web — vigipub</title>
<style>
body{font-family:Marianne,Arial,sans-serif;margin:2rem;color:#161616;max-width:72rem}
h1{color:#000091}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
th{background:#f5f5fe}.num{text-align:right}.promotion{color:#ce0500;font-weight:bold}
.uncertain{color:#b34000}.quote{font-style:italic;color:#3a3a3a;margin:.2rem 0}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts svg{max-width:100%;height:auto}
code{font-size:.8rem;background:#f6f6f6;padding:0 .2rem}.muted{color:#666;font-size:.8rem}
</style></head><body>
<h1>Tri de collections web</h1>
<p>{{ totals.inputs }} fichier(s) WARC, {{ totals.rows }} pages HTML ou PDF
({{ "%.1f"|format(totals.payload_bytes / 1e6) }} Mo).
Le pré-filtre a écarté {{ totals.discarded_by_prefilter }} page(s) sans terme de thérapie
({{ "%.1f"|format(100 * totals.discarded_by_prefilter / (totals.rows or 1)) }} %) ;
{{ totals.analysed }} page(s) ont été analysées ; <strong>{{ totals.flagged }} page(s) signalée(s)</strong>
sur <strong>{{ domains|length }} site(s)</strong>.</p>
{% if totals.site_pass %}<p>Lecture par site : les {{ totals.site_pass.pages }} page(s) des
{{ totals.site_pass.sites }} site(s) ayant une page signalée ont été relues et jugées ensemble
({{ totals.site_pass.reanalysed }} écartée(s) par le pré-filtre) ; {{ totals.site_pass.raised }} page(s)
sont signalées par ce que leur site établit (thérapie nommée sur une autre page)
{%- if totals.site_pass.dropped %}, {{ totals.site_pass.dropped }} page(s) au-delà de la limite par site non relue(s){% endif %}
{%- if totals.site_pass.unread %}, <strong>{{ totals.site_pass.unread }} enregistrement(s) illisible(s)</strong>{% endif %}.</p>
{% for u in totals.site_pass.unread_records %}<p class="muted">Illisible : <code>{{ u.warc_file }}</code> décalage {{ u.offset }} ({{ u.url }}) : {{ u.error }}</p>{% endfor %}
{% endif %}
{% if failed %}<h2>Fichiers en erreur</h2><ul>
{% for m in failed %}<li><code>{{ m.location }}</code> : {{ m.error }} ({{ m.rows }} page(s) lues avant l'erreur sont conservées)</li>{% endfor %}
</ul>{% endif %}
<div class="charts">{% for svg in charts %}<div>{{ svg|safe }}</div>{% endfor %}</div>
<h2>Sites à examiner, par ordre de priorité</h2>
<p class="muted">Score : celui de la page la plus nette, pondéré par le nombre de pages signalées et le
ciblage de la France. Chaque citation se relit dans son fichier :
<code>vigipub triage show FICHIER DÉCALAGE LONGUEUR</code>. Un signalement est une piste, pas une
constatation : la page doit être capturée (<code>vigipub investigate URL</code>) avant toute suite.</p>
<table><thead><tr><th>#</th><th>Site</th><th class="num">Score</th><th>Pages signalées / vues</th>
<th>Thérapies</th><th>Maladies</th><th>Langues</th><th>France</th><th>Vu</th><th>Citations</th></tr></thead><tbody>
{% for d in shown %}<tr>
<td class="num">{{ d.rank }}</td>
<td><strong>{{ d.domain }}</strong><br><a href="{{ d.best_url }}">{{ d.best_url|truncate(70) }}</a>
<br><span class="{{ d.verdict }}">{{ "promotion" if d.verdict == "promotion" else "incertain" }}</span></td>
<td class="num">{{ "%.2f"|format(d.score) }}</td>
<td class="num">{{ d.pages_flagged }} / {{ d.pages_seen }}</td>
<td>{{ d.therapies|map("therapy")|join(", ") }}</td>
<td>{{ d.diseases|map("disease")|join(", ") }}</td>
<td>{{ d.languages|map("language")|join(", ") }}</td>
<td>{% if d.france_targeting %}oui : {{ d.france_signals|map("france")|join(", ") }}{% else %}non établi{% endif %}</td>
<td class="muted">{{ d.first_seen.date() if d.first_seen else "" }}{% if d.last_seen and d.last_seen != d.first_seen %} → {{ d.last_seen.date() }}{% endif %}</td>
<td>{% for q in d.quotes[:3] %}<div class="quote">« {{ q.quote }} »
<br><code>vigipub triage show {{ q.warc_file }} {{ q.offset }} {{ q.length }}</code></div>{% endfor %}</td>
</tr>{% endfor %}
</tbody></table>
{% if domains|length > shown|length %}<p class="muted">{{ domains|length - shown|length }} autre(s) site(s) dans
<code>domains.parquet</code> et <code>leads.csv</code>.</p>{% endif %}
<p class="muted">Résultat : {{ result }} — pré-filtre : {{ prefilter }}.</p>
</body></html>
"""


def render_report(
    domains: list[dict[str, Any]], totals: dict[str, Any], markers: list[dict[str, Any]], result: Path
) -> str:
    env = Environment(autoescape=select_autoescape(default=True))
    env.filters["therapy"] = therapy_label
    env.filters["disease"] = disease_label
    env.filters["language"] = language_label
    env.filters["france"] = lambda key: FRANCE_LABELS.get(key, key)
    prefilters = sorted({str(m.get("prefilter")) for m in markers if m.get("prefilter")})
    return env.from_string(_TEMPLATE).render(
        domains=domains,
        shown=domains[:REPORT_DOMAINS],
        totals=totals,
        charts=charts(domains, totals),
        failed=[m for m in markers if m.get("state") != "done"],
        result=str(result),
        prefilter=", ".join(prefilters) or "—",
    )
