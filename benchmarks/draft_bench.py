"""Drafting time against the number of claims in a case file: it must grow linearly.

Issue 18 measured 39 s for 2,750 claims, 100 s for 5,500 and over 240 s for 11,000 (quadratic),
and a 20 MB case file never finished. A case file now holds at most 200 claims (refused above,
with the limit in the message); this measures 25 to 200 claims in one process, each step split
into its parts (the detector's reading of the quotes, the qualification, the rendering of the
decision), fastest of three passes. The reference printed with the figures is the 25-claim run:
a linear draft takes about n/25 times as long.

    .venv/bin/python benchmarks/draft_bench.py
"""

from __future__ import annotations

import os
import time
from datetime import date

from vigipub.documents import render_decision
from vigipub.evidence import Case
from vigipub.pipeline import qualify_case, read_case

SIZES = (25, 50, 100, 200)


def case_with(n: int) -> Case:
    return Case.model_validate(
        {
            "company": {"name": "Clinique Exemple SA", "addresses": ["1 rue de l'Exemple, Genève"], "country": "CH"},
            "websites": ["https://clinique.example/fr/"],
            "product": "thérapie cellulaire dendritique",
            "product_article": "la",
            "events": [{"date": "2025-03-03", "kind": "letter_of_intent"}],
            "decision": {"date": "2025-04-20"},
            "claims": [
                f"La thérapie dendritique guérit le cancer numéro {k} sans effet secondaire, avec {k} % de réussite."
                for k in range(n)
            ],
            "established": {"french_version": True, "preparation": ["Les cellules sont mises en culture."]},
        }
    )


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    read_case(case_with(1))  # warm-up: the detector's lexicons are compiled once per process
    print(f"load: {os.getloadavg()[0]:.2f} (CPU time per step, fastest of 3 passes)")
    print(f"{'claims':>7} {'reading':>9} {'qualify':>9} {'render':>9} {'total':>9} {'x ref':>7} {'n/25':>6}")
    reference = None
    for n in SIZES:
        case = case_with(n)
        reading = best_of(3, lambda case=case: read_case(case))
        result = qualify_case(case, [], [], date_of_facts=date(2025, 3, 3), consult_registers=False)
        qualifying = best_of(3, lambda case=case: qualify_case(case, [], [], date_of_facts=date(2025, 3, 3), consult_registers=False))
        rendering = best_of(3, lambda case=case, q=result.qualification: render_decision(q, case, strict=False))
        total = qualifying + rendering  # qualify_case includes the reading
        reference = reference or total
        print(f"{n:>7} {reading:>8.3f}s {qualifying:>8.3f}s {rendering:>8.3f}s {total:>8.3f}s {total / reference:>6.1f}x {n / SIZES[0]:>5.0f}x")


if __name__ == "__main__":
    main()
