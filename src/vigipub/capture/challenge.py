"""Anti-bot challenges: the page a firewall serves instead of the site (« Just a moment… »).

Many clinic sites sit behind Cloudflare or another web application firewall that answers an
automated client with a challenge page (HTTP 403, 429 or 503, sometimes 200). Archived and
analysed as if it were the site, such a page would say « no promotion » of a site whose content
was never seen. The crawler notes it on the page and refuses a start URL that answers with one,
saying what blocked it.

Each vendor is told by a response header it sets or by words of its challenge page (read in the
first bytes of the body only), never by a CAPTCHA widget alone: a contact form has one too.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigipub.evidence.capture import ANTI_BOT_NOTE

#: how much of the body is read for the signatures (challenge pages are small)
_HEAD = 20_000

#: (vendor, header name, words in that header's value, lower case; "" = any value)
_HEADERS: tuple[tuple[str, str, str], ...] = (
    ("Cloudflare", "cf-mitigated", "challenge"),
    ("AWS WAF", "x-amzn-waf-action", ""),
    ("Sucuri", "x-sucuri-block", ""),
)
#: (vendor, words of its challenge or block page, lower case); one is enough
_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Cloudflare", ("/cdn-cgi/challenge-platform/", "<title>just a moment...</title>", "attention required! | cloudflare")),
    ("DDoS-Guard", ("ddos-guard", "check.ddos-guard.net")),
    ("Sucuri", ("sucuri website firewall",)),
    ("Imperva", ("incapsula incident id", "_incapsula_resource")),
    ("Akamai", ("akamai reference #", "errors.edgesuite.net")),
    ("AWS WAF", ("awswafintegration", "aws-waf-token")),
)


def anti_bot_challenge(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """The firewall whose challenge or block page this response is, else None."""
    lowered = {k.lower(): v.lower() for k, v in headers.items()}
    for vendor, name, words in _HEADERS:
        value = lowered.get(name)
        if value is not None and words in value:
            return vendor
    head = body[:_HEAD].decode("utf-8", "replace").lower()
    # a page of the site may name its firewall (a privacy policy): a challenge page is an error,
    # or a page without the site's content (a few kilobytes)
    small = status >= 400 or len(body) < 15_000
    for vendor, signs in _BODIES:
        if small and any(sign in head for sign in signs):
            return vendor
    return None


def challenge_note(vendor: str) -> str:
    """The note a page carries in the manifest (English, as every capture note)."""
    return f"{ANTI_BOT_NOTE} ({vendor}): the firewall's page, not the site's content"


def challenge_advice(vendor: str, status: int) -> str:
    """Why a start URL gave nothing to capture, and what an inspector can do."""
    return (
        f"start URL answered HTTP {status} with an anti-bot challenge ({vendor}): the firewall refuses "
        "automated clients, so the site's content was not served. Record the site in an ordinary "
        "browser (ArchiveWeb.page, Webrecorder) and investigate the recording (vigipub investigate "
        "--import-warc FILE.warc.gz), or capture through another exit (--proxy)"
    )
