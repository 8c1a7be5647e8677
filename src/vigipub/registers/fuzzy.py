"""A bounded edit distance for the register search (a typo in a product name still finds it).

Names and queries are compared in the form :func:`vigipub.evidence.french.search_key` gives
them (lower case, no accents, single spaces), so that the index never depends on SQLite's
own (version-dependent) diacritics handling.
"""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between ``a`` and ``b``, or ``limit + 1`` if above.

    Transpositions count as one edit (``kymirah`` → ``kymriah``), which is the commonest typo.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        row_min = i
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1
