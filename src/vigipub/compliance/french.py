"""The French variant at the recheck: still served, removed, redirected or hidden.

« Hidden » covers the two ways a site keeps serving French patients while looking clean:
the French pages still answer at their old addresses but no page links to them any more
(reachable from a language selector, a bookmark or a search engine), or they are served
through one network exit and not through another (geolocation) — which a recheck through
a second proxy shows.
"""

from __future__ import annotations

from vigipub.evidence import CapturedPage
from vigipub.evidence.compliance import FrenchVariant, FrenchVariantStatus, PageCheck, PageStatus
from vigipub.evidence.french import plural

from .inputs import CaptureView
from .pages import original_pages


def pages(n: int, *, old: bool = False) -> str:
    """« 1 page », « 3 pages », « 1 ancienne page », « 2 anciennes pages »."""
    if old:
        return f"{n} {plural(n, 'ancienne page', 'anciennes pages')}"
    return f"{n} {plural(n, 'page', 'pages')}"


def french_pages(view: CaptureView) -> list[CapturedPage]:
    """Pages of a capture served in French (detected language of the page text)."""
    out = []
    for page in original_pages(view):
        docs = view.documents_of(page)
        analysis = view.analysis(docs[0]) if docs else None
        language = (analysis.language if analysis else None) or page.language_hint
        if language == "fr":
            out.append(page)
    return out


def reachable_urls(view: CaptureView) -> set[str]:
    """URLs reachable from the capture's start page by following the pages' links
    (hreflang alternates and language selectors included), as a visitor would."""
    links: dict[str, set[str]] = {}
    for document in view.documents:
        page = view.page_of(document)
        targets = {link.url.split("#")[0] for link in document.links}
        for url in {document.url, *([page.url, page.final_url] if page else [])}:
            links.setdefault(url, set()).update(targets)
    # from the site's home page, as a visitor arrives: the start URL of the original capture
    # may itself be a French page that nothing links to any more
    from urllib.parse import urlsplit

    parts = urlsplit(view.manifest.seed_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    start = {root} | {p.final_url for p in view.manifest.pages if p.url == root and p.status < 400}
    for skip in view.manifest.skipped:  # the home redirects to a page captured separately
        if skip.url == root and skip.reason == "duplicate" and skip.detail.startswith("redirects to "):
            start.add(skip.detail.removeprefix("redirects to ").split(",")[0].strip())
    if not any(p.final_url in start for p in view.manifest.pages):
        start = {view.manifest.seed_url} | {p.final_url for p in view.manifest.pages if p.url == view.manifest.seed_url}
    seen, todo = set(start), list(start)
    while todo:
        for target in links.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    # a page reached through a redirect is reached at its final address too
    for page in view.manifest.pages:
        if page.url in seen:
            seen.add(page.final_url)
    return seen


def _served_and_linked(view: CaptureView) -> tuple[list[CapturedPage], list[CapturedPage]]:
    pages = french_pages(view)
    reachable = reachable_urls(view)
    linked = [p for p in pages if p.final_url in reachable or p.url in reachable]
    return pages, linked


def french_variant(
    original: CaptureView, recheck: CaptureView, second: CaptureView | None, page_checks: list[PageCheck]
) -> FrenchVariant:
    before = french_pages(original)
    if not before:
        return FrenchVariant(status=FrenchVariantStatus.NONE_BEFORE, detail_fr="La capture initiale ne comportait aucune page en français.")
    urls_before = [p.final_url for p in before]
    served, linked = _served_and_linked(recheck)
    by_exit = {"recheck": len(served)}
    second_served: list[CapturedPage] = []
    if second is not None:
        second_served, _ = _served_and_linked(second)
        by_exit["second_exit"] = len(second_served)
    evidence = [recheck.pointer(p) for p in served[:10]] + [second.pointer(p) for p in second_served[:10]] if second else [
        recheck.pointer(p) for p in served[:10]
    ]
    urls_after = [p.final_url for p in served] + [p.final_url for p in second_served if p.final_url not in {q.final_url for q in served}]
    common = dict(urls_before=urls_before, urls_after=urls_after, by_exit=by_exit)
    if second is not None and bool(served) != bool(second_served):
        where, other = ("la première sortie", "la seconde") if served else ("la seconde sortie", "la première")
        return FrenchVariant(
            status=FrenchVariantStatus.HIDDEN,
            detail_fr=(
                f"La version française est servie par {where} ({pages(max(len(served), len(second_served)))}) "
                f"mais pas par {other} : le site la masque selon l'origine du visiteur (géolocalisation)."
            ),
            evidence=[*evidence, *[original.pointer(p) for p in before[:3]]],
            **common,
        )
    if served and linked:
        return FrenchVariant(
            status=FrenchVariantStatus.SERVED,
            detail_fr=f"La version française est toujours servie et accessible depuis le site ({pages(len(served))}).",
            evidence=evidence,
            **common,
        )
    if served:
        return FrenchVariant(
            status=FrenchVariantStatus.HIDDEN,
            detail_fr=(
                f"{pages(len(served))} en français {plural(len(served), 'répond', 'répondent')} encore à leur ancienne adresse, "
                "mais plus aucun lien du site n'y mène (sélecteur de langue, lien direct ou moteur de recherche)."
            ),
            evidence=evidence,
            **common,
        )
    checks = {c.url: c for c in page_checks}
    fates = [checks[u] for u in urls_before if u in checks]
    redirected = [c for c in fates if c.status == PageStatus.REDIRECTED]
    removed = [c for c in fates if c.status == PageStatus.REMOVED]
    unavailable = [c for c in fates if c.status in (PageStatus.UNAVAILABLE, PageStatus.NOT_RECHECKED)]
    pointers = [c.after for c in [*redirected, *removed] if c.after is not None][:10]
    if redirected:
        targets = sorted({c.new_url or c.detail for c in redirected})
        return FrenchVariant(
            status=FrenchVariantStatus.REDIRECTED,
            detail_fr=(
                f"{pages(len(redirected), old=True)} en français {plural(len(redirected), 'redirige', 'redirigent')} vers des pages dans une autre langue "
                f"({', '.join(targets[:3])}{'…' if len(targets) > 3 else ''})."
            ),
            evidence=pointers,
            **common,
        )
    if removed and not unavailable:
        return FrenchVariant(
            status=FrenchVariantStatus.REMOVED,
            detail_fr=(
                plural(len(removed), "La page", f"Les {len(removed)} pages")
                + f" en français de la capture initiale {plural(len(removed), 'répond', 'répondent')} « introuvable » "
                "(404/410) et aucune page en français n'est servie."
            ),
            evidence=pointers,
            **common,
        )
    if unavailable:
        return FrenchVariant(
            status=FrenchVariantStatus.UNKNOWN,
            detail_fr=(
                f"{pages(len(unavailable), old=True)} en français "
                + plural(len(unavailable), "n'a pas pu être consultée", "n'ont pas pu être consultées")
                + " à nouveau : impossible de conclure."
            ),
            evidence=pointers,
            **common,
        )
    return FrenchVariant(
        status=FrenchVariantStatus.REMOVED,
        detail_fr="Aucune page en français n'est plus servie.",
        evidence=pointers,
        **common,
    )
