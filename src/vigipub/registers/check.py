"""Answer "does a marketing authorisation cover this therapy?" for a Considérant.

Statuses (vigipub.evidence.registers.AuthorisationStatus):

- ``authorised``: a product named on the site is authorised (in force on ``as_of``) and, when
  diseases are given, for one of them;
- ``authorised_other_indication``: the authorised products that could correspond (named, or
  of the same family) are all authorised for other diseases than those promoted;
- ``withdrawn``: products of this kind were authorised once, none is in force any more;
- ``not_authorised``: no matching product was ever authorised (refusals and withdrawn
  applications are mentioned, they never count as an authorisation);
- ``uncertain``: authorised products of this kind exist and nothing shows that the promoted
  product is not one of them, or a name matched only approximately: a human must check.

Matching never rests on indication text (families.yaml). Veterinary medicines are ignored:
Regulation (EC) No 1394/2007 covers human medicines only.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from vigipub.evidence.french import join, long_date, quote, search_key
from vigipub.evidence.registers import AuthorisationAnswer, AuthorisationStatus, RegisterMatch, RegisterSource
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

from .config import Disease
from .errors import QueryError, UnknownFamilyError
from .wording import has_label, say, say_label

if TYPE_CHECKING:
    from .api import Registers

#: Lookup hits at least this good, which do not identify the product exactly, make the
#: answer "uncertain" (a typo or a longer brand); below, they are ignored.
WEAK_SCORE = 0.75
_BRAND_CUT_RE = re.compile(r"[\d,(]")
_EVER_AUTHORISED_EMA = {"Authorised", "Withdrawn", "Expired", "Lapsed", "Revoked", "Suspended"}


def _ended(status: str) -> str:
    """What became of an authorisation, by its EMA status (``wording_fr.yaml``: ``ended``)."""
    return say_label("ended", status if has_label("ended", status) else "other")


def _not_granted(status: str) -> str:
    """Why an application gave no authorisation (``not_granted``); else the register's word."""
    return say_label("not_granted", status) if has_label("not_granted", status) else status.lower()


def require_family(family: str) -> None:
    if family not in THERAPY_FAMILIES:
        raise UnknownFamilyError(
            f"unknown therapy family {family!r} (known: {', '.join(THERAPY_FAMILIES)})", where="check_therapy"
        )


def identifies(name: str, m: RegisterMatch) -> bool:
    """The name seen on the site *is* this entry: its brand, EMA name or a substance, exactly
    (accents and case aside). A prefix or a typo never supports « authorised »."""
    wanted = search_key(name)
    if not wanted:
        return False
    if m.registry == "EMA":
        names = {search_key(re.sub(r"\(.*?\)", " ", m.product)), search_key(m.product)}
    else:
        cut = _BRAND_CUT_RE.search(m.product)
        names = {search_key(m.product[: cut.start()] if cut else m.product)}
    return wanted in names or wanted in {search_key(s) for s in m.substances}


def ever_authorised(m: RegisterMatch, as_of: date | None) -> bool:
    """An authorisation was granted (on or before ``as_of``)."""
    if m.authorisation_date is None:
        return False
    if m.registry == "EMA" and m.status not in _EVER_AUTHORISED_EMA:
        return False
    return as_of is None or m.authorisation_date <= as_of


def in_force(m: RegisterMatch, as_of: date | None) -> bool:
    """The authorisation was in force on ``as_of`` (today's register status if None)."""
    if as_of is None:
        return m.authorised
    if not ever_authorised(m, as_of):
        return False
    if m.authorised:
        return True
    return m.end_date is not None and m.end_date > as_of


def short_substance(m: RegisterMatch) -> str | None:
    """A short name for the substance: the INN, or a trailing ``(sipuleucel-T)``."""
    for s in m.substances:
        paren = re.search(r"\(([^()]{2,40})\)\s*$", s)
        if paren:
            return paren.group(1)
    short = [s for s in m.substances if len(s) <= 50]
    return min(short, key=len).lower() if short else None


def _label(m: RegisterMatch) -> str:
    substance = short_substance(m)
    name = m.product
    if m.registry == "BDPM":
        cut = _BRAND_CUT_RE.search(m.product)
        name = (m.product[: cut.start()] if cut else m.product).strip() or m.product
    name = " ".join(name.split())
    return f"{name} ({substance})" if substance and search_key(substance) not in search_key(name) else name


def _covers(m: RegisterMatch, diseases: list[Disease | None], reg: Registers) -> bool | None:
    """Whether ``m``'s indication covers one of the diseases (None: cannot tell)."""
    text = " ".join(filter(None, [m.therapeutic_area, m.indication]))
    if not text and m.linked_identifier:
        linked = [x for x in reg.lookup_identifier(m.linked_identifier) if x.registry == "EMA"]
        text = " ".join(filter(None, [linked[0].therapeutic_area, linked[0].indication])) if linked else ""
    if not text or not diseases:
        return None
    folded = f" {search_key(text)} "
    known = [d for d in diseases if d is not None]
    if not known:
        return None  # no keyword to compare with: a human must read the indication
    # Codes without keywords are set aside (and reported): the answer then speaks only of
    # the diseases it could compare.
    return any(re.search(r"\b" + re.escape(k), folded) for d in known for k in d.keywords)


def _sources_phrase(sources: dict[str, RegisterSource]) -> tuple[str, str, str]:
    """(BDPM in a sentence, EMA inside parentheses, both inside parentheses)."""
    bdpm, ema = sources.get("BDPM"), sources.get("EMA")
    bdpm_when = (
        say("bdpm_when", date=long_date(bdpm.snapshot_date))
        if bdpm and bdpm.snapshot_date
        else say("bdpm_when_unknown")
    )
    ema_when = say("ema_when", date=long_date(ema.snapshot_date)) if ema and ema.snapshot_date else say("ema_when_unknown")
    ema_paren = say("ema", when=ema_when)
    return say("bdpm", when=bdpm_when), ema_paren, say("both", ema=ema_paren, bdpm_when=bdpm_when)


def _dedupe(matches: list[RegisterMatch]) -> list[RegisterMatch]:
    """EMA entries, plus BDPM entries not linked to one of them, each once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for m in matches:
        key = (m.registry, m.identifier)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _primary(matches: list[RegisterMatch]) -> list[RegisterMatch]:
    ema_ids = {m.identifier for m in matches if m.registry == "EMA"}
    return [m for m in matches if m.registry == "EMA" or m.linked_identifier not in ema_ids]


def _ema_or_bdpm_clause(m: RegisterMatch) -> str:
    if m.registry == "EMA":
        return say("by_commission")
    return say("in_france", cis=m.identifier)


def check_therapy(
    reg: Registers,
    family: str,
    *,
    product_names: list[str],
    diseases_icd10: list[str],
    as_of: date | None,
) -> AuthorisationAnswer:
    require_family(family)
    label_fr = THERAPY_FAMILIES[family][0]
    sources = {s.registry: s for s in reg.sources()}
    bdpm_src, ema_src, both_src = _sources_phrase(sources)
    diseases = [reg.config.disease(code) for code in diseases_icd10]
    cat = say("category", family=label_fr)
    known = [d.fr for d in diseases if d is not None]
    if len(known) > 1:
        indication_fr = say("indications", diseases=join([quote(k) for k in dict.fromkeys(known)]))
    elif known:
        indication_fr = say("indication", disease=quote(known[0]))
    else:
        indication_fr = say("indication_unknown")
    notes: list[str] = []

    # 1. Products named on the site. A "name" that is only a family or category term
    # ("DC vaccine", "thérapie CAR-T") or generic words names no product.
    config = reg.config
    class_terms = {t for f in config.families.values() for t in f.terms}
    class_terms |= {t for c in config.categories.values() for t in c.terms} | set(config.atmp_terms)
    real_names = []
    for name in product_names:
        folded = search_key(name)
        if not folded or folded in class_terms or all(w in config.generic_words for w in folded.split()):
            notes.append(f"{name[:40]!r} names a kind of therapy, not a product")
        else:
            real_names.append(name)
    named: list[RegisterMatch] = []
    weak: list[RegisterMatch] = []
    for name in real_names:
        try:
            hits = reg.lookup(name, limit=10)
        except QueryError as exc:
            notes.append(f"product name {name[:40]!r} not searched: {exc.message}")
            continue
        for m in hits:
            if m.category == "Veterinary" or m.match_field.startswith(("family:", "atmp")):
                continue
            if identifies(name, m):
                named.append(m)
            elif m.score >= WEAK_SCORE:
                weak.append(m)
    named, weak = _dedupe(named), _dedupe(weak)

    # 2. Products of the family (families.yaml rules over the registers).
    family_all = [m for m in reg.family_matches(family) if m.category != "Veterinary"]

    query_terms = [*product_names, *(reg.config.families[family].terms[:3])]
    status: AuthorisationStatus
    basis = _primary(named) if named else _primary(family_all)
    live = [m for m in basis if in_force(m, as_of)]
    past = [m for m in basis if not in_force(m, as_of) and ever_authorised(m, as_of)]
    never = [m for m in basis if not ever_authorised(m, as_of) and m.registry == "EMA"]
    coverage = [_covers(m, diseases, reg) for m in live]
    shown = join([quote(n.strip()) for n in real_names[:3]])
    plural = len(real_names[:3]) > 1
    if real_names:
        subject = say("products_named", names=shown) if plural else say("product_named", name=shown)
    else:
        subject = say("product_unnamed")
    not_found = say_label("not_found", "several" if plural else "one", subject=subject, bdpm=bdpm_src, ema=ema_src)
    separator = say("separator")

    if live:
        listed = join([_label(m) for m in live[:8]])
        listed = say("listed_more", products=listed) if len(live) > 8 else listed
        if diseases and coverage and all(c is False for c in coverage):
            status = "authorised_other_indication"
            if named:
                text = say(
                    "other_indication_named",
                    products=listed,
                    by=_ema_or_bdpm_clause(live[0]),
                    indication=indication_fr,
                    both=both_src,
                )
            else:
                text = say(
                    "other_indication_family", category=cat, products=listed, indication=indication_fr, both=both_src
                )
        elif named and (not diseases or any(c is True for c in coverage)):
            status = "authorised"
            m = live[0]
            bdpm_twins = [x for x in named if x.linked_identifier == m.identifier and x.authorised]
            text = say(
                "authorised",
                product=_label(m),
                by=_ema_or_bdpm_clause(m),
                since=say("authorised_since", date=long_date(m.authorisation_date)) if m.authorisation_date else "",
                source=ema_src if m.registry == "EMA" else bdpm_src,
                in_bdpm=say("authorised_in_bdpm", bdpm=bdpm_src, cis=bdpm_twins[0].identifier)
                if bdpm_twins and m.registry == "EMA"
                else "",
            )
            if as_of is not None and not m.authorised:
                ended = _ended(m.status) + (say("on_date", date=long_date(m.end_date)) if m.end_date else "")
                text += say("authorised_then_ended", date=long_date(as_of), ended=ended)
        else:
            status = "uncertain"
            text = say("uncertain", category=cat, products=listed, both=both_src)
    elif past:
        status = "withdrawn"
        parts = []
        for m in past[:6]:
            granted = (
                say("granted_on", date=long_date(m.authorisation_date)) if m.authorisation_date else say("granted")
            )
            if m.registry == "EMA":
                ended = (
                    say("ended_ema", ended=_ended(m.status), date=long_date(m.end_date))
                    if m.end_date
                    else say("ended_ema_undated", ended=_ended(m.status))
                )
            else:
                ended = say("ended_bdpm", status=m.status, bdpm=bdpm_src)
            parts.append(say("withdrawn_product", product=_label(m), granted=granted, by=_ema_or_bdpm_clause(m), ended=ended))
        # « aucun ne dispose » after a single product read as a grammatical slip in a Considérant
        if named:
            variant = "named" if len(past) == 1 else "named_several"
        else:
            variant = "one" if len(past) == 1 else "several"
        text = say_label(
            "withdrawn", variant, category=cat, products=separator.join(parts), ema=ema_src, bdpm=bdpm_src
        )
    else:
        status = "not_authorised"
        text = ""  # the family statement; the lead sentence (not_found) is added below
        if never:
            outcomes = [
                say(
                    "refused_product",
                    product=_label(m),
                    outcome=_not_granted(m.status),
                    when=say("on_date", date=long_date(m.end_date)) if m.end_date else "",
                )
                for m in never[:5]
            ]
            target = say("refused_target_named") if named else say("refused_target_family")
            text = say("refused", target=target, outcomes=separator.join(outcomes))
    if real_names and not named:
        # The product itself is in no register; the family's statement is context.
        notes.append(f"no register entry matches the product name(s) {real_names!r}")
        connector = say("then_also") if status == "withdrawn" else say("then_besides")
        if weak:
            notes.append("approximate name match: " + ", ".join(m.product for m in weak[:5]))
            lead = say(
                "near_name",
                names=shown,
                bdpm=bdpm_src,
                ema=ema_src,
                products=join([_label(m) for m in _primary(weak)[:3]]),
            )
            if status in ("not_authorised", "withdrawn"):
                status = "uncertain"
        else:
            lead = not_found
            if status == "withdrawn":
                status = "not_authorised"  # this product never was; others of its kind were
        text = say("then", lead=lead, connector=connector, statement=text) if text else lead
    elif status == "not_authorised":
        text = say("in_turn", lead=not_found, statement=text) if text else not_found
    if any(d is None for d in diseases):
        notes.append(
            "ICD-10 code(s) without indication keywords: "
            + ", ".join(c for c, d in zip(diseases_icd10, diseases, strict=True) if d is None)
        )
    for s in sources.values():
        if as_of and s.snapshot_date and as_of > s.snapshot_date:
            notes.append(
                f"{s.registry} snapshot ({s.snapshot_date}) is older than the date of the facts ({as_of})"
            )
    explanation = "; ".join(
        [
            f"basis: {'named product' if named else 'family ' + family} ({len(basis)} entries)",
            *(
                f"{m.registry} {m.identifier} {m.product!r}: {m.status}; areas: {m.therapeutic_area or '-'}"
                for m in basis[:10]
            ),
            *notes,
        ]
    )
    return AuthorisationAnswer(
        therapy=family,
        query_terms=query_terms,
        status=status,
        matches=_dedupe(named + weak + family_all)[:50],
        sources=list(sources.values()),
        text_fr=text,
        explanation=explanation,
        as_of=as_of,
        diseases_icd10=list(diseases_icd10),
    )
