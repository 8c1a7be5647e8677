"""Generator of the static demo sites (maintainers only; the output under ``sites/`` is committed).

The sites are written as Python data so that the header, navigation, hreflang alternates and
language switcher stay consistent across ~45 pages. Regenerate with::

    python -m vigipub.demo._sitegen            # HTML, CSS, JS, PNG, _site.json
    python -m vigipub.demo._sitegen --pdf      # also re-render the brochure PDF (WeasyPrint)

The PDF is only rebuilt on request because WeasyPrint embeds a creation date, so a rebuild
would change the committed bytes for no reason.
"""

from __future__ import annotations

from . import carth, dendritic, news, stemcell

GENERATORS = {
    dendritic.SITE: dendritic.build,
    stemcell.SITE: stemcell.build,
    carth.SITE: carth.build,
    news.SITE: news.build,
}


def build_all(with_pdf: bool = False) -> None:
    dendritic.build(with_pdf=with_pdf)
    stemcell.build()
    carth.build()
    news.build()
