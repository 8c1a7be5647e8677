"""Triage of WARC collections at scale (local pool and Spark), thin over ``detect``.

Not built yet: this package is reserved so that the architecture contracts name it.
"""
