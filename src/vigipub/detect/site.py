"""Site context: a page is judged with what the rest of its site establishes.

Clinics spread an offer over pages: the therapy is named on the treatment page, the results
(« 71 % des patients… »), the prices and the patients' stories sit on pages that do not name it
again. An inspector reads a site as a whole; so does this step, run after every page was
judged alone:

1. the site's therapy is what its promotion pages name (the families, with their findings);
2. a page that does not name a therapy is judged again by the same model as if it named the
   site's therapy (:func:`vigipub.detect.features.with_site_therapy`);
3. on such a site, a page carrying its own claims, testimonials, prices, or a description of
   how the cells are prepared, without reporting cues, is promotion of the site's therapy
   even when the model alone would not say so (the rule is explicit and cited in the page's
   reasons).

A page keeps its own verdict in ``page_verdict`` when the context changes it. Pages in a
language we have no lexicon for keep their verdict (never a false accusation), and so do pages
that report or warn, and every page of a veterinary site.
"""

from __future__ import annotations

from collections import Counter

from vigipub.evidence.findings import Contribution, Finding, PageAnalysis, Verdict
from vigipub.evidence.sites import site_of
from vigipub.evidence.vocabulary import JOB_POSTING_GENRE, THERAPY_FAMILIES, VESICLE_FAMILIES

from . import features as feats
from .operator import is_legal_notice
from .verdict import BOOKING_CALLS, OTHER_LANGUAGE, TextScore, VerdictModel

#: therapy findings cited as the evidence of the site's therapy
_CITED = 5
#: a sentence on at least this many pages (and on half of them) is the site's template
_TEMPLATE_MIN_PAGES = 3
_RANK: dict[str, int] = {"not_promotion": 0, "uncertain": 1, "promotion": 2}


#: cell families that name no particular cells: a site naming them beside a precise family
#: (mesenchymal, cord, fat…) speaks of the same product
_GENERIC_CELLS = frozenset({"stem_cells", "cell_therapy_other"})
#: reporting cues that make a sentence speak *against* what it names: « les injections de
#: cellules souches proposées à l'étranger ne sont pas autorisées en France »
_WARNING_CUES = frozenset({"warning", "unauthorised", "refutation"})


def _offered(findings: list[Finding]) -> list[Finding]:
    """The therapy findings that may name what the site offers: a medicine
    (:attr:`Finding.names_a_medicine`: not the cells that made its exosomes, nor PRP or a hair
    transplant, which beside a medicine do not make the site its promoter), and not one named in
    a sentence that warns against it or says it is not authorised (an aesthetic clinic
    contrasting its PRP with « les injections de cellules souches, qui ne sont pas autorisées en
    France » does not offer stem cells)."""
    warned = {
        (f.start, f.end) for f in findings if f.kind == "reporting_context" and f.subkind in _WARNING_CUES
    }
    return [f for f in findings if f.names_a_medicine and (f.start, f.end) not in warned]


def _site_therapy(promotion: list[PageAnalysis]) -> tuple[str, list[str], str] | None:
    """(French label of the site's main therapy, ids of findings naming it, page naming it).

    None when the pages name no therapy of interest, or only one that is no medicine alone
    (PRP, :data:`NOT_MEDICINES_ALONE`): an aesthetic clinic's PRP pages are never raised as
    the promotion of a medicinal product."""
    counts: Counter[str] = Counter()
    ids: list[str] = []
    page = ""
    for analysis in promotion:
        for f in _offered(analysis.findings):
            counts[f.subkind] += 1
            if len(ids) < _CITED:
                ids.append(f.id)
                page = page or analysis.url
    if not counts:
        return None
    families = [fam for fam, _n in counts.most_common(2)]
    named = set(families)
    if len(named) == 2 and _GENERIC_CELLS & named and not VESICLE_FAMILIES & named:
        # « cellules souches » and « cellules souches mésenchymateuses » name one product: its
        # precise name (« thérapie par cellules souches et cellules souches mésenchymateuses » was
        # how a Scottsdale clinic's offer of cord MSCs read)
        families = [fam for fam in families if fam not in _GENERIC_CELLS] or families[:1]
    return " et ".join(THERAPY_FAMILIES[fam][0] for fam in families), ids, page


def _reports(values: dict[str, float]) -> bool:
    """The page reports or warns (it speaks about an offer, not for it)."""
    return bool(values.get("reporting") or values.get("reported_claims") or values.get("genre_reporting", 0.0) >= 1.5)


def _site_items(page: feats.PageFindings) -> list[str]:
    """What the page carries that, on a promoting site, is promotion of its therapy."""
    items = []
    if page.own_claims:
        items.append("claims")
    if page.testimonials:
        items.append("testimonials")
    if any(f.subkind in ("price", "package") for f in page.calls):
        items.append("price")
    if page.manipulation:
        items.append("manipulation")
    # « Ücretsiz ön değerlendirme için bize yazın » under « otizm, MS, ALS »: the site's home or a
    # disease page that invites the reader to consult, on a site whose offer other pages make
    if (page.therapy or page.disease) and any(f.subkind in BOOKING_CALLS for f in page.calls):
        items.append("booking")
    return items


def _site_findings(findings: list[Finding]) -> list[Finding]:
    """A site's page findings as the site context reads them: less the reporting cues of
    sentences that are testimonials (whose claims are the story's, not reported), and less the
    statements that health insurance does not cover the treatment."""
    stories = {(f.start, f.end) for f in findings if f.kind == "testimonial"}
    out = []
    for f in findings:
        if f.kind == "reporting_context" and f.subkind == "non_coverage":
            # « not covered by health insurance » is what a provider says of its price on its
            # own site; a report of the same says more (warnings, research, attribution)
            continue
        if (f.start, f.end) not in stories:
            out.append(f)
        elif f.kind == "claim" and f.attributes.get("reported") == "yes":
            out.append(f.model_copy(update={"attributes": {k: v for k, v in f.attributes.items() if k != "reported"}}))
        elif f.kind != "reporting_context":
            out.append(f)
    return out


def _template_quotes(pages: list[PageAnalysis]) -> set[str]:
    """Sentences repeated on most pages of the site: its menu, header and footer.

    « Témoignages » in a menu is a link to the stories, not a story: a finding in the site's
    template says nothing of the page it is repeated on.
    """
    urls = {p.url for p in pages}
    if len(urls) < _TEMPLATE_MIN_PAGES:
        return set()
    seen: dict[str, set[str]] = {}
    for page in pages:
        for f in page.findings:
            seen.setdefault(_quote_key(f), set()).add(page.url)
    bar = max(_TEMPLATE_MIN_PAGES, len(urls) // 2)
    return {quote for quote, where in seen.items() if len(where) >= bar}


def _quote_key(f: Finding) -> str:
    """A finding's quote as the template compares it (white space collapsed)."""
    return " ".join(f.quote.split())


def _off_template(findings: list[Finding], template: set[str]) -> list[Finding]:
    """``findings`` less those quoting a sentence of the site's template."""
    return [f for f in findings if _quote_key(f) not in template]


def _cleared(model: VerdictModel, page: PageAnalysis, reason: str) -> PageAnalysis:
    """``page`` cleared by its site, for ``reason`` (said after the page's own score; its own
    verdict kept in ``page_verdict``, its score no higher than the clearing threshold)."""
    return page.model_copy(
        update={
            "verdict": "not_promotion",
            "score": round(min(page.score, model.clear_below), 4),
            "reasons": [page.reasons[0], reason, *page.reasons[1:]] if page.reasons else [reason],
            "page_verdict": page.verdict,
        }
    )


def judge_in_site(model: VerdictModel, pages: list[PageAnalysis]) -> list[PageAnalysis]:
    """The pages of one site, each judged again with what the others establish."""
    if len({p.url for p in pages}) < 2:
        # one page is its own site: no other page establishes anything (read "together", its
        # findings would only be judged a second time, less the reporting cues of its stories:
        # a parent's fundraiser, « La clinique nous a expliqué que 80 % des enfants progressent
        # après le traitement », was raised so)
        return list(pages)
    template = _template_quotes(pages)
    # a veterinary site (most of its pages naming a therapy, outside the site's menu and footer,
    # treat animals): its other pages speak of the same animals' treatment, and are never raised
    # to the promotion of a human medicine
    # pages by position: a page's findings are read once, and no page is compared field by field
    named = {
        i
        for i, p in enumerate(pages)
        if any(f.kind == "therapy" for f in _off_template(p.findings, template))
    }
    veterinary = {i for i, p in enumerate(pages) if feats.is_veterinary(p.findings)}
    named_veterinary = named & veterinary
    if 2 * len(named_veterinary) > len(named):
        # and its pages that name the therapy without an animal (« Injection de cellules souches :
        # 1 200 € », « Prenez rendez-vous ») are the same veterinary offer: cleared, with the
        # site's reason (their own verdict is kept in page_verdict)
        reason = model._reason("site_veterinary", n=len(named_veterinary), total=len(named))
        return [
            _cleared(model, page, reason)
            if page.verdict != "not_promotion" and i in named and i not in veterinary
            else page
            for i, page in enumerate(pages)
        ]
    # a legal notice (« mentions légales », Impressum) names the operator and its professional
    # body (« Zuständige Ärztekammer »): it neither offers nor reports, and is never raised
    notices = {p.url for p in pages if is_legal_notice(p.url, p.title)}
    # a job advertisement (the careers page: « Stellenangebot », /karriere/) addresses
    # candidates: its « GMP » and « Zellkultur » are the work, not the site's offer to patients
    jobs = {p.url for p in pages if any(f.kind == "genre" and f.subkind == JOB_POSTING_GENRE for f in p.findings)}
    # pages that neither offer nor report, and that their site never raises
    apart = notices | jobs
    established = [p for p in pages if p.verdict == "promotion"]
    if not established:
        # No page says it all: the site as a whole may (claims on one page, prices on another,
        # stories on a third). Its pages' own findings are judged together.
        read = [p for p in pages if p.language != OTHER_LANGUAGE and p.url not in apart]
        together = _site_findings(
            _off_template([f for p in read for f in p.findings], template)
        )
        # the site's text reads as its pages' texts do on average
        text = TextScore(sum(TextScore.of_analysis(p, model).total for p in read) / len(read)) if read else None
        if together and model.judge(together, model.min_text_chars, text=text).verdict == "promotion":
            established = [p for p in pages if p.verdict == "uncertain"] or list(pages)
    therapy = _site_therapy(established) if established else None
    if therapy is None:
        return _template_cleared(model, list(pages), template)
    label, ids, named_on = therapy
    item_labels: dict[str, str] = model.labels.get("reasons", {}).get("site_rule_items", {})
    out: list[PageAnalysis] = []
    for i, page in enumerate(pages):
        if page.url in notices and page.verdict == "uncertain":
            # read alone, a legal notice carries the site's menu (« Exosomes capillaires », « Prendre
            # rendez-vous »); in its site, those are the template, and the page names the operator
            out.append(_cleared(model, page, model._reason("site_notice")))
            continue
        if page.verdict == "promotion" or page.language == OTHER_LANGUAGE or not page.findings or page.url in apart:
            out.append(page)
            continue
        # the page's own findings, without the site's repeated menu and footer, nor the reported
        # speech cue of a patient's story (« “I can walk again,” says Laura, 44 » is how a clinic
        # shows its testimonials, not a report of somebody else's words)
        findings = _site_findings(
            _off_template(page.findings, template)
        )
        grouped = feats.PageFindings.of(findings)
        values, _evidence = feats.compute(findings, grouped)
        if not findings or _reports(values) or i in veterinary:
            # a page that reports, or whose patients are animals, is never raised by its site
            out.append(page)
            continue
        own_therapy = bool(grouped.therapy)
        if not own_therapy and feats.says_cosmetic(findings):
            # a shop's page of another product, a cosmetic (« Sérum aux exosomes de rose… Produit
            # cosmétique »): its price and its claims on the skin are not the site's therapy's
            out.append(page)
            continue
        j = model.judge(
            findings,
            model.min_text_chars,
            language=page.language,
            site_therapy=None if own_therapy else (label, ids),
            text=TextScore.of_analysis(page, model),
        )
        verdict: Verdict = j.verdict
        reasons = list(j.reasons)
        contributions = list(j.contributions)
        items = _site_items(grouped)
        if not own_therapy:
            reasons.insert(1, model._reason("site_context", therapie=label, page=named_on))
        if verdict != "promotion" and items:
            verdict = "promotion"
            reasons.insert(
                1,
                model._reason(
                    "site_rule", therapie=label, liste=", ".join(item_labels.get(i, i) for i in items)
                ),
            )
            contributions.insert(
                0,
                Contribution.model_construct(
                    feature="site_therapy",
                    label=model.labels.get("features", {}).get("site_therapy", "site_therapy"),
                    value=1.0,
                    weight=0.0,
                    findings=ids,
                ),
            )
            reasons[0] = model._reason(
                "score",
                verdict=model.verdict_label(verdict),
                p=f"{j.score:.2f}".replace(".", ","),
                haut=f"{model.promote_at:.2f}".replace(".", ","),
                bas=f"{model.clear_below:.2f}".replace(".", ","),
            )
        if _RANK[verdict] <= _RANK[page.verdict]:
            out.append(page)  # the context never lowers a page's verdict
            continue
        out.append(
            page.model_copy(
                update={
                    "verdict": verdict,
                    "score": round(max(j.score, page.score), 4),
                    "reasons": reasons,
                    "drivers": ids + [d for d in j.drivers if d not in ids][:15],
                    "features": j.features,
                    "contributions": contributions,
                    "page_verdict": page.verdict,
                }
            )
        )
    return _template_cleared(model, out, template)


def _template_cleared(model: VerdictModel, pages: list[PageAnalysis], template: set[str]) -> list[PageAnalysis]:
    """``pages`` with each page left uncertain only by its site's template cleared.

    Read alone, a privacy policy or a contact page carries the site's menu and footer
    (« Exosomes cheveux et peau », « Avis patients », « Devis gratuit »), which may be enough
    for a human to be asked to read it. In its site, those are the template, the same on every
    page. A page uncertain on its own is cleared with the site's reason (its own verdict kept
    in ``page_verdict``) when its own findings, less the template, hold nothing of an offer of
    its own (no therapy, disease, claim, story, price or description of the cells' preparation:
    a broker's FAQ answering « Y a-t-il des risques ? » with « aucun rejet » keeps its verdict)
    and would be ``not_promotion``. A page that the site context raised, or one in a language
    we cannot read, keeps its verdict.
    """
    if not template:
        return pages
    out = []
    for page in pages:
        if page.verdict != "uncertain" or page.page_verdict is not None or page.language == OTHER_LANGUAGE:
            out.append(page)
            continue
        own = _off_template(page.findings, template)
        if len(own) == len(page.findings):
            out.append(page)  # nothing of the template: its uncertainty is its own
            continue
        own = _site_findings(own)
        grouped = feats.PageFindings.of(own)
        if grouped.therapy or grouped.disease or grouped.reported_claims or _site_items(grouped):
            # something of an offer of its own (what the site rule would raise, or a therapy,
            # a disease, a claim it reports): a human reads it
            out.append(page)
            continue
        alone = model.judge(own, model.min_text_chars, language=page.language, text=TextScore.of_analysis(page, model))
        out.append(_cleared(model, page, model._reason("site_template")) if alone.verdict == "not_promotion" else page)
    return out


def judge_sites(model: VerdictModel, pages: list[PageAnalysis]) -> list[PageAnalysis]:
    """Every page judged in the context of its own site (pages grouped by host), in order."""
    by_site: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        by_site.setdefault(site_of(page.url), []).append(i)
    out: list[PageAnalysis] = list(pages)
    for indices in by_site.values():
        judged = judge_in_site(model, [pages[i] for i in indices])
        for i, page in zip(indices, judged, strict=True):
            out[i] = page
    return out
