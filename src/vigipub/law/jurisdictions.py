"""Registry of jurisdictions: which articles, parameters and defences a case is judged under.

Interface (what a second jurisdiction must provide — nothing in ``law/france`` changes):

1. a package ``vigipub/law/<country>/`` with one module per article defining ``ARTICLE``
   (:class:`~vigipub.law.core.Article`), a ``parameters/`` folder of dated YAML parameters and,
   optionally, a ``defences.yaml`` and a ``procedure.yaml`` (the wording of the procedure checks);
2. a factory returning :class:`Jurisdiction` with ``shared=("EU",)`` to reuse the EU-level
   articles and parameters of :mod:`vigipub.law.eu`;
3. ``register_jurisdiction("XX", factory)``; the qualification engine then runs the EU-level
   rules shared by every Member State plus the national rule set registered for ``XX`` in
   :mod:`vigipub.qualify.rulesets` (national rules missing → those tests are undetermined).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.french import fields, render

from .core import Article
from .errors import LawDataError, UnknownArticleError, UnknownJurisdictionError
from .parameters import Parameter, load_parameters

LAW_DIR = Path(__file__).resolve().parent


def discover_articles(package: str) -> dict[str, Article]:
    """Every ``ARTICLE`` defined by the modules under ``package`` (e.g. ``vigipub.law.eu``)."""
    root = importlib.import_module(package)
    found: dict[str, Article] = {}
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        module = importlib.import_module(info.name)
        article = getattr(module, "ARTICLE", None)
        if isinstance(article, Article):
            if article.key in found:
                raise LawDataError(f"article {article.key!r} defined twice", where=info.name)
            found[article.key] = article
    return found


def article_modules(package: str) -> dict[str, str]:
    """Article key -> dotted module name (for the consistency tests)."""
    root = importlib.import_module(package)
    out: dict[str, str] = {}
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        article = getattr(importlib.import_module(info.name), "ARTICLE", None)
        if isinstance(article, Article):
            out[article.key] = info.name
    return out


@dataclass(frozen=True)
class Defence:
    """A usual defence and its rebuttal (data from ``defences.yaml``).

    The rebuttal names the articles it relies on by their keys (``{CSP L. 5122-1}``, rendered
    « L. 5122-1 »); its ``basis`` is derived from them and from ``cites`` (articles it relies on
    without naming them), never typed twice.
    """

    id: str
    label: str
    claim_fr: str
    rebuttal_fr: str  # typeset, article numbers filled in
    basis: tuple[str, ...]
    status: str
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    default_params: dict[str, str] = field(default_factory=dict)

    def params_for(self, raised_as: str) -> dict[str, str]:
        return {**self.default_params, **self.aliases.get(raised_as, {})}


@dataclass(frozen=True)
class LegalMessage:
    """One lawyer-editable sentence with values (data from ``procedure.yaml``).

    ``text`` names the articles it relies on by their keys (``{CRPA L. 121-1}``, rendered
    « L. 121-1 ») and the values the caller gives by plain names (``{deadline}``); ``labels``
    turns a value that is a code (``oral_observations``) into its French words.
    """

    id: str
    text: str  # whitespace-normalised template, fields kept
    articles: dict[str, str]  # article key -> its short French reference
    fields: tuple[str, ...]  # the values the caller must give (article keys excluded)
    labels: dict[str, dict[str, str]]
    basis: tuple[str, ...]
    path: Path

    def render(self, values: Mapping[str, str]) -> str:
        """The sentence, typeset, with ``values`` (and the labels of coded ones) filled in."""
        missing = [f for f in self.fields if f not in values]
        if missing:
            raise LawDataError(f"message {self.id!r} needs {', '.join(missing)}", where=str(self.path))
        filled = dict(self.articles)
        for name in self.fields:
            value = str(values[name])
            table = self.labels.get(name)
            if table is not None:
                if value not in table:
                    raise LawDataError(
                        f"message {self.id!r}: no label for {name} = {value!r} (labels: {', '.join(table)})",
                        where=str(self.path),
                    )
                value = table[value]
            filled[name] = value
        return render(self.text, filled)


_MESSAGE_KEYS = frozenset({"text", "cites", "labels"})


def load_messages(path: Path, jurisdiction: Jurisdiction | None = None) -> dict[str, LegalMessage]:
    """The messages of a wording file (``procedure.yaml`` or a lawyer's copy of it), by id.

    Article keys are checked against ``jurisdiction``'s articles (France by default); a
    malformed entry is a :class:`LawDataError` naming the file and the entry.
    """
    packages = (jurisdiction or france()).packages
    return _messages(path.resolve(), packages)


def _yaml_mapping(path: Path, kind: str, maps: str) -> dict[Any, Any]:
    """The mapping a lawyer-edited YAML file holds; LawDataError naming the file otherwise."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LawDataError(f"unreadable {kind} file: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise LawDataError(f"the {kind} file must map {maps}", where=str(path))
    return data


@cache
def _messages(path: Path, packages: tuple[str, ...]) -> dict[str, LegalMessage]:
    data = _yaml_mapping(path, "wording", "message ids to their text")
    articles = _articles(packages)
    out: dict[str, LegalMessage] = {}
    for id_, entry in data.items():
        try:
            if not isinstance(entry, dict):
                raise TypeError("an entry is a mapping with a 'text'")
            unknown = set(entry) - _MESSAGE_KEYS
            if unknown:
                raise KeyError(f"unknown key(s) {', '.join(sorted(unknown))}")
            template = " ".join(str(entry["text"]).split())
            names = fields(template)
            named = [f for f in names if " " in f]  # article keys contain a space, values do not
            cites = [str(k) for k in entry.get("cites") or []]
            missing = [k for k in [*named, *cites] if k not in articles]
            if missing:
                raise KeyError(f"no article module defines {', '.join(missing)}")
            values = tuple(f for f in names if " " not in f)
            labels = {str(k): {str(c): str(w) for c, w in (v or {}).items()} for k, v in (entry.get("labels") or {}).items()}
            unused = [k for k in labels if k not in values]
            if unused:
                raise KeyError(f"labels for {', '.join(unused)}, which the text does not use")
            render(template, {f: "" for f in names})  # a format specification or a stray brace fails here
            out[str(id_)] = LegalMessage(
                id=str(id_),
                text=template,
                articles={k: articles[k].short_fr for k in named},
                fields=values,
                labels=labels,
                basis=tuple(dict.fromkeys([*named, *cites])),
                path=path,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise LawDataError(f"message {id_!r} is malformed: {exc}", where=str(path)) from exc
    return out


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name_fr: str
    authority: str
    packages: tuple[str, ...]  # article packages, national first then shared levels
    parameter_dirs: tuple[Path, ...]
    defences_file: Path | None = None
    procedure_file: Path | None = None  # the wording of the procedure checks
    shared: tuple[str, ...] = ()

    @property
    def articles(self) -> dict[str, Article]:
        return _articles(self.packages)

    def article(self, key: str) -> Article:
        try:
            return self.articles[key]
        except KeyError:
            raise UnknownArticleError(f"no article module defines {key!r}", where=self.code) from None

    @property
    def parameters(self) -> dict[str, Parameter]:
        return _parameters(self.parameter_dirs)

    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise LawDataError(
                f"no parameter {name!r} ({name}.yaml) for jurisdiction {self.code}",
                where=", ".join(map(str, self.parameter_dirs)),
            ) from None

    @property
    def defences(self) -> dict[str, Defence]:
        return _defences(self.defences_file, self.packages) if self.defences_file else {}

    @property
    def procedure_messages(self) -> dict[str, LegalMessage]:
        return _messages(self.procedure_file, self.packages) if self.procedure_file else {}

    def defence(self, raised: str) -> tuple[Defence, dict[str, str]] | None:
        """The defence a raised argument id (or alias) designates, with its parameters."""
        for defence in self.defences.values():
            if raised == defence.id or raised in defence.aliases:
                return defence, defence.params_for(raised)
        return None


@cache
def _articles(packages: tuple[str, ...]) -> dict[str, Article]:
    merged: dict[str, Article] = {}
    for package in packages:
        for key, article in discover_articles(package).items():
            if key in merged:
                raise LawDataError(f"article {key!r} defined by two levels", where=package)
            merged[key] = article
    return merged


@cache
def _parameters(dirs: tuple[Path, ...]) -> dict[str, Parameter]:
    return load_parameters(*dirs)


_DEFENCE_KEYS = frozenset({"label", "claim_fr", "rebuttal_fr", "cites", "status", "aliases", "default_params"})


@cache
def _defences(path: Path, packages: tuple[str, ...]) -> dict[str, Defence]:
    data = _yaml_mapping(path, "defences", "defence ids to their rebuttal")
    articles = _articles(packages)
    out: dict[str, Defence] = {}
    for id_, entry in data.items():
        try:
            unknown = set(entry) - _DEFENCE_KEYS
            if unknown:
                raise KeyError(f"unknown key(s) {', '.join(sorted(unknown))}")
            template = " ".join(str(entry["rebuttal_fr"]).split())
            named = [f for f in fields(template) if " " in f]
            cites = [str(k) for k in entry.get("cites") or []]
            missing = [k for k in [*named, *cites] if k not in articles]
            if missing:
                raise KeyError(f"no article module defines {', '.join(missing)}")
            out[id_] = Defence(
                id=id_,
                label=str(entry["label"]),
                claim_fr=str(entry["claim_fr"]),
                rebuttal_fr=render(template, {k: articles[k].short_fr for k in named}),
                basis=tuple(dict.fromkeys([*named, *cites])),
                status=str(entry["status"]),
                aliases={k: dict(v or {}) for k, v in (entry.get("aliases") or {}).items()},
                default_params=dict(entry.get("default_params") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise LawDataError(f"defence {id_!r} is malformed: {exc}", where=str(path)) from exc
    return out


def eu_level() -> Jurisdiction:
    """EU-level law alone (no national authority): shared by Member State jurisdictions."""
    return Jurisdiction(
        code="EU",
        name_fr="Union européenne",
        authority="",
        packages=("vigipub.law.eu",),
        parameter_dirs=(LAW_DIR / "eu" / "parameters",),
    )


def france() -> Jurisdiction:
    return Jurisdiction(
        code="FR",
        name_fr="France",
        authority="ANSM",
        packages=("vigipub.law.france", "vigipub.law.eu"),
        parameter_dirs=(LAW_DIR / "france" / "parameters", LAW_DIR / "eu" / "parameters"),
        defences_file=LAW_DIR / "france" / "defences.yaml",
        procedure_file=LAW_DIR / "france" / "procedure.yaml",
        shared=("EU",),
    )


_REGISTRY: dict[str, Callable[[], Jurisdiction]] = {"FR": france, "EU": eu_level}


def register_jurisdiction(code: str, factory: Callable[[], Jurisdiction]) -> None:
    """Add (or replace) a jurisdiction; ``code`` is an ISO 3166-1 alpha-2 code."""
    _REGISTRY[code.upper()] = factory


def get_jurisdiction(code: str) -> Jurisdiction:
    try:
        return _REGISTRY[code.upper()]()
    except KeyError:
        raise UnknownJurisdictionError(
            f"unknown jurisdiction {code!r} (available: {', '.join(sorted(_REGISTRY))})"
        ) from None


def available_jurisdictions() -> list[str]:
    return sorted(_REGISTRY)
