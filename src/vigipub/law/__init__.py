"""Law as code: articles with dated versions, dated parameters, defences, jurisdictions.

Layout::

    law/core.py            Article, Version (in_force(on), ref(on), text_fr(on), excerpt(on, Excerpt))
    law/parameters.py      dated parameters, one YAML file each (openfisca style)
    law/jurisdictions.py   registry: get_jurisdiction("FR") -> articles + parameters + defences
                       + the wording of the procedure checks (load_messages)
    law/texts/             verbatim law texts (with Source / Version / Completeness notes)
    law/france/csp/…       one module per article (``l5122_3.py`` = CSP L. 5122-3)
    law/france/crpa/…, law/france/cpp/…
    law/eu/reg_1394_2007/…, law/eu/reg_726_2004/…, law/eu/dir_2001_83/…  (shared EU level)

This package imports only :mod:`vigipub.evidence`; the rules that apply these articles live
in :mod:`vigipub.qualify.rules`. Other packages use it through this module's names only (the
case domain too: an import contract checks it); a missing or broken file is a
:class:`LawDataError` naming it.
"""

from .core import Article, Excerpt, Version, first_paragraph
from .errors import ArticleNotInForceError, LawDataError, UnknownArticleError, UnknownJurisdictionError
from .jurisdictions import (
    Defence,
    Jurisdiction,
    LegalMessage,
    available_jurisdictions,
    get_jurisdiction,
    load_messages,
    register_jurisdiction,
)
from .parameters import Parameter, ParameterValue, load_parameters

__all__ = [
    "Article",
    "ArticleNotInForceError",
    "Defence",
    "Excerpt",
    "Jurisdiction",
    "LawDataError",
    "LegalMessage",
    "Parameter",
    "ParameterValue",
    "UnknownArticleError",
    "UnknownJurisdictionError",
    "Version",
    "available_jurisdictions",
    "first_paragraph",
    "get_jurisdiction",
    "load_messages",
    "load_parameters",
    "register_jurisdiction",
]
