"""A clinic site, a news site and a hospital site, written for the site-pass tests.

Our own words; every site, person and number is invented. The clinic names its therapy on its
treatment page only: its results, prices and patients' stories pages do not name it (so the
raw-byte pre-filter discards them), which is how such clinics spread an offer over pages.
"""

from __future__ import annotations

CLINIC = "https://www.genou-renouveau.fr"
NEWS = "https://www.quotidien-sante-valmont.fr"
HOSPITAL = "https://www.chu-valmont.fr"


def _page(title: str, body: str, lang: str = "fr") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Accueil</a> <a href='/contact'>Contact</a></nav>{body}</body></html>"
    )


CLINIC_PAGES = {
    "/traitement": _page(
        "Traitement de l'arthrose par cellules souches – Genou Renouveau",
        "<h1>Traitement de l'arthrose du genou par cellules souches</h1>"
        "<p>Notre centre injecte dans le genou vos propres cellules souches mésenchymateuses, prélevées "
        "dans la graisse abdominale et concentrées le jour même. Elles régénèrent le cartilage usé et "
        "font disparaître la douleur sans prothèse.</p>"
        "<p>Demandez votre devis gratuit en ligne ou appelez le 01 99 88 77 66.</p>",
    ),
    "/resultats": _page(
        "Nos résultats – Genou Renouveau",
        "<h1>Nos résultats</h1><p>92 % de nos patients marchent sans douleur trois mois après leur "
        "injection. Le cartilage se reconstruit et la mobilité du genou revient durablement.</p>",
    ),
    "/tarifs": _page(
        "Tarifs – Genou Renouveau",
        "<h1>Nos tarifs</h1><p>Protocole complet pour un genou : 6 400 €. Les deux genoux : 9 900 €. "
        "Le prix comprend le prélèvement, la préparation au laboratoire et l'injection.</p>"
        "<p>Réservez votre intervention en ligne, paiement en trois fois possible.</p>",
    ),
    "/temoignages": _page(
        "Témoignages – Genou Renouveau",
        "<h1>Ils nous ont fait confiance</h1><p>« Six semaines après l'injection, je remontais mes "
        "escaliers sans canne. Je ne pensais plus jamais marcher sans avoir mal. » — Monique, 67 ans, "
        "Orléans.</p><p>« J'ai repris le tennis au bout de quatre mois, mon genou est comme neuf. » — "
        "Patrick, 54 ans.</p>",
    ),
    "/contact": _page(
        "Contact – Genou Renouveau",
        "<h1>Nous trouver</h1><p>12 rue des Tilleuls, 75000 Paris. Métro Tilleuls. "
        "Ouvert du lundi au vendredi de 9 h à 18 h.</p>",
    ),
}

NEWS_PAGES = {
    "/sante/cellules-souches-mise-en-garde": _page(
        "Cellules souches : l'Agence met en garde contre les cliniques privées",
        "<article><h1>Cellules souches : l'Agence met en garde</h1><p>L'agence du médicament a averti "
        "lundi que des centres privés vendent des injections de cellules souches contre l'arthrose "
        "sans la moindre preuve d'efficacité. Selon les chercheurs interrogés, aucun essai n'a montré "
        "que ces injections régénèrent le cartilage, et elles exposent à des infections graves.</p>"
        "</article>",
    ),
    "/sport/marathon": _page(
        "Marathon de Valmont : record de participation",
        "<article><h1>Record de participation au marathon</h1><p>Plus de 9 000 coureurs ont pris le "
        "départ dimanche. Le vainqueur a bouclé la course en 2 h 14, un record pour l'épreuve.</p>"
        "</article>",
    ),
    "/abonnement": _page(
        "Abonnez-vous au Quotidien Santé",
        "<h1>Abonnement</h1><p>Accès illimité à tous nos articles : 9,90 € par mois, sans engagement. "
        "Abonnez-vous en ligne dès aujourd'hui.</p>",
    ),
}

HOSPITAL_PAGES = {
    "/recherche/essai-cellules-souches": _page(
        "Essai clinique : cellules souches et insuffisance cardiaque – CHU de Valmont",
        "<h1>Un essai clinique sur les cellules souches</h1><p>Le service de cardiologie participe à "
        "un essai clinique de phase II autorisé, qui évalue la sécurité d'une thérapie par cellules "
        "souches chez des patients atteints d'insuffisance cardiaque. Les résultats ne sont pas encore "
        "connus ; la participation est gratuite et encadrée par un comité d'éthique.</p>",
    ),
    "/patients/chambre-individuelle": _page(
        "Chambre individuelle – CHU de Valmont",
        "<h1>Chambre individuelle</h1><p>Supplément journalier : 75 €, pris en charge par la plupart "
        "des mutuelles. Demandez-la à votre admission.</p>",
    ),
    "/patients/temoignages": _page(
        "Paroles de patients – CHU de Valmont",
        "<h1>Paroles de patients</h1><p>« L'équipe de nuit a été d'une grande gentillesse pendant mon "
        "séjour. » — Jeanne, 72 ans.</p>",
    ),
}
