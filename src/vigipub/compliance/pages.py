"""What each page of the original capture answers at the recheck, and the pages new since.

The recheck fetches every page of the original capture again (the capture stage's
``revisit_urls``), so a page is never called removed because the new crawl did not reach
it: a 404/410 is removed, a redirect is redirected, a 5xx / 429 / 403 / timeout is
unavailable (its claims cannot be said gone), and a page not fetched is not rechecked.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from vigipub.evidence import CapturedPage
from vigipub.evidence.capture import ANTI_BOT_NOTE
from vigipub.evidence.compliance import PageCheck, PageStatus
from vigipub.evidence.french import compare_key

from .inputs import CaptureView

UNAVAILABLE_STATUSES = frozenset({401, 403, 408, 425, 429})
#: skip reasons of the capture that mean "the server did not give the page"
UNAVAILABLE_SKIPS = frozenset({"timeout", "http_error", "connect_error", "error", "disconnected", "tls_error", "dns"})


def original_pages(view: CaptureView) -> list[CapturedPage]:
    """Pages of a capture worth comparing: answered 2xx, inside the site's scope."""
    out, seen = [], set()
    for page in view.manifest.pages:
        if page.status >= 300 or page.status < 200 or page.final_url in seen:
            continue
        if not view.in_scope(page.final_url):
            continue
        seen.add(page.final_url)
        out.append(page)
    return out


def find_again(page: CapturedPage, recheck: CaptureView) -> CapturedPage | None:
    """The recheck's answer for ``page``: same URL asked, else same final URL."""
    by_url = [p for p in recheck.manifest.pages if p.url in (page.url, page.final_url)]
    if by_url:
        return min(by_url, key=lambda p: p.url != page.url)
    return next((p for p in recheck.manifest.pages if p.final_url == page.final_url), None)


def text_of(view: CaptureView, page: CapturedPage) -> str:
    docs = view.documents_of(page)
    return docs[0].text if docs else ""


def similarity(a: str, b: str) -> float:
    if a == b:
        return 100.0
    return round(fuzz.ratio(compare_key(a), compare_key(b)), 1)


def compare_pages(
    original: CaptureView, recheck: CaptureView, claims_on: dict[tuple[str, str], int]
) -> list[PageCheck]:
    """One :class:`PageCheck` per original page, then one per new page of the recheck.

    ``claims_on[(side, url)]`` counts the claim sentences of a page, for the summary.
    """
    checks: list[PageCheck] = []
    known_final = set()
    for page in original_pages(original):
        known_final.add(page.final_url)
        before = original.pointer(page)
        shot_before = _shot(original, page)
        language = page.language_hint
        again = find_again(page, recheck)
        common = dict(
            url=page.final_url, language=language, before=before, screenshot_before=shot_before,
            claims_before=claims_on.get(("original", page.final_url), 0),
        )
        if again is None:
            skip = next((s for s in recheck.manifest.skipped if s.url in (page.url, page.final_url)), None)
            unavailable = skip is not None and skip.reason in UNAVAILABLE_SKIPS
            checks.append(
                PageCheck(
                    **common,
                    status=PageStatus.UNAVAILABLE if unavailable else PageStatus.NOT_RECHECKED,
                    detail=f"{skip.reason}: {skip.detail}" if skip else "not fetched by the recheck",
                )
            )
            continue
        known_final.add(again.final_url)
        after = recheck.pointer(again)
        status = again.status
        extra = dict(
            new_url=again.final_url if again.final_url != page.final_url else None,
            http_status=status,
            after=after,
            screenshot_after=_shot(recheck, again),
            claims_after=claims_on.get(("recheck", again.final_url), 0),
        )
        # a firewall's challenge instead of the page (capture note): its claims were not seen, not
        # removed
        blocked = next((n for n in again.notes if n.startswith(ANTI_BOT_NOTE)), None)
        if blocked is not None:
            checks.append(PageCheck(**common, **extra, status=PageStatus.UNAVAILABLE, detail=f"HTTP {status}, {blocked}"))
        elif status in (404, 410):
            checks.append(PageCheck(**common, **extra, status=PageStatus.REMOVED, detail=f"HTTP {status}"))
        elif status >= 500 or status in UNAVAILABLE_STATUSES or status == 0:
            checks.append(PageCheck(**common, **extra, status=PageStatus.UNAVAILABLE, detail=f"HTTP {status}"))
        elif 300 <= status < 400:
            location = again.headers.get("location") or again.headers.get("Location") or ""
            checks.append(
                PageCheck(**common, **extra, status=PageStatus.REDIRECTED, detail=f"HTTP {status} → {location}".strip())
            )
        elif again.final_url != page.final_url:
            hops = " → ".join(str(r.target_uri) for r in again.redirects) or again.url
            checks.append(
                PageCheck(
                    **common, **extra, status=PageStatus.REDIRECTED,
                    detail=f"redirected ({hops} → {again.final_url})",
                    text_similarity=similarity(text_of(original, page), text_of(recheck, again)),
                )
            )
        elif status >= 400:
            checks.append(PageCheck(**common, **extra, status=PageStatus.REMOVED, detail=f"HTTP {status}"))
        else:
            sim = similarity(text_of(original, page), text_of(recheck, again))
            checks.append(
                PageCheck(
                    **common, **extra,
                    status=PageStatus.UNCHANGED if sim >= 100.0 else PageStatus.CHANGED,
                    text_similarity=sim,
                )
            )
    for page in original_pages(recheck):
        if page.final_url in known_final:
            continue
        checks.append(
            PageCheck(
                url=page.final_url,
                status=PageStatus.NEW,
                http_status=page.status,
                language=page.language_hint,
                after=recheck.pointer(page),
                screenshot_after=_shot(recheck, page),
                claims_after=claims_on.get(("recheck", page.final_url), 0),
            )
        )
    return checks


def _shot(view: CaptureView, page: CapturedPage) -> str | None:
    """The page's screenshot, as a path relative to the recheck dossier (set by the writer)."""
    return page.screenshot
