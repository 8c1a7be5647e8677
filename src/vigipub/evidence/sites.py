"""Which site a URL belongs to: one definition for capture, detection, triage, leads and re-checks.

A site is a registrable domain (« fr.clinic.example », « www.clinic.example » and
« clinic.example » are one clinic), read with the public suffix list bundled with tldextract,
never downloaded. Its private part counts: each customer of blogspot.com, github.io or
wixsite.com is a site of its own. An address (127.0.0.1) or a single-label host (localhost) has no
registrable domain: the host is the site, with its port when the URL names one (the demo's sites
share 127.0.0.1).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """``clinic.example.co.uk`` for ``fr.clinic.example.co.uk``; the host itself, in lower case,
    when it has no public suffix (an IP address, ``localhost``)."""
    host = host.rstrip(".").lower()
    if not host:
        return ""
    domain = _extractor()(host).top_domain_under_public_suffix
    return str(domain).lower() if domain else host


@lru_cache(maxsize=65536)
def site_of(url: str) -> str:
    """The site of ``url``: its registrable domain, or its host (with the port the URL names)
    when it has none. An unreadable URL is a site of its own, named by the URL."""
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url
    domain = registrable_domain(host)
    if domain == host and port:
        return f"{host}:{port}"
    return domain


__all__ = ["registrable_domain", "site_of"]
