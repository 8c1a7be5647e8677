"""EU-level law shared by every Member State jurisdiction (regulations, directive 2001/83).

A national jurisdiction lists ``"EU"`` in its ``shared`` levels to cite these articles and
to run the EU-level rules of :mod:`vigipub.qualify.rules.eu` (ATMP classification,
centralised authorisation) without copying them.
"""
