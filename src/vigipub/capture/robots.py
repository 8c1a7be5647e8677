"""robots.txt (RFC 9309) as the crawler uses it.

4xx: no rules (everything allowed). 5xx or unreachable: complete disallow (RFC 9309
§2.3.1.4), recorded so the operator can re-run with ``--ignore-robots`` if justified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

ROBOTS_TOKEN = "vigipub"
MAX_ROBOTS_BYTES = 500_000


@dataclass
class Robots:
    parser: RobotFileParser | None  # None: allow all
    disallow_all: bool = False
    crawl_delay: float | None = None
    why: str = ""
    #: ``Sitemap:`` lines of a robots.txt answered 2xx (absolute URLs, RFC 9309 §2.2.4)
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(ROBOTS_TOKEN, url)

    @classmethod
    def from_response(cls, status: int | None, body: bytes) -> Robots:
        if status is None or status >= 500:
            return cls(parser=None, disallow_all=True, why="robots.txt unavailable (RFC 9309: disallow all)")
        if status >= 400:
            return cls(parser=None, why=f"robots.txt HTTP {status}: no rules")
        if status >= 300:
            return cls(parser=None, why="robots.txt redirected: no rules")
        parser = RobotFileParser()
        parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_TOKEN)
        return cls(
            parser=parser,
            crawl_delay=float(delay) if delay is not None else None,
            sitemaps=list(parser.site_maps() or []),
        )
