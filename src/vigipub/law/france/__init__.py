"""French law (jurisdiction ``FR``): CSP, CRPA and CPP articles, parameters and defences.

The French jurisdiction shares the EU-level articles of :mod:`vigipub.law.eu` (see
:func:`vigipub.law.jurisdictions.france`).
"""
